"""Permanent addresses: the manifest is enforced, aliases keep old links landing, and every: this story's acceptance tests (the engine's are in tests/engine/test_links.py)."""

from __future__ import annotations

import re

from explainer.pipeline import Project, run_links


def test_every_element_has_a_copy_link_control(real_copy):
    from explainer.pipeline import run_check
    from explainer.site import plan

    site = real_copy.path("site")
    site_plan = plan(run_check(real_copy).loaded)
    pages = {site_plan.page_of(item.id).address.url.strip("/") for _, _, item in site_plan.sheet.elements()}
    assert len(pages) >= 6
    for page in sorted(pages):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        buttons = set(re.findall(r'class="citer"[^>]*? data-anchor="([^"]+)"', html))
        assert buttons, page
        ids = set(re.findall(r'\bid="([^"]+)"', html))
        assert buttons <= ids, (page, buttons - ids)
        assert 'aria-label="Citer ' in html


def test_manifest_is_sorted_and_current(real_root):
    lines = [line for line in (real_root / "links.txt").read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert lines == sorted(lines)
    result = run_links(Project(root=real_root))  # nothing listed disappears…
    assert not result.problems, result.problems.items
    assert result.site.published() <= set(lines)  # …and everything the site publishes is listed

