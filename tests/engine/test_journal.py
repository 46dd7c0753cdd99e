"""The journal that writes itself (explainer/journal.py): journal.json, the journal page and the
feed list the same changes, found by the build, with the editor's notes attached."""

from __future__ import annotations

import json
import pytest

from explainer import journal


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


OLD = {"articles": {"a": {"title": "A", "published": None}},
       "facts": {"f": {"status": "rapporté", "text": "Un fait.", "articles": ["a"]}},
       "dates": {"d": "2020-09-15"}}


def _with(**changes):
    new = json.loads(json.dumps(OLD))
    for path, value in changes.items():
        section, ident, *key = path.split("__")
        if key:
            new[section][ident][key[0]] = value
        else:
            new[section][ident] = value
    return new


@pytest.mark.parametrize("new, expected", [
    (OLD, []),
    (_with(articles__b={"title": "B", "published": "2020-09-15"}), [("article", "b", None, "B")]),
    (_with(facts__g={"status": "confirmé", "text": "Autre.", "articles": ["a"]}), [("fact", "g", None, "confirmé")]),
    (_with(facts__f__status="confirmé"), [("status", "f", "rapporté", "confirmé")]),
    (_with(facts__f__text="Un fait, corrigé."), [("text", "f", "Un fait.", "Un fait, corrigé.")]),
    (_with(facts__f__articles=["a", "b"]), [("sources", "f", ["a"], ["a", "b"])]),
    (_with(facts__f__articles=[]), [("sources", "f", ["a"], [])]),  # a source withdrawn is a correction too
    (_with(dates__d="2020-09-20"), [("date", "d", "2020-09-15", "2020-09-20")]),
])
def test_diff_names_each_kind_of_change(new, expected):
    got = journal.diff(OLD, new, "2026-12-07", "2026-12-07T10:00:00Z")
    assert [(e.kind, e.id, e.before, e.after) for e in got] == expected


def _entry(kind, ident, before, after, date="2026-12-07"):
    return journal.Entry(date, f"{date}T10:00:00Z", kind, ident, before, after)


def test_two_builds_the_same_day_merge_their_changes():
    recorded = [_entry("status", "f", "rapporté", "confirmé")]
    # changed back the same day: no change left to report
    assert journal.merge(recorded, [_entry("status", "f", "confirmé", "rapporté")]) == []
    # changed again: one entry, from the first value to the last
    merged = journal.merge(recorded, [_entry("status", "f", "confirmé", "contesté")])
    assert [(e.before, e.after) for e in merged] == [("rapporté", "contesté")]
    # a fact new today stays one « new fact », with its last status
    merged = journal.merge([_entry("fact", "g", None, "rapporté")], [_entry("status", "g", "rapporté", "confirmé"),
                                                                     _entry("text", "g", "x", "y")])
    assert [(e.kind, e.after) for e in merged] == [("fact", "confirmé")]
    # a source added, then withdrawn the same day: nothing left to report (it was left as « added »)
    assert journal.merge([_entry("sources", "f", ["a"], ["a", "b"])], [_entry("sources", "f", ["a", "b"], ["a"])]) == []
    # another day: a new entry
    merged = journal.merge(recorded, [_entry("status", "f", "confirmé", "rapporté", date="2026-12-08")])
    assert len(merged) == 2


def _add_article_fact_and_status(root):
    """What an editor does: a third article, a fact citing it, a status changed."""
    seeds = root / "seeds"
    (seeds / "gamma.txt").write_text("Les pêcheurs ont obtenu un délai.\nLa mairie a cédé.\n", encoding="utf-8")
    articles = seeds / "articles.yml"
    articles.write_text(articles.read_text(encoding="utf-8") + (
        "  - id: gamma\n    file: gamma.txt\n    title: Un délai pour les pêcheurs\n    outlet: null\n    author: null\n"
        "    published: null\n    language: fr\n    url: null\n    text: [\"1-2\"]\n"), encoding="utf-8")
    facts = root / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    text = text.replace("    status: contesté\n    sources:\n      - article: beta\n        quote: les quais de Brest",
                        "    status: rapporté\n    sources:\n      - article: beta\n        quote: les quais de Brest", 1)
    text = text.replace("facts:\n", "facts:\n  - id: delai-obtenu\n    text: Selon un article, les pêcheurs ont obtenu un délai.\n"
                        "    themes: [acteurs]\n    status: rapporté\n    sources:\n      - article: gamma\n"
                        "        quote: Les pêcheurs ont obtenu un délai.\n", 1)
    facts.write_text(text, encoding="utf-8")


def _feed(project):
    import feedparser

    return feedparser.parse((project.path("site") / "feed.xml").read_text(encoding="utf-8"))


def test_a_new_article_fact_and_status_reach_journal_page_and_feed_without_bookkeeping(fixture_project, monkeypatch):
    from explainer.pipeline import run_build, run_check

    root = fixture_project.root
    monkeypatch.setenv("EXPLAINER_TODAY", "2026-12-07")
    assert run_build(fixture_project).ok
    first = json.loads((root / journal.LOG).read_text(encoding="utf-8"))
    assert first["entries"] == [] and "delai-pecheurs" in first["published"]["facts"]

    _add_article_fact_and_status(root)
    checked = run_check(fixture_project)
    assert not checked.problems
    assert [e.kind for e in checked.journal.pending] == ["article", "fact", "status"]
    # the status change has no note: a warning, located at the fact's status, saying what to write
    (warning,) = [w for w in checked.warnings if "sans note au journal" in w]
    line = root.joinpath("facts.yml").read_text(encoding="utf-8").splitlines().index("  - id: prefecture-lundi") + 4
    assert warning.startswith(f"facts.yml:{line}:13: avertissement : le statut de « prefecture-lundi » est passé de contesté à rapporté")
    assert 'ajoutez sous story.changes « - date: "2026-12-07" » avec « ids: [prefecture-lundi] »' in warning
    # nor does its card say it was updated (reading I, F11): a second warning, at the same place
    (marker,) = [w for w in checked.warnings if w is not warning]
    assert marker.startswith(f"facts.yml:{line}:13: avertissement : le statut ou les sources de « prefecture-lundi » "
                             "ont changé le 2026-12-07, mais sa fiche ne le dit pas")
    assert 'ajoutez au fait « updated: "2026-12-07" »' in marker

    built = run_build(fixture_project)
    assert built.ok and built.recorded == 3
    recorded = json.loads((root / journal.LOG).read_text(encoding="utf-8"))
    assert [(e["kind"], e["id"]) for e in recorded["entries"]] == [("article", "gamma"), ("fact", "delai-obtenu"),
                                                                   ("status", "prefecture-lundi")]
    page = (fixture_project.path("site") / "journal" / "index.html").read_text(encoding="utf-8")
    for words in ("Nouvel article", "Un délai pour les pêcheurs", "Nouveau fait", "les pêcheurs ont obtenu",
                  "Désormais rapporté", "Auparavant contesté"):
        assert words in page
    titles = [e.title for e in _feed(fixture_project).entries]
    assert titles[:3] == ["Désormais rapporté : Selon la préfecture, les quais seront fermés dès lundi",
                          "Nouveau fait : Selon un article, les pêcheurs ont obtenu un délai",
                          "Nouvel article : Un délai pour les pêcheurs"]

    # a second build finds nothing new
    assert run_build(fixture_project).recorded == 0
    # a note of the same day, naming the fact: attached to its change, and the first warning is gone
    facts = root / "facts.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("  changes:\n", (
        "  changes:\n    - date: \"2026-12-07\"\n      summary: Un troisième article dit le délai obtenu.\n"
        "      ids: [prefecture-lundi, delai-obtenu]\n"), 1), encoding="utf-8")
    assert [w.split(": ", 1)[1] for w in run_check(fixture_project).warnings] == [marker.split(": ", 1)[1]]
    # the fact's « updated: » of that day: the second one too
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "    status: rapporté\n    sources:\n      - article: beta\n        quote: les quais de Brest",
        "    status: rapporté\n    updated: \"2026-12-07\"\n    sources:\n      - article: beta\n        quote: les quais de Brest", 1),
        encoding="utf-8")
    assert run_check(fixture_project).warnings == []
    assert run_build(fixture_project).ok
    feed = _feed(fixture_project)
    top = feed.entries[0]
    assert top.title == "Un troisième article dit le délai obtenu."
    assert "Désormais rapporté" in top.summary and "Nouveau fait" in top.summary
    assert [e.title for e in feed.entries[1:2]] == ["Nouvel article : Un délai pour les pêcheurs"]


def test_an_unreadable_journal_is_a_located_problem_with_the_fix(fixture_project):
    from explainer.pipeline import run_check

    (fixture_project.root / journal.LOG).write_text("{ pas du json", encoding="utf-8")
    result = run_check(fixture_project)
    assert [str(p) for p in result.problems.items] == [
        "journal.json:1:1: journal.json illisible (JSONDecodeError) : remettez la version committée "
        "(git checkout journal.json) puis relancez make site"]


def test_the_review_sheet_opens_on_what_changed(fixture_project, monkeypatch):
    from explainer import review
    from explainer.pipeline import run_build

    monkeypatch.setenv("EXPLAINER_TODAY", "2026-12-07")
    assert run_build(fixture_project).ok
    html, _ = review.build(fixture_project)
    assert "Aucun changement relevé depuis la dernière publication" in html
    _add_article_fact_and_status(fixture_project.root)
    html, _ = review.build(fixture_project)
    block = html[html.index('id="changements"'):html.index('id="bilan"')]
    assert html.index('id="changements"') < html.index('id="faits"')
    assert "Ce qui a changé depuis la dernière publication" in block
    assert 'Désormais rapporté</span> : <a href="#prefecture-lundi">' in block
    assert "Sans note au journal" in block and "Nouveau fait" in block and "Nouvel article" in block
    # once published, the sheet still opens on that day's changes
    assert run_build(fixture_project).ok
    html, _ = review.build(fixture_project)
    assert "Dernières modifications publiées, le 7 décembre 2026" in html and "Nouvel article" in html

