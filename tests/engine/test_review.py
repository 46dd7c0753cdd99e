"""The review sheet (`make review`): golden copy for the fixture story, and a sheet with
problems still written, each problem next to its fact.

After an intended change: UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/engine/test_review.py"""

from __future__ import annotations

import os
from pathlib import Path

from explainer.cli import main
from explainer.review import OUTPUT, build
from helpers import make_project


GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "review.html"


def test_review_sheet_matches_golden(tmp_path):
    project = make_project(tmp_path / "project")
    html, problems = build(project)
    assert not problems.items
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(html, encoding="utf-8")
    assert html == GOLDEN.read_text(encoding="utf-8")


def test_every_fact_and_quote_is_on_the_sheet(tmp_path):
    project = make_project(tmp_path / "project")
    html, _ = build(project)
    assert html.count('<section class="item" id="') >= 5 + 1  # five facts and a disagreement
    assert "<mark>Nous demandons un délai</mark>" in html  # the quote, marked, in its sentence
    assert "Déclaration citée entre guillemets." in html
    assert "Au conditionnel ou attribuée : « selon »." in html  # beta's « Selon la préfecture »
    assert "Nom : ____" in html


def test_sheet_is_written_with_its_problems(tmp_path, capsys):
    project = make_project(tmp_path / "project")
    sheet = project.root / "facts.yml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("        quote: le 2 mars\n", "        quote: a annoncé la mairie\n"), encoding="utf-8")
    assert main(["review", "--root", str(project.root)]) == 0
    assert "review.html écrit : 1 problème signalé." in capsys.readouterr().out
    html = (project.root / OUTPUT).read_text(encoding="utf-8")
    assert '<section class="item flagged" id="date-annoncee">' in html
    assert "Aucun mot commun avec le fait." in html
    assert "1 problème à corriger avant publication" in html


QUALIFIER_CASES = [
    # (name, replacement of delai-pecheurs' text, the quote's note or None, flagged)
    ("dropped", "Les pêcheurs demandent un délai.", None, ["jusqu'au 9 mars"]),
    ("kept", "Les pêcheurs demandent un délai jusqu'au 9 mars.", None, []),
    ("note-says-why", "Les pêcheurs demandent un délai.", "la date est sur la page des échéances", []),
]


def _flags(html: str) -> list[str]:
    import html as html_lib
    import re

    return [html_lib.unescape(m) for m in re.findall(r'class="problem dropped">Précision laissée de côté : « ([^»]+) »', html)]


def test_dropped_qualifier_is_flagged(tmp_path):
    for name, text, note, flagged in QUALIFIER_CASES:
        project = make_project(tmp_path / name)
        sheet = project.root / "facts.yml"
        src = sheet.read_text(encoding="utf-8")
        src = src.replace("    text: Les pêcheurs demandent un délai jusqu'au 9 mars.", f"    text: {text}", 1)
        if note:
            src = src.replace("      - article: alpha\n        quote: Les pêcheurs, eux, demandent un délai jusqu'au 9 mars.\n",
                              f"      - article: alpha\n        quote: Les pêcheurs, eux, demandent un délai jusqu'au 9 mars.\n        note: {note}\n", 1)
            assert f"note: {note}" in src
        sheet.write_text(src, encoding="utf-8")
        html, _ = build(project)
        assert _flags(html) == flagged, (name, _flags(html))
        if flagged:
            assert "Reprenez-la, ou dites pourquoi dans <code>note:</code> de la citation." in html


def test_retold_qualifier_is_flagged(tmp_path):
    """An event that retells a fact without the qualifier the fact keeps (the home timeline's
    « préférer l'arrêt de TikTok … à une cession », without « pour quelques centaines de
    millions de dollars »)."""
    project = make_project(tmp_path / "project")
    sheet = project.root / "facts.yml"
    src = sheet.read_text(encoding="utf-8")
    src = src.replace("    title: La mairie annonce la fermeture\n    actors: [mairie]\n    facts: [fermeture-quais]",
                      "    title: La mairie annonce la fermeture\n    actors: [mairie]\n    facts: [fermeture-quais, delai-pecheurs]", 1)
    sheet.write_text(src, encoding="utf-8")
    html, _ = build(project)
    assert "annonce-fermeture : « jusqu'au 9 mars » (gardé par le fait delai-pecheurs) n’est pas repris" in html.replace("&#39;", "'")

