"""Stage 3, render: build each page's context from the typed objects and render its template.

Python builds only the context; all markup is in `templates/`. The result is a mapping
of page path (relative to `docs/`) to its Markdown text; nothing is written here.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable
from typing import Any

import jinja2
from markupsafe import Markup
from babel import Locale

from . import diagrams, model, text
from .load import Loaded

FRENCH = Locale("fr")

#: Fixed pages: (file, title, template). Theme pages are inserted after "echeances.md".
FIXED_PAGES_HEAD = [
    ("index.md", "Accueil", "index.md.j2"),
    ("acteurs.md", "Acteurs", "acteurs.md.j2"),
    ("echeances.md", "Échéances", "echeances.md.j2"),
]
FIXED_PAGES_TAIL = [
    ("divergences.md", "Divergences entre les sources", "divergences.md.j2"),
    ("questions.md", "Questions ouvertes", "questions.md.j2"),
    ("glossaire.md", "Glossaire", "glossaire.md.j2"),
    ("sources.md", "Sources", "sources.md.j2"),
    ("methode.md", "Méthode", "methode.md.j2"),
    ("journal.md", "Journal des modifications", "journal.md.j2"),
    ("citer.md", "Citer le site", "citer.md.j2"),
]
#: Themes whose facts are published on a fixed page rather than a page of their own.
THEMES_ON_FIXED_PAGES = {"acteurs": "acteurs.md", "echeances": "echeances.md"}


@dataclass
class Page:
    path: str
    title: str
    template: str
    description: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    in_nav: bool = True  # per-article source pages are reached from the Sources index, not the sidebar


@dataclass
class Settings:
    """Options that change what is published."""

    full_text: bool = False  # publish whole articles (private deployments only)
    site_url: str | None = None  # where the site is published (read from mkdocs.yml / SITE_URL when None)
    engine: str = "mkdocs"  # what builds docs/ into site/: "mkdocs" (default) or "zensical"


class Site:
    """Everything a template may ask about the story, derived once from the typed objects."""

    def __init__(self, loaded: Loaded, settings: Settings):
        s = loaded.sheet
        self.settings = settings
        self.story = s.story
        self.sheet = s
        self.articles = {aid: a.meta for aid, a in loaded.articles.items()}
        self.article_texts = {aid: a.text.text for aid, a in loaded.articles.items()}
        self._article_text = {aid: a.text for aid, a in loaded.articles.items()}
        self.themes = {t.id: t for t in s.themes}
        self.actors = {a.id: a for a in s.actors}
        self.facts = {f.id: f for f in s.facts}
        self.events = {e.id: e for e in s.events}
        self.deadlines = {d.id: d for d in s.deadlines}
        self.disagreements = {d.id: d for d in s.disagreements}
        self.questions = {q.id: q for q in s.questions}
        self.glossary = sorted(s.glossary, key=lambda t: t.term.casefold())

        self.pages: list[Page] = [Page(*p) for p in FIXED_PAGES_HEAD]
        for theme in s.themes:
            if theme.id not in THEMES_ON_FIXED_PAGES:
                self.pages.append(Page(f"{theme.id}.md", theme.title, "theme.md.j2", extra={"theme": theme}))
        self.pages += [Page(*p) for p in FIXED_PAGES_TAIL]
        # one page per article, grouped under the Sources index so that neither the sidebar
        # nor any single page grows with the number of articles
        for aid in self.articles:
            self.pages.append(
                Page(f"sources/{aid}.md", self.article_title(aid), "source.md.j2", extra={"article_id": aid}, in_nav=False)
            )

        # where each element is published: id -> page file
        self.home: dict[str, str] = {}
        for t in s.themes:
            self.home[t.id] = THEMES_ON_FIXED_PAGES.get(t.id, f"{t.id}.md")
        for f in s.facts:
            self.home[f.id] = self.home[f.themes[0]]
        for a in s.actors:
            self.home[a.id] = "acteurs.md"
        for e in [*s.events, *s.deadlines]:
            self.home[e.id] = "echeances.md"
        for d in s.disagreements:
            self.home[d.id] = "divergences.md"
        for q in s.questions:
            self.home[q.id] = "questions.md"
        for g in s.glossary:
            self.home[g.id] = "glossaire.md"
        for aid in self.articles:
            self.home[aid] = f"sources/{aid}.md"
        for deal in s.deals:
            self.home[deal.id] = self.home["role-oracle"]
        self.diagrams = diagrams.Diagrams(self)

        self.facts_by_theme: dict[str, list[model.Fact]] = defaultdict(list)
        self.facts_by_actor: dict[str, list[model.Fact]] = defaultdict(list)
        for f in s.facts:
            for t in f.themes:
                self.facts_by_theme[t].append(f)
            for a in f.actors:
                self.facts_by_actor[a].append(f)
        self.events_by_actor: dict[str, list[Any]] = defaultdict(list)
        for e in self.chronology():
            for a in e.actors:
                self.events_by_actor[a].append(e)
        self.disagreements_by_theme: dict[str, list[model.Disagreement]] = defaultdict(list)
        for d in s.disagreements:
            for t in d.themes:
                self.disagreements_by_theme[t].append(d)
        self.citing: dict[str, list[tuple[str, str]]] = defaultdict(list)  # article -> [(quote, element id)]
        for f in s.facts:
            for src in f.sources:
                self.citing[src.article].append((src.quote, f.id))
        for d in s.disagreements:
            for side in d.sides:
                for src in side.sources:
                    self.citing[src.article].append((src.quote, d.id))
        for g in s.glossary:
            for src in g.sources:
                self.citing[src.article].append((src.quote, g.id))

    # --- queries used by templates ---------------------------------------------------

    def chronology(self) -> list[Any]:
        """Events and deadlines in date order (a deadline at its current date)."""
        items: list[Any] = [*self.sheet.events, *self.sheet.deadlines]
        return sorted(items, key=lambda e: (*model.FuzzyDate(e.date).when.key, e.id))

    def is_deadline(self, item: Any) -> bool:
        return isinstance(item, model.Deadline)

    def home_facts(self, theme_id: str) -> list[model.Fact]:
        return [f for f in self.facts_by_theme[theme_id] if f.themes[0] == theme_id]

    def other_facts(self, theme_id: str) -> list[model.Fact]:
        return [f for f in self.facts_by_theme[theme_id] if f.themes[0] != theme_id]

    def relations_of(self, actor_id: str) -> list[tuple[str, model.Relation, model.Actor]]:
        """Relations from and to an actor: (direction, relation, other actor)."""
        out = []
        for a in self.sheet.actors:
            for rel in a.relations:
                if a.id == actor_id:
                    out.append(("out", rel, self.actors[rel.target]))
                elif rel.target == actor_id:
                    out.append(("in", rel, a))
        return out

    def country(self, code: str | None) -> str:
        return FRENCH.territories.get(code, code) if code else "pays non précisé"

    def link(self, ident: str, page: Page) -> Markup:
        """A Markdown link target from `page` to the element `ident` (validated by MkDocs)."""
        target = self.home[ident]
        anchor = "" if ident in self.themes or ident in self.articles else f"#{ident}"
        if target == page.path:
            return Markup(anchor or "#")
        return Markup(f"{self.relative(target, page)}{anchor}")

    def relative(self, target: str, page: Page) -> Markup:
        """A page path relative to the folder of `page` (Markdown links are relative).

        Printed as is, never Markdown-escaped: a link target is read by every engine's
        link checker, and the site's own paths hold nothing Markdown would interpret."""
        return Markup(posixpath.relpath(target, posixpath.dirname(page.path) or "."))

    def title_of(self, ident: str) -> str:
        for table, attr in (
            (self.facts, "text"),
            (self.actors, "name"),
            (self.events, "title"),
            (self.deadlines, "title"),
            (self.disagreements, "title"),
            (self.questions, "question"),
            (self.themes, "title"),
            ({t.id: t for t in self.glossary}, "term"),
        ):
            if ident in table:
                return getattr(table[ident], attr)
        if ident in self.articles:
            return self.article_title(ident)
        return ident

    def passages(self, article_id: str) -> list[tuple[str, list[str]]]:
        """The distinct passages the site quotes from an article, in the article's order, each
        with the elements that cite it: a passage quoted by a fact and a divergence is listed once."""
        from .quotes import normalise, without_sic

        text = self._article_text.get(article_id)
        grouped: dict[str, tuple[str, list[str]]] = {}
        for quote, ident in self.citing[article_id]:
            key = normalise(without_sic(quote))
            if key not in grouped:
                grouped[key] = (quote, [])
            if ident not in grouped[key][1]:
                grouped[key][1].append(ident)

        def position(item: tuple[str, list[str]]) -> int:
            span = text.find(item[0]) if text is not None else None
            return span.start if span else 0

        return sorted(grouped.values(), key=position)

    def article_label(self, article_id: str) -> str:
        """How the site names an article after a quote: its outlet, or that it is unidentified."""
        meta = self.articles[article_id]
        return meta.outlet or f"article non identifié {article_id.upper()}"

    def article_title(self, article_id: str) -> str:
        """The title of an article's page: its label with a capital."""
        label = self.article_label(article_id)
        return label[:1].upper() + label[1:]

    def abbreviations(self) -> list[model.Term]:
        return self.glossary


def environment(templates: Path, cache: Path | None = None) -> jinja2.Environment:
    """The Jinja2 environment; `cache` keeps compiled templates between builds (faster rebuilds)."""
    bytecode_cache = None
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        bytecode_cache=bytecode_cache,
        # Every printed value goes through `finalize` (Markdown + HTML escaping); autoescape
        # makes macro results Markup so that they are not escaped twice.
        autoescape=True,
        finalize=text.finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        {
            "fr": text.typography,
            "date_fr": text.french_date,
            "when": text.date_wording,
            "from_to": text.from_to,
            "datetime_attr": text.datetime_attr,
            "attr": text.attr,
            "md": text.md_escape,
            "meta": text.meta,
            "oneline": text.oneline,
            "fold": text.fold,
            "iso": text.iso,
            "yaml": text.yaml_str,
            "lettres": text.in_letters,
            "elide": text.elide,
        }
    )
    env.globals.update(
        {
            "ACTOR_KINDS": model.ACTOR_KINDS,
            "STATUSES": model.STATUSES,
            "RELATION_TYPES": model.RELATION_TYPES,
            "EVENT_KINDS": model.EVENT_KINDS,
            "DEAL_ROLES": model.DEAL_ROLES,
        }
    )
    return env


def render(
    loaded: Loaded,
    templates: Path,
    settings: Settings | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    cache: Path | None = None,
) -> tuple[Site, dict[str, str]]:
    """Render every page. Returns the site context and {page path: Markdown text}."""
    site = Site(loaded, settings or Settings())
    env = environment(templates, cache)
    out: dict[str, str] = {}
    for i, page in enumerate(site.pages, 1):
        template = env.get_template(page.template)
        out[page.path] = template.render(
            site=site, page=page, story=site.story, jsonld=structured.jsonld(site, page, site.settings.site_url or "/"),
            dates=structured.dates(site), **page.extra
        )
        if progress:
            progress("render", i, len(site.pages))
    return site, out


from . import structured  # noqa: E402  (structured data builds on Site)
