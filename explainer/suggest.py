"""« vouliez-vous dire … ? »: the one place that looks for a close name, with bounded work.

Every stage that reports an unknown name (an id, an article, a file, a key) asks a `Hints`
for the closest known one. The work stays bounded whatever the input:

- each list of known names is indexed once (by length: two names whose lengths differ too
  much cannot be close, so they are never compared), not re-sorted per problem;
- each kind of name has a budget (`BUDGET` suggestions): past it, unknown names are still
  reported, one problem each, but no longer compared with anything. Thousands of mistyped
  references cost `BUDGET` searches, not thousands;
- a listing of names (« fichiers présents : … ») shows the first few and « … et N autres ».

`comparisons` counts the names compared, for the tests (tests/engine/test_bounds.py) that check
the work grows linearly with the input, without a clock.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Iterable

#: Suggestions per kind of name and per run.
BUDGET = 20
#: difflib's default: how alike two names must be to be suggested.
CUTOFF = 0.6
#: Names shown by `listing` before « … et N autres ».
LISTED = 10


class _Index:
    def __init__(self, names: Iterable[str]):
        self.by_length: dict[int, list[str]] = defaultdict(list)
        for name in sorted(set(names)):
            self.by_length[len(name)].append(name)
        self.given = 0
        self.memo: dict[str, str | None] = {}


class Hints:
    """Close names for one run (a check, a load): one index per kind, one budget per kind."""

    def __init__(self, budget: int = BUDGET):
        self.budget = budget
        self.comparisons = 0
        self._indexes: dict[str, _Index] = {}

    def close(self, kind: str, value: str, known: Iterable[str] | Callable[[], Iterable[str]]) -> str | None:
        """The known name of `kind` closest to `value` (None if none is close, or the budget of
        `kind` is spent). `known` is read the first time `kind` is asked for, never again."""
        index = self._indexes.get(kind)
        if index is None:
            index = self._indexes[kind] = _Index(known() if callable(known) else known)
        if value in index.memo:
            return index.memo[value]
        if index.given >= self.budget:
            return None
        index.given += 1
        found = index.memo[value] = self._search(index, value)
        return found

    def allow(self, kind: str) -> bool:
        """True while `kind` (e.g. the closest passage of a misquote, a search over a whole
        article) has budget left; spends one."""
        index = self._indexes.setdefault(kind, _Index(()))
        index.given += 1
        return index.given <= self.budget

    def _search(self, index: _Index, value: str) -> str | None:
        n = len(value)
        # ratio = 2·M / (a + b) with M ≤ min(a, b): lengths outside this range cannot reach CUTOFF
        low, high = int(n * CUTOFF / (2 - CUTOFF)), int(n * (2 - CUTOFF) / CUTOFF) + 1
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(value)
        best: tuple[float, str] | None = None
        for length in range(max(low, 0), high + 1):
            for name in index.by_length.get(length, ()):
                self.comparisons += 1
                matcher.set_seq1(name)
                if matcher.real_quick_ratio() >= CUTOFF and matcher.quick_ratio() >= CUTOFF:
                    score = matcher.ratio()
                    if score >= CUTOFF and (best is None or (score, name) > best):
                        best = (score, name)
        return best[1] if best else None


def hint(found: str | None, otherwise: str = "") -> str:
    """« : vouliez-vous dire « x » ? » when a close name was found, else `otherwise`."""
    return f" : vouliez-vous dire « {found} » ?" if found else otherwise


def listing(names: Iterable[str], limit: int = LISTED) -> str:
    """The first `limit` names, sorted, then « … et N autres » for the rest."""
    names = sorted(names)
    shown = ", ".join(names[:limit])
    rest = len(names) - limit
    return f"{shown} … et {rest} autre{'s' if rest > 1 else ''}" if rest > 0 else shown
