"""Problems found while loading and checking: collected, then reported together."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TextIO


@dataclass(frozen=True, order=True)
class Problem:
    """One problem, pointing at a file, a line and a column (1-based; 0 when unknown)."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


@dataclass
class Problems:
    """A collector: every stage adds to it; the driver reports once, at the end."""

    items: list[Problem] = field(default_factory=list)
    _seen: set[Problem] = field(default_factory=set, repr=False, compare=False)

    def add(self, path: str, line: int, col: int, message: str) -> None:
        problem = Problem(str(path), line, col, message)
        if problem not in self._seen:  # a set: 20,000 problems stay linear
            self._seen.add(problem)
            self.items.append(problem)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def report(self, out: TextIO = sys.stderr) -> None:
        for problem in sorted(self.items):
            print(problem, file=out)
        n = len(self.items)
        print(f"{n} problème{'s' if n > 1 else ''} : le site n'a pas été modifié.", file=out)
