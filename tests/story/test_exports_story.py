"""Exports: facts.json, TimelineJS timeline.json and the Atom feed, produced with the site: this story's acceptance tests (the engine's are in tests/engine/test_exports.py)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html import escape

from explainer.load import load
from explainer.problems import Problems
from test_exports import ATOM, _feed  # the engine's tests' helpers (tests/engine/test_exports.py)


def sheet(real_root):
    return load(real_root, Problems()).sheet


def load_articles(real_root):
    return [a.meta for a in load(real_root, Problems()).articles.values()]


def test_facts_json(real_copy, real_root):
    data = json.loads((real_copy.path("site") / "facts.json").read_text(encoding="utf-8"))
    s = sheet(real_root)
    assert [f["id"] for f in data["facts"]] == [f.id for f in s.facts]
    assert {a["id"] for a in data["actors"]} == {a.id for a in s.actors}
    assert {e["id"] for e in data["events"]} == {e.id for e in s.events}
    assert {d["id"] for d in data["deadlines"]} == {d.id for d in s.deadlines}
    assert {d["id"] for d in data["disagreements"]} == {d.id for d in s.disagreements}
    # a nuance is exported as one, not as a disagreement
    assert {d["id"]: d["kind"] for d in data["disagreements"]} == {d.id: "nuance" if d.nuance else "divergence" for d in s.disagreements}
    # what the articles give and what was found outside them (by comparison) are told apart
    meta = {a.id: a for a in load_articles(real_root)}
    for a in data["articles"]:
        assert a["outlet_from"] == meta[a["id"]].outlet_from
        assert a["identified_by"] == meta[a["id"]].identified_by
    base = data["story"]["url"]
    for f in data["facts"]:
        assert f["permalink"].startswith(base) and f["permalink"].endswith("#" + f["id"])
        assert f["sources"] and all(src["article"] and src["quote"] for src in f["sources"])
    for item in data["actors"] + data["events"] + data["deadlines"] + data["disagreements"]:
        assert item["permalink"].endswith("#" + item["id"])
    # every permalink points at an anchor the site publishes
    links = set((real_root / "links.txt").read_text(encoding="utf-8").splitlines())
    for item in data["facts"] + data["actors"] + data["events"] + data["deadlines"] + data["disagreements"]:
        assert item["permalink"][len(base) - 1 :] in links, item["permalink"]


def test_timeline_is_timelinejs(real_copy, real_root):
    data = json.loads((real_copy.path("site") / "timeline.json").read_text(encoding="utf-8"))
    s = sheet(real_root)
    # every dated event and deadline; an undated event has no date to give TimelineJS
    assert {e["unique_id"] for e in data["events"]} == {e.id for e in [*s.events, *s.deadlines] if e.date is not None}
    for e in data["events"]:
        assert e["start_date"]["year"].isdigit() and len(e["start_date"]["year"]) == 4
        assert set(e["start_date"]) <= {"year", "month", "day"}
        assert e["text"]["headline"] and e["text"]["text"] and e["group"] and e["display_date"]
    deadline = next(e for e in data["events"] if e["unique_id"] == "ultimatum-septembre")
    assert deadline["display_date"] == "20 septembre 2020" and deadline["group"] == "Échéances"
    worked_out = [e for e in [*s.events, *s.deadlines] if e.date is not None and e.date_basis]
    # issue 23: the real sheet no longer dates an event from another article or a weekday (such
    # dates are `date: null` with their reasoning); a date resting on an article's own dateline
    # would still be labelled as below
    for item in worked_out:  # the article a date rests on is named as readers know it, not by its file id
        text = next(e for e in data["events"] if e["unique_id"] == item.id)["text"]["text"]
        meta = load(real_root, Problems()).articles[item.date_basis].meta
        label = meta.outlet or f"article non identifié {item.date_basis.upper()}"
        assert f"date déduite de l’article {escape(label)}" in text, text
        assert not re.search(rf"\b{re.escape(item.date_basis)}\b", text.replace(label, "")), text
    for d in s.deadlines:  # a moved deadline names its earlier dates
        item = next(e for e in data["events"] if e["unique_id"] == d.id)
        for step in d.history:
            assert step.date in item["text"]["text"] or step.date[:4] in item["text"]["text"]


def test_feed_is_atom(real_copy, real_root):
    root = ET.parse(real_copy.path("site") / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    from explainer import journal

    loaded = load(real_root, Problems())
    logged = journal.compute(real_root, loaded.sheet, {aid: a.meta for aid, a in loaded.articles.items()})
    # the feed is the journal page's list: each note with the changes it explains, each other change alone
    assert len(entries) == len(journal.items(loaded.sheet, logged.entries)) >= len(loaded.sheet.story.changes)
    # and the journal page lists them too
    journal_page = (real_copy.path("site") / "journal" / "index.html").read_text(encoding="utf-8")
    on_the_page = len(re.findall(r'<span id="modification-', journal_page))
    assert on_the_page > 5 and on_the_page <= len(entries)
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids)
    for e in entries:
        assert e.findtext(f"{ATOM}title") and e.find(f"{ATOM}link").get("href").startswith("http")
        assert e.findtext(f"{ATOM}updated").endswith("Z")
    assert root.findtext(f"{ATOM}updated") == max(e.findtext(f"{ATOM}updated") for e in entries)


def test_feed_parses_and_is_advertised_on_every_page(real_copy):
    parsed = _feed(real_copy)
    assert parsed.feed.id.startswith("tag:") and all(e.id.startswith(parsed.feed.id + "/") for e in parsed.entries)
    assert parsed.feed.title and parsed.entries and all(e.link and e.updated for e in parsed.entries)
    for page in real_copy.path("site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        links = re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]* href="([^"]+)"', html)
        assert len(links) == 1, page
        target = links[0]
        if not target.startswith("/"):  # 404.html links from the site's root
            assert (page.parent / target).resolve() == (real_copy.path("site") / "feed.xml").resolve(), page


def shape(value) -> str:
    """The shape of a JSON value as the README writes it: `{a, b: {c}, d[], e: [{f}]}` (a list
    of objects by the union of its items' keys, in order of appearance)."""
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            if isinstance(item, dict):
                parts.append(f"{key}: {shape(item)}")
            elif isinstance(item, list) and any(isinstance(x, dict) for x in item):
                keys: dict = {}
                for x in item:
                    keys.update(x)
                parts.append(f"{key}: [{shape({k: _sample([x[k] for x in item if k in x]) for k in keys})}]")
            elif isinstance(item, list):
                parts.append(f"{key}[]")
            else:
                parts.append(key)
        return "{" + ", ".join(parts) + "}"
    return ""


def _sample(values: list):
    """A value that shows what a key holds: a filled one if any item has it filled."""
    return next((v for v in values if v not in (None, [], {})), values[0])


def test_the_readme_gives_the_shape_facts_json_has(fixture_project, real_root):
    """facts.json's shape is written once, by exports.facts_json: the README's copy is read
    back from a real export (issue 25: it had lost outlet_from, identified_by and a
    disagreement's kind)."""
    from explainer.exports import facts_json
    from explainer.pipeline import run_generate

    result = run_generate(fixture_project)
    assert not result.problems, result.problems.items
    written = shape(facts_json(result.site, "https://example.org/"))
    readme = (real_root / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `facts.json` |"))
    assert f"`{written}`" in row, written



def test_every_period_is_a_bar_in_timeline_json(real_copy):
    """Reading K (F9): « juillet 2020 » and « août 2020 » had only a start_date, while facts.json
    gives their first and last days and the Méthode promises both. Every item that is a period
    in facts.json (its first day is not its last) has the same first and last day in
    timeline.json; a single day has no end_date."""
    site = real_copy.path("site")
    data = json.loads((site / "facts.json").read_text(encoding="utf-8"))
    timeline = {e["unique_id"]: e for e in json.loads((site / "timeline.json").read_text(encoding="utf-8"))["events"]}

    def day(d):
        return f'{d["year"]}-{d.get("month", "01")}-{d.get("day", "01")}'

    periods = 0
    for item in data["events"] + data["deadlines"]:
        if item["start"] is None:
            continue
        drawn = timeline[item["id"]]
        if item["start"] == item["end"]:
            assert "end_date" not in drawn, drawn
            continue
        periods += 1
        assert "end_date" in drawn, (item["id"], item["date_text"])
        assert drawn["start_date"].get("day") and drawn["end_date"].get("day"), drawn
        assert (day(drawn["start_date"]), day(drawn["end_date"])) == (item["start"], item["end"]), item["id"]
    assert periods, "the story has no period to check"


def test_timeline_json_names_the_divergences_an_item_rests_on(real_copy, real_root):
    """Reading K (F1, F6): the 12 November sale, the 10 September statement and the 13 September
    refusal rest on facts a divergence holds, but their timeline.json text did not name it (the
    status alone, « rapporté », said nothing of it). Each item names every divergence its facts
    are in (not the nuances), as the pages' relations do."""
    s = sheet(real_root)
    disputed = s.disputed_by()
    titles = {d.id: d.title for d in s.disagreements}
    data = json.loads((real_copy.path("site") / "timeline.json").read_text(encoding="utf-8"))
    named = 0
    for item in [*s.events, *s.deadlines]:
        if item.date is None:
            continue
        text = next(e for e in data["events"] if e["unique_id"] == item.id)["text"]["text"]
        for d in dict.fromkeys(d for f in item.facts for d in disputed.get(f, [])):
            named += 1
            words = re.sub(r"[\s\u00a0\u202f]+", " ", escape(titles[d]).replace("'", "’").replace("&#x27;", "’"))
            assert f"Les articles divergent : « {words} »" in re.sub(r"[\s\u00a0\u202f]+", " ", text.replace("&#x27;", "’")), (item.id, d, text)
    assert named >= 3
