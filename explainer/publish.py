"""Stage 5, publish: MkDocs builds `docs/` into a fresh folder, which then replaces `site/`.

The theme's stylesheets ship whole (their pruning was removed on 2026-12-07, issue 28: it
saved 10 KB compressed on a first visit for the most expensive test of the suite). The same
`docs/` also builds with Zensical (`--engine zensical`), the Material team's successor.

The new folder gets the modes the umask gives (as MkDocs writing `site/` itself would),
not a temporary folder's 0700 that a web server running as another user cannot read.

A failed MkDocs build leaves the previous `site/` exactly as it was. A lock keeps two
builds started at once from interleaving.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from explainer.files import bytecode_cache, from_base, write_reason
from explainer.siteconfig import mkdocs_log

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Only one build at a time per project folder; a second one waits."""
    lock_path = root / ".build.lock"
    if lock_path.is_symlink():  # never open (let alone truncate) what a link points at
        lock_path.unlink()
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def mkdocs_build(config_file: Path, site_dir: Path, cache: Path | None = None) -> list[str]:
    """Run MkDocs (strict) into `site_dir`. Returns its warnings; empty means success.
    `cache`: a folder where the theme's compiled templates are kept between builds (the
    project's files known by their path from mkdocs.yml's folder)."""
    from mkdocs.commands import build as mk_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with mkdocs_log() as messages:
        try:
            config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
            if cache is not None:
                _prepare_theme(config.theme, cache, base=config_file.parent)
            mk_build.build(config)
        except MkDocsException as exc:
            if not messages:
                messages.append(str(exc))
    return messages


def _prepare_theme(theme, cache: Path, base: Path | None = None) -> None:
    """Two things MkDocs redoes at every build, done once:

    - the theme's compiled templates are kept in `cache` (Jinja's bytecode cache): MkDocs
      compiles every one of them at every build otherwise. A template whose source changed is
      compiled again (Jinja compares a checksum of the source); a change of Jinja or Python,
      or of the extensions the environment compiles with, uses another folder; the
      project's own files (overrides/) are known by their path from `base`, so a copy of the
      project elsewhere finds them compiled;
    - the theme's files are listed without the hidden ones (see `visible_files`)."""
    import hashlib

    import jinja2

    make_env = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        dirs = [from_base(folder, base) for folder in theme.dirs]
        key = hashlib.sha256(repr((jinja2.__version__, sorted(env.extensions), dirs)).encode()).hexdigest()[:16]
        env.bytecode_cache = bytecode_cache(cache / key, base=base)  # a cache that cannot be written costs time only
        loader = env.loader
        if isinstance(loader, jinja2.FileSystemLoader):
            loader.list_templates = lambda: visible_files(loader.searchpath, loader.followlinks)
        return env

    theme.get_env = get_env


def visible_files(folders: list[str], followlinks: bool = False) -> list[str]:
    """What `jinja2.FileSystemLoader.list_templates` lists, without any file or folder whose
    name starts with a dot. MkDocs lists every file of the theme to copy its static ones and
    drops those names itself (its patterns `.*` and `*/.*`): Material ships 14,000 icons in
    `.icons/`, and listing then filtering them took 0.1-0.15 s of every build; skipping the
    hidden folders while walking gives MkDocs the same files (tests/engine/test_publish.py)."""
    found: set[str] = set()
    for top in folders:
        for folder, subfolders, files in os.walk(top, followlinks=followlinks):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            where = os.path.relpath(folder, top).replace(os.sep, "/")
            prefix = "" if where == "." else where + "/"
            found.update(prefix + name for name in files if not name.startswith("."))
    return sorted(found)


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


STAGING = ".site-new-"
OLD = ".site-old-"


class PublishError(Exception):
    """The new site could not be put in place; `str()` is the French message. `site/` is unchanged."""


_RENAME_EXCHANGE = 2


def _renameat2() -> object | None:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):  # not Linux, or a C library without renameat2
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2 RENAME_EXCHANGE). False when the
    system or the filesystem cannot (then nothing happened); OSError for any other failure."""
    import ctypes

    function = _renameat2()
    if function is None:
        return False
    at_fdcwd = -100
    if function(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:  # type: ignore[operator]
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap_in(staging: Path, site_dir: Path) -> None:
    """Make `staging` the new `site_dir`; the previous site (if any) ends at `staging`.

    With RENAME_EXCHANGE `site/` is, at every instant, the whole old or the whole new site:
    a build killed at any point never leaves the project without one. Where the filesystem
    cannot exchange, two renames are used; the old site then waits in `.site-old-*` during
    the instant between them, and `recover()` puts it back if the build dies there."""
    if not os.path.lexists(site_dir):
        os.rename(staging, site_dir)
        return
    if exchange(staging, site_dir):
        return
    old = site_dir.with_name(f"{OLD}{os.getpid()}")
    os.rename(site_dir, old)
    os.rename(staging, site_dir)
    os.rename(old, staging)


def remove(path: Path) -> None:
    """Delete a folder, file or link (a link's target is never touched)."""
    if path.is_symlink() or not path.is_dir():
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    else:
        shutil.rmtree(path, ignore_errors=True)


def recover(site_dir: Path) -> list[str]:
    """Under the build lock: put back a site left in `.site-old-*` by a build that died between
    two renames, and delete what killed builds left (`.site-new-*`, `.site-old-*`). Returns
    the names removed."""
    parent = site_dir.parent
    olds = sorted(parent.glob(f"{OLD}*"), key=lambda p: p.lstat().st_mtime, reverse=True)
    if not os.path.lexists(site_dir) and olds and olds[0].is_dir() and not olds[0].is_symlink():
        os.rename(olds[0], site_dir)
        olds = olds[1:]
    removed = []
    for leftover in [*parent.glob(f"{STAGING}*"), *olds]:
        remove(leftover)
        removed.append(leftover.name)
    return removed


def remove_own_staging(site_dir: Path) -> None:
    """Delete this process's staging folders (named with its pid): called when the build is
    interrupted (SIGTERM, Ctrl+C) at any point of `publish`, even before `mkdtemp` returned."""
    for leftover in site_dir.parent.glob(f"{STAGING}{os.getpid()}-*"):
        remove(leftover)


def site_link(site_dir: Path) -> str | None:
    """Where `site/` leads when it is a symbolic link (the build refuses to follow it)."""
    return os.readlink(site_dir) if site_dir.is_symlink() else None


def publish(root: Path, config_file: Path, site_dir: Path, engine: str = "mkdocs",
            verify: Callable[[Path], bool] | None = None) -> list[str]:
    """Build into a new folder beside `site_dir`, then swap. Returns the engine's warnings.
    `verify(built)`, when given, looks at the built folder first: False keeps the old site.

    `site_dir` is used as given, never resolved: the staging folder is made in the project,
    and `site` must not be a link (the pipeline refuses one before building). An OS error
    (disk full, protected folder) raises PublishError; `site/` is then unchanged."""
    if site_link(site_dir) is not None:
        raise PublishError(f"« {site_dir.name} » est un lien symbolique : le build ne remplace que son propre dossier")
    staging = None
    try:
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING}{os.getpid()}-", dir=site_dir.parent))
        if engine == "zensical":
            warnings = zensical_build(config_file, staging)
        else:
            warnings = mkdocs_build(config_file, staging, cache=root / ".cache" / "theme")
        if warnings:
            return warnings
        if verify is not None and not verify(staging):  # the built site lacks an address: keep the old one
            return []
        public_modes(staging)
        swap_in(staging, site_dir)
        return []
    except OSError as exc:
        raise PublishError(f"le nouveau site n'a pas pu être écrit ni mis en place ({write_reason(exc)}) ; "
                           "l'ancien est resté en place") from None
    finally:
        if staging is not None:
            remove(staging)
