#!/usr/bin/env python3
"""Lighthouse benchmark (a script, not a test): mobile Lighthouse in Debian's Chromium on
every page of the built site, served gzip-compressed under its GitHub Pages sub-path as
Pages serves it. Writes LIGHTHOUSE.md with the date, the command and the scores.

    make lighthouse     # builds the site first; installs the pinned Lighthouse from npm
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
         "--disable-component-update --disable-sync")
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def serve(site: Path):
    """The same gzip server as the browser tests, on a free port; returns (origin, stop)."""
    import conftest

    class Project:  # what the fixture needs from a project
        def path(self, name):
            return site

    gen = conftest.site_server.__wrapped__(Project())
    origin = next(gen)
    return origin, lambda: next(gen, None)


def main() -> int:
    site = ROOT / "site"
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    pages = ["" if p == "." else p + "/" for p in pages]
    origin, stop = serve(site)
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    rows = []
    try:
        for path in pages:
            url = f"{origin}/tiktok-oracle/{path}"
            out = Path(tempfile.mkstemp(suffix=".json")[1])
            subprocess.run(
                [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}", f"--chrome-flags={FLAGS}",
                 "--only-categories=" + ",".join(CATEGORIES)],
                env=env, check=True, capture_output=True, text=True,
            )
            report = json.loads(out.read_text(encoding="utf-8"))
            scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
            failing = sorted(
                a["id"] for a in report["audits"].values()
                if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") in ("binary", "numeric")
                and any(ref["id"] == a["id"] for c in CATEGORIES if c != "performance" for ref in report["categories"][c]["auditRefs"] if ref.get("weight"))
            )
            rows.append(("/" + path, scores, failing))
            print(f"/{path:28} " + " ".join(f"{scores[c]:3d}" for c in CATEGORIES) + ("  " + ", ".join(failing) if failing else ""), flush=True)
            out.unlink()
    finally:
        stop()
    lines = [
        "# Lighthouse",
        "",
        f"Measured {dt.datetime.now():%Y-%m-%d %H:%M} on this machine (2 cores) with `make lighthouse`",
        "(`.venv/bin/python scripts/lighthouse.py`): Lighthouse " + json.loads((ROOT / 'tools/lighthouse/package.json').read_text())['dependencies']['lighthouse']
        + ", mobile (its default form factor and throttling), Debian's Chromium, every page of `site/`",
        "served gzip-compressed under `/tiktok-oracle/` on 127.0.0.1.",
        "",
        "| page | performance | accessibility | best practices | SEO | audits not passed (accessibility, best practices, SEO) |",
        "|---|---|---|---|---|---|",
    ]
    for path, scores, failing in rows:
        lines.append(f"| `{path}` | " + " | ".join(str(scores[c]) for c in CATEGORIES) + f" | {', '.join(failing) or '—'} |")
    (ROOT / "LIGHTHOUSE.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
