"""Stage 5, publish: MkDocs builds `docs/` into a fresh folder, which then replaces `site/`.

Between the two, the theme's stylesheets lose the rules no page can use
(`explainer/unused_css.py`).

A failed MkDocs build leaves the previous `site/` exactly as it was. A lock keeps two
builds started at once from interleaving.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from explainer.unused_css import prune_theme_css

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Only one build at a time per project folder; a second one waits."""
    lock_path = root / ".build.lock"
    with lock_path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def mkdocs_build(config_file: Path, site_dir: Path) -> list[str]:
    """Run MkDocs (strict) into `site_dir`. Returns its warnings; empty means success."""
    from mkdocs.commands import build as mk_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
        mk_build.build(config)
    except MkDocsException as exc:
        if not handler.messages:
            handler.messages.append(str(exc))
    finally:
        logger.removeHandler(handler)
    return handler.messages


def publish(root: Path, config_file: Path, site_dir: Path) -> list[str]:
    """Build into a temporary folder beside `site_dir`, then swap. Returns MkDocs' warnings."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site_dir.parent))
    try:
        warnings = mkdocs_build(config_file, staging)
        if warnings:
            return warnings
        prune_theme_css(staging)
        old = None
        if site_dir.exists():
            old = site_dir.with_name(f".site-old-{os.getpid()}")
            os.replace(site_dir, old)
        os.replace(staging, site_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return []
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
