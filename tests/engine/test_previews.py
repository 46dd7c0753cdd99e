"""Link previews and structured data in every page's static HTML, with no network."""

from __future__ import annotations

import json
import re


def test_json_ld_cannot_close_its_script(fixture_project):
    from explainer.pipeline import run_build

    path = fixture_project.root / "facts.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Fermeture des quais", 'title: "</script><script>alert(1)</script>"'), encoding="utf-8")
    assert run_build(fixture_project).ok
    html = (fixture_project.path("site") / "echeances" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and "\\u003c/script\\u003e" in block  # structured.jsonld writes no "<" at all
    assert json.loads(block)["@graph"][1]["name"] == "</script><script>alert(1)</script>"

