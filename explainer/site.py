"""Stage 3, plan: the site plan, derived once from the checked fact sheet.

Which pages the site has (one ordered table, `PAGES`), where each element is published,
the indexes the templates query, and every address. `Address` is the only code that turns
a page path and an anchor into a link: the relative Markdown link (`md_from`), the link
from a page in raw HTML or SVG (`href_from`), the site-relative URL (`url`) and the
permalink (`absolute`). Templates, diagrams, JSON-LD, the link manifest, the exports and
the Citer page all ask it.

Nothing here renders: the renderers (`render.py`, `diagrams/`, `structured.py`,
`exports.py`, `links.py`) sit above this module and import it, never the other way.
"""

from __future__ import annotations

import functools
import posixpath
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from . import cite, language, model, narrative
from .load import Loaded
from .quotes import normalise, without_sic
from .language import N_, gettext
from .status import CONFIRMED, CONTESTED, REPORTED, STATUSES, UNKNOWN, of_disagreement
from .status import of_item as status_of_item
from .text import in_letters, typography


# --- addresses -------------------------------------------------------------------------


def page_url(path: str) -> str:
    """The site-relative URL of a file of `docs/`, as MkDocs serves it (directory URLs).

    `actors.md` → `/actors/`, `index.md` → `/`, `sources/a001.md` → `/sources/a001/`,
    `facts.json` → `/facts.json`.
    """
    if not path.endswith(".md"):
        return f"/{path}"
    stem = path[: -len(".md")]
    if stem == "index":
        return "/"
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    return f"/{stem}/"


#: Where the link cards are published, under docs/ and the built site (explainer/cards.py draws them).
CARDS = "cartes"


def card_address(name: str) -> Address:
    """A link card's address: `cartes/<page>.png`."""
    return Address(f"{CARDS}/{name}")


#: posixpath.relpath, remembered: a site asks for the same few hundred links a thousand times
_relpath = functools.lru_cache(maxsize=4096)(posixpath.relpath)


@dataclass(frozen=True)
class Address:
    """Where something is published: a file of `docs/` (a page, or an export) and an anchor."""

    path: str  # "actors.md", "sources/a001.md", "facts.json"
    anchor: str | None = None  # "some-actor"; None for the page itself

    def at(self, anchor: str | None) -> Address:
        """The same page, another anchor (a section: `site.page("journal.md").address.at("modification-1")`)."""
        return Address(self.path, anchor)

    @property
    def fragment(self) -> str:
        return f"#{self.anchor}" if self.anchor else ""

    @property
    def url(self) -> str:
        """Site-relative URL: `/actors/#some-actor` (the form `links.txt` lists)."""
        return page_url(self.path) + self.fragment

    def absolute(self, base: str) -> str:
        """Permalink under the site's address `base` (exports, JSON-LD, feed, Citer page)."""
        return base.rstrip("/") + self.url

    def md_from(self, page: Page | str) -> str:
        """A relative Markdown link from `page` (a `docs/` path), which MkDocs validates and rewrites."""
        here = page.path if isinstance(page, Page) else page
        if self.path == here:
            return self.fragment or "#"
        return _relpath(self.path, posixpath.dirname(here) or ".") + self.fragment

    def href_from(self, page: Page | str) -> str:
        """A relative URL from `page` as the built site serves it, correct at any depth.

        For raw HTML and SVG, which MkDocs does not rewrite: the link is the final URL
        (`../actors/#some-actor` from `/some-theme/`), not a `.md` path.
        """
        here = page.path if isinstance(page, Page) else page
        if self.path == here:
            return self.fragment or "#"
        target = page_url(self.path)
        relative = _relpath(target, page_url(here))
        if target.endswith("/"):
            relative = "./" if relative == "." else relative + "/"
        return relative + self.fragment


# --- pages -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """One page of the site: its file under `docs/`, title and template, and what it is about."""

    path: str
    title: str
    template: str
    theme: model.Theme | None = None  # theme pages
    article: str | None = None  # per-article source pages
    in_nav: bool = True  # per-article source pages are reached from the Sources index, not the sidebar

    @property
    def address(self) -> Address:
        return Address(self.path)

    @property
    def shows(self) -> str | None:
        """What the page shows besides its facts (`Theme.shows`): "actors", "deadlines", "deals"."""
        return self.theme.shows if self.theme else None

    def at(self, anchor: str) -> Address:
        """A section of the page: `site.page("methode.md").at("divergences")`."""
        return Address(self.path, anchor)


@dataclass(frozen=True)
class Fixed:
    """A page the site always has; `holds` names the fact-sheet sections published on it."""

    path: str
    title: str
    template: str
    holds: tuple[str, ...] = ()


THEME_PAGES = "one page per theme, in the order of facts.yml"
ARTICLE_PAGES = "one page per article (sources/<id>.md), reached from the Sources index"

#: Every page of the site, in navigation order.
PAGES: tuple[Fixed | str, ...] = (
    Fixed("index.md", N_("Home"), "index.md.j2"),
    THEME_PAGES,
    Fixed("divergences.md", N_("Disagreements between the sources"), "divergences.md.j2", holds=("disagreements",)),
    Fixed("questions.md", N_("Open questions"), "questions.md.j2", holds=("questions",)),
    Fixed("glossaire.md", N_("Glossary"), "glossaire.md.j2", holds=("glossary",)),
    Fixed("sources.md", N_("Sources"), "sources.md.j2"),
    Fixed("methode.md", N_("Method"), "methode.md.j2"),
    Fixed("journal.md", N_("Change log"), "journal.md.j2"),
    Fixed("citer.md", N_("Cite the site"), "citer.md.j2"),
    ARTICLE_PAGES,
)

#: The template of a theme's page, by what it shows besides its facts (`Theme.shows`).
#: Named by what they show, never by a story's theme id; each page's description is its theme's.
THEME_TEMPLATES = {None: "theme.md.j2", "actors": "actors.md.j2", "deadlines": "deadlines.md.j2", "deals": "theme.md.j2"}


@dataclass
class Settings:
    """Options that change what is published."""

    full_text: bool = False  # publish whole articles (private deployments only)
    site_url: str | None = None  # where the site is published (read from mkdocs.yml / SITE_URL when None)
    engine: str = "mkdocs"  # what builds docs/ into site/: "mkdocs" (default) or "zensical"
    site_name: str | None = None  # mkdocs.yml's site_name: the home page's share title, link cards, JSON-LD
    cards: bool = True  # draw the link cards (the live preview skips them: nobody shares a preview)


# --- the plan --------------------------------------------------------------------------



def plan(loaded: Loaded, settings: Settings | None = None) -> Site:
    """Stage 3: the site plan of a checked fact sheet."""
    return Site(loaded, settings or Settings())


class Site:
    """Everything a template may ask about the story, derived once from the typed objects."""

    #: The journal's entries, newest first (explainer/journal.py `items`): set by the pipeline
    #: after the plan, since they depend on journal.json as well as on the sheet.
    journal: list[Any] = []

    def __init__(self, loaded: Loaded, settings: Settings):
        s = loaded.sheet
        self.settings = settings
        self.story = s.story
        self.sheet = s
        self.articles = {aid: a.meta for aid, a in loaded.articles.items()}
        self.article_texts = {aid: a.text.text for aid, a in loaded.articles.items()}
        self._article_text = {aid: a.text for aid, a in loaded.articles.items()}
        self.vocabulary = s.vocabulary  # the story's words: relation verbs, deal roles, map questions
        self._verbs = s.vocabulary.relation_labels
        self._roles = s.vocabulary.deal_role_labels
        self.themes = {t.id: t for t in s.themes}
        self.actors = {a.id: a for a in s.actors}
        self.facts = {f.id: f for f in s.facts}
        self.events = {e.id: e for e in s.events}
        self.deadlines = {d.id: d for d in s.deadlines}
        self.disagreements = {d.id: d for d in s.disagreements}
        self.questions = {q.id: q for q in s.questions}
        self.glossary = sorted(s.glossary, key=lambda t: t.term.casefold())

        # the pages, and which page publishes each section of the sheet
        # the pages; where each element is published: a theme or an article is a page of its
        # own, a fact lives on its first theme's page, every other element on the page that
        # holds its section of the sheet
        self.pages: list[Page] = []
        self._showing: dict[str, Page] = {}  # "actors", "deadlines", "deals" -> the theme page showing them
        self._address: dict[str, Address] = {}
        holder: dict[str, Address] = {}
        for entry in PAGES:
            if entry == THEME_PAGES:
                for theme in s.themes:
                    page = Page(f"{theme.id}.md", theme.title, THEME_TEMPLATES[theme.shows], theme=theme)
                    self.pages.append(page)
                    self._address[theme.id] = page.address
                    if theme.shows:
                        self._showing[theme.shows] = page
                        holder.update(dict.fromkeys(model.THEME_SHOWS[theme.shows][1], page.address))
            elif entry == ARTICLE_PAGES:
                for aid in self.articles:
                    page = Page(f"sources/{aid}.md", self.article_page_title(aid), "source.md.j2", article=aid, in_nav=False)
                    self.pages.append(page)
                    self._address[aid] = page.address
            else:
                assert isinstance(entry, Fixed)
                page = Page(entry.path, gettext(entry.title), entry.template)
                self.pages.append(page)
                holder.update(dict.fromkeys(entry.holds, page.address))
        self._by_path = {p.path: p for p in self.pages}
        self._page_order = {p.path: i for i, p in enumerate(self.pages)}
        for f in s.facts:
            self._address[f.id] = self._address[f.themes[0]].at(f.id)
        for section, address in holder.items():
            for item in getattr(s, section):
                self._address[item.id] = address.at(item.id)

        self.facts_by_theme: dict[str, list[model.Fact]] = defaultdict(list)
        self.facts_by_actor: dict[str, list[model.Fact]] = defaultdict(list)
        for f in s.facts:
            for t in f.themes:
                self.facts_by_theme[t].append(f)
            for a in f.actors:
                self.facts_by_actor[a].append(f)
        self.events_by_actor: dict[str, list[Any]] = defaultdict(list)
        for e in [*self.chronology(), *self.undated()]:
            for a in e.actors:
                self.events_by_actor[a].append(e)
        self.disagreements_by_theme: dict[str, list[model.Disagreement]] = defaultdict(list)
        for d in s.disagreements:
            for t in d.themes:
                self.disagreements_by_theme[t].append(d)
        # relations from and to each actor, and each actor's weight in the story: how many
        # facts, events, deadlines and relations name it (the order of its cards, and which
        # actors a picture keeps when the story has more than a reader can take in)
        self._relations: dict[str, list[tuple[str, model.Relation, model.Actor]]] = defaultdict(list)
        self.weight: dict[str, int] = dict.fromkeys(self.actors, 0)
        for a in s.actors:
            for rel in a.relations:
                self._relations[a.id].append(("out", rel, self.actors[rel.target]))
                self._relations[rel.target].append(("in", rel, a))
                self.weight[a.id] += 1
                self.weight[rel.target] = self.weight.get(rel.target, 0) + 1
        for ident in self.actors:
            self.weight[ident] += len(self.facts_by_actor[ident]) + len(self.events_by_actor[ident])
        order = {a.id: i for i, a in enumerate(s.actors)}
        self.actors_by_weight = sorted(s.actors, key=lambda a: (-self.weight[a.id], order[a.id]))
        self.citing: dict[str, list[tuple[str, str]]] = defaultdict(list)  # article -> [(quote, element id)]
        for _, src, owner in s.citations():
            self.citing[src.article].append((src.quote, owner))
        self._titles = {item.id: getattr(item, model.ELEMENTS[section][1]) for section, _, item in s.elements()}
        self._sheet_order = {item.id: i for i, (_, _, item) in enumerate(s.elements())}
        self._glossary_order = {t.id: i for i, t in enumerate(self.glossary)}

    # --- addresses -------------------------------------------------------------------

    def address(self, ident: str) -> Address:
        """Where the element (or theme, or article) `ident` is published."""
        return self._address[ident]

    def page(self, path: str) -> Page:
        """The page published from `docs/<path>`."""
        return self._by_path[path]

    def change(self, key: str) -> Address:
        """Where the journal page lists a change (`journal.Item.key`: a note's key, or an automatic
        change's date/kind/element): `journal/#modification-2020-09-20`. The feed links there."""
        return self.page("journal.md").at("modification-" + key.replace("/", "-"))

    def file(self, name: str) -> Address:
        """A file published at the top of the site (the exports: `facts.json`…)."""
        return Address(name)

    def showing(self, kind: str) -> Page | None:
        """The page that shows the actors, the deadlines or the deals (`Theme.shows`), if any."""
        return self._showing.get(kind)

    def page_of(self, ident: str) -> Page:
        """The page an element is published on."""
        return self._by_path[self._address[ident].path]

    def link(self, target: str | Page | Address, page: Page) -> Markup:
        """A Markdown link from `page` to an element id (or to a page, or to an address).

        Printed as is, never Markdown-escaped: a link target is read by every engine's link
        checker, and the site's own paths hold nothing Markdown would interpret."""
        return Markup(self._resolve(target).md_from(page))

    def _resolve(self, target: str | Page | Address) -> Address:
        if isinstance(target, str):
            return self._address[target]
        return target.address if isinstance(target, Page) else target

    def href(self, target: str | Page | Address, page: Page) -> str:
        """The same link for raw HTML and SVG (the final URL, relative to `page`)."""
        return self._resolve(target).href_from(page)

    def published(self) -> set[str]:
        """Every address the site serves: its pages, each element's anchor and its old ids (aliases)."""
        out = {p.address.url for p in self.pages}
        for section, _, item in self.sheet.elements():
            if section == "themes":
                continue  # a theme is a page
            address = self._address[item.id]
            for ident in [item.id, *item.aliases]:
                out.add(address.at(ident).url)
        for change in self.sheet.story.changes:  # the changelog's entries, where the feed's entries link
            out.add(self.change(change.key).url)
        for aid in self.articles:  # each article keeps an anchor on the Sources index
            out.add(self.page("sources.md").address.at(aid).url)
        return out

    # --- queries used by templates ---------------------------------------------------

    def chronology(self) -> list[Any]:
        """Dated events and deadlines in date order (a deadline at its current date)."""
        items: list[Any] = [e for e in self.sheet.events if e.date is not None] + [*self.sheet.deadlines]
        return sorted(items, key=lambda e: (*e.date.when.key, e.id))

    def undated(self) -> list[model.Event]:
        """Events no article dates, in the sheet's order: listed apart, never on the timeline."""
        return [e for e in self.sheet.events if e.date is None]

    def narrative(self, key: str) -> list[list[tuple[str, Any]]]:
        """The editor's passage for the home page (`narrative.HOME`) or a theme, paragraph by
        paragraph, as ("text", str) and ("refs", ids) pieces."""
        return [narrative.pieces(p) for p in self.sheet.narrative.get(key, [])]

    def by_page(self, facts: list[model.Fact]) -> list[tuple[Page, list[model.Fact]]]:
        """Facts (or events, deadlines) grouped by the page that prints them in full, in the
        site's page order."""
        groups: dict[str, list[model.Fact]] = defaultdict(list)
        for f in facts:
            groups[self._address[f.id].path].append(f)
        known = sorted((path for path in groups if path in self._page_order), key=self._page_order.__getitem__)
        return [(self._by_path[path], groups[path]) for path in known]

    def dossier(self, actor_id: str, here: Page, most: int = 2) -> list[tuple[Page, int]]:
        """Where an actor matters, for its card's « Voir » line: the other pages printing its
        facts and dates (events and deadlines, dated or not), as (page, how many), those with
        two or more, most first (at most `most`); else the one page that prints any."""
        groups = [(p, len(items)) for p, items in self.by_page(self.facts_by_actor[actor_id] + self.events_by_actor[actor_id])
                  if p.path != here.path]
        main = [g for g in groups if g[1] >= 2]
        return sorted(main or groups, key=lambda g: -g[1])[:most if main else 1]

    #: Elements a link names by their status sign (facts, and what rests on them); the
    #: others (actors, questions, terms…) by their title.
    SIGNED = ("facts", "disagreements", "events", "deadlines")

    @functools.cached_property
    def signed_ids(self) -> set[str]:
        return {ident for table in self.SIGNED for ident in getattr(self, table)}

    @functools.cached_property
    def article_order(self) -> dict[str, int]:
        """Each article's place in the articles' order (to sort a few of them without going
        through all of them)."""
        return {aid: i for i, aid in enumerate(self.articles)}

    @functools.cached_property
    def _fact_quotes(self) -> dict[str, list[tuple[int, str, str]]]:
        """Each article's quotes in the facts, normalised once: (fact's place, fact, quote),
        in the sheet's order (what `side_sources` compares a side's quotes with)."""
        out: dict[str, list[tuple[int, str, str]]] = {}
        for i, f in enumerate(self.sheet.facts):
            for fs in f.sources:
                out.setdefault(fs.article, []).append((i, f.id, normalise(without_sic(fs.quote))))
        return out

    @functools.cached_property
    def _disputed_by(self) -> dict[str, list[str]]:
        return self.sheet.disputed_by()

    @functools.cached_property
    def nuances(self) -> set[str]:
        """Ids of the disagreements that are only nuances (shown apart, never as « contesté »)."""
        return {d.id for d in self.sheet.disagreements if d.nuance}

    def disputes(self, fact_ids: list[str]) -> list[str]:
        """The disagreements a text resting on these facts must carry (its status follows them)."""
        out: list[str] = []
        for fid in fact_ids:
            out += [d for d in self._disputed_by.get(fid, []) if d not in out]
        return out

    def disputed_titles(self, fact_id: str) -> tuple[str, ...]:
        """The titles of the disagreements a drawn relation or deal row resting on this fact
        carries in its tooltip (reading I, F1 and F2): the drawing shows its fact's status, and
        says where the articles diverge on what the fact says."""
        return self.disputed_titles_of([fact_id])

    def disputed_titles_of(self, fact_ids: list[str]) -> tuple[str, ...]:
        """The titles of the disagreements a text resting on these facts carries (an event's,
        a deadline's: reading K, F1 and F6)."""
        return tuple(typography(self.disagreements[d].title) for d in self.disputes(fact_ids))

    def status(self, ident: str) -> str:
        """The status a reference shows: a fact's own; a disagreement is « contesté »; an
        event or a deadline that of its least certain fact (as the editorial rules read it)."""
        if ident in self.facts:
            return self.facts[ident].status
        if ident in self.disagreements:  # a nuance is not a disagreement: the articles say it differently
            return of_disagreement(self.disagreements[ident].nuance)
        item = self.events.get(ident) or self.deadlines.get(ident)
        return self.item_status(item) if item is not None else UNKNOWN

    def item_status(self, item: Any) -> str:
        """The status of an event, a deadline or a relation: its least certain fact's (`status.of_item`)."""
        return status_of_item(item, self.facts)

    def is_deadline(self, item: Any) -> bool:
        return isinstance(item, model.Deadline)

    def home_facts(self, theme_id: str) -> list[model.Fact]:
        return [f for f in self.facts_by_theme[theme_id] if f.themes[0] == theme_id]

    def unreached_disagreements(self, theme_id: str) -> list[model.Disagreement]:
        """The theme's disagreements (nuances apart) that neither its facts' « divergence »
        links nor its opening reach: the only ones its page still lists at the bottom (a
        list of titles repeating those links is told twice, issue 24)."""
        reached = set(self.disputes([f.id for f in self.home_facts(theme_id)]))
        for paragraph in self.narrative(theme_id):
            reached.update(ident for kind, value in paragraph if kind == "refs" for ident in value)
        return [d for d in self.disagreements_by_theme[theme_id] if not d.nuance and d.id not in reached]

    def other_facts(self, theme_id: str) -> list[model.Fact]:
        return [f for f in self.facts_by_theme[theme_id] if f.themes[0] != theme_id]

    def relations_of(self, actor_id: str) -> list[tuple[str, model.Relation, model.Actor]]:
        """Relations from and to an actor: (direction, relation, other actor), from the index."""
        return self._relations[actor_id]

    def relations_from(self, actor_id: str) -> list[tuple[str, model.Relation, model.Actor]]:
        """The relations an actor starts: ("out", relation, other actor)."""
        return [r for r in self._relations[actor_id] if r[0] == "out"]

    def country(self, code: str | None) -> str:
        return language.babel().territories.get(code, code) if code else gettext("country not given")

    def verb(self, kind: str) -> str:
        """The words of a relation type, as the story declares them (`vocabulary.relations`)."""
        return self._verbs.get(kind, kind)

    def role_label(self, role: str) -> str:
        """The words of a deal role, as the story declares them (`vocabulary.deal_roles`)."""
        return self._roles.get(role, role)

    def group_of(self, actor: model.Actor) -> str:
        """The group an actor is drawn in on the actor map (`vocabulary.actor_groups`): its
        country, its kind, or one group for all ("")."""
        by = self.vocabulary.actor_groups
        return (actor.country or "") if by == "country" else actor.kind if by == "kind" else ""

    def group_title(self, key: str) -> str:
        """What names a group of the actor map ("" for the one group of a story that does not group)."""
        by = self.vocabulary.actor_groups
        if by == "country":
            # the actors no article places in a country: the rest, said neutrally (visual review 2)
            return self.country(key) if key else gettext("actors of no given country")
        return model.ACTOR_KINDS.get(key, key) if by == "kind" else ""

    @property
    def grouped_by(self) -> str:
        """How the actor map groups, in words for its description ("" when it does not)."""
        return {"country": "par pays", "kind": "par sorte d’acteur"}.get(self.vocabulary.actor_groups, "")

    def title_of(self, ident: str) -> str:
        """What names an element on the site: a fact's text, an actor's name, an article's title…"""
        if ident in self._titles:
            return self._titles[ident]
        if ident in self.articles:
            return self.article_title(ident)
        return ident

    def passages(self, article_id: str) -> list[tuple[str, list[str]]]:
        """The distinct passages the site quotes from an article, in the article's order, each
        with the elements that cite it: a passage quoted by a fact and a divergence is listed once."""
        text = self._article_text.get(article_id)
        grouped: dict[str, tuple[str, list[str]]] = {}
        for quote, ident in self.citing[article_id]:
            key = normalise(without_sic(quote))
            if key not in grouped:
                grouped[key] = (quote, [])
            if ident not in grouped[key][1]:
                grouped[key][1].append(ident)

        def position(item: tuple[str, list[str]]) -> int:
            # in the comparison form, which every article has (an article in decomposed
            # Unicode has no map back to its own characters, and its order must not change)
            return text.normal.find(normalise(without_sic(item[0]))) if text is not None else 0

        return sorted(grouped.values(), key=position)

    def article_label(self, article_id: str) -> str:
        """How the site names an article after a quote: its outlet when the article gives it,
        its code and where the outlet comes from when a comparison outside the articles found
        it (issue 23), or that it is unidentified."""
        meta = self.articles[article_id]
        if meta.outlet and meta.outlet_from == "comparaison":
            return gettext("article {code} ({outlet}, by comparison)").format(code=article_id.upper(), outlet=meta.outlet)
        return meta.outlet or gettext("unidentified article {code}").format(code=article_id.upper())

    def outlet_wording(self, article_id: str) -> str:
        """The outlet as the site names it wherever it is named: labelled when it comes from a
        comparison with a published page, not from the article's own file (issue 23)."""
        meta = self.articles[article_id]
        if not meta.outlet:
            return gettext("unidentified")
        if meta.outlet_from == "comparaison":
            return gettext("{outlet}, identified by comparison with a published page, outside the articles").format(outlet=meta.outlet)
        return meta.outlet

    def quote_label(self, article_id: str) -> str:
        """How a quote's source is named under it: the outlet the article gives, or else the
        article's code (« A000 »; its link's title and its page say what is known of it)."""
        meta = self.articles[article_id]
        return meta.outlet if meta.outlet and meta.outlet_from == "texte" else article_id.upper()

    def article_title(self, article_id: str) -> str:
        """The title of an article's page: its label with a capital."""
        label = self.article_label(article_id)
        return label[:1].upper() + label[1:]

    def article_page_title(self, article_id: str) -> str:
        """The title of an article's own page, as people would name it: outlet and title
        when the file gives them (« La Gazette : « Le port ferme ses quais » »), the title
        alone, the outlet alone, or that it is unidentified. Never a guess."""
        meta = self.articles[article_id]
        if meta.title:
            # a title that quotes someone keeps its inner quotation marks as “ ” inside « »
            inner = meta.title.replace("«", "“").replace("»", "”").replace("“ ", "“").replace(" ”", "”")
            quoted = f"« {inner} »"
            return f"{meta.outlet} : {quoted}" if meta.outlet and meta.outlet_from == "texte" else quoted
        if meta.outlet and meta.outlet_from == "comparaison":
            return gettext("Article {code}").format(code=article_id.upper())  # the outlet, and where it comes from, is in the page's table
        return self.article_title(article_id)

    def side_sources(self, side: model.Side) -> tuple[list[tuple[str, str, list[str]]], list[model.Source]]:
        """How one side of a disagreement calls its sources without reprinting what a fact
        already prints (issue 24): each quote a fact also cites (the same passage, or one it
        contains, from the same article) becomes a call to that fact (the facts the side names
        first), one per article and fact, as (article, fact, quotes) in the side's order; the
        other quotes are the side's own, printed with it."""
        calls: dict[tuple[str, str], list[str]] = {}
        own: list[model.Source] = []
        preferred = set(side.facts)
        for src in side.sources:
            key = normalise(without_sic(src.quote))
            found = [
                (quote != key, fid not in preferred, i, fid)
                for i, fid, quote in self._fact_quotes.get(src.article, ())
                if key in quote
            ]
            if found:
                calls.setdefault((src.article, min(found)[3]), []).append(src.quote)
            else:
                own.append(src)
        return [(article, fact, quotes) for (article, fact), quotes in calls.items()], own

    def cited_by(self, article_id: str) -> tuple[list[model.Fact], list[str], list[str]]:
        """What quotes an article: its facts, divergences and glossary terms (each once, in the
        sheet's order)."""
        idents = {ident for _, ident in self.citing[article_id]}
        order = self._sheet_order

        def in_order(table: dict) -> list:
            return sorted((ident for ident in idents if ident in table), key=order.__getitem__)

        facts = [self.facts[i] for i in in_order(self.facts)]
        disagreements = in_order(self.disagreements)
        glossary = {t.id for t in self.glossary}
        terms = sorted((i for i in idents if i in glossary), key=self._glossary_order.__getitem__)
        return facts, disagreements, terms

    # --- the « citer » control (explainer/cite.py) -------------------------------------

    def citation(self, ident: str, date: str, accessed: str) -> cite.Citation:
        """What the « citer » control beside an element copies: its permanent address under the
        site's configured address (`site_url`; the page's own address when none is set) and its
        own words, with the site's name, the newsroom, the element's last change (`date`: a
        fact's `updated`, else the site's) and the day it is consulted."""
        item = self.facts.get(ident)
        newsroom = self.story.newsroom
        return cite.Citation(
            url=self._address[ident].absolute(self.settings.site_url or "/"),
            title=typography(self.title_of(ident)),
            site=typography(self.story.title),
            publisher=typography(newsroom.name) if newsroom else None,
            date=item.updated if item is not None and item.updated else date,
            accessed=accessed,
        )

    # --- references: one sign per claim (templates/_macros.md.j2 `refs`) ---------------

    def weakest(self, idents: list[str]) -> str:
        """The id, among a claim's references, whose status is the least certain (the first such):
        the one sign the claim carries, and where it leads without scripts."""
        return max(idents, key=lambda i: STATUSES[self.status(i)].rank)  # max() keeps the first of equals

    def group_label(self, idents: list[str]) -> str:
        """What a claim's one sign stands for when it rests on several elements, for screen
        readers and its tooltip: how many, and how many of each kind and status (« trois
        éléments liés, soit deux faits confirmés et une divergence entre les articles »). An
        article is a « source »; the facts and divergences a claim links are not."""
        counts: dict[tuple[str, str], int] = {}
        for ident in idents:
            key = self._group_kind(ident)
            counts[key] = counts.get(key, 0) + 1
        parts = [_group_part(kind, status, n) for (kind, status), n in counts.items()]
        if len(parts) == 1:
            return parts[0]
        joined = ", ".join(parts[:-1]) + gettext(" and ") + parts[-1]
        return gettext("{n} linked items, that is {parts}").format(n=in_letters(len(idents)), parts=joined)

    def ref_word(self, ident: str) -> str:
        """What an element is, in running text after its sign (« (rapporté) »): its status; a
        nuance's own words, never a fact's status (reading K, F5: a nuance was « (rapporté) »)."""
        if ident in self.nuances:
            return gettext("nuance between the articles")
        return STATUSES[self.status(ident)].word

    def _group_kind(self, ident: str) -> tuple[str, str]:
        if ident in self.nuances:  # a nuance is not counted among the divergences (reading K, F5)
            return "nuance", ""
        if ident in self.disagreements:
            return "disagreement", ""
        kind = "fact" if ident in self.facts else ("deadline" if ident in self.deadlines else "event")
        return kind, self.status(ident)

    def short_title(self, ident: str, words: int = 8) -> str:
        """An element's first words, for the list a claim's sign opens (its full text is on its own page)."""
        parts = self.title_of(ident).split()
        return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _group_part(kind: str, status: str, n: int) -> str:
    """« deux faits confirmés », « une divergence entre les articles »: n elements of one kind
    and status, in letters (the catalogue gives each its noun, agreeing in gender and number)."""
    ngettext = language.ngettext
    if kind == "disagreement":
        return ngettext("{n} disagreement between the articles", "{n} disagreements between the articles", n).format(n=in_letters(n, True))
    if kind == "nuance":
        return ngettext("{n} nuance between the articles", "{n} nuances between the articles", n).format(n=in_letters(n, True))
    if kind == "deadline":
        text = {
            CONFIRMED: ngettext("{n} confirmed deadline", "{n} confirmed deadlines", n),
            REPORTED: ngettext("{n} reported deadline", "{n} reported deadlines", n),
            CONTESTED: ngettext("{n} contested deadline", "{n} contested deadlines", n),
        }[status]
        return text.format(n=in_letters(n, True))
    if kind == "event":
        text = {
            CONFIRMED: ngettext("{n} confirmed event", "{n} confirmed events", n),
            REPORTED: ngettext("{n} reported event", "{n} reported events", n),
            CONTESTED: ngettext("{n} contested event", "{n} contested events", n),
        }[status]
        return text.format(n=in_letters(n))
    text = {
        CONFIRMED: ngettext("{n} confirmed fact", "{n} confirmed facts", n),
        REPORTED: ngettext("{n} reported fact", "{n} reported facts", n),
        CONTESTED: ngettext("{n} contested fact", "{n} contested facts", n),
    }[status]
    return text.format(n=in_letters(n))
