"""Print the words of prose of every page of the built site, and how often each fact's text
is printed in full.

    .venv/bin/python scripts/prose.py                 # the site in site/ (run `make site` first)
    .venv/bin/python scripts/prose.py --site other/   # another built site
    .venv/bin/python scripts/prose.py --facts         # also one line per fact: where it is printed

Prose is what a reader reads in a page's content: navigation, header, footer, scripts,
pictures (SVG) and buttons are left out (see explainer/prose.py). The budget is
`prose.BUDGET` words for the whole site, and every fact printed in full exactly once
(tests/engine/test_prose.py).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from explainer import prose  # noqa: E402
from explainer.load import load  # noqa: E402
from explainer.problems import Problems  # noqa: E402
from explainer.text import typography  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project whose facts.yml to read")
    parser.add_argument("--facts", action="store_true", help="one line per fact: how many full prints, where")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        print("run `make site` first", file=sys.stderr)
        return 1
    pages = prose.site_pages(args.site)
    print(f"| page | words | signs | runs of 2+ signs | « {prose.HEDGE} » |")
    print("|---|---:|---:|---:|---:|")
    for page in sorted(pages, key=lambda p: -p.words):
        row = (page.url, page.words, prose.signs(page.text), len(prose.sign_runs(page.text)), prose.hedges(page.text))
        print("| {} | {:,} | {} | {} | {} |".format(*row).replace(",", " "))
    total = sum(p.words for p in pages)
    def n(value: int) -> str:
        return f"{value:,}".replace(",", " ")

    print(f"\n{len(pages)} pages, {n(total)} words of prose (budget {n(prose.BUDGET)}, ceiling {n(prose.CEILING)}); "
          f"largest page {n(max(p.words for p in pages))} words (at most {n(prose.PAGE_BUDGET)}); "
          f"« {prose.HEDGE} » {sum(prose.hedges(p.text) for p in pages)} times (at most {prose.HEDGE_BUDGET}); "
          f"{sum(prose.signs(p.text) for p in pages)} status signs, "
          f"{sum(len(prose.sign_runs(p.text)) for p in pages)} runs of two or more (none allowed)")

    loaded = load(args.root, Problems())
    if loaded is None:
        print("facts.yml does not load: fact prints not counted", file=sys.stderr)
        return 0
    counts = {}
    for fact in loaded.sheet.facts:
        counts[fact.id] = prose.prints(pages, typography(fact.text))
    histogram = Counter(len(where) for where in counts.values())
    total_prints = sum(len(where) for where in counts.values())
    print(f"{len(counts)} facts, printed in full {total_prints} times; "
          + ", ".join(f"{n} fact(s) {k}×" for k, n in sorted(histogram.items())))
    if args.facts:
        for ident, where in sorted(counts.items(), key=lambda kv: -len(kv[1])):
            print(f"{len(where):3}  {ident}  {' '.join(sorted(set(where)))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
