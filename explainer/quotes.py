"""Verbatim quote matching.

A quote is found when it appears in the article's text after normalising only:
whitespace (any run, non-breaking and narrow spaces included, becomes one space),
Unicode normal form (NFC), and apostrophe / quotation-mark variants; and the invisible
characters text copied from the web carries (soft hyphen, zero-width joiners, word joiner,
a BOM inside the text) are ignored, a zero-width space counting as a space. Nothing else:
no case folding, no accent stripping, no punctuation removal.

An editor marks a typo of the article inside a quote with « [sic] » right after it
(« ne devrait par [sic] avoir lieu »): the mark is the site's, not the article's, so it is
left out when the quote is matched and printed with the quote.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from array import array
from dataclasses import dataclass

APOSTROPHES = "'’‘ʼ`´′"
QUOTE_MARKS = "\"«»“”„‟″"
#: Invisible characters of pasted text, with their French names (for the messages).
INVISIBLE = {
    "\u00ad": "trait d'union conditionnel",
    "\u200b": "espace sans chasse",
    "\u200c": "antiliant sans chasse",
    "\u200d": "liant sans chasse",
    "\u2060": "gluon de mots",
    "\ufeff": "indicateur d'ordre des octets (BOM)",
}
_TRANSLATE = ({ord(c): "'" for c in APOSTROPHES} | {ord(c): '"' for c in QUOTE_MARKS}
              | {ord(c): None for c in INVISIBLE} | {0x200B: " "})
_SPACE = re.compile(r"\s+")
#: What normalise changes, looked for first (most texts have none of it, and the checks
#: normalise about a hundred texts per article): a character _TRANSLATE changes, and
#: whitespace other than single spaces.
_CHANGED = [(chr(k), v or "") for k, v in _TRANSLATE.items() if v != chr(k)]
_ANY_CHANGED = re.compile("[" + "".join(re.escape(c) for c, _ in _CHANGED) + "]")
_ODD_SPACE = re.compile(r"[^\S ]| \s")
_SIC = re.compile(r"\s*\[sic\]")


def without_sic(quote: str) -> str:
    """The quote as the article gives it: the editor's « [sic] » marks taken out."""
    return _SIC.sub("", quote)


def normalise(text: str) -> str:
    """The comparison form of a text (see the module docstring). The same as
    `_SPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_TRANSLATE)).strip()`, four
    times faster: only what is there is replaced (str.translate looks up every character)."""
    text = unicodedata.normalize("NFC", text)
    if _ANY_CHANGED.search(text):
        for char, replacement in _CHANGED:
            if char in text:
                text = text.replace(char, replacement)
    if _ODD_SPACE.search(text):
        text = _SPACE.sub(" ", text)
    return text.strip()


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class _ShiftMap:
    """Position in an NFC text of each character of its comparison form, indexed like the list
    it stands for. Only whitespace changes there: leading whitespace is dropped and each run of
    several whitespace characters becomes one space (at the run's first character); a single
    one keeps its place. So the runs of two or more (a few per article: paragraph breaks) are
    all it needs, found by one C-speed scan; a 4.9 MB article maps in milliseconds."""

    def __init__(self, text: str, normal: str):
        lead = len(text) - len(text.lstrip())
        self.starts = array("q")  # comparison-form position of each run's space
        self.shifts = array("q")  # characters dropped before the characters after that space
        dropped = lead
        for run in _RUN.finditer(text, lead):
            if run.end() == len(text):
                break  # trailing whitespace: not in the comparison form
            self.starts.append(run.start() - dropped)
            dropped += run.end() - run.start() - 1
            self.shifts.append(dropped)
        self.lead = lead
        trailing = len(text) - len(text.rstrip())
        self.length = max(0, len(text) - dropped - trailing) if text.strip() else 0
        self.ok = self.length == len(normal)

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, pos: int) -> int:
        if not 0 <= pos < self.length:
            raise IndexError(pos)
        k = bisect.bisect_left(self.starts, pos)  # runs whose space lies before pos
        return pos + (self.shifts[k - 1] if k else self.lead)


_RUN = re.compile(r"\s{2,}")


class ArticleText:
    """An article's text with its comparison form and, when needed, a map back to the original characters."""

    def __init__(self, text: str):
        self.text = text
        self.normal = normalise(text)
        self._map: list[int] | None = None
        self._mapped = False

    @property
    def _origin(self) -> _ShiftMap | list[int] | None:
        """Position in `text` of each character of `normal` (None if they can't be aligned)."""
        if not self._mapped:
            self._map = self._build_map()
            self._mapped = True
        return self._map

    def _build_map(self) -> _ShiftMap | list[int] | None:
        if unicodedata.is_normalized("NFC", self.text):
            # the usual case, without a Python step per character (4.9 MB: 10 s -> milliseconds)
            fast = _ShiftMap(self.text, self.normal)
            if fast.ok:
                return fast
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
        """The passage of the article closest to a quote that was not found.

        Bounded: SequenceMatcher costs (article × quote) characters, 24 s for a 2,000-character
        quote against a 1 MB article. Beyond CLOSEST_BUDGET, the quote's fragments that do
        occur in the article vote for where it would start, and only a window around the
        winner (three quotes long) is compared."""
        needle = normalise(without_sic(quote))
        hay = self.normal
        if not needle or not hay:
            return ""
        if len(hay) * len(needle) > CLOSEST_BUDGET:
            start = _likely_start(hay, needle)
        else:
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


#: The most (article characters × quote characters) the closest-passage search compares with
#: SequenceMatcher in one go (about a quarter of a second on this machine). Real articles and
#: quotes (20 KB × 300 characters) stay well under it and get the exact search.
CLOSEST_BUDGET = 20_000_000


def _likely_start(hay: str, needle: str) -> int:
    """Where in `hay` the quote most likely starts, without comparing them whole.

    Fragments of the quote (12, then 6, then 3 characters; at most 64 of them, spread along
    it) vote for the start their place implies. A fragment found in k places gives each a
    1/k vote; one found in more than 32 places says nothing and is dropped (its first places
    would favour the top of the article). The stretch of the article with the most votes wins,
    and within it the start most voted for. At most 64 × 33 C-speed `str.find` calls,
    whatever the sizes."""
    for size in (12, 6, 3):
        size = min(size, len(needle))
        count = min(64, len(needle) - size + 1)
        step = max(1, (len(needle) - size) // max(1, count - 1))
        votes: dict[int, float] = {}
        for at in range(0, step * count, step):
            fragment = needle[at : at + size]
            places = []
            found = hay.find(fragment)
            while found >= 0 and len(places) <= 32:
                places.append(found - at)
                found = hay.find(fragment, found + 1)
            if len(places) > 32:
                continue
            for shift in places:
                votes[shift] = votes.get(shift, 0.0) + 1 / len(places)
        if votes:
            stretch = max(64, len(needle) // 4)
            by_stretch: dict[int, float] = {}
            for shift, n in votes.items():
                by_stretch[shift // stretch] = by_stretch.get(shift // stretch, 0.0) + n
            best = max(by_stretch, key=lambda k: (by_stretch[k], -k))
            shift = max((s for s in votes if s // stretch == best), key=lambda s: (votes[s], -s))
            return max(0, shift)
    return 0
