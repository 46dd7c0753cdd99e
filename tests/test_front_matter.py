"""The front matter of a news explainer (issue 24, point 1): one title everywhere; under it, on
every page, who signs, when it was published and updated, the date the articles stop at and
where to report an error, all from the story's data; « En bref » at the top of the home page,
checked by the narrative rules."""

from __future__ import annotations

import html
import re

import pytest
from helpers import ROOT, edit

from explainer.load import load
from explainer.pipeline import run_build, run_check
from explainer.problems import Problems
from explainer.siteconfig import read_site_config
from explainer.dates import french as french_date


def pages(site):
    return sorted(p for p in site.rglob("index.html") if p.parent.name not in ("search",))


def front_matter(page_html: str) -> str:
    m = re.search(r'<div class="front-matter"[^>]*>(.*?)</div>', page_html, re.S)
    return m.group(1) if m else ""


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def test_one_title_everywhere(real_copy):
    story = load(real_copy.root, Problems()).sheet.story
    site = real_copy.path("site")
    home = (site / "index.html").read_text(encoding="utf-8")
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", home, re.S).group(1)
    titles = {
        "site_name (story.title)": read_site_config(real_copy.path("config")).site_name,
        "H1 de l'accueil": text_of(re.sub(r'<a class="headerlink".*?</a>', "", h1)),
        "og:site_name": html.unescape(re.search(r'property="og:site_name" content="([^"]*)"', home).group(1)),
        "README": (ROOT / "README.md").read_text(encoding="utf-8").splitlines()[0].removeprefix("# "),
        "flux Atom": html.unescape(re.search(r"<title>(.*?)</title>", (site / "feed.xml").read_text(encoding="utf-8")).group(1)),
    }
    titles["flux Atom"] = titles["flux Atom"].removesuffix(" : mises à jour").removesuffix("\u00a0: mises à jour")
    assert {name: value.replace("’", "'") for name, value in titles.items()} == dict.fromkeys(titles, story.title.replace("’", "'"))


def test_every_page_carries_the_story_s_front_matter(real_copy):
    story = load(real_copy.root, Problems()).sheet.story
    newsroom = story.newsroom
    assert newsroom is not None
    built = pages(real_copy.path("site"))
    assert len(built) > 15
    for page in built:
        fm = front_matter(page.read_text(encoding="utf-8"))
        words = text_of(fm)
        assert newsroom.name in words, page
        assert all(author in words for author in newsroom.authors), page
        assert re.search(r"[Mm]is à jour le <a href=\"[^\"]*\"><time datetime=", fm), page
        assert f'href="{html.escape(newsroom.corrections)}">Signaler une erreur</a>' in fm, page
        # the full dateline once, on the home page; a short one (updated) on the others
        full = page.parent == real_copy.path("site")
        assert (f"Publié le {french_date(story.published)}" in words) == full, page
        assert (f"état des connaissances {'au' if len(story.as_of) > 7 else 'en'} {french_date(story.as_of)}" in words) == full, page


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


def test_en_bref_opens_the_home_page_and_points_to_the_open_questions(real_copy):
    home = (real_copy.path("site") / "index.html").read_text(encoding="utf-8")
    brief = re.search(r'<div class="en-bref">(.*?)</div>', home, re.S).group(1)
    assert home.index('class="en-bref"') < home.index('class="narrative"')
    items = re.findall(r"<li>(.*?)</li>", brief, re.S)
    assert 3 <= len(items) <= 4
    assert all('class="ref ' in item for item in items)  # each bullet cites its facts
    assert 'href="questions/"' in brief
