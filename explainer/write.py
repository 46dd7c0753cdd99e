"""Stage 5, write: put the generated pages into `docs/`, and the generated MkDocs configuration
(`.mkdocs.generated.yml`, see `siteconfig.generated_config`) beside the hand-written mkdocs.yml,
which the build never rewrites.

The writer guards its output: nothing is written outside `docs/`, no page is written
twice, only files that carry the generated marker are ever replaced or removed (the
hand-written assets in `docs/` are left alone), and unchanged files are not rewritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path

from . import model
from .files import replace_atomically, write_reason

GENERATED_MARKER = "generated: page générée par build_site.py"


class WriteError(Exception):
    """A write the build refuses; `where` is the file it concerns, for the `file:1:1:` location."""

    def __init__(self, message: str, where: str = "docs") -> None:
        super().__init__(message)
        self.where = where


def has_marker(text: str) -> bool:
    """Generated text: the marker opens its `---` front matter (or, in pages written by
    earlier versions, MultiMarkdown metadata, its first line)."""
    return text.startswith(GENERATED_MARKER) or text.startswith("---\n" + GENERATED_MARKER)


#: What a generated page starts with even when the rest of the file is damaged (the ASCII
#: part of the marker): such a page is regenerated, not mistaken for a hand-written one.
_MARKER_HEAD = GENERATED_MARKER.encode("utf-8")[: GENERATED_MARKER.encode("utf-8").index(b"\xc3")]


def _head(path: Path, size: int = 4096) -> bytes | None:
    """The first bytes of a regular file (None for anything else); never blocks on a FIFO."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.read(fd, size)
    except OSError:
        return None
    finally:
        os.close(fd)


def is_generated(path: Path) -> bool:
    """True for a page this program wrote, even if damaged since (not UTF-8 any more)."""
    head = _head(path)
    if head is None:
        return False
    start = head[4:] if head.startswith(b"---\n") else head
    return start.startswith(_MARKER_HEAD)


def _unreadable_text(path: Path) -> bool:
    head = _head(path, 1 << 20)
    if head is None:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start < len(head) - 4  # not a character cut by the 1 MB limit
    return False


def _same(target: Path, content: str) -> bool:
    """True when `target` already holds exactly `content` (compared as bytes: a damaged file differs)."""
    try:
        return target.is_file() and target.read_bytes() == content.encode("utf-8")
    except OSError:
        return False


def replace_file(target: Path, content: str | bytes, label: str, what: str = "ce fichier généré") -> None:
    """`files.replace_atomically`; a failure (disk full, protected file) is a WriteError
    located at `label`, never a traceback."""
    try:
        replace_atomically(target, content)
    except OSError as exc:
        raise WriteError(f"impossible d'écrire {what} ({write_reason(exc)})", label) from None


def write_docs(pages: dict[str, str], docs: Path) -> list[str]:
    """Write the pages; remove generated pages that are no longer produced. Returns changed paths."""
    root = docs.resolve()
    try:
        docs.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"impossible de créer le dossier ({write_reason(exc)})", docs.name) from None
    planned: dict[Path, str] = {}
    for rel, content in pages.items():
        target = (docs / rel).resolve()
        if root not in target.parents:
            raise WriteError(f"refus d'écrire hors de docs/ : {rel}")
        if target in planned:
            raise WriteError(f"page écrite deux fois : {rel}")
        if not has_marker(content):
            raise WriteError(f"page sans la ligne « generated » : {rel}")
        if os.path.lexists(target) and not is_generated(target):
            if _unreadable_text(target):
                raise WriteError("page illisible (pas en UTF-8) à l'adresse d'une page générée : supprimez-la, "
                                 "le build la régénère (ou réenregistrez-la en UTF-8 et renommez-la)", f"{docs.name}/{rel}")
            raise WriteError(
                "page écrite à la main à l'adresse d'une page générée : renommez-la ou déplacez-la", f"{docs.name}/{rel}"
            )
        planned[target] = content
    changed = []
    for target, content in planned.items():
        if _same(target, content):
            continue
        rel = str(target.relative_to(root))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
                raise WriteError(f"impossible de créer le dossier ({write_reason(exc)})", f"{docs.name}/{rel}") from None
        replace_file(target, content, f"{docs.name}/{rel}")
        changed.append(rel)
    for existing in docs.rglob("*.md"):
        if existing.resolve() not in planned and is_generated(existing):
            rel = str(existing.resolve().relative_to(root))
            try:
                existing.unlink()
            except OSError as exc:
                        raise WriteError(f"impossible de supprimer cette page générée qui n'a plus lieu d'être ({write_reason(exc)})",
                                 f"{docs.name}/{rel}") from None
            changed.append(rel)
    return changed


def write_config(path: Path, content: str) -> bool:
    """Write the generated MkDocs configuration (`generated_config`) if it changed. Returns True if it did."""
    if path.is_file() and not path.is_symlink() and path.read_text(encoding="utf-8") == content:
        return False
    replace_file(path, content, path.name)
    return True


def write_files(files: dict[str, str], docs: Path) -> list[str]:
    """Write generated data files (exports) at the top of `docs/`; unchanged files are left alone."""
    root = docs.resolve()
    changed = []
    for name, content in files.items():
        target = (docs / name).resolve()
        if target.parent != root:
            raise WriteError(f"refus d'écrire hors de docs/ : {name}")
        if _same(target, content):
            continue
        replace_file(target, content, f"{docs.name}/{name}")
        changed.append(name)
    return changed


def write_folder(files: dict[str, bytes], docs: Path, folder: str) -> list[str]:
    """Fill `docs/<folder>/`, which the build owns whole (the link cards): write what changed,
    remove what is no longer produced. Returns the changed paths."""
    root = (docs / folder).resolve()
    if docs.resolve() not in root.parents:
        raise WriteError(f"refus d'écrire hors de docs/ : {folder}")
    root.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, content in files.items():
        target = (root / name).resolve()
        if target.parent != root:
            raise WriteError(f"refus d'écrire hors de docs/{folder}/ : {name}")
        if target.exists() and target.read_bytes() == content:
            continue
        replace_file(target, content, f"docs/{folder}/{name}")
        changed.append(f"{folder}/{name}")
    for existing in root.iterdir():
        if existing.is_file() and existing.name not in files:
            existing.unlink()
            changed.append(f"{folder}/{existing.name}")
    return changed


def cached_schemas(cache: Path) -> dict[str, str]:
    """`model.schemas()`, kept in `cache` between builds: they change only with the code that
    makes them, so the file is named after explainer/'s sources and pydantic's version, and
    any change of either makes them again (0.03 s a build otherwise). A cache that cannot be
    read or written is ignored."""
    import pydantic

    digest = hashlib.sha256(pydantic.VERSION.encode())
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    file = cache / f"{digest.hexdigest()[:20]}.json"
    with contextlib.suppress(OSError, ValueError):
        kept = json.loads(file.read_text(encoding="utf-8"))
        if isinstance(kept, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in kept.items()):
            return kept
    made = model.schemas()
    tmp = None
    try:
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=cache, suffix=".tmp", delete=False) as tmp:
            json.dump(made, tmp, ensure_ascii=False)
        os.replace(tmp.name, file)
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp.name)
    return made


def write_schemas(schemas: dict[str, str], folder: Path) -> list[str]:
    """Write the JSON Schemas (`model.schemas()`) into `docs/schema/`; unchanged files are left alone."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"impossible de créer le dossier ({write_reason(exc)})", f"docs/{folder.name}") from None
    changed = []
    for name, content in schemas.items():
        target = folder / name
        if not target.is_file() or target.read_bytes() != content.encode("utf-8"):
            replace_file(target, content, f"docs/{folder.name}/{name}")
            changed.append(f"docs/{folder.name}/{name}")
    return changed
