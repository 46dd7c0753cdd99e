"""Text filters used by the templates: Markdown-safe escaping, French typography (dates are
worded by explainer/dates.py)."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re

from markupsafe import Markup, escape

from . import dates

NBSP = "\u00a0"
NNBSP = "\u202f"

#: The characters Markdown gives a meaning to, backslash-escaped: the escapes every Markdown
#: engine honours (Python-Markdown's own list with the tables extension's "|", but ">", an entity; all are
#: CommonMark escapes too). Escaping any other character would print the backslash in an engine
#: without pymdownx.escapeall (Zensical, plain Python-Markdown), so nothing else is escaped.
MD_ESCAPED = frozenset("\\`*_{}[]()#+-.!|")
#: HTML's special characters, and "=" (a line of "=" under text makes a heading), as entities.
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;", "=": "&#61;"}


_SPACES = re.compile(" {2,}")
#: md_escape's replacements, one lookup per character (`str.translate`).
_MD_TABLE = str.maketrans({**{ch: "\\" + ch for ch in MD_ESCAPED}, **_ENTITIES, "\r": " ", "\n": " ", "\t": " "})


def md_escape(value: object) -> Markup:
    """Text shown exactly as written inside a Markdown page: no Markdown, no HTML, no Jinja.

    The characters Markdown reads as syntax are backslash-escaped and HTML's special
    characters become entities, so the page shows the characters themselves and nothing
    can become markup, in MkDocs and in Zensical alike (no escape either engine prints).
    """
    if isinstance(value, Markup):
        return value
    return _md_escape_text(str(value))


@functools.lru_cache(maxsize=16384)
def _md_escape_text(value: str) -> Markup:
    """`md_escape` of plain text: a story prints the same names and words on many pages."""
    escaped = value.translate(_MD_TABLE)
    # Runs of spaces mean nothing in a page, but four at the start of a line make a code
    # block and two at the end a line break: keep one space between words, none around.
    return Markup(_SPACES.sub(" ", escaped).strip(" "))


def finalize(value: object) -> object:
    """Jinja's finalize hook: every plain value printed by a template is escaped."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    if isinstance(value, (int, float)):
        return value
    return md_escape(value)


def yaml_str(value: object) -> Markup:
    """A front-matter value: one YAML double-quoted string (a JSON string, which YAML reads
    the same), with the characters YAML 1.1 takes for line breaks escaped too."""
    quoted = json.dumps(str(value), ensure_ascii=False)
    for ch in "\u0085\u2028\u2029":
        quoted = quoted.replace(ch, f"\\u{ord(ch):04x}")
    return Markup(quoted)


def attr(value: object) -> Markup:
    """A value for an HTML attribute or a raw HTML context (HTML escaping only)."""
    return escape(str(value))


#: What an address may show as itself inside a Markdown-processed line: letters, digits and
#: the few signs no Markdown pattern uses. Everything else becomes a numeric character
#: reference, which the browser reads back as the character.
_URL_KEPT = re.compile(r"[A-Za-z0-9/:.%-]")


def url_attr(value: object) -> Markup:
    """An address for an HTML attribute (`href`, `cite`) on a line Markdown processes.

    HTML escaping alone is not enough there: Python-Markdown runs its inline patterns (links,
    code, emphasis, autolinks) before it sets raw HTML aside, so `[x](…)` inside `cite="…"`
    would become a link whose own quotes close the attribute. Every character but letters,
    digits and `/:.%-` is written `&#N;`: Markdown sees no syntax, the browser the same address."""
    return Markup("".join(ch if _URL_KEPT.fullmatch(ch) else f"&#{ord(ch)};" for ch in str(value)))


def oneline(value: object, limit: int = 0) -> Markup:
    """A value folded onto one line (shortened on a word when `limit` is set), unescaped.

    For an abbreviation's definition, which the abbr extension puts in an attribute and
    escapes itself.
    """
    text = " ".join(str(value).split())
    if limit and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return Markup(text)


_SENTENCE_END = re.compile(r"[.!?…](?:[ \u00a0\u202f]*»)?(?=\s|$)")


def sentences(value: object, limit: int) -> str:
    """The text's whole sentences that fit in `limit` characters (a preview ends at a sentence,
    never mid-sentence); a first sentence longer than that is shortened on a word, with « … »."""
    text = " ".join(str(value).split())
    if len(text) <= limit:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text) if m.end() <= limit]
    if ends:
        return text[: ends[-1]]
    return str(oneline(text, limit))


def meta(value: object, limit: int = 0) -> Markup:
    """A page metadata value (title, description): one line, HTML-escaped; with `limit`, the
    whole sentences that fit (`sentences`).

    MkDocs' theme environment does not escape `page.meta`, so it is escaped here.
    """
    return Markup(escape(sentences(value, limit) if limit else str(oneline(value))))


_SPACE_BEFORE = re.compile(r"[ \u00a0\u202f]*([;!?])")
_SPACE_BEFORE_COLON = re.compile(r"[ \u00a0\u202f]+:")
_OPEN = re.compile(r"«[ \u00a0\u202f]*")
_CLOSE = re.compile(r"[ \u00a0\u202f]*»")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def typography(value: str) -> str:
    """French typography for the site's own prose (never for quotes).

    Narrow no-break space before ; ! ? (added when missing), no-break space before :
    (only where a space was typed, so times and URLs are left alone) and inside « »,
    and a typographic apostrophe.
    """
    return _typography(str(value))


@functools.lru_cache(maxsize=16384)
def _typography(text: str) -> str:
    """`typography` of a plain string (the same titles and names come back on many pages)."""
    text = _SPACE_BEFORE.sub(lambda m: NNBSP + m.group(1), text)
    text = _SPACE_BEFORE_COLON.sub(NBSP + ":", text)
    text = _OPEN.sub("«" + NBSP, text)
    text = _CLOSE.sub(NBSP + "»", text)
    text = _APOSTROPHE.sub("’", text)
    return text


def datetime_attr(value: str) -> Markup:
    """` datetime="…"` for a <time> element when the date is one HTML can state (a day, a
    month, a year); nothing for a period or a season, which HTML has no form for."""
    if re.fullmatch(dates.ISO_RE, str(value), re.ASCII):
        return Markup(f' datetime="{escape(str(value))}"')
    return Markup("")


_ELIDABLE = re.compile(r"(?:^|(?<=\s))(de|que|le|la)$")
_VOWEL = re.compile(r"^[aeiouyhàâéèêëîïôûAEIOUYHÀÂÉÈÊËÎÏÔÛ]")
_H_ASPIRE = ("haut", "hon", "hach", "hasard", "hauss")  # no elision before an aspirated h


def elided(label: object, following: object) -> str:
    """« proche de » + « Orléans » → « proche d’Orléans »; plain text (see `elide`)."""
    text = str(label).rstrip()
    nxt = str(following).lstrip()
    m = _ELIDABLE.search(text)
    if m and _VOWEL.match(nxt) and not nxt.lower().startswith(_H_ASPIRE):
        short = {"de": "d’", "que": "qu’", "le": "l’", "la": "l’"}[m.group(1)]
        return text[: m.start(1)] + short + nxt
    return f"{text} {nxt}"


def elide(label: object, following: object) -> Markup:
    """A label to print before a name, with French elision: « proche de » before « Orléans »
    gives « proche d’ » (no space), before « Tours » « proche de » and a space.
    The label is escaped for Markdown like any printed value."""
    text = str(label).rstrip()
    nxt = str(following).lstrip()
    m = _ELIDABLE.search(text)
    if m and _VOWEL.match(nxt) and not nxt.lower().startswith(_H_ASPIRE):
        word = m.group(1)
        short = {"de": "d’", "que": "qu’", "le": "l’", "la": "l’"}[word]
        return md_escape(text[: m.start(1)] + short)
    return md_escape(text) + Markup(" ")


_NUMBERS = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
            "onze", "douze", "treize", "quatorze", "quinze", "seize")


def in_letters(value: int, feminine: bool = False) -> str:
    """A count in French prose: in letters up to seize (« cinq articles », « une échéance »), in figures above."""
    n = int(value)
    if 0 <= n < len(_NUMBERS):
        return "une" if (n == 1 and feminine) else _NUMBERS[n]
    return format(n, ",").replace(",", NNBSP)


def iso(value: str | dt.date) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


_WORD = re.compile(r"\w+")


def accent_free(value: object) -> str:
    """The accented words of a page's text without their accents, as often as they occur (the
    search ranks a page by how often it says a word), for the hidden search text: typed without
    accents, « echeance » or « pekin » find what the page says with them. Markup is dropped."""
    plain = re.sub(r"<[^>]+>|\{[^}]*\}|\]\([^)]*\)", " ", str(value))
    return " ".join(_fold_word(w) for w in _WORD.findall(plain) if not w.isascii())


@functools.lru_cache(maxsize=8192)
def _fold_word(word: str) -> str:
    """`fold` of one word: the pages of a story repeat the same accented words thousands of times."""
    return fold(word)


def fold(value: object) -> str:
    """Text without accents (é → e), for search: readers often type "echeance" for "échéance".

    Already-escaped text (Markup) stays Markup: its entities are ASCII and survive the
    folding, so it is not escaped a second time (the search index showed « l&#39;application »).
    """
    import unicodedata

    decomposed = unicodedata.normalize("NFD", str(value))
    folded = unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))
    return Markup(folded) if isinstance(value, Markup) else folded
