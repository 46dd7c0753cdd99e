"""A fact's status has one owner, explainer/status.py: its label, meaning, sign, rank,
feminine form and style token. Changing one of them there changes it on every page (issue 25)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
import pytest

from explainer import status
from explainer.model import Fact
from explainer.pipeline import run_generate


ROOT = Path(__file__).resolve().parents[2]


def test_every_status_the_model_accepts_is_declared_with_all_it_shows():
    allowed = set(Fact.model_json_schema()["properties"]["status"]["enum"])
    assert allowed == set(status.STATUSES)
    signs = [s.sign for s in status.STATUSES.values()]
    tokens = [s.token for s in status.STATUSES.values()]
    ranks = [s.rank for s in status.STATUSES.values()]
    assert len(set(signs)) == len(signs) and len(set(tokens)) == len(tokens) and len(set(ranks)) == len(ranks)
    assert status.least_certain(["confirmé", "contesté", "rapporté"]) == "contesté"
    assert status.least_certain([]) == status.UNKNOWN


def test_no_other_module_or_template_keeps_a_status_table():
    """The signs, and the « échéance » + « e » agreement, are written in explainer/status.py only."""
    offenders = []
    for path in [*(ROOT / "explainer").rglob("*.py"), *(ROOT / "templates").rglob("*.j2")]:
        if path.name == "status.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search("[✓≈≠]", text) or re.search(r'~ ?"e"', text):
            offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []


@pytest.fixture
def renamed(monkeypatch):
    """« rapporté » shown with another sign, label, feminine form and style token."""
    new = dataclasses.replace(status.STATUSES["rapporté"], label_id="Relaté", sign="~", feminine_id="relatée")
    monkeypatch.setitem(status.STATUSES, "rapporté", new)
    monkeypatch.setattr(type(new), "token", property(lambda s: "relate" if s.key == "rapporté" else s.key))
    return new


def test_a_status_changed_in_its_owner_changes_on_every_page(fixture_project, renamed):
    result = run_generate(fixture_project)
    assert not result.problems, result.problems.items
    docs = fixture_project.path("docs")
    pages = {p.name: p.read_text(encoding="utf-8") for p in docs.rglob("*.md")}
    everything = "\n".join(pages.values())
    assert "≈" not in everything  # not in the legend, the narrative's signs, nor the Méthode page
    assert "ref--rapporté" not in everything and "fact-status--rapporté" not in everything
    assert "ref--relate" in everything and "fact-status--relate" in everything
    assert ">Relaté</span>" in everything
    assert "~ relaté" in pages["methode.md"]  # the signs the Méthode page lists
    assert "échéance rapportée" not in everything


def test_a_sign_for_a_deadline_agrees_in_the_feminine_form_of_its_owner(renamed):
    """No page of the fixture story points at a deadline with a sign any more (the chronology
    lists events only): the reference macro is rendered on its own, for a deadline."""
    from explainer.render import environment

    class Plan:  # what the macro asks of the site plan
        disagreements, facts, deadlines = {}, {}, {"d1": None}

        def status(self, ident):
            return "rapporté"

        def link(self, ident, page):
            return "echeances.md#d1"

    macro = environment(ROOT / "templates").from_string('{% from "_macros.md.j2" import ref with context %}{{ ref("d1", none) }}')
    out = macro.render(site=Plan(), STATUSES=status.STATUSES)
    assert "(échéance relatée)" in out and "rapportée" not in out
