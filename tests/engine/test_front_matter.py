"""The front matter of a news explainer (issue 24, point 1): one title everywhere; under it, on
every page, who signs, when it was published and updated, the date the articles stop at and
where to report an error, all from the story's data; « En bref » at the top of the home page,
checked by the narrative rules."""

from __future__ import annotations

import html
import re
import pytest

from helpers import edit
from explainer.pipeline import run_build, run_check


def pages(site):
    return sorted(p for p in site.rglob("index.html") if p.parent.name not in ("search",))


def front_matter(page_html: str) -> str:
    m = re.search(r'<div class="front-matter"[^>]*>(.*?)</div>', page_html, re.S)
    return m.group(1) if m else ""


def test_what_the_story_does_not_give_is_left_out(fixture_project):
    """A story with no newsroom builds, and its pages say when, not who nor where to write."""
    result = run_build(fixture_project)
    assert result.ok, result.problems.items
    for page in pages(fixture_project.path("site")):
        fm = front_matter(page.read_text(encoding="utf-8"))
        assert ("Publié le" in fm or "Mis à jour le" in fm) and "Signaler une erreur" not in fm and "byline" not in fm, page
    # a newsroom with only a name and an address for corrections: no desk, no authors, no link
    edit(fixture_project.path("facts"), '  published: "2021-03-02"\n',
         '  published: "2021-03-02"\n  newsroom: {name: Le Télégramme, corrections: "mailto:erreurs@example.org"}\n')
    result = run_build(fixture_project)
    assert result.ok, result.problems.items
    fm = front_matter((fixture_project.path("site") / "index.html").read_text(encoding="utf-8"))
    assert '<p class="byline">Le Télégramme</p>' in fm
    assert 'href="mailto:erreurs@example.org">Signaler une erreur</a>' in html.unescape(fm)  # the address is written as character references


BRIEF = '''narrative:
  en-bref:
{bullets}
  accueil:
'''


@pytest.mark.parametrize("bullets, message", [
    (["Les pêcheurs demandent un délai jusqu'au 9 mars [delai-pecheurs]."], None),
    (["La mairie ferme les quais le 2 mars [fermeture-quais]."], "phrase affirmative"),
    (["La mairie fermerait les quais."], "phrase sans référence"),
    (["La mairie fermerait les quais [fermeture-quais]."] * 5, "« En bref » en compte au plus 4"),
])
def test_en_bref_is_checked_by_the_narrative_rules(fixture_project, bullets, message):
    edit(fixture_project.path("facts"), "narrative:\n  accueil:\n",
         BRIEF.format(bullets="\n".join(f"    - >-\n      {b}" for b in bullets)))
    result = run_check(fixture_project)
    found = [str(p) for p in result.problems.items]
    if message is None:
        assert found == []
    else:
        assert any(message in p and p.startswith("facts.yml:") for p in found), found

