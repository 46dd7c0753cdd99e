"""Exports for other newsroom tools, written next to the pages and published with them.

- `facts.json`: every fact, actor, event, deadline and disagreement with ids, permalinks
  and sources (schema in README.md);
- `timeline.json`: Knight Lab TimelineJS format (`events` with `start_date`, `text`,
  `group`, `unique_id` = our id, French `display_date`);
- `feed.xml`: an Atom feed of the journal (explainer/journal.py: what changed since each
  publication, with the editor's notes from story.changes), the same entries as the journal page.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

import jinja2

from . import dates, journal, model
from .site import Site
from .language import gettext
from .status import STATUSES


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
            {"id": aid, "title": a.title, "outlet": a.outlet, "outlet_from": a.outlet_from, "author": a.author,
             "published": a.published, "language": a.language, "url": a.url, "identified_by": a.identified_by,
             "permalink": permalink(site, base, aid)}
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
             "relations": [{"type": r.type, "target": r.target, "fact": r.fact, "status": site.item_status(r)} for r in a.relations]}
            for a in s.actors
        ],
        "events": [
            {"id": e.id, **_dates(e), "date_note": e.date_note, "date_basis": e.date_basis, "kind": e.kind, "title": e.title,
             "status": site.item_status(e), "actors": list(e.actors), "facts": list(e.facts), "permalink": permalink(site, base, e.id)}
            for e in s.events
        ],
        "deadlines": [
            {"id": d.id, "title": d.title, **_dates(d), "date_note": d.date_note, "date_basis": d.date_basis,
             "applies_to": d.applies_to, "status": site.item_status(d), "actors": list(d.actors), "facts": list(d.facts),
             "history": [{**_dates(h), "fact": h.fact, "note": h.note} for h in d.history],
             "permalink": permalink(site, base, d.id)}
            for d in s.deadlines
        ],
        "disagreements": [
            {"id": d.id, "title": d.title, "kind": "nuance" if d.nuance else "divergence", "note": d.note,
             "permalink": permalink(site, base, d.id),
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
    """start_date, and end_date when the date is a period (« fin août » from the 21st to the 31st;
    « juillet » from the 1st to the 31st: reading K, F9): a bar, with the first and last days
    facts.json gives."""
    when = value.when
    if when.precision == "day":
        return {"start_date": _tl_date(when.start, when.precision)}
    precision = "month" if when.precision == "season" else "day"
    return {"start_date": _tl_date(when.start, precision), "end_date": _tl_date(when.end, precision)}


def _dates(item) -> dict[str, Any]:
    """An event's or deadline's date for facts.json: the EDTF value, the article's wording, first and last day."""
    if item.date is None:  # no article dates it
        return {"date": None, "date_text": dates.of_item(item), "start": None, "end": None}
    when = item.date.when
    return {"date": item.date, "date_text": dates.of_item(item), "start": when.start.isoformat(), "end": when.end.isoformat()}


def timeline_json(site: Site, base: str) -> dict[str, Any]:
    events = []
    sources = escape(gettext("Sources"))
    for item in site.chronology():
        deadline = site.is_deadline(item)
        facts = [site.facts[f] for f in item.facts]
        text = " ".join(f"{f.text} ({STATUSES[f.status].word})" for f in facts)
        if deadline and item.history:
            previous = ", ".join(dates.of_item(h) for h in item.history)
            text = gettext("Date moved (before: {previous}).").format(previous=previous) + f" {text}"
        for title in site.disputed_titles_of(item.facts):  # reading K, F1 and F6: the export names them too
            text += " " + gettext("The articles diverge: « {title} ».").format(title=title)
        status = STATUSES[site.item_status(item)].label
        if item.date_note:
            basis = " " + gettext("(date worked out from the article {article})").format(article=site.article_label(item.date_basis)) if item.date_basis else ""
            text = f"{text} " + gettext("How the date was established: {note}").format(note=item.date_note) + basis
        text = f"{status}. {text}"
        events.append({
            "unique_id": item.id,
            **_tl_dates(item.date),
            # TimelineJS puts headline, text and display_date into the page as HTML: all escaped
            "display_date": escape(dates.of_item(item)),
            "group": gettext("Deadlines") if deadline else model.EVENT_KINDS[item.kind],
            "status": site.item_status(item),
            "text": {"headline": escape(item.title), "text": f'{escape(text)} <a href="{escape(permalink(site, base, item.id))}">{sources}</a>'},
        })
    return {"title": {"text": {"headline": escape(site.story.title), "text": escape(site.story.summary)}}, "events": events}


TAG_URI = re.compile(r"^tag:[A-Za-z0-9.@-]+,\d{4}(-\d{2}(-\d{2})?)?:[A-Za-z0-9._~/%-]*$")


def default_feed_id(site: Site, base: str) -> str:
    """A tag: URI from the site's address and its first publication, for a project whose
    mkdocs.yml does not fix one (extra.feed_id): it changes if the address does."""
    parts = urlsplit(base)
    host = parts.hostname or "localhost"
    path = parts.path.strip("/") or "site"
    return f"tag:{host},{site.story.published.start.isoformat()}:{path}"


#: Feed titles stop here (at a sentence's end, or on a word with « … »): a reader lists them.
TITLE_LIMIT = 90


def _headline(text: str, limit: int = TITLE_LIMIT) -> tuple[str, str]:
    """A short title from `text`, and the rest of it: its first sentence when short enough,
    else its first words up to `limit`, with « … » (the rest then starts with « … »)."""
    text = " ".join(str(text).split())
    m = re.match(r"(.+?[.!?…])(?:\s+|$)(.*)", text)
    if m and len(m.group(1)) <= limit:
        return m.group(1), m.group(2)
    if len(text) <= limit:
        return text, ""
    head = text[: limit - 1].rsplit(" ", 1)[0]
    return head.rstrip(" ,;:") + "…", "…" + text[len(head):]


def _unique(entries: list[dict[str, Any]]) -> None:
    """No two entries share a timestamp: later ones in the list (older) are moved a second back."""
    seen: set[str] = set()
    for e in entries:
        t = dt.datetime.strptime(e["updated"], "%Y-%m-%dT%H:%M:%SZ")
        while t.strftime("%Y-%m-%dT%H:%M:%SZ") in seen:
            t -= dt.timedelta(seconds=1)
        e["updated"] = t.strftime("%Y-%m-%dT%H:%M:%SZ")
        seen.add(e["updated"])


def feed_entries(site: Site, base: str, feed_id: str) -> list[dict[str, Any]]:
    """The feed's entries, newest first: the journal's (journal.py), so that the journal page and
    the feed list the same changes, plus a fact's `updated:` date that the journal does not hold."""
    items = site.journal or journal.items(site.sheet, [])
    entries = []
    for item in items:
        described = [(gettext("{what}: {name}").format(what=what, name=name), detail)
                     for what, name, detail, _ident in journal.grouped(site, item.changes, full=True)]
        if item.note is not None:
            title, rest = _headline(item.note.detail or item.note.summary)  # the note in full, when the page abridges it
            names = " ; ".join(f"« {site.title_of(i).rstrip('.')} »" for i in item.note.ids)
            parts = [rest] + [f"{head.rstrip('.')}. {detail}" for head, detail in described]
            if names and not described:
                parts.append(gettext("Concerns: {names}").format(names=names))
        else:
            (head, detail), = described
            title, rest = _headline(head)
            parts = [rest, detail]
        entries.append({
            "date": item.date, "title": title, "link": site.change(item.key).absolute(base),
            "id": f"{feed_id}/journal/{item.key}", "updated": item.stamp,
            "summary": " ".join(p.strip() for p in parts if p.strip()) or gettext("Change log, {date}.").format(date=dates.french(item.date)),
        })
    dated = {(e.id, e.date) for item in items for e in item.changes}
    for f in site.sheet.facts:
        day = f.updated.start.isoformat() if f.updated else None
        if day and (f.id, day) not in dated:
            status = STATUSES[f.status].word
            title, _rest = _headline(gettext("Updated: {fact}").format(fact=f.text))
            entries.append({
                "date": f.updated, "title": title, "link": permalink(site, base, f.id),
                "id": f"{feed_id}/faits/{f.id}/{f.updated}", "updated": f"{day}T00:00:00Z",
                "summary": gettext("Status: {status}; sources: {sources}. The fact: {fact}").format(
                    status=status, sources=", ".join(sorted({s.article for s in f.sources})), fact=f.text),
            })
    entries.sort(key=lambda e: (e["updated"], e["id"]), reverse=True)
    _unique(entries)
    entries.sort(key=lambda e: (e["updated"], e["id"]), reverse=True)
    return entries


def feed_xml(site: Site, base: str, templates: Path, feed_id: str | None = None) -> str:
    """The Atom feed, rendered from templates/feed.xml.j2. Entry ids never depend on the
    order of `story.changes` nor on the site's address."""
    feed_id = feed_id or default_feed_id(site, base)
    entries = feed_entries(site, base, feed_id)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    newsroom = site.story.newsroom
    return env.get_template("feed.xml.j2").render(
        title=site.story.title, subtitle=site.story.summary, home=base, self_url=site.file("feed.xml").absolute(base), feed_id=feed_id,
        updated=max([e["updated"] for e in entries] or [f"{site.story.published.start.isoformat()}T00:00:00Z"]),
        entries=entries, author=(newsroom.desk or newsroom.name) if newsroom else site.story.title,
        author_uri=newsroom.url if newsroom else None,
    )


def exports(site: Site, base: str, templates: Path, feed_id: str | None = None) -> dict[str, str]:
    dump = lambda data: json.dumps(data, ensure_ascii=False, indent=1) + "\n"  # noqa: E731
    return {"facts.json": dump(facts_json(site, base)), "timeline.json": dump(timeline_json(site, base)),
            "feed.xml": feed_xml(site, base, templates, feed_id)}
