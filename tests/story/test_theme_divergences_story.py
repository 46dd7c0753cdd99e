"""Issue 24 (told once): the theme pages no longer end with a list of divergence titles that
their facts' « divergence » links already give; every divergence of a theme is still reached
from its page (a fact's link or the opening), so none is lost: this story's acceptance test
(the engine's is in tests/engine/test_site.py)."""

from __future__ import annotations

from explainer.load import load
from explainer.problems import Problems


def test_every_divergence_of_a_theme_is_linked_from_its_page(real_copy):
    sheet = load(real_copy.root, Problems()).sheet
    site = real_copy.path("site")
    themes = [t for t in sheet.themes if t.shows in (None, "deals")]
    checked = 0
    for theme in themes:
        html = (site / theme.id / "index.html").read_text(encoding="utf-8")
        for d in sheet.disagreements:
            if theme.id in d.themes:
                assert f'href="../divergences/#{d.id}"' in html, (theme.id, d.id)
                checked += 1
    assert len(themes) >= 4 and checked >= 15  # the test reads the pages (not an empty site)
