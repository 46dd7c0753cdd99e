"""Permanent addresses: the link manifest (`links.txt`), kept and enforced.

`links.txt` lists, sorted, every page address and anchor the site publishes (`/actors/`,
`/actors/#some-actor`). The build fails when a listed address would disappear, unless the
fact sheet keeps the old id as an alias of its new element (the alias is then published
as an anchor), or `mkdocs.yml` redirects the old page (mkdocs-redirects' `redirect_maps`).
`build_site.py links --update` adds new addresses; it never drops one.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from .problems import Problems
from .site import Site, page_url

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
    redirects = {page_url(old) for old in redirected}
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
    from .files import replace_atomically, write_reason

    try:  # never truncated in place: a full disk leaves the old list whole
        replace_atomically(Path(os.path.realpath(root / MANIFEST)), HEADER + "\n".join(lines) + "\n")
    except OSError as exc:
        problems.add(MANIFEST, 1, 1, f"impossible d'écrire {MANIFEST} ({write_reason(exc)}) ; la liste précédente est "
                                     "restée en place, aucune adresse n'est perdue")
        return []
    return added


_ID = re.compile(r"""\sid=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""")


def _built_ids(page: Path) -> set[str] | None:
    """The ids of the built page (None when there is no such page)."""
    try:
        text = page.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return {html.unescape(next(g for g in m.groups() if g is not None)) for m in _ID.finditer(text)}


def check_built(root: Path, built: Path, site: Site, redirected: frozenset[str], problems: Problems) -> bool:
    """What the engine really built, in `built`, against links.txt and the plan: every listed
    address and every address the plan publishes must be a page of the built site with its
    anchor. Two pages mapped to one address (MkDocs keeps one silently) or an anchor a page
    lost show here. False (with problems) when one is missing: the site is then not replaced."""
    redirects = {page_url(old) for old in redirected}
    try:
        listed = read_manifest(root / MANIFEST)
    except ManifestError:
        listed = []  # already reported by check_manifest
    wanted: dict[str, tuple[str, int]] = {address: (MANIFEST, line) for line, address in reversed(listed)}
    for address in sorted(site.published()):
        wanted.setdefault(address, ("site", 1))
    pages: dict[str, set[str] | None] = {}
    ok = True
    for address, (where, line) in wanted.items():
        page, _, anchor = address.partition("#")
        if page in redirects or not page.startswith("/"):
            continue
        if page not in pages:
            rel = page.strip("/")
            pages[page] = _built_ids(built / rel / "index.html" if page.endswith("/") else built / rel)
        ids = pages[page]
        if ids is None:
            problems.add(where, line, 1, f"l'adresse « {address} » n'est pas publiée par le site construit (la page "
                         f"{page} manque) : une autre page porte sans doute la même adresse ; le site n'a pas été modifié")
            ok = False
        elif anchor and anchor not in ids:
            problems.add(where, line, 1, f"l'adresse « {address} » n'est pas publiée par le site construit (la page {page} "
                         f"n'a pas l'ancre « {anchor} ») : une autre page a sans doute pris l'adresse {page} ; "
                         "le site n'a pas été modifié")
            ok = False
    return ok
