"""The review sheet (`make review`): every fact with its status, each quote in its article's
sentence, and every finding of the checks and editorial rules, for an editor to read once and
sign off. Written to `review.html` at the project root (not published: the site never links
to it, and it is git-ignored because it is rebuilt from facts.yml and seeds/ each time).

The sheet is written even when `make check` fails: that is when the editor needs it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import dates, rules
from .pipeline import Project, run_check
from .problems import Problems
from .language import gettext
from .status import STATUSES
from .status import of_item as status_of_item

OUTPUT = "review.html"


@dataclass
class QuoteView:
    article: str
    label: str
    before: str
    quote: str
    after: str
    hedges: list[str]
    shared: list[str]
    direct_speech: bool
    found: bool
    dropped: list[str]  # qualifiers of the quote's clause the claim leaves out (no note says why)
    note: str | None  # the editor's note on this quote (why a qualifier is left out)


def fingerprint(project: Project) -> str:
    """A short hash of facts.yml and seeds/: the version of the sheet the editor signs off."""
    digest = hashlib.sha256()
    from .files import Refused, read_input

    paths = [project.path("facts")] + sorted(project.path("seeds").glob("*"))
    for path in paths:  # through the build's guarded reader: nothing outside the project, nothing huge
        try:
            data = read_input(path, project.root)
        except (OSError, Refused):
            continue
        digest.update(path.name.encode())
        digest.update(data)
    return digest.hexdigest()[:16]


def _quotes(readings: list[rules.QuoteReading], labels: dict[str, str], dropped: list | None = None) -> list[QuoteView]:
    out = []
    for j, q in enumerate(readings):
        c = q.context
        out.append(QuoteView(
            q.source.article, labels.get(q.source.article, q.source.article),
            " ".join(c.before.split()) + " " if c and c.before.strip() else "",
            " ".join(c.quote.split()) if c else q.source.quote,
            " " + " ".join(c.after.split()) if c and c.after.strip() else "",
            q.hedges, q.shared, bool(c and c.direct_speech), c is not None,
            [w for k, w in (dropped or []) if k == j], getattr(q.source, "note", None),
        ))
    return out


def build(project: Project) -> tuple[str | None, Problems]:
    """The review sheet's HTML (None when the sheet cannot be loaded), and every problem."""
    result = run_check(project)
    loaded = result.loaded
    if loaded is None:
        return None, result.problems
    sheet = loaded.sheet
    doc = loaded.sheet_doc
    reading = rules.read(loaded) if loaded.articles_ok else rules.Reading()
    unknown_outlet = gettext("outlet not given")
    labels = {aid: f"{aid} ({a.meta.outlet or unknown_outlet})" for aid, a in loaded.articles.items()}
    line_of = {}
    for section in ("facts", "events", "deadlines", "disagreements", "actors", "deals", "glossary"):
        for i, item in enumerate(getattr(sheet, section)):
            line_of[item.id] = doc.where((section, i, "id"))[0]
    by_line: dict[int, list[str]] = {}
    for p in result.problems.items:
        by_line.setdefault(p.line, []).append(str(p))
    owners = {f.owner for f in reading.findings}

    def problems_of(ident: str, section: str, index: int) -> list[str]:
        """Problems located inside an element (between its first line and the next element's)."""
        items = getattr(sheet, section)
        first = doc.where((section, index))[0]
        last = doc.where((section, index + 1))[0] - 1 if index + 1 < len(items) else first + 200
        return [m for line, ms in sorted(by_line.items()) if first <= line <= last for m in ms]

    facts = []
    for i, f in enumerate(sheet.facts):
        facts.append({
            "fact": f, "line": line_of[f.id], "status": STATUSES[f.status].label,
            "quotes": _quotes(reading.quotes.get(f.id, []), labels, reading.qualifiers.get(f.id, [])),
            "problems": problems_of(f.id, "facts", i),
            "sides": reading.sides_of.get(f.id, []), "about": reading.about.get(f.id, []),
        })
    disagreements = []
    for i, d in enumerate(sheet.disagreements):
        disagreements.append({
            "d": d, "line": line_of[d.id], "problems": problems_of(d.id, "disagreements", i),
            "sides": [{"side": side, "quotes": _quotes(reading.quotes.get(f"side:{d.id}#{k}", []), labels)} for k, side in enumerate(d.sides)],
        })
    facts_by_id = {f.id: f for f in sheet.facts}
    dated = []
    for section in ("events", "deadlines"):
        for i, item in enumerate(getattr(sheet, section)):
            if item.date is None:  # undated events are listed with the facts they rest on
                continue
            when = item.date.when
            dated.append({
                "item": item, "kind": gettext("deadline") if section == "deadlines" else gettext("event"), "line": line_of[item.id],
                "wording": dates.of_item(item), "span": dates.span(when.start, when.end),
                "status": STATUSES[status_of_item(item, facts_by_id)].label, "problems": problems_of(item.id, section, i),
                "history": [(dates.of_item(s), s) for s in getattr(item, "history", [])],
            })
    dated.sort(key=lambda d: (*d["item"].date.when.key, d["item"].id))
    relations = []
    names = {a.id: a.name for a in sheet.actors}
    for a in sheet.actors:
        for rel in a.relations:
            fact, verb = facts_by_id.get(rel.fact), sheet.vocabulary.relation(rel.type)
            relations.append({
                "source": a.name, "label": sheet.vocabulary.relation_labels.get(rel.type, rel.type), "target": names.get(rel.target, rel.target),
                "fact": rel.fact, "status": STATUSES[fact.status].label if fact else "?",
                "settled": bool(verb and verb.settled),
            })
    counts = {s.label: sum(1 for f in sheet.facts if f.status == s.key) for s in STATUSES.values()}
    changed = _changed(loaded, result)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(project.path("templates") / "review")),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    html = env.get_template("review.html.j2").render(
        story=sheet.story, facts=facts, disagreements=disagreements, dated=dated, relations=relations,
        counts=counts, problems=[str(p) for p in sorted(result.problems.items)], owners=owners,
        unknown_wordings=reading.unknown_wordings, fingerprint=fingerprint(project),
        dropped=sum(len(v) for v in reading.qualifiers.values()),
        retold=[(ident, fid, w) for ident, items in reading.qualifiers_retold.items() for fid, w in items],
        articles=labels, statuses=STATUSES, changed=changed,
    )
    return html, result.problems


def _changed(loaded, result) -> dict | None:
    """The block the sheet opens on: what changed since the last publication (explainer/journal.py)."""
    if result.journal is None:  # the sheet does not pass the checks: no journal to compare
        return None
    from . import journal
    from .site import plan

    return journal.review_changes(plan(loaded), result.journal)


def write(project: Project) -> tuple[Path | None, Problems]:
    html, problems = build(project)
    if html is None:
        return None, problems
    target = project.root / OUTPUT
    target.write_text(html, encoding="utf-8")
    return target, problems
