"""Stage 4, write: put the generated pages into `docs/` and the navigation into `mkdocs.yml`.

The writer guards its output: nothing is written outside `docs/`, no page is written
twice, only files that carry the generated marker are ever replaced or removed (the
hand-written assets in `docs/` are left alone), and unchanged files are not rewritten.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

GENERATED_MARKER = "generated: page générée par build_site.py"
NAV_BEGIN = "# BEGIN generated nav: written by build_site.py from facts.yml; do not edit by hand"
NAV_END = "# END generated nav"


class WriteError(Exception):
    """A write the build refuses; `where` is the file it concerns, for the `file:1:1:` location."""

    def __init__(self, message: str, where: str = "docs") -> None:
        super().__init__(message)
        self.where = where


def has_marker(text: str) -> bool:
    """Generated text: the marker opens its `---` front matter (or, in pages written by
    earlier versions, MultiMarkdown metadata, its first line)."""
    return text.startswith(GENERATED_MARKER) or text.startswith("---\n" + GENERATED_MARKER)


def is_generated(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8") as f:
            return has_marker(f.readline() + f.readline())
    except (OSError, UnicodeDecodeError):
        return False


def write_docs(pages: dict[str, str], docs: Path) -> list[str]:
    """Write the pages; remove generated pages that are no longer produced. Returns changed paths."""
    root = docs.resolve()
    docs.mkdir(parents=True, exist_ok=True)
    planned: dict[Path, str] = {}
    for rel, content in pages.items():
        target = (docs / rel).resolve()
        if root not in target.parents:
            raise WriteError(f"refus d'écrire hors de docs/ : {rel}")
        if target in planned:
            raise WriteError(f"page écrite deux fois : {rel}")
        if not has_marker(content):
            raise WriteError(f"page sans la ligne « generated » : {rel}")
        if target.exists() and not is_generated(target):
            raise WriteError(
                "page écrite à la main à l'adresse d'une page générée : renommez-la ou déplacez-la", f"docs/{rel}"
            )
        planned[target] = content
    changed = []
    for target, content in planned.items():
        if target.exists() and target.read_text(encoding="utf-8") == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_text(content, encoding="utf-8")
        os.replace(tmp, target)
        changed.append(str(target.relative_to(root)))
    for existing in docs.rglob("*.md"):
        if existing.resolve() not in planned and is_generated(existing):
            existing.unlink()
            changed.append(str(existing.resolve().relative_to(root)))
    return changed


def nav_block(entries: list[tuple[str, str]]) -> str:
    lines = [NAV_BEGIN, "nav:"]
    for title, path in entries:
        # Material prints nav titles unescaped: escape HTML here, then quote for YAML
        safe = html.escape(" ".join(title.split()), quote=False).replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'  - "{safe}": {path}')
    lines.append(NAV_END)
    return "\n".join(lines)


def write_nav(config: Path, entries: list[tuple[str, str]]) -> bool:
    """Rewrite the navigation between the markers of mkdocs.yml. Returns True if it changed."""
    text = config.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(NAV_BEGIN) + r".*?" + re.escape(NAV_END), re.S)
    if not pattern.search(text):
        raise WriteError(f"les marqueurs de navigation générée sont absents : remettez la ligne « {NAV_BEGIN} » et « {NAV_END} » sous « nav: »", config.name)
    new = pattern.sub(lambda _: nav_block(entries), text, count=1)
    if new == text:
        return False
    tmp = config.with_name(f".{config.name}.tmp")
    tmp.write_text(new, encoding="utf-8")
    os.replace(tmp, config)
    return True


def write_files(files: dict[str, str], docs: Path) -> list[str]:
    """Write generated data files (exports) at the top of `docs/`; unchanged files are left alone."""
    root = docs.resolve()
    changed = []
    for name, content in files.items():
        target = (docs / name).resolve()
        if target.parent != root:
            raise WriteError(f"refus d'écrire hors de docs/ : {name}")
        if target.exists() and target.read_text(encoding="utf-8") == content:
            continue
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_text(content, encoding="utf-8")
        os.replace(tmp, target)
        changed.append(name)
    return changed
