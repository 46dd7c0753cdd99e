"""Structured data for link previews and search engines: one JSON-LD graph per page.

The page is a schema.org `Article` (dates in UTC, language, description, the site it belongs
to, its share image, `author` and `publisher` from the story's newsroom) whose `citation`
lists the articles the page quotes — on the home page, those its passage rests on. Nothing is invented: an article
whose file gives no title has no `headline`, only its `identifier` and what is known.

Deadlines (on the Échéances page) are not `Event`s: nobody attends a deadline, and search
engines' event results require a place. Each is a potential `Action` (what must be done,
`actionStatus` PotentialActionStatus) with its actors as `participant`s. Its date is stated
as `endTime` only when it is one exact day and every fact giving it is confirmé; otherwise
the date as the articles word it and its status (rapporté, contesté) are said in
`description`, and so are earlier dates of a moved deadline. The Échéances page's Article
names them (`mentions`, by `@id`). No property states as settled
what the fact sheet marks reported or contested.

Built here as data; the theme override prints it (overrides/main.html).
"""

from __future__ import annotations

import functools

import json
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from . import model
from .dates import of_item
from .language import gettext
from .site import Page, Site
from .status import CONFIRMED, STATUSES, least_certain


@functools.lru_cache(maxsize=4)
def dates(site: Site) -> tuple[str, str]:
    """First publication and last modification of the site, as ISO date-times in UTC (the site's
    own calendar), worked out once per plan (every page's JSON-LD asks): the first publication at the start of its day, the last change at the time
    the journal recorded it (explainer/journal.py), or at the start of its day."""
    published = f"{site.story.published.start.isoformat()}T00:00:00Z"
    changes = [e.time for item in site.journal for e in item.changes]
    changes += [f"{c.date.start.isoformat()}T00:00:00Z" for c in site.story.changes]
    changes += [f"{f.updated.start.isoformat()}T00:00:00Z" for f in site.sheet.facts if f.updated]
    return published, max([published, *changes])


def identity(site: Site, base: str) -> dict[str, Any]:
    """`author` and `publisher` of the site's own pages, from the story's newsroom (none without one):
    an author whose name is the desk's or the newsroom's is that organisation, anyone else a person."""
    newsroom = site.story.newsroom
    if newsroom is None:
        return {}
    publisher: dict[str, Any] = {"@type": "NewsMediaOrganization", "name": newsroom.name}
    if newsroom.url:
        publisher["url"] = newsroom.url
    methode = next((p for p in site.pages if p.path == "methode.md"), None)
    if methode is not None:  # how the site is made: sources, statuses, corrections
        publisher["publishingPrinciples"] = methode.address.absolute(base)
    desk: dict[str, Any] | None = None
    if newsroom.desk:
        desk = {"@type": "Organization", "name": newsroom.desk, "parentOrganization": {"@type": "NewsMediaOrganization", "name": newsroom.name}}

    def who(name: str) -> dict[str, Any]:
        folded = name.casefold()
        if desk is not None and desk["name"].casefold() in folded:
            return desk
        if newsroom.name.casefold() in folded:
            return {"@type": "NewsMediaOrganization", "name": newsroom.name}
        return {"@type": "Person", "name": name}

    authors = [who(a) for a in newsroom.authors] or [desk or {"@type": "NewsMediaOrganization", "name": newsroom.name}]
    return {"author": authors, "publisher": publisher}


def home_articles(site: Site) -> set[str]:
    """The articles behind the home page's passage and essentials: the facts it cites, and theirs."""
    return passage_articles(site, "accueil", set(site.story.essentials))


def passage_articles(site: Site, key: str, ids: set[str] | None = None) -> set[str]:
    """The articles behind an editor's passage (`narrative:` under `key`: the home page's, or
    the opening of a theme page): those of the facts and divergences it names (and `ids`).
    A theme page cites them as well as those it quotes: its opening states those facts
    (fact-check H, finding 9: Acteurs's summary rests on A004 and did not cite it)."""
    ids = set(ids or ())
    for paragraph in site.narrative(key):
        for kind, value in paragraph:
            if kind == "refs":
                ids |= set(value)
    facts = [site.facts[i] for i in ids if i in site.facts]
    facts += [f for d in site.sheet.disagreements if d.id in ids for f in (site.facts.get(x) for x in d.facts) if f]
    out = {src.article for f in facts for src in f.sources}
    out |= {src.article for d in site.sheet.disagreements if d.id in ids for side in d.sides for src in side.sources}
    return out


def _article(site: Site, aid: str, base: str) -> dict[str, Any]:
    """A source article as the file describes it: no field the file does not give."""
    meta = site.articles[aid]
    work: dict[str, Any] = {"@type": "NewsArticle", "identifier": aid, "inLanguage": meta.language}
    if meta.title:
        work["headline"] = meta.title
    if meta.outlet and meta.outlet_from == "texte":  # an outlet found outside the articles is not stated as fact (issue 23)
        work["publisher"] = {"@type": "Organization", "name": meta.outlet}
    if meta.author:
        work["author"] = {"@type": "Person", "name": meta.author}
    if meta.published:  # a time without its time zone is ambiguous: the day only, which is certain
        work["datePublished"] = str(meta.published).split("T")[0]
    if meta.url:
        work["url"] = meta.url
    if meta.identified_by and (meta.url or meta.outlet_from == "comparaison"):
        # how the address (and the outlet) were found: outside the articles, by comparison
        work["description"] = meta.identified_by
    work["subjectOf"] = {"@type": "WebPage", "url": site.address(aid).absolute(base)}  # our page about it
    return work


def _weakest(site: Site, fact_ids: Iterable[str]) -> str:
    return least_certain(site.facts[f].status for f in fact_ids if f in site.facts)


def _actor(actor: model.Actor) -> dict[str, Any]:
    kind = {"personne": "Person", "gouvernement": "GovernmentOrganization", "administration": "GovernmentOrganization"}
    return {"@type": kind.get(actor.kind, "Organization"), "name": actor.name}


def _deadline(site: Site, d: model.Deadline, base: str) -> dict[str, Any]:
    status = _weakest(site, d.facts)
    when = d.date.when
    exact = when.precision == "day" and when.single_day and not when.qualified
    parts = [d.applies_to.rstrip(". ") + ".", gettext("Deadline: {date} ({status}).").format(date=of_item(d), status=STATUSES[status].word)]
    for step in d.history:
        parts.append(gettext("Before: {date} ({status}).").format(date=of_item(step), status=STATUSES[_weakest(site, [step.fact])].word))
    node: dict[str, Any] = {
        "@type": "Action",
        "@id": site.address(d.id).absolute(base),
        "name": d.title,
        "description": " ".join(parts),
        "actionStatus": "https://schema.org/PotentialActionStatus",
    }
    if exact and status == CONFIRMED:
        node["endTime"] = when.start.isoformat()
    actors = [site.actors[a] for a in d.actors if a in site.actors]
    if actors:
        node["participant"] = [_actor(a) for a in actors]
    return node


def page_graph(site: Site, page: Page, base: str, cited: Iterable[str] = (), image: dict[str, Any] | None = None,
               description: str | None = None) -> dict[str, Any]:
    """The page's graph. `cited`: the articles whose passages the page prints (the home page
    and a theme page add those their passage rests on); `description`: the page's own (its
    meta description)."""
    published, modified = dates(site)
    url = page.address.absolute(base)
    articles = set(cited)
    if page.article:  # an article's own page quotes it
        articles.add(page.article)
    if page.path == "sources.md":  # the bibliography: every article, with what is known of it
        articles |= set(site.articles)
    if page.path == "index.md":
        articles |= home_articles(site)
    if page.theme is not None:
        articles |= passage_articles(site, page.theme.id)
    name = site.settings.site_name or site.story.title
    article: dict[str, Any] = {
        "@type": "Article",
        "headline": name if page.path == "index.md" else f"{page.title} — {name}",
        "inLanguage": "fr",
        "datePublished": published,
        "dateModified": modified,
        "url": url,
        "isPartOf": {"@type": "WebSite", "name": name, "url": base},
        **identity(site, base),
    }
    if description:
        article["description"] = description
    if image:
        article["image"] = image
    if articles:
        order = site.article_order
        article["citation"] = [_article(site, aid, base) for aid in sorted((a for a in articles if a in order), key=order.__getitem__)]
    graph: list[dict[str, Any]] = [article]
    if page.shows == "deadlines":  # the deadlines the page shows, named by the page's Article
        actions = [_deadline(site, d, base) for d in site.sheet.deadlines]
        if actions:
            article["mentions"] = [{"@type": "Action", "@id": a["@id"]} for a in actions]
        graph += actions
    return {"@context": "https://schema.org", "@graph": graph}


def jsonld(site: Site, page: Page, site_url: str, cited: Iterable[str] = (), image: dict[str, Any] | None = None,
           description: str | None = None) -> Markup:
    """The page's JSON-LD on one line, safe inside <script>: no "<" at all (a "</script>"
    would close it, and "<!--" followed anywhere by "<script" would make the HTML parser
    swallow the rest of the page into it), nor "&" or ">", nor U+2028/U+2029. The JSON
    escapes mean the same characters to any JSON reader."""
    text = json.dumps(page_graph(site, page, site_url, cited, image, description), ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return Markup(text)
