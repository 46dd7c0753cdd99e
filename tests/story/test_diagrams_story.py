"""The diagrams (explainer/diagrams/, templates/diagrams/): well-formed SVG, complete, no overlapping labels: this story's acceptance tests (the engine's are in tests/engine/test_diagrams.py)."""

from __future__ import annotations

import pytest

from explainer import diagrams
from test_diagrams import CROSSED, MEASURE, SMALLEST, assert_points_apart, diagram_pages, real_site  # the engine's tests' helpers (tests/engine/test_diagrams.py)


@pytest.mark.browser
def test_the_real_storys_pictures_read_at_390_and_1280_px(real_copy, new_page):
    """The published story, as readers get it: on every page that shows a picture, at 390 px
    and 1280 px, no sideways scrolling, the whole visible picture inside the window, no two
    texts overlapping, no line through a text of another group, no point of a timeline on
    another; on a phone no text smaller than 12 px."""
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
                assert_points_apart(svg, (path, width))
                if width == 390:  # every text of every picture a phone shows at least SMALLEST px
                    small = [(text, round(px, 1)) for text, px in svg["sizes"] if px < SMALLEST - 0.05]
                    assert small == [], (path, svg["name"], small)

