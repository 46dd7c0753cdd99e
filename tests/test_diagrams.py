"""The diagrams (explainer/diagrams/, templates/diagrams/): well-formed SVG, complete, no overlapping labels."""

from __future__ import annotations

import dataclasses
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from explainer import diagrams
from explainer.check import check
from explainer.load import load
from explainer.problems import Problems
from explainer.render import render
from explainer.site import Settings, Site, plan

from helpers import FIXTURES, ROOT, make_project

SVG = "{http://www.w3.org/2000/svg}"
BIG = FIXTURES / "diagrams" / "facts.yml"  # a sheet shaped like the real story, with the story's articles


def project_with(tmp_path: Path, sheet: Path | None = None):
    project = make_project(tmp_path / "project")
    if sheet is not None:
        shutil.copy(sheet, project.root / "facts.yml")
    return project


def loaded_of(project):
    problems = Problems()
    loaded = load(project.root, problems)
    assert loaded is not None, problems
    check(loaded, problems)
    assert not problems, [str(p) for p in problems.items]
    return loaded


def site_and_pages(loaded, templates: Path):
    site = plan(loaded)
    return site, render(site, templates)


def svgs(markdown: str) -> list[ET.Element]:
    """Every inline <svg> of a generated page, parsed (fails if one is not well-formed XML)."""
    return [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", markdown, flags=re.S)]


@pytest.fixture(params=["story", "big"])
def rendered(request, tmp_path):
    project = project_with(tmp_path, BIG if request.param == "big" else None)
    loaded = loaded_of(project)
    site, pages = site_and_pages(loaded, project.path("templates"))
    return site, pages


def ids_in(svg: ET.Element, attribute: str) -> set[str]:
    return {e.get(attribute) for e in svg.iter() if e.get(attribute)}


def test_timeline_is_well_formed_and_shows_every_event_and_deadline(rendered):
    site, pages = rendered
    found = svgs(pages["echeances.md"])
    assert len(found) == 2  # wide and narrow variants
    expected = set(site.events) | set(site.deadlines)
    for svg in found:
        assert svg.get("role") == "graphics-document"  # not "img": its links must stay reachable (axe: nested-interactive)
        assert svg.find(f"{SVG}title") is not None and svg.find(f"{SVG}desc") is not None
        assert ids_in(svg, "data-id") == expected
        links = {a.get("{http://www.w3.org/1999/xlink}href") for a in svg.iter(f"{SVG}a")}
        assert links == {f"#{i}" for i in expected}
    # each link's target exists on the page, in the text list
    for ident in expected:
        assert f'id="{ident}"' in pages["echeances.md"] or f"{{ #{ident} " in pages["echeances.md"]


def test_compact_timeline_on_home_links_to_the_chronology(rendered):
    site, pages = rendered
    (svg,) = svgs(pages["index.md"])
    expected = set(site.events) | set(site.deadlines)
    assert {a.get("{http://www.w3.org/1999/xlink}href") for a in svg.iter(f"{SVG}a")} == {f"echeances/#{i}" for i in expected}


def test_actor_map_shows_every_actor_and_relation(rendered):
    site, pages = rendered
    (svg,) = svgs(pages["acteurs.md"])
    assert svg.get("role") == "graphics-document"  # not "img": its links must stay reachable (axe: nested-interactive)
    assert ids_in(svg, "data-id") == set(site.actors)
    relations = {(a.id, rel.target) for a in site.sheet.actors for rel in a.relations}
    drawn = {(g.get("data-source"), g.get("data-target")) for g in svg.iter(f"{SVG}g") if g.get("data-source")}
    assert drawn == relations
    text = " ".join("".join(t.itertext()) for t in svg.iter(f"{SVG}text"))
    for a in site.sheet.actors:
        for word in a.name.split():
            assert word in text


def test_deals_show_every_party(rendered):
    site, pages = rendered
    page = pages[site.showing("deals").path]
    found = svgs(page)
    assert [s.get("aria-labelledby").split()[0] for s in found] == [f"dg-deal-{d.id}-title" for d in site.sheet.deals]
    for svg, deal in zip(found, site.sheet.deals):
        assert [g.get("data-actor") for g in svg.iter(f"{SVG}g") if g.get("data-actor")] == [p.actor for p in deal.parties]
        assert f"{{ #{deal.id} }}" in page  # the text list next to it


def test_svg_text_is_html_escaped_not_markdown_escaped(tmp_path):
    project = project_with(tmp_path)
    sheet = project.root / "facts.yml"
    sheet.write_text(
        sheet.read_text(encoding="utf-8").replace(
            "title: La mairie annonce la fermeture", 'title: "La <mairie> & *les* quais [1]"'
        ),
        encoding="utf-8",
    )
    site, pages = site_and_pages(loaded_of(project), project.path("templates"))
    (wide, narrow) = svgs(pages["echeances.md"])
    text = "".join(wide.itertext())
    assert "La <mairie> & *les* quais [1]" in text
    assert "\\" not in "".join(s for svg in svgs(pages["echeances.md"]) for s in svg.itertext())


def all_layouts(site: Site):
    page = next(p for p in site.pages if p.path == "echeances.md")
    d = diagrams.Diagrams(site)
    yield "timeline", d.timeline(page)
    yield "timeline_narrow", d.timeline_narrow(page)
    yield "timeline_compact", d.timeline_compact(page)
    yield "actor_map", d.actor_map(page)
    for deal in d.deals(page):
        yield deal.id, deal


@pytest.mark.parametrize("sheet", ["story", "big"])
def test_no_two_labels_overlap(tmp_path, sheet):
    loaded = loaded_of(project_with(tmp_path, BIG if sheet == "big" else None))
    site = Site(loaded, Settings())
    for name, layout in all_layouts(site):
        boxes = layout.boxes()
        assert boxes, name
        assert diagrams.first_overlap(boxes) is None, (name, diagrams.first_overlap(boxes))
        for b in boxes:  # and every text inside the drawing
            assert b.x >= 0 and b.y >= 0 and b.right <= layout.width + 0.5 and b.bottom <= layout.height + 0.5, (name, b)


def test_labels_stay_apart_when_many_actors_and_events_are_added(tmp_path):
    """A crowded sheet: 30 actors in 4 countries, dense relations, 40 events on 10 days."""
    loaded = loaded_of(project_with(tmp_path, BIG))
    sheet = loaded.sheet
    first = sheet.actors[0]
    kinds = ["personne", "entreprise", "gouvernement", "investisseur"]
    actors = list(sheet.actors)
    for i in range(30):
        rels = [
            first.relations[0].model_copy(update={"target": sheet.actors[(i * 7) % len(sheet.actors)].id, "type": t})
            for t in ("soutient", "investit", "s-oppose")[: 1 + i % 3]
        ]
        actors.append(
            first.model_copy(
                update={"id": f"acteur-{i}", "name": f"Acteur numéro {i} au nom assez long", "kind": kinds[i % 4],
                        "country": ["FR", "DE", "US", "CN"][i % 4], "relations": rels}
            )
        )
    event = sheet.events[0]
    events = list(sheet.events) + [
        event.model_copy(update={"id": f"evenement-{i}", "date": f"2020-09-{1 + i % 10:02d}", "title": "Un événement " * (1 + i % 4)})
        for i in range(40)
    ]
    crowded = dataclasses.replace(loaded, sheet=sheet.model_copy(update={"actors": actors, "events": events}))
    site = Site(crowded, Settings())
    for name, layout in all_layouts(site):
        assert diagrams.first_overlap(layout.boxes()) is None, name


def test_diagram_changes_when_the_fact_sheet_does(tmp_path):
    project = project_with(tmp_path)
    before = site_and_pages(loaded_of(project), project.path("templates"))[1]
    sheet = project.root / "facts.yml"
    text = sheet.read_text(encoding="utf-8")
    text = text.replace("    date_basis: alpha\n    kind: annonce", "    date_basis: alpha\n    kind: decision").replace('date: "2021-02-26"', 'date: "2021-02-27"', 1)
    text = text.replace("    wants: null\n", "    wants: null\n    relations:\n      - {type: s-oppose, target: mairie, fact: delai-pecheurs}\n", 1)
    text = text.replace("role: cede", "role: participation")
    sheet.write_text(text, encoding="utf-8")
    after = site_and_pages(loaded_of(project), project.path("templates"))[1]
    for page in ("echeances.md", "index.md", "acteurs.md", "role-du-port.md"):
        old, new = svgs(before[page]), svgs(after[page])
        assert [ET.tostring(s) for s in old] != [ET.tostring(s) for s in new], page
    assert "dg-k-decision" in after["echeances.md"] and "dg-k-decision" not in before["echeances.md"]
    assert 'data-source="pecheurs"' in after["acteurs.md"]
    assert "dg-role-participation" in after["role-du-port.md"]


@pytest.mark.parametrize(
    ("text", "width"),
    [("", 0.0), ("iiii", 4 * 0.278 * 10), ("mm", 2 * 0.974 * 10), ("é", 0.635 * 10)],
)
def test_text_width_estimate(text, width):
    assert diagrams.text_width(text, 10) == pytest.approx(width)


def test_wrap_keeps_every_word_and_the_width():
    text = "ByteDance choisit Oracle comme « partenaire technologique » pour ses activités"
    lines = diagrams.wrap(text, 12, 120)
    assert " ".join(lines) == text
    assert all(diagrams.text_width(line, 12) <= 120 for line in lines if " " in line)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("- actor: mairie\n        role: rachete", "- actor: mairi\n        role: rachete",
         "acteur « mairi » inconnu : vouliez-vous dire « mairie » ?"),
        ("        fact: delai-pecheurs\nglossary:", "        fact: delai-pecheur\nglossary:",
         "fait « delai-pecheur » inconnu : vouliez-vous dire « delai-pecheurs » ?"),
        ("    facts: [fermeture-quais]\n    parties:", "    facts: [fermeture]\n    parties:",
         "fait « fermeture » inconnu"),
        ("  - id: demande-pecheurs", "  - id: fermeture", "id « fermeture » déjà utilisé"),
        ("  - id: demande-pecheurs", "  - id: frise", "id « frise » réservé par le site"),
    ],
)
def test_deals_cross_references_are_checked(tmp_path, old, new, message):
    project = project_with(tmp_path)
    sheet = project.root / "facts.yml"
    text = sheet.read_text(encoding="utf-8")
    assert old in text
    sheet.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = Problems()
    loaded = load(project.root, problems)
    check(loaded, problems)
    assert any(message in str(p) for p in problems.items), [str(p) for p in problems.items]


# --- colours ---------------------------------------------------------------------------


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


#: The theme's page backgrounds: white, and slate's hsl(232, 15%, 14%).
BACKGROUNDS = {"default": "#ffffff", "slate": "#1e2129"}


def test_every_diagram_colour_meets_wcag_aa_on_its_background():
    css = (ROOT / "docs" / "assets" / "diagrams.css").read_text(encoding="utf-8")
    light = css[css.index(".diagram {") : css.index("}", css.index(".diagram {"))]
    dark_start = css.index('[data-md-color-scheme="slate"] .diagram {')
    dark = css[dark_start : css.index("}", dark_start)]
    for scheme, block in (("default", light), ("slate", dark)):
        colours = re.findall(r"(--dg-[a-z]+):\s*(#[0-9a-f]{6})", block)
        assert len(colours) >= 13, scheme
        for name, value in colours:
            assert contrast(value, BACKGROUNDS[scheme]) >= 4.5, (scheme, name, value)
    # nothing else in the diagrams has a fixed colour
    rest = css.replace(light, "").replace(dark, "")
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b", rest)


# --- in a real browser -----------------------------------------------------------------

MEASURE = """() => {
  const out = [];
  for (const svg of document.querySelectorAll('figure.diagram svg')) {
    if (!svg.getClientRects().length) continue;  // the variant hidden at this width
    const boxes = [...svg.querySelectorAll('text')].map(t => {
      const b = t.getBBox();
      return {text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height};
    });
    out.push({name: svg.getAttribute('class'), boxes});
  }
  return out;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("sheet", ["story", "big"])
def test_no_two_texts_overlap_in_chromium(tmp_path, sheet, new_page):
    """getBBox() of every <text> of every visible diagram, at 390 px and 1280 px."""
    from explainer.pipeline import run_build

    project = project_with(tmp_path, BIG if sheet == "big" else None)
    assert run_build(project).ok
    site = project.path("site")
    for width in (390, 1280):
        page = new_page(viewport={"width": width, "height": 900})
        outside = []
        page.route("**/*", lambda r, outside=outside: r.continue_() if r.request.url.startswith("file:")
                   else (outside.append(r.request.url), r.abort()))
        measured = 0
        for path in ("echeances", "acteurs", "partage" if sheet == "big" else "role-du-port", "."):
            page.goto((site / path / "index.html").as_uri())
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (path, width)
            for svg in page.evaluate(MEASURE):
                boxes = [diagrams.Box(b["x"], b["y"], b["w"], b["h"]) for b in svg["boxes"] if b["w"]]
                measured += len(boxes)
                shrunk = [diagrams.Box(b.x + 0.5, b.y + 0.5, b.w - 1, b.h - 1) for b in boxes]  # rounding
                assert diagrams.first_overlap(shrunk) is None, (path, width, svg["name"], diagrams.first_overlap(shrunk))
        assert measured > 10
        assert outside == []
