"""Print, for each article, the share of its words a reader could rebuild from the built site.

    .venv/bin/python scripts/reuse.py            # the site in site/ (run `make site` first)
    .venv/bin/python scripts/reuse.py --run 8    # runs of eight words instead of six

A word is reconstructible when it lies in a run of six or more consecutive words found
anywhere on the site (see explainer/reuse.py). The limit is 20 % per article
(tests/engine/test_reuse.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from explainer import reuse  # noqa: E402
from explainer.load import load  # noqa: E402
from explainer.problems import Problems  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--run", type=int, default=reuse.RUN)
    args = parser.parse_args()
    problems = Problems()
    loaded = load(ROOT, problems)
    if not loaded or not (args.site / "index.html").is_file():
        print("run `make site` first (the fact sheet must check clean)", file=sys.stderr)
        return 1
    texts = {aid: a.text.text for aid, a in loaded.articles.items()}
    rows = reuse.measure(args.site, texts, args.run)
    print(f"| article | words | in runs of {args.run}+ found on the site | share |")
    print("|---|---:|---:|---:|")
    for row in rows:
        print(f"| {row.article} | {row.words} | {row.covered} | {row.share:.1%} |")
    worst = max(rows, key=lambda r: r.share)
    print(f"\nhighest: {worst.article} at {worst.share:.1%} (limit {reuse.LIMIT:.0%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
