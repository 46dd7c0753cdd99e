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
from typing import Any

import yaml

from .files import Refused, read_input
from .urls import url_problem
from .yamlsource import decode, syntax_message


@dataclass(frozen=True)
class Identity:
    """The story's identity, from `story:` in facts.yml (its one place): the site's name and
    description, its default address and the feed's permanent id."""

    title: str
    description: str
    site_url: str | None
    feed_id: str | None

    @classmethod
    def of(cls, story: Any) -> Identity:
        """From the loaded `model.Story` (or its `story:` mapping)."""
        get = story.get if isinstance(story, dict) else lambda key: getattr(story, key, None)
        return cls(title=str(get("title") or ""), description=" ".join(str(get("description") or get("summary") or "").split()),
                   site_url=get("site_url"), feed_id=get("feed_id"))


def story_identity(root: Path) -> Identity:
    """The identity written in `root/facts.yml`, read without the whole load (tools and tests
    that only need the site's address or name)."""
    data = yaml.safe_load(read_input(root / "facts.yml", root).decode("utf-8"))
    return Identity.of((data or {}).get("story") or {})


@dataclass(frozen=True)
class SiteConfig:
    """What the build takes from mkdocs.yml (the engine's settings) and the story's identity."""

    site_url: str  # where the site is published, ending in "/" ("/" when neither SITE_URL nor the story gives one)
    site_name: str | None
    feed_id: str | None  # story.feed_id: the Atom feed's permanent tag: URI
    redirected: frozenset[str]  # old pages (paths in docs/, "ancien.md") that redirect_maps sends elsewhere
    description: str = ""  # story.description (or its summary): the site's description


class ConfigError(Exception):
    """mkdocs.yml cannot be read: where, and the French message (for `mkdocs.yml:LINE:COL:`).
    `story` is True when the fault is in the story's address (facts.yml's story.site_url, or
    SITE_URL that replaces it)."""

    def __init__(self, line: int, col: int, message: str, story: bool = False):
        super().__init__(message)
        self.line, self.col, self.story = line, col, story


#: The keys of the story's identity: they live in facts.yml's story:, never in mkdocs.yml.
STORY_KEYS = ("site_name", "site_description", "site_url", "nav")


def published_url(identity: Identity) -> str | None:
    """Where the site is published: SITE_URL when it is set (an empty one: no address), else
    the story's site_url."""
    return os.environ["SITE_URL"] if "SITE_URL" in os.environ else identity.site_url


def read_site_config(path: Path, identity: Identity | None = None) -> SiteConfig:
    """The build's settings: the engine's from the hand-written mkdocs.yml, read by MkDocs with
    the story's identity given as MkDocs options (as the generated configuration gives them);
    ConfigError when it cannot be. Without `identity`, the one of facts.yml beside mkdocs.yml."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    text = _read(path)
    _locate(text)  # before MkDocs' own loader, which runs !!python/object tags: refused here first
    for key in STORY_KEYS:
        where = re.search(rf"^{key}\s*:", text, re.M)
        if where:
            raise ConfigError(text.count("\n", 0, where.start()) + 1, 1,
                              f"« {key} » n'a pas sa place dans mkdocs.yml : le nom, la description et l'adresse du site "
                              "viennent de story: dans facts.yml (title, description, site_url), la navigation du plan du site ; "
                              "retirez cette clé")
    if identity is None:
        identity = story_identity(path.parent)
    url = published_url(identity) or ""
    if url:
        problem = url_problem(url, "site_url")
        if problem is not None:
            fix = (" ; la valeur vient de la variable d'environnement SITE_URL : corrigez-la là où elle est définie "
                   "(le workflow de publication la prend des réglages Pages du dépôt)" if "SITE_URL" in os.environ else "")
            raise ConfigError(1, 1, problem + fix, story=True)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with mkdocs_log() as said:
        try:
            config = load_config(config_file=str(path), site_name=identity.title or "-", site_url=url or None)
        except (MkDocsException, yaml.YAMLError) as exc:
            _locate(text, fast=False)  # a YAML error: raised with its line and column
            reasons = " ; ".join(said) or str(exc)
            raise ConfigError(_line_of_key(text, reasons), 1, f"MkDocs refuse cette configuration : {reasons}") from None
    _inside_project(path, text, config)
    redirects = config.plugins.get("redirects")
    maps = (redirects.config.get("redirect_maps") if redirects is not None else None) or {}
    return SiteConfig(
        site_url=(url if url.endswith("/") else url + "/") if url else "/",
        site_name=identity.title or None,
        feed_id=identity.feed_id,
        redirected=frozenset(str(old) for old in maps),
        description=identity.description,
    )


def generated_config(config: Path, site: SiteConfig, nav: list[tuple[str, str]]) -> str:
    """The MkDocs configuration the engines build with: the hand-written mkdocs.yml (`INHERIT`),
    plus the story's identity and the plan's navigation. Written by the build beside mkdocs.yml
    (git-ignored), never edited by hand; mkdocs.yml itself is never rewritten."""
    import html
    import json

    from . import language

    def quoted(value: str) -> str:  # a JSON string is a YAML double-quoted scalar
        return json.dumps(value, ensure_ascii=False)

    # The theme prints site_name and site_description as they are, into the HTML and its
    # attributes (<title>, <meta content="…">): the story's words come HTML-escaped, like the
    # nav titles, so an editor's « <script> » or « " » stays text (overrides/ print them unescaped).
    lines = ["# Généré par build_site.py à partir de facts.yml (story:) et du plan du site : ne pas modifier.",
             f"INHERIT: {config.name}", f"site_name: {quoted(html.escape(site.site_name or ''))}"]
    if site.description:
        lines.append(f"site_description: {quoted(html.escape(site.description))}")
    if site.site_url != "/":
        lines.append(f"site_url: {quoted(site.site_url)}")
    # the story's locale (story.locale): the theme's language (<html lang>, its own words) and
    # the pages' og:locale (overrides/main.html); INHERIT merges these maps into mkdocs.yml's
    lines += ["theme:", f"  language: {quoted(language.code().split('_')[0])}", "extra:", f"  locale: {quoted(language.code())}"]
    if site.feed_id:
        lines.append(f"  feed_id: {quoted(site.feed_id)}")
    lines.append("nav:")
    for title, page in nav:  # Material prints nav titles unescaped: HTML-escaped here
        lines.append(f"  - {quoted(html.escape(' '.join(title.split()), quote=False))}: {quoted(page)}")
    return "\n".join(lines) + "\n"


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

#: The same reading with libyaml (when PyYAML has it): a correct mkdocs.yml is read in a
#: fraction of the time; anything it refuses is read again by `_Loader`, whose errors are
#: the ones located and explained.
_FastLoader: type | None = None
if hasattr(yaml, "CSafeLoader"):
    class _FastLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        pass

    _FastLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
    _FastLoader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)


def _locate(text: str, fast: bool = True) -> None:
    """Raise ConfigError at the YAML error in `text`, if there is one. `fast`: libyaml first,
    the pure-Python reader only for a text libyaml refuses (or that is no set of keys)."""
    if fast and _FastLoader is not None:
        try:
            if isinstance(yaml.load(text, Loader=_FastLoader), dict):
                return
        except (yaml.YAMLError, ConfigError):
            pass
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
