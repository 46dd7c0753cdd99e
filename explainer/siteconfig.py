"""`mkdocs.yml`, read once per build through MkDocs' own configuration loader.

`mkdocs.config.load_config` resolves `!ENV` (an empty `SITE_URL` is empty, as for MkDocs),
applies MkDocs' defaults and validates the file exactly as the publish stage will. What the
generator needs from it is kept in a `SiteConfig`: the site's address and name, the Atom
feed's id, and the old pages that `redirect_maps` keeps reachable.

The file goes through `files.read_input` first (a regular file inside the project, of
bounded size: never a FIFO that would block). A file MkDocs cannot read is a located
problem, `mkdocs.yml:LINE:COL: …` in French, never a traceback.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from .files import Refused, read_input
from .urls import url_problem
from .yamlsource import decode, syntax_message


@dataclass(frozen=True)
class SiteConfig:
    """What the build takes from mkdocs.yml."""

    site_url: str  # where the site is published, ending in "/" ("/" when mkdocs.yml gives none)
    site_name: str | None
    feed_id: str | None  # extra.feed_id: the Atom feed's permanent tag: URI
    redirected: frozenset[str]  # old pages (paths in docs/, "ancien.md") that redirect_maps sends elsewhere


class ConfigError(Exception):
    """mkdocs.yml cannot be read: where, and the French message (for `mkdocs.yml:LINE:COL:`)."""

    def __init__(self, line: int, col: int, message: str):
        super().__init__(message)
        self.line, self.col = line, col


def read_site_config(path: Path) -> SiteConfig:
    """The build's settings from mkdocs.yml, read by MkDocs; ConfigError when it cannot be."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    text = _read(path)
    _locate(text)  # before MkDocs' own loader, which runs !!python/object tags: refused here first
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with mkdocs_log() as said:
        try:
            config = load_config(config_file=str(path))
        except (MkDocsException, yaml.YAMLError) as exc:
            _locate(text)  # a YAML error: raised with its line and column
            reasons = " ; ".join(said) or str(exc)
            raise ConfigError(_line_of_key(text, reasons), 1, f"MkDocs refuse cette configuration : {reasons}") from None
    _inside_project(path, text, config)
    url = config.site_url or "/"
    if config.site_url:
        raw = _raw_site_url(text)
        problem = url_problem(raw if raw is not None else str(config.site_url), "site_url")
        if problem is not None:
            where = re.search(r"^site_url\s*:", text, re.M)
            fix = (" ; la valeur vient de la variable d'environnement SITE_URL : corrigez-la là où elle est définie "
                   "(le workflow de publication la prend des réglages Pages du dépôt)" if "SITE_URL" in text[where.start():].split("\n", 1)[0] else "") if where else ""
            raise ConfigError(text.count("\n", 0, where.start()) + 1 if where else 1, 1, problem + fix)
    redirects = config.plugins.get("redirects")
    maps = (redirects.config.get("redirect_maps") if redirects is not None else None) or {}
    return SiteConfig(
        site_url=url if url.endswith("/") else url + "/",
        site_name=str(config.site_name) if config.site_name else None,
        feed_id=str(config.extra["feed_id"]) if config.extra.get("feed_id") else None,
        redirected=frozenset(str(old) for old in maps),
    )


def _inside_project(path: Path, text: str, config) -> None:
    """docs_dir is the project's docs/ (the build writes its pages there, and MkDocs publishes
    all it holds); theme.custom_dir, if any, lies inside the project."""
    from .files import inside

    root = path.parent
    docs = Path(str(config.docs_dir))
    if os.path.realpath(docs) != os.path.realpath(root / "docs"):
        where = re.search(r"^docs_dir\s*:", text, re.M)
        raise ConfigError(text.count("\n", 0, where.start()) + 1 if where else 1, 1,
                          f"docs_dir « {os.path.relpath(docs, root)} » : le site se construit à partir du dossier docs "
                          "du projet (le build y écrit les pages, et rien n'est publié d'ailleurs) ; écrivez « docs_dir: docs »")
    custom = config.theme.custom_dir if config.theme else None
    if custom and not inside(Path(custom), root):
        where = re.search(r"^\s*custom_dir\s*:", text, re.M)
        raise ConfigError(text.count("\n", 0, where.start()) + 1 if where else 1, 1,
                          f"custom_dir « {os.path.realpath(custom)} » : hors du projet ; le build ne publie rien d'extérieur au projet : "
                          "gardez « custom_dir: overrides »")


def _raw_site_url(text: str) -> str | None:
    """site_url as it will be published, before MkDocs' loader tidies it (it drops a
    newline inside !ENV's value, for instance): the SITE_URL variable when mkdocs.yml takes it
    from there, else None (then MkDocs' value is the one)."""
    where = re.search(r"^site_url\s*:(.*)$", text, re.M)
    if where and "!ENV" in where.group(1):
        named = re.search(r"!ENV\s*\[?\s*([A-Za-z_][A-Za-z0-9_]*)", where.group(1))
        if named and os.environ.get(named.group(1)):
            return os.environ[named.group(1)]
    return None


def _line_of_key(text: str, reasons: str) -> int:
    """The line of the top-level key MkDocs names (« Config value 'theme': … »), else 1."""
    named = re.search(r"Config value '([\w-]+)'", reasons)
    where = re.search(rf"^{re.escape(named.group(1))}\s*:", text, re.M) if named else None
    return text.count("\n", 0, where.start()) + 1 if where else 1


def _read(path: Path) -> str:
    try:
        text, error = decode(read_input(path, path.parent))
    except FileNotFoundError:
        raise ConfigError(1, 1, "fichier introuvable : il doit se trouver à la racine du projet") from None
    except Refused as exc:
        raise ConfigError(1, 1, str(exc)) from None
    if error is not None or text is None:
        raise ConfigError(error.line if error else 1, error.col if error else 1, error.message if error else "fichier illisible")
    return text


@contextlib.contextmanager
def mkdocs_log() -> Iterator[list[str]]:
    """What MkDocs says (warnings and errors) while the block runs: its reasons, before it
    gives up. Used here and by the publish stage."""
    said: list[str] = []

    class Said(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            said.append(record.getMessage())

    handler = Said(level=logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield said
    finally:
        logger.removeHandler(handler)


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml's YAML only to locate a syntax error (its tags are MkDocs' business)."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _python_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    """`!!python/name:…` (an object MkDocs' extensions name, e.g. an emoji index) is a
    reference; `!!python/object…`, `!!python/module…` make MkDocs' loader run code."""
    if suffix.startswith("name:"):
        return None
    mark = node.start_mark
    raise ConfigError(mark.line + 1, mark.column + 1,
                      f"étiquette YAML « !!python/{suffix} » non permise : elle ferait exécuter du code à la lecture de "
                      "la configuration ; écrivez une valeur simple (un texte entre guillemets)")


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)


def _locate(text: str) -> None:
    """Raise ConfigError at the YAML error in `text`, if there is one."""
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ConfigError(line, col, syntax_message(exc, text, line)) from None
    except yaml.YAMLError:  # pragma: no cover - PyYAML's errors are all located
        raise ConfigError(1, 1, "erreur de syntaxe YAML : vérifiez l'indentation et les guillemets") from None
    if not isinstance(data, dict):
        raise ConfigError(1, 1, "document : ensemble de clés attendu (« clé: valeur »)")
