"""How much of each article a reader could rebuild from the published site.

An article word counts as *reconstructible* when it lies inside a run of `RUN` (six) or
more consecutive words that also appears, word for word, somewhere on the built site:
in the visible text of any HTML page (quotes and the site's own prose alike, hidden
elements and tooltips included, so nothing escapes the count) or in a published data
file (`facts.json`, `timeline.json`, `feed.xml`). The site promises to quote, not to
republish: at most `LIMIT` (20 %) of any article's words may be reconstructible.

Words are compared after the same normalisation on both sides (Unicode NFKC, case,
accents, apostrophes and hyphens split words), so a copy is still found when the site
changed « Etats-Unis » into « États-Unis ».

Used by `tests/engine/test_reuse.py` (the built site must pass) and `scripts/reuse.py` (the table).
"""

from __future__ import annotations

import html.parser
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

RUN = 6
LIMIT = 0.20
#: Published data files whose text counts as the site's (besides the HTML pages).
DATA_FILES = ("facts.json", "timeline.json", "feed.xml")

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The words of a text, normalised: NFKC, lower case, no accents; apostrophes, hyphens
    and every other non-word character separate words."""
    folded = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _WORD.findall(folded)


class _Text(html.parser.HTMLParser):
    """Every text node of a page (but scripts and styles) and the text of its `title`,
    `alt` and `aria-label` attributes, which readers also see."""

    SKIP = {"script", "style"}
    #: Elements that end a line of text: a run of words never spans two of them. Inline
    #: elements (links, quotes, abbreviations, emphasis) do not break a run.
    BLOCKS = {"p", "li", "ul", "ol", "div", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table",
              "br", "figcaption", "figure", "section", "article", "header", "footer", "nav", "blockquote",
              "dd", "dt", "dl", "details", "summary", "title", "text", "tspan", "desc", "svg", "g", "option",
              "label", "button", "entry", "content", "meta"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.attributes: list[str] = []  # kept apart: a tooltip does not interrupt the text around it
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skip += 1
        for name, value in attrs:
            if name in ("title", "alt", "aria-label") and value:
                self.attributes.append(value)
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def page_text(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts) + "\n" + "\n".join(parser.attributes)


def site_texts(site: Path) -> dict[str, str]:
    """{path relative to the site: text} for every HTML page and published data file."""
    out = {}
    for path in sorted(site.rglob("*.html")):
        out[path.relative_to(site).as_posix()] = page_text(path.read_text(encoding="utf-8"))
    for name in DATA_FILES:
        path = site / name
        if not path.is_file():
            continue
        raw = path.read_text(encoding="utf-8")
        if name.endswith(".json"):
            out[name] = "\n".join(_strings(json.loads(raw)))
        else:  # Atom: entities decoded, then the HTML the entries carry as text
            out[name] = page_text(page_text(raw))
    return out


def _strings(value: object) -> list[str]:
    """Every string in a JSON document, keys excepted, each on its own line."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def runs(texts: dict[str, str], n: int = RUN) -> set[tuple[str, ...]]:
    """Every run of `n` consecutive words in the site's texts."""
    out: set[tuple[str, ...]] = set()
    for text in texts.values():
        for block in text.split("\n"):
            w = words(block)
            out.update(tuple(w[i : i + n]) for i in range(len(w) - n + 1))
    return out


@dataclass
class Coverage:
    article: str
    words: int
    covered: int

    @property
    def share(self) -> float:
        return self.covered / self.words if self.words else 0.0


def coverage(article_id: str, article_text: str, site_runs: set[tuple[str, ...]], n: int = RUN) -> Coverage:
    """How many of the article's words lie in a run of `n` words found on the site."""
    w = words(article_text)
    covered = [False] * len(w)
    for i in range(len(w) - n + 1):
        if tuple(w[i : i + n]) in site_runs:
            for j in range(i, i + n):
                covered[j] = True
    return Coverage(article_id, len(w), sum(covered))


def measure(site: Path, articles: dict[str, str], n: int = RUN) -> list[Coverage]:
    """Coverage of each article ({id: text lines}) by the built site in `site`."""
    site_runs = runs(site_texts(site), n)
    return [coverage(aid, text, site_runs, n) for aid, text in articles.items()]
