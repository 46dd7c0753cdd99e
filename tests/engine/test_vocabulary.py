"""The story's vocabulary (`vocabulary:` in facts.yml): the engine keeps the rules, the story
declares the words. Bad vocabularies and words the vocabulary does not declare are refused
with the exact located French message and its fix; the starter vocabulary of STARTER.md is
valid and builds a story."""

from __future__ import annotations

import re
import pytest
import yaml

from explainer import model
from explainer.pipeline import run_check
from helpers import ROOT, make_project


DECLARED = "conteste, contesterait, finance, financerait"


def _at(text: str, needle: str, value: str) -> str:
    """`L:C` of `value` inside the first line holding `needle`."""
    at = text.index(needle)
    line = text.count("\n", 0, at) + 1
    col = at - text.rfind("\n", 0, at) + needle.index(value)
    return f"{line}:{col}"


# (name, [(old, new)], needle and value where the problem is, expected message after « facts.yml:L:C: »)
CASES = [
    ("relation-type-undeclared", [("      - type: finance\n", "      - type: financ\n")], ("- type: financ\n", "financ"),
     "type : relation « financ » non déclaré : vouliez-vous dire « finance » ? ; déclarez-le sous vocabulary.relations "
     f"(« - {{id: financ, label: …, settled: true ou false}} »), ou écrivez l'un des déclarés : {DECLARED}"),
    ("relation-settled-on-reported-fact", [("        fact: metropole-finance-smt\n", "        fact: travaux-septembre-2025\n")],
     ("      - type: finance\n", "finance"),
     "relation « finance » (« finance ») établie par le fait « travaux-septembre-2025 », « rapporté » : un verbe qui affirme "
     "demande un fait confirmé ; écrivez par exemple « financerait » (« financerait »), ou appuyez la relation sur un fait confirmé"),
    ("relation-retired", [("      - type: finance\n", "      - type: paie\n"),
                          ("  actor_groups: kind\n", "  actor_groups: kind\n  retired_relations: {paie: \"écrivez « finance »\"}\n")],
     ("- type: paie\n", "paie"), "type : « paie » n'existe plus : écrivez « finance »"),
    ("hedged-form-affirms", [("hedged: financerait, question: argent}", "hedged: conteste, question: argent}")],
     ("hedged: conteste", "conteste"), "hedged : « conteste » affirme aussi (settled: true) : nommez un verbe au conditionnel (settled: false)"),
    ("hedged-form-undeclared", [("hedged: financerait, question: argent}", "hedged: financerai, question: argent}")],
     ("hedged: financerai", "financerai"),
     "hedged : « financerai » n'est pas déclaré sous vocabulary.relations : vouliez-vous dire « financerait » ? "
     "(déclarez-le, avec « settled: false »)"),
    ("verb-hedged-but-affirms", [("{id: financerait, label: financerait, settled: false", "{id: financerait, label: paie, settled: false")],
     ("label: paie, settled: false", "false"),
     "« paie » affirme (aucun conditionnel, « pourrait » ni « selon ») mais est déclaré « settled: false » : écrivez-le au "
     "conditionnel (« financerait », « pourrait financer »), ou déclarez « settled: true »"),
    ("verb-settled-but-hedges", [("{id: finance, label: finance, settled: true", "{id: finance, label: pourrait financer, settled: true")],
     ("label: pourrait financer, settled: true", "true"),
     "« pourrait financer » rapporte (« pourrait ») mais est déclaré « settled: true » : écrivez « settled: false », ou des "
     "mots qui affirment (à l'indicatif)"),
    ("question-undeclared", [("settled: false, question: argent}", "settled: false, question: argnt}")],
     ("question: argnt", "argnt"),
     "question « argnt » inconnue : vouliez-vous dire « argent » ? : déclarez-la sous vocabulary.map_questions "
     "(questions déclarées : argent, travaux)"),
    ("essentials-too-many", [("  essentials: {min: 2, max: 4}", "  essentials: {min: 1, max: 2}")],
     ("  essentials: [", "["),
     "essentials : 3 faits essentiels, la maison en demande de 1 à 2 (vocabulary.essentials) : ajoutez-en ou retirez-en"),
    # the story's identity (story: in facts.yml), validated where it is written
    ("identity-feed-id-not-a-tag-uri", [('  feed_id: "tag:redaction.example.fr,2026-12-01:tramway-tours"', '  feed_id: "https://redaction.example.fr/flux"')],
     ('feed_id: "https', '"'),
     "feed_id : « https://redaction.example.fr/flux » : il faut une URI tag: (RFC 4151), par exemple "
     "« tag:redaction.example.fr,2026-11-25:mon-dossier »"),
    ("identity-description-count", [("  description: Qui finance", "  description: Trois articles disent qui finance")],
     ("  description: Trois", "Trois"),
     "story.description dit « Trois articles », mais seeds/articles.yml en compte 2 : écrivez « deux articles »"),
    ("paragraphs-too-few", [("  essentials: {min: 2, max: 4}", "  essentials: {min: 2, max: 4}\n  paragraphs: {home: {min: 2}}")],
     ("  accueil:", "accueil"),
     "passage « accueil » : 1 paragraphe, mais « Ce qu'il faut savoir » en compte au moins 2 (vocabulary.paragraphs) : complétez-le"),
    ("actor-groups-unknown", [("  actor_groups: kind", "  actor_groups: ville")], ("actor_groups: ville", "ville"),
     "actor_groups : valeur « ville » non permise ; valeurs permises : country, kind, none"),
]


def test_every_case_is_documented():
    doc = (ROOT / "BAD_INPUT.md").read_text(encoding="utf-8")
    for name, _, _, message in CASES:
        assert f"| `{name}` |" in doc and f"`facts.yml:L:C: {message}`" in doc, name


@pytest.mark.parametrize("name, edits, where, message", CASES, ids=[c[0] for c in CASES])
def test_bad_vocabulary(tmp_path, name, edits, where, message):
    project = make_project(tmp_path / "p", "tours")
    path = project.root / "facts.yml"
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    result = run_check(project)
    assert [f"{p.path}:{p.line}:{p.col}: {p.message}" for p in result.problems.items] == [f"facts.yml:{_at(text, *where)}: {message}"]


def test_the_fixture_story_checks(tmp_path):
    result = run_check(make_project(tmp_path / "p", "tours"))
    assert not result.problems, result.problems.items


def starter_block() -> str:
    """The `vocabulary:` block STARTER.md tells a new story to copy."""
    return re.search(r"```yaml\n(vocabulary:\n.*?)```", (ROOT / "STARTER.md").read_text(encoding="utf-8"), re.S).group(1)


def test_the_starter_vocabulary_is_valid_and_builds_a_story(tmp_path):
    vocab = model.Vocabulary.model_validate(yaml.safe_load(starter_block())["vocabulary"], strict=False)
    declared = {v.id: v for v in vocab.relations}
    assert all(declared[v.hedged].settled is False for v in vocab.relations if v.hedged)
    # the Tours story, its own vocabulary replaced by the starter one, checks clean
    project = make_project(tmp_path / "p", "tours")
    path = project.root / "facts.yml"
    text = path.read_text(encoding="utf-8")
    own = re.search(r"^vocabulary:\n(?:  .*\n)+", text, re.M).group(0)
    path.write_text(text.replace(own, starter_block()), encoding="utf-8")
    result = run_check(project)
    assert not result.problems, result.problems.items


def test_the_actor_map_groups_as_the_story_says(tmp_path):
    """country: a frame per country; kind: a frame per kind of actor; none: no frame at all (a
    one-city story is not drawn inside one « France » box)."""
    from explainer import diagrams
    from explainer.site import Settings, plan

    project = make_project(tmp_path / "p", "tours")
    path = project.root / "facts.yml"
    text = path.read_text(encoding="utf-8")
    frames = {}
    for by in ("country", "kind", "none"):
        path.write_text(text.replace("  actor_groups: kind\n", f"  actor_groups: {by}\n"), encoding="utf-8")
        checked = run_check(project)
        assert not checked.problems, checked.problems.items
        site = plan(checked.loaded, Settings())
        page = site.page("financement.md")
        maps, phone = diagrams.Diagrams(site).actor_maps(page), diagrams.Diagrams(site).actor_list(page)
        assert maps
        titles = {" ".join(line.text for line in g.title.lines) for m in maps for g in m.groups}
        assert titles == {" ".join(line.text for line in g.title.lines) for g in phone.groups} or by != "none"
        frames[by] = (titles, all("regroupés" in m.desc for m in maps), "regroupés" in phone.desc)
    assert frames["country"] == ({"France"}, True, True)
    assert frames["kind"][0] == {"Administration ou agence"} and frames["kind"][1:] == (True, True)
    assert frames["none"] == (set(), False, False)
