"""Permanent addresses: the link manifest (`links.txt`), kept and enforced.

`links.txt` lists, sorted, every page address and anchor the site publishes (`/actors/`,
`/actors/#some-actor`). The build fails when a listed address would disappear, unless the
fact sheet keeps the old id as an alias of its new element (the alias is then published
as an anchor), or `mkdocs.yml` redirects the old page (mkdocs-redirects' `redirect_maps`).
`build_site.py links --update` adds new addresses; it never drops one.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .problems import Problems
from .site import Address, Site

MANIFEST = "links.txt"
HEADER = (
    "# Every address and anchor the site publishes, sorted. Wikis link to them: never remove a line.\n"
    "# Added by `make links` (build_site.py links --update); checked by every build.\n"
)


def _config(config: Path) -> dict:
    """mkdocs.yml as plain data; `!ENV [NAME, default]` resolved the way MkDocs does."""
    import os

    def env(loader: yaml.SafeLoader, node: yaml.Node):
        values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
        for name in values[:-1] if len(values) > 1 else values:
            if str(name) in os.environ:  # set, even empty, wins: as in MkDocs (pyyaml_env_tag)
                return os.environ[str(name)]
        return values[-1] if len(values) > 1 else None

    def loader(base: type) -> type:
        class _Loader(base):
            pass

        _Loader.add_constructor("!ENV", env)
        _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
        return _Loader

    from .files import Refused, read_input
    from .yamlsource import decode, syntax_message

    try:
        text, error = decode(read_input(config, config.parent))
    except FileNotFoundError:
        raise ConfigError(1, 1, "fichier introuvable : il doit se trouver à la racine du projet") from None
    except Refused as exc:
        raise ConfigError(1, 1, str(exc)) from None
    if error is not None or text is None:
        raise ConfigError(error.line if error else 1, error.col if error else 1, error.message if error else "fichier illisible")
    try:
        # libyaml: the file is read at every build. Its error wording is not PyYAML's, which
        # syntax_message() explains: a file libyaml refuses is read again by PyYAML for the
        # message (as yamlsource.parse does for facts.yml).
        data = yaml.load(text, Loader=loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader))) or {}
    except yaml.YAMLError:
        data = None
    if data is None:
        try:
            data = yaml.load(text, Loader=loader(yaml.SafeLoader)) or {}
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            raise ConfigError(line, col, syntax_message(exc, text, line)) from None
        except yaml.YAMLError:  # pragma: no cover - PyYAML's errors are all located
            raise ConfigError(1, 1, "erreur de syntaxe YAML : vérifiez l'indentation et les guillemets") from None
    if not isinstance(data, dict):
        raise ConfigError(1, 1, "document : ensemble de clés attendu (« clé: valeur »)")
    return data


class ConfigError(Exception):
    """mkdocs.yml cannot be read: where, and the French message (for `mkdocs.yml:LINE:COL:`)."""

    def __init__(self, line: int, col: int, message: str):
        super().__init__(message)
        self.line, self.col = line, col


def site_url(config: Path) -> str:
    """The address the site is published at (SITE_URL, or mkdocs.yml's default)."""
    url = str(_config(config).get("site_url") or "/")
    return url if url.endswith("/") else url + "/"


def site_name_setting(config: Path) -> str | None:
    """mkdocs.yml's `site_name`: what the home page shares as, and the link cards' header."""
    value = _config(config).get("site_name")
    return str(value) if value else None


def feed_id_setting(config: Path) -> str | None:
    """The Atom feed's permanent id (mkdocs.yml `extra.feed_id`, a tag: URI), or None."""
    value = (_config(config).get("extra") or {}).get("feed_id")
    return str(value) if value else None


def redirected(config: Path) -> set[str]:
    """Old page addresses that mkdocs.yml redirects (mkdocs-redirects' `redirect_maps`)."""

    data = _config(config)
    out = set()
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and "redirects" in plugin:
            for old in ((plugin["redirects"] or {}).get("redirect_maps") or {}):
                out.add(Address(old).url)
    return out


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


def check_manifest(root: Path, site: Site, config: Path, problems: Problems) -> set[str]:
    """Problems for every listed address that would disappear. Returns what is served."""
    served = site.published()
    redirects = redirected(config)
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


def update_manifest(root: Path, site: Site, config: Path, problems: Problems) -> list[str]:
    """Add the new addresses; refuse (with problems) if any listed one would disappear."""
    served = check_manifest(root, site, config, problems)
    if problems:
        return []
    existing = {address for _, address in read_manifest(root / MANIFEST)}
    added = sorted(served - existing)
    lines = sorted(existing | served)
    (root / MANIFEST).write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return added
