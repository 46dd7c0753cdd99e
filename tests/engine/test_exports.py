"""Exports: facts.json, TimelineJS timeline.json and the Atom feed, produced with the site."""

from __future__ import annotations

import xml.etree.ElementTree as ET


ATOM = "{http://www.w3.org/2005/Atom}"


def _feed(project):
    import feedparser

    parsed = feedparser.parse((project.path("site") / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_feed_entry_ids_survive_a_new_change(fixture_project):
    """A change added anywhere in story.changes (here at the top, as editors do) adds one
    entry and leaves the ids of the others as they were: readers don't show them again."""
    from explainer.pipeline import run_build

    assert run_build(fixture_project).ok
    before = {e.id: e.title for e in _feed(fixture_project).entries}
    facts = fixture_project.root / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("  changes:\n", "  changes:\n    - date: \"2021-03-05\"\n      summary: Ajout des quais.\n", 1),
                     encoding="utf-8")
    assert run_build(fixture_project).ok
    after = {e.id: e.title for e in _feed(fixture_project).entries}
    assert set(after) - set(before) == {next(i for i, t in after.items() if t == "Ajout des quais.")}
    assert all(after[i] == before[i] for i in before)
    # the new entry links to its own anchor on the changelog page
    journal = (fixture_project.path("site") / "journal" / "index.html").read_text(encoding="utf-8")
    assert 'id="modification-2021-03-05"' in journal


def test_two_changes_on_one_day_need_ids(fixture_project):
    from explainer.pipeline import run_check

    facts = fixture_project.root / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("  changes:\n", "  changes:\n    - date: \"2021-03-02\"\n      summary: Autre.\n", 1),
                     encoding="utf-8")
    result = run_check(fixture_project)
    assert [(p.line, p.message) for p in result.problems.items] == [
        (12, "deux modifications s'appellent « 2021-03-02 » dans le journal : donnez à chacune un « id » différent "
             "(il nomme pour toujours son entrée du flux Atom)")]
    facts.write_text(text.replace("  changes:\n", "  changes:\n    - date: \"2021-03-02\"\n      id: correctif-quai\n"
                                  "      summary: Autre.\n", 1), encoding="utf-8")
    assert not run_check(fixture_project).problems


def test_fact_updates_reach_the_feed(fixture_project):
    from explainer.pipeline import run_build

    assert run_build(fixture_project).ok
    root = ET.parse(fixture_project.path("site") / "feed.xml").getroot()
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    assert titles[0] == "Mis à jour : Selon un article, la mairie avait d'abord parlé du 1er mars."  # updated 2021-03-03, newest first


def test_empty_site_url_means_the_same_to_exports_as_to_mkdocs(fixture_project, monkeypatch):
    """SITE_URL="" (a workflow passing an unset variable): MkDocs then has no site_url, and
    neither do the exports, the JSON-LD and the link cards: everything stays site-relative,
    nothing points at the story's default host (story.site_url)."""
    import json as _json

    from mkdocs.config import load_config

    from explainer.pipeline import run_build

    monkeypatch.setenv("SITE_URL", "")
    assert run_build(fixture_project).ok
    assert not load_config(str(fixture_project.path("generated"))).site_url  # what MkDocs built with
    site = fixture_project.path("site")
    data = _json.loads((site / "facts.json").read_text(encoding="utf-8"))
    assert data["story"]["url"] == "/" and all(f["permalink"].startswith("/") for f in data["facts"])
    assert "redaction.example.fr/" not in (site / "timeline.json").read_text(encoding="utf-8")
    feed = _feed(fixture_project)
    assert all(e.link.startswith("/") for e in feed.entries) and feed.feed.id.startswith("tag:")
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        assert 'rel="canonical"' not in html and "og:url" not in html and "og:image" not in html, page
        assert "https://redaction.example.fr" not in html, page



def test_facts_json_gives_every_event_deadline_and_relation_its_status(fixture_project):
    """Reading J (F14): the status travels with the claim into facts.json too. An event, a
    deadline and a relation carry the status the pages show (their least certain fact's), as
    timeline.json's items do; a reader of the export need not work it out from fact ids."""
    import json as _json

    from explainer.pipeline import run_build
    from explainer.status import least_certain

    assert run_build(fixture_project).ok
    site = fixture_project.path("site")
    data = _json.loads((site / "facts.json").read_text(encoding="utf-8"))
    timeline = {e["unique_id"]: e["status"] for e in _json.loads((site / "timeline.json").read_text(encoding="utf-8"))["events"]}
    facts = {f["id"]: f["status"] for f in data["facts"]}
    items = data["events"] + data["deadlines"]
    assert items and any(a["relations"] for a in data["actors"])
    for item in items:
        assert item.get("status") == least_certain(facts[f] for f in item["facts"]), item
        if item["id"] in timeline:
            assert item["status"] == timeline[item["id"]], item
    for actor in data["actors"]:
        for relation in actor["relations"]:
            assert relation.get("status") == facts[relation["fact"]], (actor["id"], relation)


def test_a_note_abridged_on_the_journal_page_stays_whole_in_the_feed(fixture_project):
    """A journal note may print a short `summary` on the page and keep its whole wording in
    `detail`: the page shows the short one, the feed entry the whole one (its title and summary
    are cut from it), so that shortening the page takes nothing away from the feed's readers."""
    from explainer.pipeline import run_build

    facts = fixture_project.root / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("  changes:\n", "  changes:\n    - date: \"2021-03-05\"\n      summary: Quais ajoutés.\n"
                                  "      detail: Ajout des quais. Les trois quais de la gare sont décrits, chacun avec sa source.\n", 1),
                     encoding="utf-8")
    assert run_build(fixture_project).ok
    entry = next(e for e in _feed(fixture_project).entries if e.id.endswith("/journal/2021-03-05"))
    assert entry.title == "Ajout des quais."
    assert entry.summary == "Les trois quais de la gare sont décrits, chacun avec sa source."
    journal = (fixture_project.path("site") / "journal" / "index.html").read_text(encoding="utf-8")
    assert "Quais ajoutés." in journal and "Les trois quais de la gare" not in journal
