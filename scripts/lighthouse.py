#!/usr/bin/env python3
"""Lighthouse benchmark (a script, not a test): mobile Lighthouse in Debian's Chromium on
every page of the built site, served gzip-compressed under its GitHub Pages sub-path as
Pages serves it. Writes LIGHTHOUSE.md with the date, the command and the scores.

    make lighthouse     # builds the site first; installs the pinned Lighthouse from npm
    .venv/bin/python scripts/lighthouse.py --runs 5 sources/ journal/   # some pages, more runs
    .venv/bin/python scripts/lighthouse.py --cpu-slowdown 5.6 journal/  # as on a slower machine

Each page is measured several times (3 by default) and the median of each score is kept, as
Lighthouse's own documentation advises: on a small shared machine one run moves by a few
points in performance, because Lighthouse scales the main-thread time it observes by 4.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from helpers import CHROMIUM, CHROMIUM_ARGS, serve_site, site_prefix  # noqa: E402

LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
FLAGS = " ".join(CHROMIUM_ARGS)
NOTES = "## What the scores say"  # LIGHTHOUSE.md keeps everything from this heading on
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


METRICS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift"]


def metric_cells(m: dict) -> list[str]:
    """FCP, LCP, TBT and CLS as a reader of the table expects them."""
    return [f"{m['first-contentful-paint'] / 1000:.1f} s", f"{m['largest-contentful-paint'] / 1000:.1f} s",
            f"{m['total-blocking-time']:.0f} ms", f"{m['cumulative-layout-shift']:.2f}"]


def run_once(url: str, env: dict, slowdown: float | None = None) -> dict:
    out = Path(tempfile.mkstemp(suffix=".json")[1])
    try:
        subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}", f"--chrome-flags={FLAGS}",
             "--only-categories=" + ",".join(CATEGORIES),
             *([f"--throttling.cpuSlowdownMultiplier={slowdown}"] if slowdown else [])],
            env=env, check=True, capture_output=True, text=True,
        )
        return json.loads(out.read_text(encoding="utf-8"))
    finally:
        out.unlink(missing_ok=True)


def not_passed(report: dict) -> set[str]:
    """Audits that count in accessibility, best practices or SEO and did not pass."""
    weighted = {ref["id"] for c in CATEGORIES if c != "performance" for ref in report["categories"][c]["auditRefs"]
                if ref.get("weight")}
    return {a["id"] for a in report["audits"].values()
            if a["id"] in weighted and a.get("score") is not None and a["score"] < 1
            and a.get("scoreDisplayMode") in ("binary", "numeric")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median is kept (default 3)")
    parser.add_argument("--cpu-slowdown", type=float, metavar="N",
                        help="Lighthouse's CPU slowdown (default 4) times this machine's speed against a slower "
                             "one, e.g. 4 * 3783 / 2696 = 5.6 to score as on a machine of benchmark index 2696; "
                             "such a run never rewrites LIGHTHOUSE.md")
    parser.add_argument("pages", nargs="*", help="pages to measure, e.g. journal/ (default: every page; "
                        "LIGHTHOUSE.md is only rewritten for a run over every page)")
    args = parser.parse_args(argv)
    site = ROOT / "site"
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    pages = ["" if p == "." else p + "/" for p in pages]
    chosen = [p.strip("/") + "/" if p.strip("/") else "" for p in args.pages] or pages
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    prefix = site_prefix(ROOT / "mkdocs.yml")
    rows, benchmarks = [], []
    with serve_site(site, ROOT / "mkdocs.yml") as origin:
        for path in chosen:
            reports = [run_once(f"{origin}{prefix}{path}", env, args.cpu_slowdown) for _ in range(args.runs)]
            scores = {c: round(statistics.median(r["categories"][c]["score"] for r in reports) * 100) for c in CATEGORIES}
            perf = sorted(round(r["categories"]["performance"]["score"] * 100) for r in reports)
            metrics = {m: statistics.median(r["audits"][m]["numericValue"] for r in reports) for m in METRICS}
            failing = sorted(set().union(*(not_passed(r) for r in reports)))
            benchmarks += [r["environment"]["benchmarkIndex"] for r in reports]
            rows.append(("/" + path, scores, perf, metrics, failing))
            print(f"/{path:28} " + " ".join(f"{scores[c]:3d}" for c in CATEGORIES) + f"  runs {perf}  FCP, LCP, TBT, CLS: "
                  + ", ".join(metric_cells(metrics)) + ("  " + ", ".join(failing) if failing else ""), flush=True)
    if chosen != pages or args.cpu_slowdown:
        return 0
    benchmark = statistics.median(benchmarks)
    lines = [
        "# Lighthouse",
        "",
        f"Measured {dt.datetime.now():%Y-%m-%d %H:%M} on this machine (2 cores) with `make lighthouse`",
        "(`.venv/bin/python scripts/lighthouse.py`): Lighthouse " + json.loads((ROOT / 'tools/lighthouse/package.json').read_text())['dependencies']['lighthouse']
        + ", mobile (its default form factor and throttling), Debian's Chromium, every page of `site/`",
        f"served gzip-compressed under `{prefix}` on 127.0.0.1 with persistent connections.",
        f"Each page was measured {args.runs} times; the table gives the median of each score, every",
        "performance score, and the median metrics behind performance. Lighthouse's CPU benchmark",
        f"index of this machine: {benchmark:.0f}.",
        "",
        "| page | performance | accessibility | best practices | SEO | performance, each run | FCP | LCP | TBT | CLS | audits not passed (accessibility, best practices, SEO) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for path, scores, perf, metrics, failing in rows:
        cells = [f"`{path}`", *(str(scores[c]) for c in CATEGORIES), ", ".join(map(str, perf)), *metric_cells(metrics),
                 ", ".join(failing) or "—"]
        lines.append("| " + " | ".join(cells) + " |")
    target = ROOT / "LIGHTHOUSE.md"
    previous = target.read_text(encoding="utf-8") if target.exists() else ""
    notes = previous[previous.find(NOTES):] if NOTES in previous else ""  # hand-written analysis is kept
    target.write_text("\n".join(lines) + "\n" + ("\n" + notes if notes else ""), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
