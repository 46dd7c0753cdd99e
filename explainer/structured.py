"""Structured data for link previews and search engines: one JSON-LD graph per page.

The page is a schema.org `Article` (dates, language, the site it belongs to, its share
image) whose `citation` lists the articles the page quotes. Nothing is invented: an article
whose file gives no title has no `headline`, only its `identifier` and what is known.

Deadlines (on the Échéances page) are not `Event`s: nobody attends a deadline, and search
engines' event results require a place. Each is a potential `Action` (what must be done,
`actionStatus` PotentialActionStatus) with its actors as `participant`s. Its date is stated
as `endTime` only when it is one exact day and every fact giving it is confirmé; otherwise
the date as the articles word it and its status (rapporté, contesté) are said in
`description`, and so are earlier dates of a moved deadline. No property states as settled
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
from .site import Page, Site
from .text import date_wording

#: Statuses from the most to the least certain: a date is as certain as its weakest fact.
_CERTAINTY = ("confirmé", "rapporté", "contesté")


@functools.lru_cache(maxsize=4)
def dates(site: Site) -> tuple[str, str]:
    """First publication and last modification of the fact sheet (ISO dates); worked out
    once per plan (every page's JSON-LD asks, and it reads every fact)."""
    published = model.FuzzyDate(site.story.published).start
    changes = [model.FuzzyDate(c.date).start for c in site.story.changes]
    changes += [model.FuzzyDate(f.updated).start for f in site.sheet.facts if f.updated]
    return published.isoformat(), max([published, *changes]).isoformat()


def _article(site: Site, aid: str, base: str) -> dict[str, Any]:
    """A source article as the file describes it: no field the file does not give."""
    meta = site.articles[aid]
    work: dict[str, Any] = {"@type": "NewsArticle", "identifier": aid, "inLanguage": meta.language}
    if meta.title:
        work["headline"] = meta.title
    if meta.outlet:
        work["publisher"] = {"@type": "Organization", "name": meta.outlet}
    if meta.author:
        work["author"] = {"@type": "Person", "name": meta.author}
    if meta.published:
        work["datePublished"] = meta.published
    if meta.url:
        work["url"] = meta.url
    work["subjectOf"] = {"@type": "WebPage", "url": site.address(aid).absolute(base)}  # our page about it
    return work


def _weakest(site: Site, fact_ids: Iterable[str]) -> str:
    statuses = [site.facts[f].status for f in fact_ids if f in site.facts]
    return max(statuses, key=_CERTAINTY.index) if statuses else "rapporté"


def _actor(actor: model.Actor) -> dict[str, Any]:
    kind = {"personne": "Person", "gouvernement": "GovernmentOrganization", "administration": "GovernmentOrganization"}
    return {"@type": kind.get(actor.kind, "Organization"), "name": actor.name}


def _deadline(site: Site, d: model.Deadline, base: str) -> dict[str, Any]:
    status = _weakest(site, d.facts)
    when = model.FuzzyDate(d.date).when
    exact = when.precision == "day" and when.single_day and not when.qualified
    parts = [d.applies_to.rstrip(". ") + ".", f"Échéance : {date_wording(d)} ({status})."]
    for step in d.history:
        parts.append(f"Auparavant : {date_wording(step)} ({_weakest(site, [step.fact])}).")
    node: dict[str, Any] = {
        "@type": "Action",
        "@id": site.address(d.id).absolute(base),
        "name": d.title,
        "description": " ".join(parts),
        "actionStatus": "https://schema.org/PotentialActionStatus",
    }
    if exact and status == "confirmé":
        node["endTime"] = when.start.isoformat()
    actors = [site.actors[a] for a in d.actors if a in site.actors]
    if actors:
        node["participant"] = [_actor(a) for a in actors]
    return node


def page_graph(site: Site, page: Page, base: str, cited: Iterable[str] = (), image: dict[str, Any] | None = None) -> dict[str, Any]:
    """The page's graph. `cited`: the articles whose passages the page prints."""
    published, modified = dates(site)
    url = page.address.absolute(base)
    articles = set(cited)
    if page.article:  # an article's own page quotes it
        articles.add(page.article)
    if page.path == "sources.md":  # the bibliography: every article, with what is known of it
        articles |= set(site.articles)
    name = site.settings.site_name or site.story.title
    article: dict[str, Any] = {
        "@type": "Article",
        "headline": name if page.path == "index.md" else f"{page.title} — {name}",
        "inLanguage": "fr",
        "datePublished": published,
        "dateModified": modified,
        "url": url,
        "isPartOf": {"@type": "WebSite", "name": name, "url": base},
    }
    if image:
        article["image"] = image
    if articles:
        article["citation"] = [_article(site, aid, base) for aid in site.articles if aid in articles]
    graph: list[dict[str, Any]] = [article]
    if page.shows == "deadlines":
        graph += [_deadline(site, d, base) for d in site.sheet.deadlines]
    return {"@context": "https://schema.org", "@graph": graph}


def jsonld(site: Site, page: Page, site_url: str, cited: Iterable[str] = (), image: dict[str, Any] | None = None) -> Markup:
    """The page's JSON-LD on one line, safe inside <script>: no "<" at all (a "</script>"
    would close it, and "<!--" followed anywhere by "<script" would make the HTML parser
    swallow the rest of the page into it), nor "&" or ">", nor U+2028/U+2029. The JSON
    escapes mean the same characters to any JSON reader."""
    text = json.dumps(page_graph(site, page, site_url, cited, image), ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return Markup(text)
