"""The build, stage by stage: load → check → plan → render → write → publish.

1. load    (`load.py`)    articles and fact sheet → typed objects, located problems;
                          mkdocs.yml once, through MkDocs' loader (`siteconfig.py`)
2. check   (`check.py`)   ids, cross-references, dates, verbatim quotes
3. plan    (`site.py`)    pages, where each element lives, every address, the indexes
4. render  (`render.py`)  each page through its template → Markdown (with `diagrams/`,
                          `structured.py`); `links.py` checks the addresses, `exports.py`
5. write   (`write.py`)   `docs/` pages, JSON Schemas, and the generated MkDocs configuration
                          (`.mkdocs.generated.yml`: mkdocs.yml inherited, the story's identity
                          and the plan's navigation added; mkdocs.yml is never rewritten)
6. publish (`publish.py`) MkDocs (strict) into a fresh folder, swapped in as `site/`

Problems from stages 1–2 are collected and reported together; nothing is written
unless both pass, and `site/` is replaced only after MkDocs succeeded.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from . import beside, cards, counts, journal, narrative, text
from .check import check
from .links import check_built, check_manifest, update_manifest
from .load import Loaded, load
from .problems import Problems
from .progress import Reporter
from .files import unsafe_entries, write_reason
from .publish import PublishError, build_lock, publish, recover, remove_own_staging, site_link
from .render import render
from .site import Settings, Site, plan
from .siteconfig import ConfigError, Identity, SiteConfig, generated_config, read_site_config
from .exports import exports
from .write import WriteError, cached_schemas, write_config, write_docs, write_files, write_folder, write_schemas


@dataclass
class Project:
    """Where things live; every path derives from the project root."""

    root: Path
    facts: str = "facts.yml"
    seeds: str = "seeds"
    templates: str = "templates"
    docs: str = "docs"
    config: str = "mkdocs.yml"  # hand-written: the engine's settings, no story text; never rewritten
    generated: str = ".mkdocs.generated.yml"  # what the engines build with: mkdocs.yml + the story's identity + nav
    site: str = "site"

    def path(self, name: str) -> Path:
        return self.root / getattr(self, name)


@dataclass
class Result:
    problems: Problems
    timings: dict[str, float] = field(default_factory=dict)
    loaded: Loaded | None = None
    pages: dict[str, str] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)
    site: Site | None = None
    added: list[str] = field(default_factory=list)  # `links --update`: the addresses added to links.txt
    mkdocs_warnings: list[str] = field(default_factory=list)
    redirected: frozenset[str] = frozenset()  # mkdocs.yml's redirect_maps: old pages kept reachable
    journal: journal.Journal | None = None  # what was last published and what changed since (journal.py)
    warnings: list[str] = field(default_factory=list)  # reported, but nothing is refused
    recorded: int = 0  # `build`: the changes written to journal.json
    config: SiteConfig | None = None
    beside: dict[str, float] = field(default_factory=dict)  # stages run on another core meanwhile: their own seconds

    @property
    def ok(self) -> bool:
        return not self.problems and not self.mkdocs_warnings


def _timed(result: Result, stage: str, fn: Callable, reporter: Reporter | None = None):
    if reporter:
        reporter.start(stage)
    start = time.perf_counter()
    try:
        return fn()
    finally:
        seconds = time.perf_counter() - start
        result.timings[stage] = result.timings.get(stage, 0.0) + seconds
        if reporter:
            reporter.stage(stage, seconds)


def run_check(project: Project, reporter: Reporter | None = None) -> Result:
    """Stages 1–2 only: what `make check` runs."""
    result = Result(problems=Problems())
    loaded = _load(project, result, reporter)
    if loaded is not None:
        _timed(result, "check", lambda: _check(loaded, result.problems), reporter)
        if not result.problems:
            _read_journal(project, loaded, result)
    return result


def _load(project: Project, result: Result, reporter: Reporter | None) -> Loaded | None:
    """Stage 1, into `result` (its problems, `result.loaded`)."""
    loaded = _timed(result, "load", lambda: load(project.root, result.problems, project.facts, project.seeds))
    result.loaded = loaded
    if loaded is not None and reporter:
        reporter.loaded(len(loaded.articles), len(loaded.sheet.facts))
    return loaded


def _check(loaded: Loaded, problems: Problems) -> None:
    """Stage 2: the sheet against the articles, the narrative, the counts."""
    check(loaded, problems)
    narrative.check(loaded, problems)
    counts.check(loaded, problems)


def _check_problems(loaded: Loaded) -> list:
    """Stage 2's problems alone (what a child running it beside the build sends back)."""
    problems = Problems()
    _check(loaded, problems)
    return problems.items


def _read_journal(project: Project, loaded: Loaded, result: Result) -> None:
    """The journal of the checked sheet; a status changed with no note is a warning, located."""
    try:
        result.journal = journal.compute(project.root, loaded.sheet, {aid: a.meta for aid, a in loaded.articles.items()})
    except journal.LogError as exc:
        result.problems.add(journal.LOG, 1, 1, str(exc))
        return
    index = {f.id: i for i, f in enumerate(loaded.sheet.facts)}
    for e in journal.unexplained(loaded.sheet, result.journal.entries):
        if e.id not in index:
            continue
        line, col = loaded.sheet_doc.where(("facts", index[e.id], "status"))
        result.warnings.append(
            f"{loaded.sheet_path}:{line}:{col}: avertissement : le statut de « {e.id} » est passé de {e.before} à {e.after} "
            f"le {e.date} sans note au journal : ajoutez sous story.changes « - date: \"{e.date}\" » avec « ids: [{e.id}] » "
            "et, dans « summary: », pourquoi (la nouvelle source, la correction)")
    for fid, day in journal.unmarked(loaded.sheet, result.journal.entries).items():
        line, col = loaded.sheet_doc.where(("facts", index[fid], "status"))
        result.warnings.append(
            f"{loaded.sheet_path}:{line}:{col}: avertissement : le statut ou les sources de « {fid} » ont changé le {day}, "
            f"mais sa fiche ne le dit pas : ajoutez au fait « updated: \"{day}\" » (elle affichera « révisé le … »)")


def run_generate(project: Project, settings: Settings | None = None, reporter: Reporter | None = None) -> Result:
    """Stages 1–4: check, render and write `docs/` (what `make serve` re-runs on change).

    Where a second core can take it (`beside.py`), the check runs there while this process
    plans and renders into a draft: the draft is kept only once the check has passed, and
    nothing is written before, so problems, pages and files are those of the stages run one
    after the other (`tests/engine/test_beside.py` builds both ways)."""
    result = Result(problems=Problems())
    loaded = _load(project, result, reporter)
    if loaded is None:
        return result
    checking = beside.start(lambda: _check_problems(loaded))
    if checking is None:
        _timed(result, "check", lambda: _check(loaded, result.problems), reporter)
        if result.problems:
            return result
        ready = _prepare(project, loaded, settings, reporter, result)
    else:
        draft = Result(problems=Problems(), timings=result.timings, loaded=loaded)
        failure: Exception | None = None
        try:
            ready = _prepare(project, loaded, settings, reporter, draft)
        except Exception as exc:  # noqa: BLE001 - a sheet the check refuses may break the plan: the check says why
            failure, ready = exc, False
        except BaseException:  # Ctrl+C, SIGTERM: the child is stopped too
            checking.cancel()
            raise
        waited = time.perf_counter()
        found = checking.result()
        result.timings["check"] = time.perf_counter() - waited  # what this process waited for it
        result.beside["check"] = checking.seconds  # the check's own time, beside the stages above
        if reporter:
            reporter.stage("check", checking.seconds)
        for p in found:
            result.problems.add(p.path, p.line, p.col, p.message)
        if result.problems:
            return result
        if failure is not None:
            raise failure
        for p in draft.problems.items:
            result.problems.add(p.path, p.line, p.col, p.message)
        result.warnings += draft.warnings
        result.journal, result.config, result.redirected = draft.journal, draft.config, draft.redirected
        result.site, result.pages = draft.site, draft.pages
    if ready:
        _write(project, settings, reporter, result)
    return result


def _prepare(project: Project, loaded: Loaded, settings: Settings | None, reporter: Reporter | None,
             result: Result) -> bool:
    """Stages after the check, up to the pages in memory: the journal, the folders' safety,
    mkdocs.yml, the plan, render, links.txt. False (with problems in `result`) to stop."""
    _read_journal(project, loaded, result)
    if result.problems:
        return False
    for folder in ("docs", "templates"):
        for path, message in unsafe_entries(project.path(folder), project.root):
            result.problems.add(_label(path, project.root), 1, 1, message)
    if result.problems:
        return False
    config = _timed(result, "config", lambda: _site_config(project, result), reporter)
    if config is None:
        return False
    result.config = config
    settings = _with_config(settings or Settings(), config)
    result.redirected = config.redirected
    step = reporter.step if reporter else None
    site = _timed(result, "plan", lambda: plan(loaded, settings), reporter)
    if result.journal is not None:
        site.journal = journal.for_site(site, result.journal.entries)
    try:
        pages = _timed(
            result, "render", lambda: render(site, project.path("templates"), progress=step, cache=project.root / ".cache" / "jinja"), reporter
        )
    except jinja2.TemplateError as exc:  # a developer's mistake in templates/: located, not a traceback
        name, line, message = _template_error(exc, project.path("templates"))
        result.problems.add(f"{project.templates}/{name}", line, 1, message)
        return False
    result.pages = pages
    result.site = site
    _timed(result, "links", lambda: check_manifest(project.root, site, config.redirected, result.problems), reporter)
    return not result.problems


def _write(project: Project, settings: Settings | None, reporter: Reporter | None, result: Result) -> None:
    """Stage 5 (write): `docs/`, the generated configuration, the schemas, the exports, the cards."""
    site, pages, config = result.site, result.pages, result.config
    assert site is not None and config is not None
    settings = _with_config(settings or Settings(), config)
    feed_id = config.feed_id

    def write() -> list[str]:
        changed = write_docs(pages, project.path("docs"))
        nav = [(text.typography(p.title), p.path) for p in site.pages if p.in_nav]
        if write_config(project.path("generated"), generated_config(project.path("config"), config, nav)):
            changed.append(project.generated)
        changed += write_schemas(cached_schemas(project.root / ".cache" / "schema"), project.path("docs") / "schema")
        changed += write_files(exports(site, settings.site_url or "/", project.path("templates"), feed_id),
                               project.path("docs"))
        return changed

    def draw_cards() -> list[str]:
        return write_folder(cards.draw_all(site, project.root / ".cache" / "cards"), project.path("docs"), cards.FOLDER)

    try:
        result.changed = _timed(result, "write", write, reporter)
        if settings.cards:
            result.changed += _timed(result, "cards", draw_cards, reporter)
    except WriteError as exc:  # e.g. a hand-written docs/ page where a generated one goes
        result.problems.add(exc.where, 1, 1, str(exc))


def _site_config(project: Project, result: Result) -> SiteConfig | None:
    """mkdocs.yml, read once per build by MkDocs' loader, with the story's identity; None (with
    a located problem) if it cannot be."""
    assert result.loaded is not None
    story = result.loaded.sheet.story
    try:
        return read_site_config(project.path("config"), Identity.of(story))
    except ConfigError as exc:
        if exc.story:  # the story's address (story.site_url, or SITE_URL replacing it)
            doc = result.loaded.sheet_doc
            line, col = doc.where(("story", "site_url")) if story.site_url else doc.where(("story",))
            result.problems.add(result.loaded.sheet_path, line, col, str(exc))
        else:
            result.problems.add(project.config, exc.line, exc.col, str(exc))
        return None


def _with_config(settings: Settings, config: SiteConfig) -> Settings:
    """The settings, with the site's address and name from mkdocs.yml where none was given."""
    if settings.site_url is None:
        settings = dataclasses.replace(settings, site_url=config.site_url)
    if settings.site_name is None:
        settings = dataclasses.replace(settings, site_name=config.site_name)
    return settings


def run_links(project: Project, settings: Settings | None = None, update: bool = False) -> Result:
    """`build_site.py links`: check links.txt against the site plan, or add the addresses it now
    publishes (`update`). Stages 1–3 only: nothing is rendered or written but links.txt."""
    result = run_check(project)
    if result.problems or result.loaded is None:
        return result
    config = _timed(result, "config", lambda: _site_config(project, result))
    if config is None:
        return result
    loaded = result.loaded
    site = _timed(result, "plan", lambda: plan(loaded, _with_config(settings or Settings(), config)))
    result.site = site
    if update:
        try:
            with build_lock(project.root):  # a build meanwhile would check links.txt while it is replaced
                result.added = update_manifest(project.root, site, config.redirected, result.problems)
        except OSError as exc:
            result.problems.add(".build.lock", 1, 1, f"impossible de poser le verrou du build ({write_reason(exc)})")
    else:
        check_manifest(project.root, site, config.redirected, result.problems)
    return result


def run_build(project: Project, settings: Settings | None = None, reporter: Reporter | None = None) -> Result:
    """All five stages, under a lock so that two builds never interleave."""
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(build_lock(project.root))
        except OSError as exc:  # a read-only or protected project folder
            refused = Result(problems=Problems())
            refused.problems.add(".build.lock", 1, 1, f"impossible de poser le verrou du build ({write_reason(exc)})")
            return refused
        return _build_locked(project, settings, reporter)


def _build_locked(project: Project, settings: Settings | None, reporter: Reporter | None) -> Result:
    """Stages 1-5, the lock held: refuse a linked site/, tidy what killed builds left, build, publish."""
    site_dir = project.path("site")
    refused = Result(problems=Problems())
    target = site_link(site_dir)
    if target is not None:
        refused.problems.add(project.site, 1, 1, f"« {project.site} » est un lien symbolique (vers « {target} ») : le "
                             "build ne construit le site que dans le projet ; supprimez le lien, le build recrée le dossier")
        return refused
    try:
        recover(site_dir)  # what a killed build left: put back, or delete
    except OSError as exc:
        refused.problems.add(project.site, 1, 1, f"impossible de ranger les restes d'un build interrompu ({write_reason(exc)})")
        return refused
    for path, message in unsafe_entries(project.path("config").parent / "overrides", project.root):
        refused.problems.add(_label(path, project.root), 1, 1, message)
    if refused.problems:
        return refused
    result = run_generate(project, settings, reporter)
    engine = settings.engine if settings else "mkdocs"
    if result.ok:
        try:
            def verify(built: Path) -> bool:  # links.txt and the plan against what the engine really built
                assert result.site is not None
                return check_built(project.root, built, result.site, result.redirected, result.problems)

            result.mkdocs_warnings = _timed(
                result, engine, lambda: publish(project.root, project.path("generated"), site_dir, engine, verify), reporter,
            )
        except PublishError as exc:
            result.problems.add(project.site, 1, 1, str(exc))
        except BaseException:  # SIGTERM or Ctrl+C, wherever it fell: leave no staging folder
            remove_own_staging(site_dir)
            raise
        if result.ok:
            _after_publish(project, result)
    return result


def _after_publish(project: Project, result: Result) -> None:
    """Once the site is published: links.txt gets the addresses it now publishes (it never
    loses one), journal.json what changed. Both are the editor's to commit with facts.yml."""
    if result.site is not None and result.config is not None:
        result.added = update_manifest(project.root, result.site, result.config.redirected, result.problems)
    if result.journal is not None:
        result.recorded = journal.record(project.root, result.journal)


def _template_error(exc: jinja2.TemplateError, templates: Path) -> tuple[str, int, str]:
    """Template, line and French message for an error raised while rendering."""
    detail = f"Jinja : « {exc.message} »" if exc.message else f"Jinja : {type(exc).__name__}"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return (exc.name or Path(exc.filename or "?").name, exc.lineno or 1,
                f"erreur de syntaxe dans le gabarit ({detail}) : corrigez la balise {{% … %}} ou {{{{ … }}}} de cette ligne")
    if isinstance(exc, jinja2.TemplateNotFound):
        return exc.name or "?", 1, f"gabarit introuvable ({detail}) : vérifiez le nom dans « extends », « include » ou « import »"
    name, line = "?", 1
    tb = exc.__traceback__
    top = str(templates.resolve())
    while tb is not None:  # Jinja puts each template's own line in the traceback: keep the innermost
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(top + os.sep):
            name, line = os.path.relpath(filename, top), tb.tb_lineno
        tb = tb.tb_next
    return name, line, f"erreur dans le gabarit ({detail}) : corrigez le gabarit à cette ligne"


def _label(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
