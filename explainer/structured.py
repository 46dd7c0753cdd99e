"""Structured data for link previews and search engines: one JSON-LD graph per page.

The page as a schema.org Article (dates, language, the articles it cites); on the
Échéances page, each deadline as an Event, a moved one as rescheduled with its previous
date. Built here as data; the theme override prints it (overrides/main.html).
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from . import model
from .site import Page, Site


def dates(site: Site) -> tuple[str, str]:
    """First publication and last modification of the fact sheet (ISO dates)."""
    published = model.FuzzyDate(site.story.published).start
    changes = [model.FuzzyDate(c.date).start for c in site.story.changes]
    changes += [model.FuzzyDate(f.updated).start for f in site.sheet.facts if f.updated]
    return published.isoformat(), max([published, *changes]).isoformat()


def _article(site: Site, aid: str) -> dict[str, Any]:
    meta = site.articles[aid]
    work: dict[str, Any] = {"@type": "NewsArticle", "name": meta.title or site.article_label(aid), "inLanguage": meta.language}
    if meta.outlet:
        work["publisher"] = {"@type": "Organization", "name": meta.outlet}
    if meta.author:
        work["author"] = {"@type": "Person", "name": meta.author}
    if meta.published:
        work["datePublished"] = meta.published
    if meta.url:
        work["url"] = meta.url
    return work


def _event_dates(value: str) -> dict[str, str]:
    """startDate (and endDate for a period): no more precise than the sheet's date."""
    when = model.FuzzyDate(value).when
    if when.precision in ("day", "month", "year"):
        return {"startDate": when.text.rstrip("?~%")}
    return {"startDate": when.start.isoformat(), "endDate": when.end.isoformat()}


def page_graph(site: Site, page: Page, base: str) -> dict[str, Any]:
    published, modified = dates(site)
    url = page.address.absolute(base)
    cited = sorted(site.articles) if page.path in ("index.md", "sources.md", "methode.md") else sorted(
        {aid for aid in site.articles if aid == page.article} or site.articles
    )
    article = {
        "@type": "Article",
        "headline": f"{page.title} — {site.story.title}",
        "inLanguage": "fr",
        "datePublished": published,
        "dateModified": modified,
        "url": url,
        "isPartOf": {"@type": "WebSite", "name": site.story.title},
        "citation": [_article(site, aid) for aid in cited],
    }
    graph: list[dict[str, Any]] = [article]
    if page.path == "echeances.md":
        for d in site.sheet.deadlines:
            event: dict[str, Any] = {
                "@type": "Event",
                "@id": site.address(d.id).absolute(base),
                "name": d.title,
                "description": d.applies_to,
                **_event_dates(d.date),
                "eventStatus": "https://schema.org/EventRescheduled" if d.history else "https://schema.org/EventScheduled",
            }
            if d.history:
                event["previousStartDate"] = [step.date for step in d.history]
            graph.append(event)
    return {"@context": "https://schema.org", "@graph": graph}


def jsonld(site: Site, page: Page, site_url: str) -> Markup:
    """The page's JSON-LD on one line, safe inside <script> (no "</" can close it)."""
    text = json.dumps(page_graph(site, page, site_url), ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
