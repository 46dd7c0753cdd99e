"""The diagrams (explainer/diagrams/, templates/diagrams/): well-formed SVG, complete, no overlapping labels."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
import pytest
import yaml
from babel.dates import get_month_names

from explainer import diagrams
from explainer.diagrams.layout import Box
from explainer.check import check
from explainer.dates import When
from explainer.load import load
from explainer.problems import Problems
from explainer.render import render
from explainer.site import Settings, Site, plan
from explainer.dates import Date
from explainer.dates import of_item as date_wording
from explainer.text import typography
from helpers import FIXTURES, ROOT, edit, make_project


SVG = "{http://www.w3.org/2000/svg}"


BIG = FIXTURES / "diagrams" / "facts.yml"  # a sheet shaped like the real story, with the story's articles


MAP_QUESTIONS = [q["id"] for q in yaml.safe_load(BIG.read_text(encoding="utf-8"))["vocabulary"]["map_questions"]]


def diagram_pages(site: Site) -> list[str]:
    """The built site's folders (relative to site/) of the home page and every page that shows a
    picture (actors, deadlines, deals), read from the site plan: never a story's page id."""
    return ["."] + [p.address.url.strip("/") for p in site.pages if p.shows]


def project_with(tmp_path: Path, sheet: Path | None = None):
    project = make_project(tmp_path / "project")
    if sheet is not None:
        shutil.copy(sheet, project.root / "facts.yml")
        with_gamma(project)
    return project


def with_gamma(project) -> None:
    """Adds the test article whose « repères » give the test sheets' dates (issue 23: a date no
    quote gives is refused, unless it is the reporting article's own date)."""
    extra = BIG.parent / "seeds"
    shutil.copy(extra / "gamma.txt", project.root / "seeds" / "gamma.txt")
    listed = project.root / "seeds" / "articles.yml"
    added = (extra / "articles.yml").read_text(encoding="utf-8").split("\n", 1)[1]
    listed.write_text(listed.read_text(encoding="utf-8").rstrip("\n") + "\n" + added, encoding="utf-8")


def loaded_of(project):
    problems = Problems()
    loaded = load(project.root, problems)
    assert loaded is not None, problems
    check(loaded, problems)
    assert not problems, [str(p) for p in problems.items]
    return loaded


def site_and_pages(loaded, templates: Path):
    site = plan(loaded)
    # with the project's compiled templates, as a build renders (tests/helpers.py, CACHES)
    return site, render(site, templates, cache=templates.parent / ".cache" / "jinja")


def svgs(markdown: str) -> list[ET.Element]:
    """Every diagram (inline <svg class="dg …">) of a generated page, parsed (fails if one is
    not well-formed XML); the controls' icons are inline SVG too, and are not diagrams."""
    return [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", markdown, flags=re.S) if re.match(r'<svg class="dg[ "]', m)]


@pytest.fixture(scope="module", params=["story", "big"])
def rendered(request, tmp_path_factory):
    """The site plan and generated pages of a fixture story, made once for the tests that only read them."""
    project = project_with(tmp_path_factory.mktemp(request.param), BIG if request.param == "big" else None)
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
    found = svgs(pages["index.md"])
    assert len(found) == 2  # wide and narrow (phone) variants
    assert len({svg.get("aria-labelledby") for svg in found}) == 2  # ids stay unique on the page
    expected = set(site.events) | set(site.deadlines)
    for svg in found:
        assert {a.get("{http://www.w3.org/1999/xlink}href") for a in svg.iter(f"{SVG}a")} == {f"echeances/#{i}" for i in expected}


MONTHS_ABBR = {str(name): n for n, name in get_month_names("abbreviated", locale="fr_FR").items()}


def timeline_svgs(pages) -> list[tuple[str, ET.Element]]:
    """Every timeline drawn on the site: (orientation, svg)."""
    return [("horizontal", s) for s in svgs(pages["index.md"])] + [("vertical", s) for s in svgs(pages["echeances.md"])]


def marks_of(svg: ET.Element) -> dict[str, ET.Element]:
    return {a.get("data-id"): a for a in svg.iter(f"{SVG}a")}


def when_of(item) -> When:
    return item.date.when


def axis_ticks(svg: ET.Element, first: dt.date) -> list[tuple[float, float]]:
    """The ticks of a horizontal timeline as (day number, x): « août » marks where August
    begins (its first day's ordinal), « 26 févr. » the middle of that day (ordinal + 0.5)."""
    lines = [float(line.get("x1")) for line in svg.iter(f"{SVG}line") if line.get("class") == "dg-tick"]
    texts = [t.text for t in svg.iter(f"{SVG}text") if "dg-tick-label" in (t.get("class") or "")]
    assert len(lines) == len(texts) >= 2, texts
    year, month, ticks = first.year, first.month, []
    for x, text in zip(lines, texts):
        number, _, name = text.rpartition(" ")
        assert name in MONTHS_ABBR, f"tick « {text} » names no month"
        while month != MONTHS_ABBR[name]:  # the ticks run forward from the first date's month
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        if number:  # a day, named in its middle
            ticks.append((dt.date(year, month, int(number.removesuffix("er"))).toordinal() + 0.5, x))
        else:  # a month, named where it begins
            ticks.append((dt.date(year, month, 1).toordinal(), x))
    return ticks


def assert_on_one_axis(anchors: list[tuple[float, float, str]], point_days: set[int]) -> None:
    """The home page's axis is to scale except that a day holding a point is widened (so that
    points a day or two apart stay clear): read from what the drawing puts on it, (day number,
    x, what) — ticks, the ends of the periods' bars, the points in the middle of their day —
    one instant is at one x, a later instant further right, and every stretch of days without a
    point has the same number of units per day."""
    anchors = sorted(anchors)
    for (t0, x0, a), (t1, x1, b) in zip(anchors, anchors[1:]):
        if t1 == t0:
            assert x1 == pytest.approx(x0, abs=0.25), ("one instant, two places", a, b)
        else:
            assert x1 > x0 + 0.25, ("out of order on the axis", a, b)
    # stretches between two anchors holding no pointed day: one scale
    plain = [(t1 - t0, x1 - x0, a, b) for (t0, x0, a), (t1, x1, b) in zip(anchors, anchors[1:])
             if t1 > t0 and not any(d + 1 > t0 and d < t1 for d in point_days)]
    assert plain, anchors
    days, units, _, _ = max(plain)
    per_day = units / days
    for d, u, a, b in plain:
        assert u == pytest.approx(d * per_day, abs=0.3), ("a stretch without a point off the scale", a, b, u, d * per_day)


@pytest.mark.parametrize("sheet", ["story", "big"])
def test_a_period_is_drawn_from_its_start_to_its_end(tmp_path, sheet):
    """On every timeline: a date of more than a day is a bar (not a point) that starts where its
    first day starts and ends where its last day ends on the axis; a one-day date is a point.
    Across (home page): x read against the month ticks and the other marks, on an axis to scale
    but where a day holding a point is widened (`assert_on_one_axis`). Down (Échéances, stretched where the
    labels need room): the bar runs past the row of every date that begins within the period,
    and stops before the row of every date that begins after it."""
    project = project_with(tmp_path, BIG if sheet == "big" else None)
    if sheet == "story":  # the fixture story has no period: give one event « fin février 2021 », from gamma
        with_gamma(project)
        edit(project.root / "facts.yml", 'date: "2021-02-26"', 'date: "2021-02-21/2021-02-28"\n    date_text: fin février 2021')
        edit(project.root / "facts.yml", "    facts: [fermeture-quais]\ndeadlines:", "    facts: [fermeture-quais, repere-fevrier]\ndeadlines:")
        edit(project.root / "facts.yml", "disagreements:", "  - id: repere-fevrier\n    text: \"Selon un article, repère 16 : fin février 2021.\"\n"
             "    themes: [echeances]\n    status: rapporté\n    sources: [{article: gamma, quote: \"Repère 16 : fin février 2021\"}]\ndisagreements:")
    site, pages = site_and_pages(loaded_of(project), project.path("templates"))
    items = {i.id: i for i in site.chronology()}
    whens = {i: when_of(item) for i, item in items.items()}
    periods = {i for i, w in whens.items() if not w.single_day}
    assert periods
    first = min(w.start for w in whens.values())
    day = dt.timedelta(days=1)
    for orientation, svg in timeline_svgs(pages):
        marks = marks_of(svg)
        assert set(marks) == set(items)
        spans = {}
        for ident, a in marks.items():
            bars = [e for e in a.iter(f"{SVG}line") if e.get("class") == "dg-span"]
            points = [e for e in a if e.get("class") == "dg-shape"]
            if ident in periods:
                assert len(bars) == 1 and not points, (svg.get("class"), ident, "a period is a bar, not a point")
                spans[ident] = [float(bars[0].get(k)) for k in ("x1", "y1", "x2", "y2")]
            else:
                assert len(points) == 1 and not bars, (svg.get("class"), ident, "a one-day date is a point")
        if orientation == "horizontal":
            anchors = [(d, x, "tick") for d, x in axis_ticks(svg, first)]
            for ident, (x1, y1, x2, y2) in spans.items():
                w = whens[ident]
                assert y1 == y2 < float(svg.find(f"{SVG}line[@class='dg-axis']").get("y1"))  # along the axis, above it
                anchors += [(w.start.toordinal(), x1, ident + " starts"), ((w.end + day).toordinal(), x2, ident + " ends")]
            for ident in set(marks) - periods:  # a point in the middle of its day
                shape = next(e for e in marks[ident] if e.get("class") == "dg-shape")
                x = float(shape.get("cx")) if shape.tag == f"{SVG}circle" else float(shape.get("d").split()[0][1:])
                anchors.append((whens[ident].start.toordinal() + 0.5, x, ident))
            assert_on_one_axis(anchors, {whens[i].start.toordinal() for i in set(marks) - periods})
        else:
            axis_x = float(svg.find(f"{SVG}line[@class='dg-axis']").get("x1"))
            rows = {i: float(next(e for e in a.iter(f"{SVG}line") if e.get("class") == "dg-stem").get("y1")) for i, a in marks.items()}
            for ident, (x1, top, x2, bottom) in spans.items():
                w = whens[ident]
                assert x1 == x2 < axis_x - 7 and bottom > top, (ident, "a bar beside the axis, downwards")
                assert top == rows[ident]
                for other, row in rows.items():
                    start = whens[other].start
                    if start < w.start:
                        assert row < top, (ident, other)
                    elif start == w.start:  # the same first day: listed before or after it (shorter first)
                        assert row < bottom, (ident, other)
                    elif start <= w.end:
                        assert top < row < bottom, (ident, other, "begins within the period: beside the bar")
                    else:
                        assert row > bottom, (ident, other, "begins after the period: below the bar")


@pytest.mark.parametrize("sheet", ["story", "big"])
def test_every_mark_is_named_with_the_articles_wording_and_its_status(tmp_path, sheet):
    """The tooltip (accessible name) of every mark starts with the date as the article gives it
    (« fin août 2020 », never a day inside it) and ends with the status of its facts; a
    timeline with a period explains the bar in its legend."""
    project = project_with(tmp_path, BIG if sheet == "big" else None)
    site, pages = site_and_pages(loaded_of(project), project.path("templates"))
    items = {i.id: i for i in site.chronology()}
    for _, svg in timeline_svgs(pages):
        for ident, a in marks_of(svg).items():
            item = items[ident]
            title = a.find(f"{SVG}title").text
            assert title.startswith(f"{date_wording(item)} — "), title
            assert title.endswith(f"({site.item_status(item)})"), title
            dates = [" ".join("".join(t.itertext()) for t in label.iter(f"{SVG}tspan") if t.get("class") == "dg-t-date")
                     for label in a.iter(f"{SVG}text")]
            if dates and getattr(item, "date_text", None):  # a labelled period prints the article's wording, nothing more precise
                assert dates[0].removeprefix("Échéance : ") == item.date_text, dates[0]
        legend = " ".join("".join(t.itertext()) for t in svg.iter(f"{SVG}text") if "dg-label" in (t.get("class") or ""))
        has_period = any(not when_of(i).single_day for i in items.values())
        assert ("Période" in legend) == has_period
        assert any(e.get("class") == "dg-span" for g in svg.iter(f"{SVG}g") if g.get("class") == "dg-legend" for e in g.iter()) == has_period


def test_actor_map_shows_every_actor_and_relation(rendered):
    """The desk's pictures (one per question) draw every relation once; the phone's list draws
    every actor and every relation."""
    site, pages = rendered
    *wide, narrow = svgs(pages["acteurs.md"])
    assert wide and narrow.get("class") == "dg dg-actor-list"
    relations = sorted((a.id, rel.target) for a in site.sheet.actors for rel in a.relations)
    for svg in (*wide, narrow):
        assert svg.get("role") == "graphics-document"  # not "img": its links must stay reachable (axe: nested-interactive)
    drawn = sorted((g.get("data-source"), g.get("data-target")) for svg in wide for g in svg.iter(f"{SVG}g") if g.get("data-source"))
    assert drawn == relations
    joined = {i for pair in relations for i in pair}
    assert set().union(*(ids_in(svg, "data-id") for svg in wide)) == joined
    assert ids_in(narrow, "data-id") == set(site.actors)
    assert sorted((g.get("data-source"), g.get("data-target")) for g in narrow.iter(f"{SVG}g") if g.get("data-source")) == relations
    text = " ".join("".join(t.itertext()) for t in narrow.iter(f"{SVG}text"))
    for a in site.sheet.actors:
        for word in a.name.split():
            assert word in text


def real_site() -> Site:
    problems = Problems()
    loaded = load(ROOT, problems)
    assert loaded is not None, problems
    return Site(loaded, Settings())


@pytest.mark.parametrize("sheet", ["story", "big", "real"])
def test_actor_maps_cross_few_arrows_and_labels_sit_clear(tmp_path, sheet):
    """The desk's pictures: each relation's label covers no other arrow, no arrow runs
    under an actor it does not join, and ordering the columns and rows crosses far fewer
    arrows than the map in its default order (one picture, countries by size, actors by kind)."""
    import importlib

    from explainer.diagrams.layout import box_hits_path, crossings

    am_module = importlib.import_module("explainer.diagrams.actor_map")

    site = real_site() if sheet == "real" else Site(loaded_of(project_with(tmp_path, BIG if sheet == "big" else None)), Settings())
    page = site.page("acteurs.md")
    maps = diagrams.Diagrams(site).actor_maps(page)
    for m in maps:
        for e in m.edges:
            others = [f.path for f in m.edges if str(f.path) != str(e.path)]  # relations sharing an arrow share its path
            assert not any(box_hits_path(e.label.box, p) for p in others), (m.name, e.source, e.target)
            assert not any(box_hits_path(n.box, e.path) for n in m.nodes if n.id not in (e.source, e.target)), (m.name, e.source, e.target)
        # no label or number covers an arrowhead, its own either: its halo would hide which way
        # the relation goes (visual review 3, M1: « s'est associé à » over Walmart → Microsoft)
        heads = {str(e.path): e.path.commands[-1][1][-1] for e in m.edges if e.drawn}
        covered = [(m.name, e.source, e.target, head) for e in m.edges for head in heads.values()
                   if e.label.box.x - 3 <= head[0] <= e.label.box.right + 3 and e.label.box.y - 3 <= head[1] <= e.label.box.bottom + 3]
        assert covered == []
    ordered = sum(crossings(m.paths()) for m in maps)
    # the default order, drawn as one picture: what the map looked like before it was ordered
    heights = am_module._node_heights(site)
    columns = [col for cols in am_module._country_columns(site, list(site.sheet.actors)) for col in cols]
    default = crossings(am_module._geometry(columns, am_module._relations(site), heights, 0, 30).paths)
    relations = sum(len(a.relations) for a in site.sheet.actors)
    assert ordered <= max(default // 3, 0) and ordered <= relations // 4, (ordered, default, relations)


CLEAR = 6


def nearest_edge(box, edges):
    """The arrows that pass nearest to a label's box: the nearest, and every other within
    CLEAR of it. Relations drawn as one arrow (from one actor to the same other) are one."""
    from explainer.diagrams.layout import box_path_distance

    arrows = {str(e.path): e.path for e in edges}
    distances = {key: box_path_distance(box, path) for key, path in arrows.items()}
    best = min(distances.values())
    near = {key for key, d in distances.items() if d < best + CLEAR}
    return [e for e in edges if str(e.path) in near]


@pytest.mark.parametrize("sheet, picture", [
    (sheet, picture) for sheet in ("story", "big", "real") for picture in (*MAP_QUESTIONS, "phone")
])
def test_every_edge_label_sits_on_its_own_edge(tmp_path, sheet, picture):
    """A reader takes a label for the arrow it is nearest to: on every picture of relations
    (each desk map, drawn from 48em up and scaled to the page's column, and the phone's
    list, drawn below), the one arrow nearest to each label (its words, or the number whose
    words are in the key under the map) is the one it names, and every other passes at least
    CLEAR farther; no arrow runs through a label but the one its relation draws (an arrow two
    relations share is drawn by the first), and no two labels overlap. A numbered relation's
    words are in the key, whole, beside the same number."""
    site = real_site() if sheet == "real" else Site(loaded_of(project_with(tmp_path, BIG if sheet == "big" else None)), Settings())
    page = site.page("acteurs.md")
    d = diagrams.Diagrams(site)
    if picture == "phone":
        al = d.actor_list(page)
        edges, labels = al.edges, [(e, e.verb) for e in al.edges]
    else:
        found = [m for m in d.actor_maps(page) if m.name == f"actor-map-{picture}"]
        if not found:
            pytest.skip(f"no {picture} map in this story")
        edges, labels = found[0].edges, [(e, e.label) for e in found[0].edges]
    from explainer.diagrams.layout import box_hits_path

    wrong = []
    for edge, label in labels:
        if any(box_hits_path(label.box, e.path) for e in edges if getattr(e, "drawn", True) and e is not edge):
            wrong.append((" ".join(ln.text for ln in label.lines), edge.source, edge.target, "crossed"))
        nearest = nearest_edge(label.box, edges)
        if {str(e.path) for e in nearest} != {str(edge.path)}:
            wrong.append((" ".join(ln.text for ln in label.lines), edge.source, edge.target,
                          [(e.source, e.target) for e in nearest]))
    assert diagrams.first_overlap([label.box for _, label in labels]) is None
    if picture != "phone":
        key = {k.number.lines[0].text: " ".join(ln.text for ln in k.text.lines) for k in getattr(found[0], "key", [])}
        assert sorted(key) == sorted(str(e.marker) for e in edges if getattr(e, "marker", 0))
        for e in edges:
            if getattr(e, "marker", 0):
                words = typography(site.verb(e.type)).rsplit(" ", 1)[0]  # its last word may be elided (d’Oracle)
                assert words in key[str(e.marker)], (e.type, key)
        # a label against an actor its relation does not link reads as that actor's (« Zoom s'est
        # associé à … », visual review 2): it keeps AWAY from every other actor's box
        from explainer.diagrams.actor_map import AWAY

        for edge, label in labels:
            if getattr(edge, "marker", 0):
                continue
            for node in found[0].nodes:
                if node.id not in (edge.source, edge.target) and label.box.overlaps(node.box, AWAY):
                    wrong.append((" ".join(ln.text for ln in label.lines), edge.source, edge.target, "beside " + node.id))
    assert not wrong, "\n".join(map(str, wrong))


@pytest.mark.parametrize("sheet", ["story", "big", "real"])
def test_phone_actor_map_fits_390_px_at_reading_size(tmp_path, sheet):
    """The phone's picture is no wider than a 390 px screen's column, its text no smaller than
    the desk's, and no label overlaps another or an arrow."""
    from explainer.diagrams.layout import box_hits_path

    site = real_site() if sheet == "real" else Site(loaded_of(project_with(tmp_path, BIG if sheet == "big" else None)), Settings())
    al = diagrams.Diagrams(site).actor_list(site.page("acteurs.md"))
    assert al.width <= 358  # 390 px less the page's margins
    assert min(lbl.size for n in al.nodes for lbl in (n.name, n.kind_label)) >= 11
    assert min(e.verb.size for e in al.edges) >= 11
    assert diagrams.first_overlap(al.boxes()) is None
    for e in al.edges:
        for f in al.edges:
            if f is not e:
                assert not box_hits_path(e.verb.box, f.path) and not box_hits_path(e.name.box, f.path)


@pytest.mark.parametrize("sheet", ["story", "big", "real"])
def test_phone_actor_map_lists_the_weightiest_actors_first(tmp_path, sheet):
    """Issue 24 (4): on the phone's list, the groups (countries) in order of their actors'
    weight in the story (`Site.weight`: facts, events, deadlines, relations naming them), the
    actors no article places last, under a neutral title (not « Pays non précisé », visual
    review 2); inside a group, the weightiest actor first."""
    site = real_site() if sheet == "real" else Site(loaded_of(project_with(tmp_path, BIG if sheet == "big" else None)), Settings())
    al = diagrams.Diagrams(site).actor_list(site.page("acteurs.md"))
    groups = []
    for node in al.nodes:
        group = site.group_of(site.actors[node.id])
        if not groups or groups[-1][0] != group:
            groups.append((group, []))
        groups[-1][1].append(site.weight[node.id])
    assert len({g for g, _ in groups}) == len(groups)  # each group once
    for _, weights in groups:
        assert weights == sorted(weights, reverse=True), groups
    known = [sum(w) for g, w in groups if g]
    assert known == sorted(known, reverse=True), groups
    assert all(g for g, _ in groups[:-1]), groups  # no country: last
    titles = ["".join(ln.text for ln in g.title.lines) for g in al.groups]
    assert not any("non précisé" in t.lower() for t in titles), titles


def test_deals_show_every_party(rendered):
    site, pages = rendered
    page = pages[site.showing("deals").path]
    found = svgs(page)
    assert [s.get("aria-labelledby").split()[0] for s in found] == [f"dg-deal-{d.id}-title" for d in site.sheet.deals]
    for svg, deal in zip(found, site.sheet.deals):
        assert [g.get("data-actor") for g in svg.iter(f"{SVG}g") if g.get("data-actor")] == [p.actor for p in deal.parties]
        # the deal's anchor beside its drawing, and the drawing's text (object, each party) for
        # screen readers and search
        assert f'id="{deal.id}"' in page
        text = page.split(f'id="{deal.id}"', 1)[1].split('class="visually-hidden deal-parties"', 1)[1].split("</div>", 1)[0]
        assert all(f"]({site.link(p.actor, site.showing('deals'))})" in text for p in deal.parties)


DEAL_BORDERS = """() => [...document.querySelectorAll('svg.dg[class*="dg-deal-"]')].map(svg => ({
  name: svg.getAttribute('class'),
  parties: [...svg.querySelectorAll('.dg-party')].map(g => [g.className.baseVal, getComputedStyle(g.querySelector('.dg-party-box')).strokeDasharray]),
  key: [...svg.querySelectorAll('.dg-deal-key')].map(g => [g.textContent.trim(), getComputedStyle(g.querySelector('rect')).strokeDasharray]),
}))"""


@pytest.mark.browser
def test_a_deals_border_styles_have_a_key_in_the_picture(tmp_path, new_page):
    """Visual review 2 (9): the deal frames were solid, dashed or dotted with no key. As the
    browser draws them: a party's frame is dashed exactly when the fact reporting its role is
    not confirmé, and under each deal a key shows each border the deal draws, once, with the
    words for what it means."""
    from explainer.pipeline import run_build

    project = project_with(tmp_path)
    result = run_build(project)
    assert result.ok
    site = result.site
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto((project.path("site") / site.showing("deals").address.url.strip("/") / "index.html").as_uri())
    drawn = page.evaluate(DEAL_BORDERS)
    assert len(drawn) == len(site.sheet.deals)
    statuses = set()
    for svg in drawn:
        borders = {}
        for classes, dash in svg["parties"]:
            status = next(c for c in classes.split() if c.startswith("dg-status-")).removeprefix("dg-status-")
            statuses.add(status)
            assert (dash == "none") == (status == "confirmé"), (svg["name"], classes, dash)
            borders.setdefault(dash, set()).add(status)
        keyed = {dash: words for words, dash in svg["key"]}
        assert len(keyed) == len(svg["key"]) and set(keyed) == set(borders), (svg["name"], svg["key"], borders)
        for dash, words in keyed.items():
            for status in borders[dash]:
                assert status in words, (svg["name"], words, status)
    assert len(statuses) >= 2  # the fixture draws both borders


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
    yield "timeline_compact_narrow", d.timeline_compact_narrow(page)
    yield "actor_map", d.actor_map(page)
    for m in d.actor_maps(page):
        yield m.name, m
    yield "actor_list", d.actor_list(page)
    for deal in d.deals(page):
        yield deal.id, deal


@pytest.mark.parametrize("sheet", ["story", "big", "real"])
def test_no_two_labels_overlap(tmp_path, sheet):
    """Every picture (timelines, actor maps, the phone's map, deals) of the fixtures and of the
    real story: no two texts overlap, every text inside the drawing, no text over a mark."""
    site = real_site() if sheet == "real" else Site(loaded_of(project_with(tmp_path, BIG if sheet == "big" else None)), Settings())
    for name, layout in all_layouts(site):
        boxes = layout.boxes()
        assert boxes, name
        assert diagrams.first_overlap(boxes) is None, (name, diagrams.first_overlap(boxes))
        for b in boxes:  # and every text inside the drawing
            assert b.x >= 0 and b.y >= 0 and b.right <= layout.width + 0.5 and b.bottom <= layout.height + 0.5, (name, b)
        assert_marks_clear(name, layout)


def assert_marks_clear(name: str, layout) -> None:
    """On a timeline no text covers a mark (a point, a period's bar, an old date, a stem) and
    every mark is inside the drawing; down the page, no two marks touch either."""
    if not hasattr(layout, "mark_boxes"):
        return
    marks = layout.mark_boxes()
    for text in layout.boxes():
        hit = next((m for m in marks if text.overlaps(m)), None)
        assert hit is None, (name, "text over a mark", text, hit)
    for m in marks:
        assert m.x >= 0 and m.y >= 0 and m.right <= layout.width + 0.5 and m.bottom <= layout.height + 0.5, (name, m)
    if layout.orientation == "vertical":
        shapes = [m.box for m in layout.marks]
        assert diagrams.first_overlap(shapes) is None, (name, diagrams.first_overlap(shapes))
    else:  # across: no point hides another, with room to tell them apart (10, 13, 15, 20 September)
        points = [m.box for m in layout.marks if not m.span]
        points += [Box(ox - 5, oy - 5, 10, 10) for m in layout.marks for ox, oy, _ in m.old]
        apart = one_per_day(points)
        assert diagrams.first_overlap(apart) is None, (name, "two points pile up", diagrams.first_overlap(apart))


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
        event.model_copy(update={"id": f"evenement-{i}", "date": Date(f"2020-09-{1 + i % 10:02d}"), "title": "Un événement " * (1 + i % 4)})
        for i in range(40)
    ]
    # and 12 periods over each other and over those days: two days, a week, a month, a season
    lengths = [1, 6, 2, 20, 1, 10]
    events += [
        event.model_copy(update={"id": f"periode-{i}", "date": Date(f"2020-09-{1 + i % 9:02d}/2020-09-{1 + i % 9 + lengths[i % 6]:02d}"),
                                 "date_text": "une période", "title": "Une période " * (1 + i % 3)})
        for i in range(12)
    ] + [event.model_copy(update={"id": "ete", "date": Date("2020-22"), "date_text": "l’été 2020", "title": "Tout l’été"})]
    deadline = sheet.deadlines[0]
    deadlines = list(sheet.deadlines) + [deadline.model_copy(update={"id": "echeance-periode", "date": Date("2020-09-03/2020-09-12"), "history": []})]
    crowded = dataclasses.replace(
        loaded, sheet=sheet.model_copy(update={"actors": actors, "events": events, "deadlines": deadlines})
    )
    site = Site(crowded, Settings())
    for name, layout in all_layouts(site):
        assert diagrams.first_overlap(layout.boxes()) is None, name
        assert_marks_clear(name, layout)


def test_diagram_changes_when_the_fact_sheet_does(tmp_path):
    project = project_with(tmp_path)
    before = site_and_pages(loaded_of(project), project.path("templates"))[1]
    sheet = project.root / "facts.yml"
    text = sheet.read_text(encoding="utf-8")
    text = text.replace("    date_basis: alpha\n    kind: annonce", "    date_basis: alpha\n    kind: decision")
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


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


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


def _lab(hex_colour: str) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB colour."""
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    xyz = ((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b,
           (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883)
    fx, fy, fz = [v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116 for v in xyz]
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


#: Two kinds a legend tells apart by colour alone differ by at least this much (CIE76 ΔE): the
#: visual review found Annonce/Déclaration, Décision/Échéance, Entreprise/Gouvernement (dark)
#: confused at 27–37.
DISTINCT = 40


def test_every_kind_of_a_legend_has_its_own_colour_in_both_schemes():
    """The timeline's kinds (events and deadlines) and the actor map's kinds: in each palette,
    light and dark, no two kinds closer than DISTINCT in CIELAB."""
    import itertools

    from explainer import model

    css = (ROOT / "docs" / "assets" / "diagrams.css").read_text(encoding="utf-8")
    dark_start = css.index('[data-md-color-scheme="slate"] .diagram {')
    blocks = {"light": css[css.index(".diagram {") : css.index("}", css.index(".diagram {"))],
              "dark": css[dark_start : css.index("}", dark_start)]}
    close = []
    for scheme, block in blocks.items():
        colours = dict(re.findall(r"--dg-([a-z]+):\s*(#[0-9a-f]{6})", block))
        for kinds in ([*model.EVENT_KINDS, "echeance"], list(model.ACTOR_KINDS)):
            for a, b in itertools.combinations(kinds, 2):
                d = sum((x - y) ** 2 for x, y in zip(_lab(colours[a]), _lab(colours[b]))) ** 0.5
                if d < DISTINCT:
                    close.append((scheme, a, b, round(d, 1)))
    assert close == []


MEASURE = """() => {
  const out = [];
  for (const svg of document.querySelectorAll('figure.diagram svg')) {
    if (!svg.getClientRects().length) continue;  // the variant hidden at this width
    const box = e => { const b = e.getBBox(); return {text: e.textContent, x: b.x, y: b.y, w: b.width, h: b.height}; };
    const boxes = [...svg.querySelectorAll('text')].map(box);
    // on a timeline, what marks a date: points, periods' bars and serifs, old dates, stems
    const marks = svg.matches('[class*="dg-timeline"]')
      ? [...svg.querySelectorAll('.dg-mark .dg-shape, .dg-span, .dg-span-end, .dg-mark .dg-old-mark, .dg-stem')].filter(e => !e.closest('.dg-legend')).map(box)
      : [];
    // points on an axis across the page (circles, diamonds, old dates): none may hide another
    const points = svg.matches('.dg-timeline-compact, .dg-timeline-compact-narrow')
      ? [...svg.querySelectorAll('.dg-mark .dg-shape, .dg-mark .dg-old-mark')].map(box) : [];
    const view = svg.viewBox.baseVal;
    // the size of each text as the reader gets it: its font size times the drawing's scale
    const scale = svg.getBoundingClientRect().width / view.width;
    const sizes = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
      .map(t => [t.textContent.trim().slice(0, 40), parseFloat(getComputedStyle(t).fontSize) * scale]);
    out.push({name: svg.getAttribute('class'), boxes, marks, points, sizes, width: view.width, height: view.height});
  }
  return out;
}"""


CROSSED = """() => {
  // every text of every visible diagram, and the lines and paths of other groups that cross it
  const out = [];
  for (const svg of document.querySelectorAll('figure.diagram svg')) {
    if (!svg.getClientRects().length) continue;
    const group = el => el.closest('g.dg-edge, g.dg-mark, g.dg-party, a') || el.parentNode;
    const strokes = [...svg.querySelectorAll('path, line')].filter(el => !el.closest('defs, .dg-legend')
      && !el.classList.contains('dg-shape') && !el.classList.contains('dg-old-mark'))
      .map(el => [el, el.getBBox()]);
    for (const t of svg.querySelectorAll('text')) {
      const b = t.getBBox();
      if (!b.width) continue;
      for (const [s, sb] of strokes) {
        if (group(s) === group(t)) continue;
        // every point of a line is inside its box: a box clear of the text's (half a unit to
        // spare) has no point in it, and is not sampled
        if (sb.x + sb.width < b.x + 0.5 || sb.x > b.x + b.width - 0.5
            || sb.y + sb.height < b.y + 0.5 || sb.y > b.y + b.height - 0.5) continue;
        const n = s.getTotalLength();
        for (let k = 0; k <= 40; k++) {
          const p = s.getPointAtLength(n * k / 40);
          if (p.x > b.x + 1 && p.x < b.x + b.width - 1 && p.y > b.y + 1 && p.y < b.y + b.height - 1) {
            out.push([svg.getAttribute('class'), t.textContent, s.getAttribute('class') || s.tagName]);
            break;
          }
        }
      }
    }
  }
  return out;
}"""


def one_per_day(points: list) -> list:
    """Points around one centre are one day's marks (several events of a day share their point,
    their numbers stacked above it): the largest stands for them."""
    by_centre: dict = {}
    for b in points:
        key = round(b.x + b.w / 2)
        if key not in by_centre or b.w > by_centre[key].w:
            by_centre[key] = b
    return list(by_centre.values())


def assert_points_apart(svg: dict, where) -> None:
    """No point of a timeline across the page covers or touches another (MEASURE's `points`):
    each can be seen, and its number read above it (visual review 2: 13 September hidden under
    15 September's diamond)."""
    points = [diagrams.Box(b.x + 0.25, b.y, b.w - 0.5, b.h)  # rounding
              for b in one_per_day([diagrams.Box(b["x"], b["y"], b["w"], b["h"]) for b in svg["points"]])]
    assert diagrams.first_overlap(points) is None, (*where, svg["name"], "two points pile up", diagrams.first_overlap(points))


#: The smallest text a picture prints, as rendered (font size times the drawing's scale), on a
#: 390 px phone: visual review 2 measured 11 px on the timelines, the deals and the phone's map.
SMALLEST = 12


@pytest.mark.browser
@pytest.mark.parametrize("sheet", ["story", "big"])
def test_no_two_texts_overlap_and_no_line_crosses_a_text_in_chromium(tmp_path, sheet, new_page):
    """Every visible diagram (actor maps, timelines, deals) at 390 px and 1280 px, one visit of
    each page: getBBox() of every <text>, no two overlapping; on the timelines no text covers a
    mark (point, period, old date, stem) and every mark is inside the drawing; no line or arrow
    runs through a text it does not belong to; no sideways scrolling, nothing fetched from
    elsewhere."""
    from explainer.pipeline import run_build

    project = project_with(tmp_path, BIG if sheet == "big" else None)
    result = run_build(project)
    assert result.ok
    paths = diagram_pages(result.site)
    assert len(paths) == 4  # home, actors, deadlines, deals
    site = project.path("site")
    for width in (390, 1280):
        page = new_page(viewport={"width": width, "height": 900})
        outside = []
        page.on("request", lambda r, outside=outside: None if r.url.startswith("file:") else outside.append(r.url))
        measured = timelines = 0
        for path in paths:
            page.goto((site / path / "index.html").as_uri())
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (path, width)
            assert page.evaluate(CROSSED) == [], (path, width)
            for svg in page.evaluate(MEASURE):
                boxes = [diagrams.Box(b["x"], b["y"], b["w"], b["h"]) for b in svg["boxes"] if b["w"]]
                measured += len(boxes)
                shrunk = [diagrams.Box(b.x + 0.5, b.y + 0.5, b.w - 1, b.h - 1) for b in boxes]  # rounding
                assert diagrams.first_overlap(shrunk) is None, (path, width, svg["name"], diagrams.first_overlap(shrunk))
                marks = [diagrams.Box(m["x"], m["y"], m["w"], m["h"]) for m in svg["marks"]]
                timelines += bool(marks)
                for text in shrunk:
                    hit = next((m for m in marks if text.overlaps(m)), None)
                    assert hit is None, (path, width, svg["name"], "text over a mark", text, hit)
                for m in marks:
                    assert m.x >= -0.5 and m.y >= -0.5 and m.right <= svg["width"] + 0.5 and m.bottom <= svg["height"] + 0.5, (path, width, svg["name"], m)
                assert_points_apart(svg, (path, width))
        assert measured > 10
        assert timelines == 2  # the home page's and the Échéances page's, in the variant this width shows
        assert outside == []


def test_a_deal_row_resting_on_a_disputed_fact_carries_the_disagreement(tmp_path):
    """Reading I (F1, F2): a deal row states what its fact says; when that fact is what a
    disagreement is about, or one of its sides, the row carries the disagreement (≠ and a link to
    it, in the drawing's tooltip and in its text list), as a sentence of the narrative does. A
    row on an undisputed fact carries none."""
    project = project_with(tmp_path)
    site, pages = site_and_pages(loaded_of(project), project.path("templates"))
    page = pages[site.showing("deals").path]
    disputed = {p.fact: site.disputes([p.fact]) for d in site.sheet.deals for p in d.parties}
    assert any(disputed.values()) and not all(disputed.values())  # the fixture has both kinds
    rows = {g.get("data-actor") + "/" + d.id: g for d, svg in zip(site.sheet.deals, svgs(page))
            for g in svg.iter(f"{SVG}g") if g.get("data-actor")}
    lines = iter(x for x in page.splitlines() if x.startswith("- [") and "](acteurs.md#" in x.split(",")[0])
    for deal in site.sheet.deals:
        for p in deal.parties:
            tip = "".join(t.text or "" for t in rows[f"{p.actor}/{deal.id}"].iter(f"{SVG}title"))
            line = next(lines)
            assert line.startswith(f"- [{site.actors[p.actor].name}]"), line
            for d in disputed[p.fact]:
                assert typography(site.disagreements[d].title) in tip, tip
                assert "divergence entre les articles" in line, line
            if not disputed[p.fact]:
                assert "diverg" not in tip and "divergence" not in line, (tip, line)


def test_a_relation_resting_on_a_disputed_fact_carries_the_disagreement(tmp_path):
    """Reading I (F2): a relation of the actor map (both drawings) carries the disagreement its
    fact is in, as a deal row does. Issue 24: the map tells each relation once; the actors'
    cards do not retell them."""
    project = project_with(tmp_path)
    site, pages = site_and_pages(loaded_of(project), project.path("templates"))
    page = pages[site.showing("actors").path]
    rels = [(a, r) for a in site.sheet.actors for r in a.relations]
    assert any(site.disputes([r.fact]) for _, r in rels)  # the fixture has one
    edges = [g for svg in svgs(page) for g in svg.iter(f"{SVG}g") if "dg-edge" in (g.get("class") or "")]
    for a, r in rels:
        tips = ["".join(t.text or "" for t in g.iter(f"{SVG}title")) for g in edges
                if g.get("data-source") == a.id and g.get("data-target") == r.target]
        assert tips
        for d in site.disputes([r.fact]):
            assert all(typography(site.disagreements[d].title) in tip for tip in tips), tips
    assert not [x for x in page.splitlines() if x.startswith("**Relations.**")]  # told once, by the map

