"""Exports: facts.json, TimelineJS timeline.json and the Atom feed, produced with the site."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from explainer.load import load
from explainer.problems import Problems

ATOM = "{http://www.w3.org/2005/Atom}"


def sheet(real_root):
    return load(real_root, Problems()).sheet


def test_facts_json(real_copy, real_root):
    data = json.loads((real_copy.path("site") / "facts.json").read_text(encoding="utf-8"))
    s = sheet(real_root)
    assert [f["id"] for f in data["facts"]] == [f.id for f in s.facts]
    assert {a["id"] for a in data["actors"]} == {a.id for a in s.actors}
    assert {e["id"] for e in data["events"]} == {e.id for e in s.events}
    assert {d["id"] for d in data["deadlines"]} == {d.id for d in s.deadlines}
    assert {d["id"] for d in data["disagreements"]} == {d.id for d in s.disagreements}
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
    assert {e["unique_id"] for e in data["events"]} == {e.id for e in [*s.events, *s.deadlines]}
    for e in data["events"]:
        assert e["start_date"]["year"].isdigit() and len(e["start_date"]["year"]) == 4
        assert set(e["start_date"]) <= {"year", "month", "day"}
        assert e["text"]["headline"] and e["text"]["text"] and e["group"] and e["display_date"]
    moved = next(e for e in data["events"] if e["unique_id"] == "ultimatum-septembre")
    assert moved["display_date"] == "20 septembre 2020" and "15 septembre 2020" in moved["text"]["text"]
    assert moved["group"] == "Échéances"


def test_feed_is_atom(real_copy, real_root):
    root = ET.parse(real_copy.path("site") / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    s = sheet(real_root)
    assert len(entries) == len(s.story.changes) + sum(1 for f in s.facts if f.updated)
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids)
    for e in entries:
        assert e.findtext(f"{ATOM}title") and e.find(f"{ATOM}link").get("href").startswith("http")
        assert e.findtext(f"{ATOM}updated").endswith("Z")
    assert root.findtext(f"{ATOM}updated") == max(e.findtext(f"{ATOM}updated") for e in entries)


def test_fact_updates_reach_the_feed(fixture_project):
    from explainer.pipeline import run_build

    assert run_build(fixture_project).ok
    root = ET.parse(fixture_project.path("site") / "feed.xml").getroot()
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    assert titles[0] == "Mis à jour : La mairie avait d'abord parlé du 1er mars."  # updated 2021-03-03, newest first
