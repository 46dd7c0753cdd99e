"""CORRECTIONS.md answers every finding of the fact-check of 29 November 2026, once each:
sections 1 to 6 with 17, 8, 13, 7, 14 and 3 findings (62 in all)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from helpers import ROOT


FINDINGS = {1: 17, 2: 8, 3: 13, 4: 7, 5: 14, 6: 3}


def test_every_finding_has_one_line():
    text = (ROOT / "CORRECTIONS.md").read_text(encoding="utf-8")
    numbers = Counter(re.findall(r"^- \*\*(\d+\.\d+)\*\* \S", text, re.M))
    expected = {f"{s}.{n}" for s, count in FINDINGS.items() for n in range(1, count + 1)}
    assert set(numbers) == expected, sorted(set(numbers) ^ expected)
    assert all(c == 1 for c in numbers.values()), [n for n, c in numbers.items() if c > 1]
    assert sum(numbers.values()) == 62


#: The later fact-checks answered in CORRECTIONS.md, one line per finding marked fixed or
#: disputed: the prefix of their lines, their number of findings, and where their report is.
READINGS = [
    ("R3", 22, "issue 23: the fact-check of 7 December 2026"),
    ("K", 9, "factchecks/2026-12-07/reading-k.md"),
    ("L", 7, "factchecks/2026-12-07/reading-l.md"),
    ("M", 7, "factchecks/2026-12-07/reading-m.md"),
    ("N", 5, "factchecks/2026-12-07/reading-n.md"),
    ("O", 4, "factchecks/2026-12-07/reading-o.md"),
]


@pytest.mark.parametrize(("prefix", "count", "report"), READINGS, ids=[r[0] for r in READINGS])
def test_each_reading_has_one_line_per_finding(prefix, count, report):
    """Each finding of a reading (its report named above), fixed or disputed, once."""
    text = (ROOT / "CORRECTIONS.md").read_text(encoding="utf-8")
    lines = re.findall(rf"^- \*\*{prefix}\.(\d+)\*\* (fixed|disputed)\b", text, re.M)
    numbers = Counter(int(n) for n, _ in lines)
    assert set(numbers) == set(range(1, count + 1)), sorted(set(numbers) ^ set(range(1, count + 1)))
    assert all(c == 1 for c in numbers.values())
