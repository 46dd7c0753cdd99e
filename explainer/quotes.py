"""Verbatim quote matching.

A quote is found when it appears in the article's text after normalising only:
whitespace (any run, non-breaking and narrow spaces included, becomes one space),
Unicode normal form (NFC), and apostrophe / quotation-mark variants. Nothing else:
no case folding, no accent stripping, no punctuation removal.

An editor marks a typo of the article inside a quote with « [sic] » right after it
(« ne devrait par [sic] avoir lieu »): the mark is the site's, not the article's, so it is
left out when the quote is matched and printed with the quote.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

APOSTROPHES = "'’‘ʼ`´′"
QUOTE_MARKS = "\"«»“”„‟″"
_TRANSLATE = {ord(c): "'" for c in APOSTROPHES} | {ord(c): '"' for c in QUOTE_MARKS}
_SPACE = re.compile(r"\s+")
_SIC = re.compile(r"\s*\[sic\]")


def without_sic(quote: str) -> str:
    """The quote as the article gives it: the editor's « [sic] » marks taken out."""
    return _SIC.sub("", quote)


def normalise(text: str) -> str:
    """The comparison form of a text (see the module docstring)."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_TRANSLATE)).strip()


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class ArticleText:
    """An article's text with its comparison form and, when needed, a map back to the original characters."""

    def __init__(self, text: str):
        self.text = text
        self.normal = normalise(text)
        self._map: list[int] | None = None
        self._mapped = False

    @property
    def _origin(self) -> list[int] | None:
        """Position in `text` of each character of `normal` (None if they can't be aligned)."""
        if not self._mapped:
            self._map = self._build_map()
            self._mapped = True
        return self._map

    def _build_map(self) -> list[int] | None:
        chars: list[str] = []
        origin: list[int] = []
        previous_space = True
        for i, ch in enumerate(self.text):
            for c in unicodedata.normalize("NFC", ch).translate(_TRANSLATE):
                if c.isspace():
                    if previous_space:
                        continue
                    c = " "
                    previous_space = True
                else:
                    previous_space = False
                chars.append(c)
                origin.append(i)
        while chars and chars[-1] == " ":
            chars.pop()
            origin.pop()
        # NFC across character boundaries (e + combining accent in the article itself)
        return origin if "".join(chars) == self.normal else None

    def find(self, quote: str) -> Span | None:
        """Where the quote stands in the original text, or None."""
        needle = normalise(without_sic(quote))
        if not needle:
            return None
        pos = self.normal.find(needle)
        if pos < 0:
            return None
        if self._origin is None:
            return Span(0, 0)
        return Span(self._origin[pos], self._origin[pos + len(needle) - 1] + 1)

    def contains(self, quote: str) -> bool:
        needle = normalise(without_sic(quote))
        return bool(needle) and needle in self.normal

    def closest(self, quote: str, limit: int = 240) -> str:
        """The passage of the article closest to a quote that was not found."""
        needle = normalise(without_sic(quote))
        hay = self.normal
        if not needle or not hay:
            return ""
        matcher = difflib.SequenceMatcher(None, hay, needle, autojunk=False)
        match = matcher.find_longest_match(0, len(hay), 0, len(needle))
        start = max(0, match.a - match.b)
        end = min(len(hay), start + len(needle))
        # widen to word boundaries
        while start > 0 and hay[start - 1] != " ":
            start -= 1
        while end < len(hay) and hay[end] != " ":
            end += 1
        if self._origin is not None and end > start:
            passage = _SPACE.sub(" ", self.text[self._origin[start] : self._origin[end - 1] + 1]).strip()
        else:
            passage = hay[start:end].strip()
        if len(passage) > limit:
            passage = passage[:limit].rsplit(" ", 1)[0] + "…"
        return passage
