"""A claim resting on several facts and divergences carries one sign; its screen-reader label
and tooltip say what the sign stands for: how many elements, and how many of each status.
Reading J (F8): the label said « (trois sources, dont un fait confirmé) » for three confirmed
facts, and « dont un(e) » whatever the count, while « source » means an article everywhere else."""

from __future__ import annotations

import re

from explainer.pipeline import run_generate
from explainer.text import in_letters

GROUP = re.compile(
    r'<span class="refs refs--group"[^>]*>\[<span aria-hidden="true"[^>]*>.</span>'
    r'<span class="visually-hidden"[^>]*> \((?P<label>[^)]*)\)</span>\]\([^ ]+ "(?P<title>[^"]*)"\)'
    r'.*?<span class="refs-more"[^>]*>(?P<items>.*?)</span></span>'
)
ITEM = re.compile(r'<small class="visually-hidden"> \((?P<status>\w+)\)</small>\]\((?P<href>[^)]+)\)')


def _groups(fixture_project):
    result = run_generate(fixture_project)
    assert not result.problems, result.problems.items
    docs = fixture_project.path("docs")
    for page in sorted(docs.rglob("*.md")):
        yield from GROUP.finditer(page.read_text(encoding="utf-8"))


def test_a_group_sign_counts_what_it_links_by_status(fixture_project):
    seen = 0
    for group in _groups(fixture_project):
        seen += 1
        label = group["label"]
        items = ITEM.findall(group["items"])
        assert "source" not in label, label  # a source is an article
        assert group["title"].lower().startswith(label.lower()), (group["title"], label)
        facts: dict[str, int] = {}
        disagreements = 0
        for status, href in items:
            if "divergences" in href:
                disagreements += 1
            else:
                facts[status] = facts.get(status, 0) + 1
        kinds = len(facts) + (1 if disagreements else 0)
        if kinds > 1:
            assert label.startswith(f"{in_letters(len(items))} éléments liés"), label
        for status, n in facts.items():
            s = "s" if n > 1 else ""
            assert f"{in_letters(n)} fait{s} {status}{s}" in label, (label, items)
        if disagreements:
            s = "s" if disagreements > 1 else ""
            assert f"{in_letters(disagreements, True)} divergence{s} entre les articles" in label, (label, items)
    assert seen, "the fixture story has no claim resting on several elements"


NUANCE = """  - id: mot-quais
    title: Fermés, ou fermeture annoncée ?
    themes: [echeances]
    nuance: true
    sides:
      - claim: La mairie fermera les quais.
        sources: [{article: alpha, quote: fermera ses quais le 2 mars}]
      - claim: Ils seront fermés.
        sources: [{article: beta, quote: seront fermés dès lundi}]
questions:
"""


def test_a_nuance_is_named_a_nuance_never_a_status_nor_a_divergence(fixture_project):
    """Reading K (F5): a claim citing a nuance said « ≈ (rapporté) » for it and counted it among
    « trois divergences entre les articles », while the Divergences page shows it under
    « Nuances, pas divergences ». A nuance has its own words, and is counted apart."""
    sheet = fixture_project.root / "facts.yml"
    text = sheet.read_text(encoding="utf-8")
    text = text.replace("questions:\n", NUANCE, 1)
    text = text.replace("[fermeture-quais, date-fermeture].", "[fermeture-quais, date-fermeture, mot-quais].", 1)
    sheet.write_text(text, encoding="utf-8")
    groups = [g for g in _groups(fixture_project) if "mot-quais" in g["items"]]
    assert groups, "the fixture's claim does not cite the nuance"
    for group in groups:
        label = group["label"]
        assert label == "trois éléments liés, soit un fait rapporté, une divergence entre les articles et une nuance entre les articles", label
        nuance = re.search(r'<small class="visually-hidden"> \(([^)]*)\)</small>\]\([^)]*mot-quais\)', group["items"])
        assert nuance and nuance.group(1) == "nuance entre les articles", group["items"]
