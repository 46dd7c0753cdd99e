"""Permanent addresses: the link manifest (`links.txt`), kept and enforced.

`links.txt` lists, sorted, every page address and anchor the site publishes (`/actors/`,
`/actors/#some-actor`). The build fails when a listed address would disappear, unless the
fact sheet keeps the old id as an alias of its new element (the alias is then published
as an anchor), or `mkdocs.yml` redirects the old page (mkdocs-redirects' `redirect_maps`).
`build_site.py links --update` adds new addresses; it never drops one.
"""

from __future__ import annotations

from pathlib import Path

from .problems import Problems
from .site import Address, Site

MANIFEST = "links.txt"
HEADER = (
    "# Every address and anchor the site publishes, sorted. Wikis link to them: never remove a line.\n"
    "# Added by `make links` (build_site.py links --update); checked by every build.\n"
)


class ManifestError(Exception):
    """links.txt cannot be read: where, and the French message."""

    def __init__(self, line: int, col: int, message: str):
        super().__init__(message)
        self.line, self.col = line, col


def read_manifest(path: Path) -> list[tuple[int, str]]:
    """The listed addresses with their line numbers ([] when there is no manifest yet)."""
    from .files import Refused, read_input
    from .yamlsource import decode

    try:
        raw = read_input(path, path.parent)
    except FileNotFoundError:
        return []
    except Refused as exc:
        raise ManifestError(1, 1, str(exc)) from None
    text, error = decode(raw)
    if error is not None:
        raise ManifestError(error.line, error.col, error.message)
    lines = (text or "").split("\n")
    return [(n, line.strip()) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]


def covered(address: str, served: set[str], redirects: set[str]) -> bool:
    page = address.split("#", 1)[0]
    return address in served or page in redirects


def check_manifest(root: Path, site: Site, redirected: frozenset[str], problems: Problems) -> set[str]:
    """Problems for every listed address that would disappear (unless it is on one of the old
    pages that mkdocs.yml redirects, `redirected`). Returns what is served."""
    served = site.published()
    redirects = {Address(old).url for old in redirected}
    try:
        listed = read_manifest(root / MANIFEST)
    except ManifestError as exc:
        problems.add(MANIFEST, exc.line, exc.col, str(exc))
        return served
    sources_index = site.page("sources.md").address.url
    for line, address in listed:
        if covered(address, served, redirects):
            continue
        page, _, anchor = address.partition("#")
        moved = sorted(a for a in served if a.endswith(f"#{anchor}")) if anchor else []
        if anchor and page == sources_index and not moved:  # articles have no aliases: the advice below would not work
            message = (
                f"l'adresse « {address} » est publiée et ne le serait plus : l'article « {anchor} » a disparu de "
                f"seeds/articles.yml. Un article n'a pas d'« aliases: » : gardez son id (« id: {anchor} »), même si son "
                f"fichier ou ses métadonnées changent"
            )
        elif moved:  # same id, other page: an alias cannot help, the element must stay where it was
            message = (
                f"l'adresse « {address} » est publiée et ne le serait plus : « {anchor} » a changé de page "
                f"(désormais {moved[0]}). Remettez en premier le thème de sa page d'origine"
            )
        elif anchor:
            message = (
                f"l'adresse « {address} » est publiée et ne le serait plus : l'id « {anchor} » a disparu. "
                f"Gardez-le dans « aliases: » de l'élément qui le remplace (ou rétablissez-le)"
            )
        else:
            message = (
                f"la page « {page} » est publiée et ne le serait plus : rétablissez-la ou redirigez-la "
                f"(redirect_maps du plugin redirects dans mkdocs.yml)"
            )
        problems.add(MANIFEST, line, 1, message)
    return served


def update_manifest(root: Path, site: Site, redirected: frozenset[str], problems: Problems) -> list[str]:
    """Add the new addresses; refuse (with problems) if any listed one would disappear."""
    served = check_manifest(root, site, redirected, problems)
    if problems:
        return []
    existing = {address for _, address in read_manifest(root / MANIFEST)}
    added = sorted(served - existing)
    lines = sorted(existing | served)
    (root / MANIFEST).write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return added
