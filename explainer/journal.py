"""The journal that writes itself: what the site last published, and what changed since.

`journal.json` (project root, committed with facts.yml like links.txt) holds two things:

- `published`: a compact snapshot of what the last successful `make site` published — per
  article its title and date, per fact its status, text and articles, per event and deadline
  its date;
- `entries`: every change found between two builds, dated by the site's own calendar (the
  day of the build, UTC) with the time it was recorded: a new article, a new fact, a fact
  whose status, text or sources changed, an event or deadline whose date moved.

Each build compares the fact sheet with the snapshot: what differs is *pending* (shown by
`make check`, `make review`, `make serve` and the built pages, dated today) and is
*recorded* — appended to `entries`, the snapshot replaced — only when `make site` has
published the site. Two builds the same day merge their entries for one element (a status
changed twice the same day is one change; changed back, none).

Why a committed snapshot rather than git history or `updated:` dates: the build must not
depend on git (a copy without `.git`, a shallow CI checkout), an editor cannot forget to
write it, and a reviewer sees it change in the pull request next to facts.yml.

The editor adds words, not bookkeeping: a `story.changes` entry with the same date naming one
of the element's ids (`ids:`) is the note of the automatic entries it names; a note naming no
automatic entry is an entry of its own (the journal's earlier, hand-written history). A status
that changed with no note is a warning at `make check`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import dates, model
from .language import gettext, ngettext
from .status import STATUSES

LOG = "journal.json"
ABOUT = ("Ce que le site a publié pour la dernière fois (published) et chaque changement constaté "
         "depuis (entries). Écrit par make site ; à committer avec facts.yml, jamais à modifier à la main.")

#: Kinds of automatic entries, in the order a day lists them.
KINDS = ("article", "fact", "status", "text", "sources", "date")


def today() -> str:
    """The site's calendar: today in UTC (EXPLAINER_TODAY=AAAA-MM-JJ fixes it, for tests and rehearsals)."""
    return os.environ.get("EXPLAINER_TODAY") or dt.datetime.now(dt.UTC).date().isoformat()


def now() -> str:
    """The time a change is recorded (UTC, to the second); EXPLAINER_TODAY fixes it to noon of that day."""
    fixed = os.environ.get("EXPLAINER_TODAY")
    if fixed:
        return f"{fixed}T12:00:00Z"
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Entry:
    """One automatic change: `kind` of element `id`, from `before` to `after`, on `date`."""

    date: str
    time: str
    kind: str
    id: str
    before: Any = None
    after: Any = None

    @property
    def key(self) -> str:
        """What names the change for good: its date, kind and element (the plan makes its anchor, `Site.change`)."""
        return f"{self.date}/{self.kind}/{self.id}"

    def as_dict(self) -> dict[str, Any]:
        return {"date": self.date, "time": self.time, "kind": self.kind, "id": self.id, "before": self.before, "after": self.after}


def snapshot(sheet: model.FactSheet, articles: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """What the site publishes, in the few values the journal compares."""
    return {
        "articles": {aid: {"title": a.title, "published": a.published} for aid, a in articles.items()},
        "facts": {f.id: {"status": f.status, "text": " ".join(f.text.split()),
                         "articles": sorted({s.article for s in f.sources})} for f in sheet.facts},
        "dates": {item.id: item.date for item in [*sheet.events, *sheet.deadlines]},
    }


def diff(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]], date: str, time: str) -> list[Entry]:
    """The changes from snapshot `old` to `new`. An element that disappeared is not an entry
    (ids are permanent: links.txt refuses it before the journal would)."""
    out: list[Entry] = []
    for aid, meta in new.get("articles", {}).items():
        if aid not in old.get("articles", {}):
            out.append(Entry(date, time, "article", aid, None, meta.get("title")))
    old_facts = old.get("facts", {})
    for fid, fact in new.get("facts", {}).items():
        was = old_facts.get(fid)
        if was is None:
            out.append(Entry(date, time, "fact", fid, None, fact["status"]))
            continue
        if was.get("status") != fact["status"]:
            out.append(Entry(date, time, "status", fid, was.get("status"), fact["status"]))
        if was.get("text") != fact["text"]:
            out.append(Entry(date, time, "text", fid, was.get("text"), fact["text"]))
        if set(fact["articles"]) != set(was.get("articles", [])):  # an article added or withdrawn
            out.append(Entry(date, time, "sources", fid, was.get("articles"), fact["articles"]))
    old_dates = old.get("dates", {})
    for ident, value in new.get("dates", {}).items():
        if ident in old_dates and old_dates[ident] != value:
            out.append(Entry(date, time, "date", ident, old_dates[ident], value))
    return out


def merge(recorded: list[Entry], pending: list[Entry]) -> list[Entry]:
    """`recorded` followed by `pending`, where a pending change to an element already changed the
    same day updates that day's entry instead (changed back to where it was: no entry)."""
    out = [Entry(**e.as_dict()) for e in recorded]
    for p in pending:
        same_day = [e for e in out if e.date == p.date and e.id == p.id]
        new = next((e for e in same_day if e.kind in ("article", "fact")), None)
        if new is not None:  # new today: it stays new, with today's last value
            if p.kind == "status":
                new.after = p.after
            continue
        twin = next((e for e in same_day if e.kind == p.kind), None)
        if twin is None:
            out.append(p)
            continue
        twin.after = p.after
        if twin.before == twin.after:
            out.remove(twin)
    return out


@dataclass
class Log:
    """journal.json as read: the last published snapshot (None: no journal yet) and the entries."""

    published: dict[str, Any] | None = None
    entries: list[Entry] = field(default_factory=list)


class LogError(ValueError):
    pass


def read(root: Path) -> Log:
    path = root / LOG
    if not path.is_file():
        return Log()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Log(data["published"], [Entry(**e) for e in data.get("entries", [])])
    except (ValueError, KeyError, TypeError) as exc:
        raise LogError(f"{LOG} illisible ({exc.__class__.__name__}) : remettez la version committée "
                       f"(git checkout {LOG}) puis relancez make site") from exc


def dumps(published: dict[str, Any], entries: list[Entry]) -> str:
    """journal.json with one element per line: a change shows as one line in a diff."""
    one = lambda value: json.dumps(value, ensure_ascii=False, sort_keys=True)  # noqa: E731
    lines = ["{", f' "about": {one(ABOUT)},', ' "published": {']
    sections = list(published.items())
    for i, (section, items) in enumerate(sections):
        lines.append(f"  {one(section)}: {{")
        rows = list(items.items())
        lines += [f"   {one(k)}: {one(v)}{',' if j < len(rows) - 1 else ''}" for j, (k, v) in enumerate(rows)]
        lines.append("  }" + ("," if i < len(sections) - 1 else ""))
    lines.append(" },")
    lines.append(' "entries": [')
    lines += [f"  {one(e.as_dict())}{',' if j < len(entries) - 1 else ''}" for j, e in enumerate(entries)]
    lines += [" ]", "}"]
    return "\n".join(lines) + "\n"


@dataclass
class Journal:
    """The recorded entries plus what is pending: what every stage shows."""

    log: Log
    current: dict[str, Any]
    pending: list[Entry]

    @property
    def entries(self) -> list[Entry]:
        return merge(self.log.entries, self.pending)

    @property
    def changed(self) -> bool:
        return self.log.published != self.current


def compute(root: Path, sheet: model.FactSheet, articles: dict[str, Any]) -> Journal:
    """The journal of the sheet as loaded (raises LogError when journal.json is unreadable)."""
    log = read(root)
    current = snapshot(sheet, articles)
    pending = [] if log.published is None else diff(log.published, current, today(), now())
    return Journal(log, current, pending)


def record(root: Path, journal: Journal) -> int:
    """After a successful publication: the pending changes into journal.json, the snapshot
    replaced. Returns the number of changes recorded (0: the file is left untouched)."""
    if not journal.changed and (root / LOG).is_file():
        return 0
    entries = journal.entries
    path = root / LOG
    tmp = path.with_name(f".{LOG}.tmp")
    tmp.write_text(dumps(journal.current, entries), encoding="utf-8")
    tmp.replace(path)
    return len(journal.pending)


# --- notes and items: what the journal page and the feed list -----------------------------


@dataclass
class Item:
    """One entry of the journal page and of the feed: a note with the changes it explains, an
    automatic change alone, or a hand-written note about nothing automatic."""

    key: str  # feed entry id's last part, stable; its anchor on the journal page is the plan's (`Site.change`)
    date: str
    stamp: str  # Atom `updated`: unique in the feed
    note: model.Change | None
    changes: list[Entry]
    #: each change in words, for the page: (what, the element's name, detail, its id) — see `for_site`
    lines: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def ids(self) -> list[str]:
        ids = list(self.note.ids) if self.note else []
        return ids + [e.id for e in self.changes if e.id not in ids]


def items(sheet: model.FactSheet, entries: list[Entry]) -> list[Item]:
    """The journal, newest first: each note of story.changes takes the automatic entries of its
    date that it names; every other automatic entry stands alone."""
    taken: set[int] = set()
    out: list[Item] = []
    same_day: dict[str, int] = {}
    for change in sheet.story.changes:
        day = change.date.start.isoformat()
        mine = [e for k, e in enumerate(entries) if k not in taken and e.date == day and e.id in change.ids]
        taken |= {k for k, e in enumerate(entries) if e in mine}
        n = same_day[day] = same_day.get(day, -1) + 1
        stamp = min([e.time for e in mine], default=f"{day}T00:{n // 60:02d}:{n % 60:02d}Z")
        out.append(Item(change.key, day, stamp, change, mine))
    for k, e in enumerate(entries):
        if k not in taken:
            out.append(Item(e.key, e.date, e.time, None, [e]))
    out.sort(key=lambda i: (i.stamp, KINDS.index(i.changes[0].kind) if i.changes else -1, i.key), reverse=True)
    seen: set[str] = set()
    for item in reversed(out):  # several entries recorded in one build: one second apart, in the listed order
        while item.stamp in seen:
            item.stamp = _next_second(item.stamp)
        seen.add(item.stamp)
    out.sort(key=lambda i: i.stamp, reverse=True)
    return out


def _next_second(stamp: str) -> str:
    t = dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ") + dt.timedelta(seconds=1)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def unexplained(sheet: model.FactSheet, entries: list[Entry]) -> list[Entry]:
    """Status changes that no note of story.changes explains (a warning at `make check`)."""
    explained = {e.key for item in items(sheet, entries) if item.note for e in item.changes}
    return [e for e in entries if e.kind == "status" and e.key not in explained]


def unmarked(sheet: model.FactSheet, entries: list[Entry]) -> dict[str, str]:
    """Facts whose status or sources changed on a day their `updated:` does not reach (fact id ->
    the day of its last such change): their card would not say « mis à jour » (a warning at
    `make check`; reading I, F11). A new wording alone is not a change a card announces."""
    facts = {f.id: f for f in sheet.facts}
    last: dict[str, str] = {}
    for e in entries:
        if e.kind in ("status", "sources") and e.id in facts:
            last[e.id] = max(last.get(e.id, e.date), e.date)
    return {fid: day for fid, day in last.items()
            if facts[fid].updated is None or facts[fid].updated.start.isoformat() < day}


def _label(status: str | None) -> str:
    return STATUSES[status].word if status in STATUSES else str(status)


def describe(site: Any, e: Entry, full: bool = False) -> tuple[str, str, str]:
    """An automatic change in words: (what happened, the element's name, a detail — what it was
    before, its status — never a repeat of the first two). Plain text; templates escape it."""
    # on the page, a fact by its first words: it is printed in full once, on its own page, where
    # the link leads; the feed (`full`) names it whole and cuts its own titles (exports._headline)
    name = site.short_title(e.id) if e.id in site.facts and not full else site.title_of(e.id).rstrip(".")
    status = gettext("Status: {status}.").format(status=_label(site.facts[e.id].status)) if e.id in site.facts else ""
    if e.kind == "article":
        meta = site.articles[e.id]
        return gettext("New article"), meta.title or site.article_title(e.id), gettext("{article}, quoted by the site.").format(article=site.article_title(e.id))
    if e.kind == "fact":
        return gettext("New fact"), name, gettext("Status: {status}.").format(status=_label(e.after))
    if e.kind == "status":
        sources = ", ".join(sorted({s.article for s in site.facts[e.id].sources}))
        return (gettext("Now {status}").format(status=_label(e.after)), name,
                gettext("Before: {status}. Sources: {sources}.").format(status=_label(e.before), sources=sources))
    if e.kind == "text":  # the old wording is not reprinted: it is what the site no longer says
        return gettext("Fact reworded"), name, status
    if e.kind == "sources":
        added = sorted(set(e.after or []) - set(e.before or []))
        withdrawn = sorted(set(e.before or []) - set(e.after or []))

        parts = [ngettext("Article added: {ids}.", "Articles added: {ids}.", len(added)).format(ids=", ".join(added)) if added else "",
                 ngettext("Article withdrawn: {ids}.", "Articles withdrawn: {ids}.", len(withdrawn)).format(ids=", ".join(withdrawn))
                 if withdrawn else "", status]
        return (gettext("New source") if added else gettext("Source withdrawn")), name, " ".join(p for p in parts if p)
    if e.kind == "date":
        when = lambda v: dates.french(v) if v else gettext("no date")  # noqa: E731
        return gettext("Date moved"), name, gettext("Before: {before}; now: {after}.").format(before=when(e.before), after=when(e.after))
    return e.kind, name, ""


def for_site(site: Any, entries: list[Entry]) -> list[Item]:
    """The journal's items with each change in words, as the journal page prints them."""
    out = items(site.sheet, entries)
    for item in out:
        item.lines = grouped(site, item.changes)
    return out


def grouped(site: Any, changes: list[Entry], full: bool = False) -> list[tuple[str, str, str, str]]:
    """One line per element: a fact whose status, wording and sources changed together is
    named once (« Désormais confirmé ; fait reformulé ; nouvelle source : … »)."""
    lines: dict[str, list[tuple[str, str, str]]] = {}
    for e in changes:
        lines.setdefault(e.id, []).append(describe(site, e, full))
    out = []
    for ident, parts in lines.items():
        what = " ; ".join(w if i == 0 else w[:1].lower() + w[1:] for i, (w, _, _) in enumerate(parts))
        out.append((what, parts[0][1], " ".join(d for _, _, d in parts), ident))
    return out


def review_changes(site: Any, journal: Journal) -> dict[str, Any]:
    """What the review sheet opens on: the changes since the last publication (pending), or, when
    the sheet was published as it is, those of the last day that changed something."""
    if journal.pending:
        chosen, title = journal.pending, gettext("What changed since the last publication (not published yet)")
    else:
        last = max((e.date for e in journal.log.entries), default=None)
        chosen = [e for e in journal.log.entries if e.date == last]
        title = (gettext("Last changes published, on {date}").format(date=dates.french(last)) if last
                 else gettext("No change found since the last publication"))
    notes = {e.key: item.note.summary for item in items(site.sheet, journal.entries) if item.note for e in item.changes}
    lines = [{"what": what, "name": name, "detail": detail, "id": e.id, "kind": e.kind, "note": notes.get(e.key)}
             for e in chosen for what, name, detail in [describe(site, e)]]
    return {"title": title, "lines": lines, "pending": bool(journal.pending)}
