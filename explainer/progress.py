"""Progress for long builds: stage timings and a bar on stderr beyond 100 articles.

Short builds (the real story) stay quiet; nothing here changes what is built.
"""

from __future__ import annotations

import sys
from typing import TextIO

THRESHOLD = 100  # articles


class Reporter:
    def __init__(self, stream: TextIO = sys.stderr, threshold: int = THRESHOLD, width: int = 30):
        self.stream = stream
        self.threshold = threshold
        self.width = width
        self.active = False
        self._last = -1

    def loaded(self, articles: int, facts: int) -> None:
        self.active = articles > self.threshold
        if self.active:
            print(f"{articles} articles, {facts} faits", file=self.stream)

    def start(self, stage: str) -> None:
        if self.active and stage in ("mkdocs", "zensical"):
            print("mkdocs   …", file=self.stream, flush=True)

    def step(self, stage: str, done: int, total: int) -> None:
        if not self.active or total <= 0:
            return
        filled = self.width * done // total
        if filled == self._last and done != total:
            return
        self._last = filled
        bar = "#" * filled + "." * (self.width - filled)
        end = "\n" if done == total else "\r"
        print(f"{stage:8} [{bar}] {done}/{total}", end=end, file=self.stream, flush=True)
        if done == total:
            self._last = -1

    def stage(self, stage: str, seconds: float) -> None:
        if self.active:
            print(f"{stage:8} {seconds:6.2f} s", file=self.stream, flush=True)
