"""An event no article dates keeps no date: listed « sans date dans les articles » on the
Échéances page, never placed on the timeline nor exported to timeline.json (TimelineJS needs
a date), and exported to facts.json with `date: null`."""

from __future__ import annotations

import json

from helpers import edit


def _dossier_counts(project, run_build) -> dict[str, int]:
    """Actor id -> how many facts and dates its card's « Voir » line gives for Échéances (the
    link's title; 0 if the line does not name the page)."""
    import re

    if run_build:
        assert run_build(project).ok
    page = (project.path("docs") / "acteurs.md").read_text(encoding="utf-8")
    cards = re.split(r"\{ #([a-z0-9-]+) \.actor-name \}", page)
    out = {}
    for ident, body in zip(cards[1::2], cards[2::2], strict=True):
        m = re.search(r'\[Échéances\]\(echeances\.md "(\d+) faits? ou dates?"\)', body.split('class="actor-see"')[-1].split("\n")[0]) if 'class="actor-see"' in body else None
        out.setdefault(ident, int(m.group(1)) if m else 0)
    return out


UNDATED = """  - id: reunion-pecheurs
    date: null
    kind: declaration
    title: Les pêcheurs se réunissent
    actors: [pecheurs]
    facts: [fermeture-quais]
deadlines:"""


def test_an_undated_event_is_listed_apart_and_never_dated(fixture_project):
    from explainer.pipeline import run_build

    before = _dossier_counts(fixture_project, run_build)
    edit(fixture_project.root / "facts.yml", "deadlines:", UNDATED)
    result = run_build(fixture_project)
    assert result.ok, result.problems.items
    page = (fixture_project.path("docs") / "echeances.md").read_text(encoding="utf-8")
    listed = page.index('id="reunion-pecheurs"')
    assert page.index("{ #sans-date }") < listed  # in the undated group, after the dated chronology
    assert page.index("{ #chronologie }") < page.index("{ #sans-date }")
    svg = page[page.index("{ #chronologie }"):page.index("{ #sans-date }")]
    assert "reunion-pecheurs" not in svg.split("</figure>")[0]  # not on the timeline
    site = fixture_project.path("site")
    timeline = json.loads((site / "timeline.json").read_text(encoding="utf-8"))
    assert "reunion-pecheurs" not in {e["unique_id"] for e in timeline["events"]}
    facts = json.loads((site / "facts.json").read_text(encoding="utf-8"))
    event = next(e for e in facts["events"] if e["id"] == "reunion-pecheurs")
    assert event["date"] is None and event["start"] is None and event["end"] is None
    # the actor's card counts it among what it has on Échéances
    assert _dossier_counts(fixture_project, None)["pecheurs"] == before["pecheurs"] + 1
