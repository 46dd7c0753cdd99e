"""Stage 5, publish: MkDocs builds `docs/` into a fresh folder, which then replaces `site/`.

Between the two, the theme's stylesheets lose the rules no page can use
(`explainer/unused_css.py`). The same `docs/` also builds with Zensical (`--engine zensical`),
the Material team's successor: the pruning knows only Material's stylesheet layout and is
skipped there (Zensical's theme ships whole).

The new folder gets the modes the umask gives (as MkDocs writing `site/` itself would),
not a temporary folder's 0700 that a web server running as another user cannot read.

A failed MkDocs build leaves the previous `site/` exactly as it was. A lock keeps two
builds started at once from interleaving.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import subprocess
import sys
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


ENGINES = ("mkdocs", "zensical")


def zensical_build(config_file: Path, site_dir: Path) -> list[str]:
    """Run Zensical (strict) on the same mkdocs.yml into `site_dir`. Returns its problems.

    Zensical has no option for the output folder: a throw-away configuration beside
    mkdocs.yml inherits it and changes only `site_dir` (which must lie inside the project).
    """
    config_file = config_file.resolve()
    wrapper = config_file.with_name(f".zensical-{os.getpid()}.yml")
    wrapper.write_text(
        f"INHERIT: {config_file.name}\nsite_dir: {os.path.relpath(site_dir, config_file.parent)}\n", encoding="utf-8"
    )
    try:
        run = subprocess.run(
            [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", str(wrapper)],
            cwd=config_file.parent, capture_output=True, text=True,
        )
    except FileNotFoundError as exc:  # pragma: no cover - the interpreter itself is missing
        return [str(exc)]
    finally:
        wrapper.unlink(missing_ok=True)
    if run.returncode == 0:
        return []
    if "No module named zensical" in run.stderr:
        return ["Zensical n'est pas installé : lancez `make site ENGINE=zensical` (il l'installe, version épinglée)"]
    lines = [line for line in (run.stdout + run.stderr).splitlines() if line.strip()]
    return lines[-20:] or [f"zensical a échoué (code {run.returncode})"]


def public_modes(folder: Path) -> None:
    """Give the freshly built folder the mode the umask gives a new folder (0755 under the
    usual 022): `tempfile.mkdtemp` made it 0700. What the engine wrote inside already
    follows the umask."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(folder, 0o777 & ~mask)


def publish(root: Path, config_file: Path, site_dir: Path, engine: str = "mkdocs") -> list[str]:
    """Build into a temporary folder beside `site_dir`, then swap. Returns the engine's warnings."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site_dir.parent))
    try:
        build = zensical_build if engine == "zensical" else mkdocs_build
        warnings = build(config_file, staging)
        if warnings:
            return warnings
        if engine == "mkdocs":  # Material's layout only (assets/stylesheets/*.min.css)
            prune_theme_css(staging)
        public_modes(staging)
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
