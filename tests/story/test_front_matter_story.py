"""The front matter of a news explainer (issue 24, point 1): one title everywhere; under it, on: this story's acceptance tests (the engine's are in tests/engine/test_front_matter.py)."""

from __future__ import annotations

import html
import re

from helpers import ROOT
from explainer.load import load
from explainer.problems import Problems
from explainer.siteconfig import read_site_config
from explainer.dates import french as french_date
from test_front_matter import front_matter, pages  # the engine's tests' helpers (tests/engine/test_front_matter.py)


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
        # issue 24: « the desk or newsroom name » on every page; the home page signs in full
        full = page.parent == real_copy.path("site")
        assert newsroom.name in words, page
        assert all(author in words for author in newsroom.authors) == full, page
        assert re.search(r"[Mm]is à jour le <a href=\"[^\"]*\"><time datetime=", fm), page
        assert f'href="{html.escape(newsroom.corrections)}">Signaler une erreur</a>' in fm, page
        # the full dateline once, on the home page; a short one (updated) on the others
        assert (f"Publié le {french_date(story.published)}" in words) == full, page
        assert (f"état des connaissances {'au' if len(story.as_of) > 7 else 'en'} {french_date(story.as_of)}" in words) == full, page


def test_en_bref_opens_the_home_page_and_points_to_the_open_questions(real_copy):
    home = (real_copy.path("site") / "index.html").read_text(encoding="utf-8")
    brief = re.search(r'<div class="en-bref">(.*?)</div>', home, re.S).group(1)
    assert home.index('class="en-bref"') < home.index('class="narrative"')
    items = re.findall(r"<li>(.*?)</li>", brief, re.S)
    assert 3 <= len(items) <= 4
    assert all('class="ref ' in item for item in items)  # each bullet cites its facts
    assert 'href="questions/"' in brief

