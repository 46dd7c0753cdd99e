#!/usr/bin/env python3
"""Timings of the slow paths the bad-input review found (issue 18, D13): many problems at
once, and the closest-passage search for a long misquote in a long article. Prints a table.

    .venv/bin/python scripts/bench_bad_input.py [--cap 150]

Each case runs in its own process (at most --cap seconds; "> cap" when it takes longer),
so the script can also be run against an older checkout to compare.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = ("le la les un une des de du et à en pour sur dans par avec sans sous entre vers chez après avant "
         "TikTok Oracle Microsoft Walmart Washington Pékin ByteDance accord vente rachat données "
         "américain chinois président décret délai septembre novembre application utilisateurs").split()


def article(size: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    words, total = [], 0
    while total < size:
        word = rng.choice(WORDS)
        words.append(word)
        total += len(word) + 1
    return " ".join(words)


def many_problems(n: int) -> float:
    """`n` wrong facts (each `status: no`) appended to the real fact sheet: load + check."""
    from explainer.pipeline import Project, run_check

    work = Path(tempfile.mkdtemp(prefix="bench-bad-"))
    try:
        shutil.copytree(ROOT / "seeds", work / "seeds")
        text = (ROOT / "facts.yml").read_text(encoding="utf-8")
        head, sep, tail = text.partition("\nfacts:\n")
        extra = "".join(
            f"  - id: faux-{i}\n    text: Un fait faux numéro {i}.\n    themes: [acteurs]\n    status: no\n"
            f"    sources:\n      - article: a001\n        quote: introuvable {i}\n"
            for i in range(n)
        )
        (work / "facts.yml").write_text(head + sep + extra + tail, encoding="utf-8")
        start = time.perf_counter()
        result = run_check(Project(root=work))
        seconds = time.perf_counter() - start
        assert len(result.problems) >= n, len(result.problems)
        return seconds
    finally:
        shutil.rmtree(work, ignore_errors=True)


def misquote(article_bytes: int, quote_chars: int) -> float:
    """A quote of `quote_chars` characters with a one-character typo, taken from the middle of
    an article of `article_bytes`: the closest-passage suggestion alone."""
    from explainer.quotes import ArticleText

    text = article(article_bytes)
    middle = len(text) // 2
    quote = text[middle : middle + quote_chars]
    quote = quote[: quote_chars // 2] + "#" + quote[quote_chars // 2 + 1 :]
    body = ArticleText(text)
    start = time.perf_counter()
    suggestion = body.closest(quote)
    seconds = time.perf_counter() - start
    assert suggestion and suggestion[:40] in text[middle - 200 : middle + quote_chars + 200], suggestion[:80]
    return seconds


CASES = {
    "4 000 problems": lambda: many_problems(4_000),
    "8 000 problems": lambda: many_problems(8_000),
    "20 000 problems": lambda: many_problems(20_000),
    "misquote 2 000 chars, article 1 MB": lambda: misquote(1_000_000, 2_000),
    "misquote 4 000 chars, article 4.9 MB": lambda: misquote(4_900_000, 4_000),
    "misquote 300 chars, article 20 KB": lambda: misquote(20_000, 300),
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cap", type=float, default=150, help="seconds allowed per case")
    parser.add_argument("--case", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(f"{CASES[args.case]():.2f}")
        return 0
    print("| case | seconds |")
    print("|---|---:|")
    for name in CASES:
        try:
            run = subprocess.run([sys.executable, __file__, "--case", name], capture_output=True, text=True, timeout=args.cap)
            shown = run.stdout.strip() if run.returncode == 0 else f"error: {run.stderr.strip().splitlines()[-1:]}"
        except subprocess.TimeoutExpired:
            shown = f"> {args.cap:.0f}"
        print(f"| {name} | {shown} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
