"""The diagrams (explainer/diagrams/, templates/diagrams/): well-formed SVG, complete, no overlapping labels: this story's acceptance tests (the engine's are in tests/engine/test_diagrams.py)."""

from __future__ import annotations

import pytest

from explainer import diagrams
from explainer.load import load
from explainer.problems import Problems
from explainer.site import Settings, Site
from helpers import ROOT


def diagram_pages(site: Site) -> list[str]:
    """The built site's folders (relative to site/) of the home page and every page that shows a
    picture (actors, deadlines, deals), read from the site plan: never a story's page id."""
    return ["."] + [p.address.url.strip("/") for p in site.pages if p.shows]


def real_site() -> Site:
    problems = Problems()
    loaded = load(ROOT, problems)
    assert loaded is not None, problems
    return Site(loaded, Settings())


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
    const view = svg.viewBox.baseVal;
    out.push({name: svg.getAttribute('class'), boxes, marks, width: view.width, height: view.height});
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


@pytest.mark.browser
def test_the_real_storys_pictures_read_at_390_and_1280_px(real_copy, new_page):
    """The published story, as readers get it: on every page that shows a picture, at 390 px
    and 1280 px, no sideways scrolling, the whole visible picture inside the window, no two
    texts overlapping and no line through a text of another group."""
    site_plan = real_site()
    paths = diagram_pages(site_plan)
    site = real_copy.path("site")
    for width in (390, 1280):
        page = new_page(viewport={"width": width, "height": 900})
        for path in paths:
            page.goto((site / path / "index.html").as_uri())
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (path, width)
            wider = page.evaluate("""() => [...document.querySelectorAll('figure.diagram svg')]
                .filter(s => s.getClientRects().length && s.getBoundingClientRect().right > window.innerWidth + 0.5)
                .map(s => s.getAttribute('class'))""")
            assert wider == [], (path, width, wider)
            assert page.evaluate(CROSSED) == [], (path, width)
            if width == 1280:  # relation labels, numbers and key at least 12 px on a desk
                small = page.evaluate("""() => [...document.querySelectorAll('svg.dg')]
                    .filter(s => s.getClientRects().length && s.querySelector('.dg-edge'))
                    .flatMap(s => [...s.querySelectorAll('.dg-edge text, .dg-key text')].map(t => [
                      t.textContent, t.getBoundingClientRect().height / t.getBBox().height
                        * parseFloat(t.getAttribute('font-size'))]))
                    .filter(([, px]) => px < 12)""")
                assert small == [], (path, small)
            for svg in page.evaluate(MEASURE):
                boxes = [diagrams.Box(b["x"] + 0.5, b["y"] + 0.5, b["w"] - 1, b["h"] - 1) for b in svg["boxes"] if b["w"]]
                assert diagrams.first_overlap(boxes) is None, (path, width, svg["name"], diagrams.first_overlap(boxes))

