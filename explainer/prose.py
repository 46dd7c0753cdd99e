"""What a reader reads on the built site: the prose of each page, its words, and how many
times each fact's text is printed in full.

*Prose* is the text of a page's content (`<article class="md-content__inner">`) as a reader
sees it: navigation, header, footer, sidebars, scripts, styles, pictures (SVG), buttons,
hidden elements (`hidden`, the search-only text, and the words only screen readers get,
`.visually-hidden`, as aria-labels are not counted either) and the `#` anchors of headings
are left out; quotes, tables, captions and code blocks are in. A *word* is a run of letters or
digits, with the apostrophes and hyphens inside it (« l'application », « États-Unis » and
« 2020 » are one word each), as a word processor counts French.

Used by `tests/engine/test_prose.py` (the budget and « each fact told once » on the built site)
and `scripts/prose.py` (the table, for before/after figures).
"""

from __future__ import annotations

import html.parser
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .status import STATUSES

#: Words of prose the whole site may print (issue 15: from 15,763 to at most 9,500; issue 24:
#: at most 7,000, no page over PAGE_BUDGET, « selon un article » at most HEDGE_BUDGET times).
BUDGET = 7000
#: What the site prints today, as a ratchet under BUDGET (6,986 words after issue 24's seventh
#: prose pass and readings L to O's fixes, 7 December 2026, from 8,700 that morning: one chronology on
#: Échéances, compact Divergences and nuances, shorter fact texts, page furniture and notes told
#: once). Nothing may grow past it: a sentence added pays for itself.
CEILING = 6986
PAGE_BUDGET = 1100
HEDGE = "selon un article"
HEDGE_BUDGET = 20
#: The status signs as a reader sees them in the prose (explainer/status.py owns them).
SIGNS = "".join(s.sign for s in STATUSES.values())

_WORD = re.compile(r"[^\W_]+(?:['’\-‑][^\W_]+)*")
_SPACES = re.compile(r"\s+")


def words(text: str) -> int:
    """The number of words in a text (see the module's docstring)."""
    return len(_WORD.findall(text))


_SIGN = re.compile(f"[{SIGNS}]")
#: Two or more signs with nothing but spaces between them: a row no reader can tell apart.
_SIGN_RUN = re.compile(f"[{SIGNS}](?:\\s*[{SIGNS}])+")


def signs(text: str) -> int:
    """How many status signs a text shows."""
    return len(_SIGN.findall(text))


def sign_runs(text: str) -> list[str]:
    """The rows of two or more status signs in a text."""
    return _SIGN_RUN.findall(text)


def hedges(text: str) -> int:
    """How many times a text says « selon un article » (any case)."""
    return normalise(text).casefold().count(HEDGE)


def normalise(text: str) -> str:
    """Text compared as a reader reads it: NFC, one kind of apostrophe, every run of
    spaces (no-break ones included) one space."""
    text = unicodedata.normalize("NFC", text).replace("’", "'")
    return _SPACES.sub(" ", text).strip()


class _Prose(html.parser.HTMLParser):
    #: Elements whose content is not prose.
    SKIP = {"script", "style", "svg", "nav", "header", "footer", "button", "template", "noscript", "head"}
    #: Classes whose element is not prose: the headings' and elements' `#` anchors, and the
    #: words for screen readers only (the status of a sign, the count of a fact's quotes).
    SKIP_CLASSES = {"headerlink", "permalink-anchor", "visually-hidden"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    #: Elements that separate lines of text (a fact's text never spans two of them).
    BLOCKS = {"p", "li", "ul", "ol", "div", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table",
              "br", "figcaption", "figure", "section", "article", "blockquote", "dd", "dt", "dl", "details",
              "summary", "pre", "aside"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._stack: list[tuple[str, bool, bool]] = []  # (tag, skipped, is the content)
        self._skip = 0
        self._content = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")
        if tag in self.VOID:
            return
        found = dict(attrs)
        classes = set((found.get("class") or "").split())
        skipped = tag in self.SKIP or "hidden" in found or bool(classes & self.SKIP_CLASSES)
        content = tag == "article" and "md-content__inner" in classes
        self._stack.append((tag, skipped, content))
        self._skip += skipped
        self._content += content

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")
        if tag in self.VOID or not any(t == tag for t, _, _ in self._stack):
            return
        while self._stack:
            name, skipped, content = self._stack.pop()
            self._skip -= skipped
            self._content -= content
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._content and not self._skip:
            self.parts.append(data)


def prose(page_html: str) -> str:
    """The prose of one built page, one line per block (paragraph, list item, cell…)."""
    parser = _Prose()
    parser.feed(page_html)
    parser.close()
    lines = (normalise(line) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class Page:
    url: str  # site-relative: "/", "/calendrier/", "/sources/a001/"
    text: str

    @property
    def words(self) -> int:
        return words(self.text)


def site_pages(site: Path) -> list[Page]:
    """Every page of a built site a reader can reach (the 404 page and the search's own
    files left out), in URL order."""
    out = []
    for path in sorted(site.rglob("index.html")):
        rel = path.relative_to(site).parent.as_posix()
        if rel.split("/")[0] in ("search", "assets", "schema"):
            continue
        url = "/" if rel == "." else f"/{rel}/"
        out.append(Page(url, prose(path.read_text(encoding="utf-8"))))
    return out


def prints(pages: list[Page], text: str) -> list[str]:
    """The pages (one entry per print) where `text` is printed in full, within one block."""
    needle = normalise(text)
    return [p.url for p in pages for line in p.text.split("\n") for _ in range(line.count(needle))]
