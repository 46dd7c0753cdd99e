"""The editor's loop without traps (issue 26, point 4): `make site` keeps links.txt itself,
story prose that counts articles is checked against them, previews end at a sentence."""

from __future__ import annotations

import pytest

from explainer import counts, text


def test_a_build_adds_the_new_addresses_to_links_txt(fixture_project):
    from explainer.pipeline import run_build

    assert run_build(fixture_project).ok
    links = fixture_project.root / "links.txt"
    assert "#delai-pecheurs" in links.read_text(encoding="utf-8")
    facts = fixture_project.root / "facts.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("facts:\n", (
        "facts:\n  - id: quai-nord\n    text: Selon un article, les quais fermeront le 2 mars.\n    themes: [acteurs]\n"
        "    status: rapporté\n    sources:\n      - article: alpha\n        quote: fermera ses quais le 2 mars\n"), 1), encoding="utf-8")
    result = run_build(fixture_project)
    assert result.ok and result.added == ["/acteurs/#quai-nord"]
    assert "/acteurs/#quai-nord" in links.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("prose, n, stale", [
    ("Le site s'appuie sur cinq articles.", 5, []),
    ("Le site s'appuie sur cinq articles.", 6, ["cinq articles"]),
    ("Six articles, dont 6 articles datés.", 6, []),
    ("Il repose sur 5 articles.", 6, ["5 articles"]),
    ("Quatre articles sur cinq citent le 20.", 6, []),  # a share, not the count
])
def test_counts_of_articles_in_the_story_prose(prose, n, stale):
    assert [w for _, w in counts.stale(prose, n)] == stale


@pytest.mark.parametrize("value, limit, expected", [
    ("Une phrase. Une autre qui dépasse.", 20, "Une phrase."),
    ("Une phrase. Une autre.", 80, "Une phrase. Une autre."),
    ("Une phrase très longue sans point qui dépasse", 20, "Une phrase très…"),
    ("Il dit « non. » Puis il part.", 18, "Il dit « non. »"),
])
def test_descriptions_end_at_a_sentence(value, limit, expected):
    assert text.sentences(value, limit) == expected


@pytest.mark.parametrize("old, new, expected", [
    ("        target: pecheurs\n", "        target: mairie\n",
     "un acteur ne peut pas être en relation avec lui-même : écrivez dans « target » l'id de l'autre acteur, ou supprimez la relation"),
])
def test_messages_say_how_to_fix(fixture_project, old, new, expected):
    from explainer.pipeline import run_check

    facts = fixture_project.root / "facts.yml"
    text_ = facts.read_text(encoding="utf-8")
    assert old in text_
    facts.write_text(text_.replace(old, new, 1), encoding="utf-8")
    assert [p.message for p in run_check(fixture_project).problems.items] == [expected]

