"""CORRECTIONS.md answers every finding of the fact-check of 29 November 2026, once each:
sections 1 to 6 with 17, 8, 13, 7, 14 and 3 findings (62 in all)."""

from __future__ import annotations

import re
from collections import Counter

from helpers import ROOT


FINDINGS = {1: 17, 2: 8, 3: 13, 4: 7, 5: 14, 6: 3}


def test_every_finding_has_one_line():
    text = (ROOT / "CORRECTIONS.md").read_text(encoding="utf-8")
    numbers = Counter(re.findall(r"^- \*\*(\d+\.\d+)\*\* \S", text, re.M))
    expected = {f"{s}.{n}" for s, count in FINDINGS.items() for n in range(1, count + 1)}
    assert set(numbers) == expected, sorted(set(numbers) ^ expected)
    assert all(c == 1 for c in numbers.values()), [n for n, c in numbers.items() if c > 1]
    assert sum(numbers.values()) == 62


def test_round_three_has_one_line_per_finding():
    """Issue 23: the 22 findings of the fact-check of 7 December 2026, each fixed or disputed."""
    text = (ROOT / "CORRECTIONS.md").read_text(encoding="utf-8")
    lines = re.findall(r"^- \*\*R3\.(\d+)\*\* (fixed|disputed)\b", text, re.M)
    numbers = Counter(int(n) for n, _ in lines)
    assert set(numbers) == set(range(1, 23)), sorted(set(numbers) ^ set(range(1, 23)))
    assert all(c == 1 for c in numbers.values())


def test_reading_k_has_one_line_per_finding():
    """Reading K (factchecks/2026-12-07/reading-k.md): its 9 findings, each fixed or disputed."""
    text = (ROOT / "CORRECTIONS.md").read_text(encoding="utf-8")
    lines = re.findall(r"^- \*\*K\.(\d+)\*\* (fixed|disputed)\b", text, re.M)
    numbers = Counter(int(n) for n, _ in lines)
    assert set(numbers) == set(range(1, 10)), sorted(set(numbers) ^ set(range(1, 10)))
    assert all(c == 1 for c in numbers.values())


def test_reading_l_has_one_line_per_finding():
    """Reading L (factchecks/2026-12-07/reading-l.md): its 7 findings, each fixed or disputed."""
    text = (ROOT / "CORRECTIONS.md").read_text(encoding="utf-8")
    lines = re.findall(r"^- \*\*L\.(\d+)\*\* (fixed|disputed)\b", text, re.M)
    numbers = Counter(int(n) for n, _ in lines)
    assert set(numbers) == set(range(1, 8)), sorted(set(numbers) ^ set(range(1, 8)))
    assert all(c == 1 for c in numbers.values())


def test_reading_m_has_one_line_per_finding():
    """Reading M (factchecks/2026-12-07/reading-m.md): its 7 findings, each fixed or disputed."""
    text = (ROOT / "CORRECTIONS.md").read_text(encoding="utf-8")
    lines = re.findall(r"^- \*\*M\.(\d+)\*\* (fixed|disputed)\b", text, re.M)
    numbers = Counter(int(n) for n, _ in lines)
    assert set(numbers) == set(range(1, 8)), sorted(set(numbers) ^ set(range(1, 8)))
    assert all(c == 1 for c in numbers.values())


def test_reading_n_has_one_line_per_finding():
    """Reading N (factchecks/2026-12-07/reading-n.md): its 5 findings, each fixed or disputed."""
    text = (ROOT / "CORRECTIONS.md").read_text(encoding="utf-8")
    lines = re.findall(r"^- \*\*N\.(\d+)\*\* (fixed|disputed)\b", text, re.M)
    numbers = Counter(int(n) for n, _ in lines)
    assert set(numbers) == set(range(1, 6)), sorted(set(numbers) ^ set(range(1, 6)))
    assert all(c == 1 for c in numbers.values())


def test_reading_o_has_one_line_per_finding():
    """Reading O (factchecks/2026-12-07/reading-o.md): its 4 findings, each fixed or disputed."""
    text = (ROOT / "CORRECTIONS.md").read_text(encoding="utf-8")
    lines = re.findall(r"^- \*\*O\.(\d+)\*\* (fixed|disputed)\b", text, re.M)
    numbers = Counter(int(n) for n, _ in lines)
    assert set(numbers) == set(range(1, 5)), sorted(set(numbers) ^ set(range(1, 5)))
    assert all(c == 1 for c in numbers.values())
