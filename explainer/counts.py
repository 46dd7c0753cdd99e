"""Counts the editor writes in prose, checked against what they count.

The story's own sentences (`story.summary`, `story.description`, `story.scope` in facts.yml)
may say how many articles the site rests on (« cinq articles »). A sixth article makes them
false without anyone noticing: the check
refuses a count that is not the number of articles in seeds/articles.yml, with the words to
write. The pages' own counts (Sources, Méthode) are printed from the articles by the templates.
"""

from __future__ import annotations

import re
from .load import Loaded
from .problems import Problems
from .text import in_letters

_WORDS = {in_letters(n): n for n in range(2, 17)}
_COUNT = re.compile(r"\b(" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r"|\d+)\s+articles\b(?!\s+sur\b)", re.I)


def stale(text: str, n: int) -> list[tuple[int, str]]:
    """(offset, words) of each « N articles » in `text` whose N is not `n` (« quatre articles sur cinq » is a share, not a count)."""
    out = []
    for m in _COUNT.finditer(" ".join(str(text).split())):
        word = m.group(1).lower()
        if (int(word) if word.isdigit() else _WORDS[word]) != n:
            out.append((m.start(), m.group(0)))
    return out


def check(loaded: Loaded, problems: Problems) -> None:
    n = len(loaded.articles) + len(loaded.unreadable)
    right = f"{in_letters(n)} articles"
    for field in ("summary", "description", "scope"):
        for _, words in stale(getattr(loaded.sheet.story, field) or "", n):
            line, col = loaded.sheet_doc.where(("story", field))
            problems.add(loaded.sheet_path, line, col, f"story.{field} dit « {words} », mais seeds/articles.yml en compte {n} : "
                                                       f"écrivez « {right} »")
