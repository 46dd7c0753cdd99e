"""Exports for other newsroom tools, written next to the pages and published with them.

- `facts.json`: every fact, actor, event, deadline and disagreement with ids, permalinks
  and sources (schema in README.md);
- `timeline.json`: Knight Lab TimelineJS format (`events` with `start_date`, `text`,
  `group`, `unique_id` = our id, French `display_date`);
- `feed.xml`: an Atom feed of the dated changes of the fact sheet (story.changes and each
  fact's `updated`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

import jinja2

from . import model
from .rules import item_status
from .site import Site
from .text import date_wording


def permalink(site: Site, base: str, ident: str) -> str:
    return site.address(ident).absolute(base)


def _sources(sources: list[model.Source]) -> list[dict[str, str]]:
    return [{"article": s.article, "quote": s.quote} for s in sources]


def facts_json(site: Site, base: str) -> dict[str, Any]:
    s = site.sheet
    return {
        "story": {"title": s.story.title, "summary": s.story.summary, "as_of": s.story.as_of,
                  "period": {"start": s.story.period.start, "end": s.story.period.end}, "url": base},
        "articles": [
            {"id": aid, "title": a.title, "outlet": a.outlet, "author": a.author, "published": a.published,
             "language": a.language, "url": a.url, "permalink": permalink(site, base, aid)}
            for aid, a in site.articles.items()
        ],
        "facts": [
            {"id": f.id, "text": f.text, "status": f.status, "themes": list(f.themes), "actors": list(f.actors),
             "updated": f.updated, "aliases": list(f.aliases), "permalink": permalink(site, base, f.id),
             "sources": _sources(f.sources)}
            for f in s.facts
        ],
        "actors": [
            {"id": a.id, "name": a.name, "kind": a.kind, "country": a.country, "role": a.role, "wants": a.wants,
             "aliases": list(a.aliases), "permalink": permalink(site, base, a.id),
             "relations": [{"type": r.type, "target": r.target, "fact": r.fact} for r in a.relations]}
            for a in s.actors
        ],
        "events": [
            {"id": e.id, **_dates(e), "date_note": e.date_note, "date_basis": e.date_basis, "kind": e.kind, "title": e.title,
             "actors": list(e.actors), "facts": list(e.facts), "permalink": permalink(site, base, e.id)}
            for e in s.events
        ],
        "deadlines": [
            {"id": d.id, "title": d.title, **_dates(d), "date_note": d.date_note, "date_basis": d.date_basis,
             "applies_to": d.applies_to, "actors": list(d.actors), "facts": list(d.facts),
             "history": [{**_dates(h), "fact": h.fact, "note": h.note} for h in d.history],
             "permalink": permalink(site, base, d.id)}
            for d in s.deadlines
        ],
        "disagreements": [
            {"id": d.id, "title": d.title, "note": d.note, "permalink": permalink(site, base, d.id),
             "sides": [{"claim": side.claim, "sources": _sources(side.sources)} for side in d.sides]}
            for d in s.disagreements
        ],
    }


def _tl_date(day, precision: str) -> dict[str, str]:
    """A TimelineJS date, as precise as ours: a month-only date has no day."""
    parts = {"year": str(day.year), "month": f"{day.month:02d}", "day": f"{day.day:02d}"}
    keep = {"year": 1, "month": 2}.get(precision, 3)
    return dict(list(parts.items())[:keep])


def _tl_dates(value: str) -> dict[str, dict[str, str]]:
    """start_date, and end_date when the date is a period (« fin août » from the 21st to the 31st)."""
    when = model.FuzzyDate(value).when
    if when.precision in ("day", "month", "year"):
        return {"start_date": _tl_date(when.start, when.precision)}
    precision = "month" if when.precision == "season" else "day"
    return {"start_date": _tl_date(when.start, precision), "end_date": _tl_date(when.end, precision)}


def _dates(item) -> dict[str, Any]:
    """An event's or deadline's date for facts.json: the EDTF value, the article's wording, first and last day."""
    if item.date is None:  # no article dates it
        return {"date": None, "date_text": date_wording(item), "start": None, "end": None}
    when = model.FuzzyDate(item.date).when
    return {"date": item.date, "date_text": date_wording(item), "start": when.start.isoformat(), "end": when.end.isoformat()}


def timeline_json(site: Site, base: str) -> dict[str, Any]:
    events = []
    for item in site.chronology():
        deadline = site.is_deadline(item)
        facts = [site.facts[f] for f in item.facts]
        text = " ".join(f"{f.text} ({model.STATUSES[f.status][0].lower()})" for f in facts)
        if deadline and item.history:
            previous = ", ".join(date_wording(h) for h in item.history)
            text = f"Date déplacée (auparavant : {previous}). {text}"
        status = model.STATUSES[item_status(site.sheet, item)][0]
        if item.date_note:
            basis = f" (date déduite de l’article {site.article_label(item.date_basis)})" if item.date_basis else ""
            text = f"{text} Comment la date a été établie\u00a0: {item.date_note}{basis}"
        text = f"{status}. {text}"
        events.append({
            "unique_id": item.id,
            **_tl_dates(item.date),
            # TimelineJS puts headline, text and display_date into the page as HTML: all escaped
            "display_date": escape(date_wording(item)),
            "group": "Échéances" if deadline else model.EVENT_KINDS[item.kind],
            "status": item_status(site.sheet, item),
            "text": {"headline": escape(item.title), "text": f'{escape(text)} <a href="{escape(permalink(site, base, item.id))}">Sources</a>'},
        })
    return {"title": {"text": {"headline": escape(site.story.title), "text": escape(site.story.summary)}}, "events": events}


TAG_URI = re.compile(r"^tag:[A-Za-z0-9.@-]+,\d{4}(-\d{2}(-\d{2})?)?:[A-Za-z0-9._~/%-]*$")


def default_feed_id(site: Site, base: str) -> str:
    """A tag: URI from the site's address and its first publication, for a project whose
    mkdocs.yml does not fix one (extra.feed_id): it changes if the address does."""
    parts = urlsplit(base)
    host = parts.hostname or "localhost"
    path = parts.path.strip("/") or "site"
    return f"tag:{host},{model.FuzzyDate(str(site.story.published)).start.isoformat()}:{path}"


def _stamp(value: object) -> str:
    return f"{model.FuzzyDate(str(value)).start.isoformat()}T00:00:00Z"


def feed_xml(site: Site, base: str, templates: Path, feed_id: str | None = None) -> str:
    """The Atom feed, rendered from templates/feed.xml.j2. Entry ids never depend on the
    order of `story.changes` nor on the site's address."""
    feed_id = feed_id or default_feed_id(site, base)
    entries = []
    journal = site.page("journal.md")
    for change in site.story.changes:
        names = ", ".join(site.title_of(i) for i in change.ids)
        entries.append({
            "date": change.date, "title": change.summary,
            "link": journal.at(f"modification-{change.key}").absolute(base),
            "id": f"{feed_id}/journal/{change.key}",
            "summary": f"{change.summary} (concerne : {names})" if names else change.summary,
        })
    for f in site.sheet.facts:
        if f.updated:
            status = model.STATUSES[f.status][0].lower()
            entries.append({
                "date": f.updated, "title": f"Mis à jour : {f.text}", "link": permalink(site, base, f.id),
                "id": f"{feed_id}/faits/{f.id}/{f.updated}",
                "summary": f"{f.text} (statut : {status} ; sources : {', '.join(sorted({s.article for s in f.sources}))})",
            })
    entries.sort(key=lambda e: (model.FuzzyDate(str(e["date"])).start, e["id"]), reverse=True)
    for e in entries:
        e["updated"] = _stamp(e["date"])
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env.get_template("feed.xml.j2").render(
        title=site.story.title, subtitle=site.story.summary, home=base, self_url=site.file("feed.xml").absolute(base), feed_id=feed_id,
        updated=max([e["updated"] for e in entries] or [_stamp(site.story.published)]), entries=entries,
    )


def exports(site: Site, base: str, templates: Path, feed_id: str | None = None) -> dict[str, str]:
    dump = lambda data: json.dumps(data, ensure_ascii=False, indent=1) + "\n"  # noqa: E731
    return {"facts.json": dump(facts_json(site, base)), "timeline.json": dump(timeline_json(site, base)),
            "feed.xml": feed_xml(site, base, templates, feed_id)}
