"""Link cards: every page names, in Open Graph and Twitter tags, a 1200×630 PNG of the built
site with its size and alt text; the home page shares under the site's name and source
pages under a human title; cards are drawn offline and cached by content."""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image

from test_previews import metas


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("index.html"))


def local(site: Path, url: str, base: str) -> Path:
    assert url.startswith(base), url
    return site / url[len(base):]


def test_every_page_names_an_image_that_exists_at_1200x630(real_copy):
    from explainer.siteconfig import read_site_config

    site = real_copy.path("site")
    base = read_site_config(real_copy.path("config")).site_url
    seen = set()
    for page in pages(site):
        m = metas(page.read_text(encoding="utf-8"))
        assert m["twitter:card"] == "summary_large_image", page
        assert m["og:image"] == m["twitter:image"] and urlsplit(m["og:image"]).scheme == "https", page
        assert (m["og:image:width"], m["og:image:height"], m["og:image:type"]) == ("1200", "630", "image/png"), page
        assert m["og:image:alt"] and m["og:image:alt"] == m["twitter:image:alt"], page
        path = local(site, m["og:image"], base)
        with Image.open(path) as image:
            assert image.format == "PNG" and image.size == (1200, 630), path
        seen.add(path)
    assert len(seen) == len(pages(site))  # one card per page


def test_home_page_shares_under_the_site_name_and_sources_under_human_titles(real_copy, real_root):
    import yaml

    site = real_copy.path("site")
    story = yaml.safe_load((real_root / "facts.yml").read_text(encoding="utf-8"))["story"]  # the site's name: the story's title
    home = metas((site / "index.html").read_text(encoding="utf-8"))
    name = story["title"].replace("'", "’")
    assert home["og:title"] == home["twitter:title"] == name and home["og:type"] == "website"
    articles = yaml.safe_load((real_root / "seeds" / "articles.yml").read_text(encoding="utf-8"))["articles"]
    for a in articles:
        m = metas((site / "sources" / a["id"] / "index.html").read_text(encoding="utf-8"))
        assert "non précisé" not in m["og:title"] and m["og:type"] == "article"
        if a["outlet"] and a.get("outlet_from", "texte") == "texte":
            assert m["og:title"].startswith(a["outlet"]), m["og:title"]
        elif a["outlet"]:  # an outlet found outside the articles: the article is named by its code (issue 23)
            assert m["og:title"] == f"Article {a['id'].upper()}", m["og:title"]
        if a["title"]:
            assert a["title"].split()[-1] in m["og:title"], m["og:title"]
        if not a["title"] and not a["outlet"]:
            assert m["og:title"] == f"Article non identifié {a['id'].upper()}"


def test_cards_are_drawn_offline_and_cached_by_content(fixture_project, tmp_path, monkeypatch):
    from explainer import cards
    from explainer.pipeline import run_check
    from explainer.site import Settings, plan

    site = plan(run_check(fixture_project).loaded, Settings(site_url="https://example.org/", site_name="Le port"))

    def no_network(*args, **kwargs):
        raise AssertionError("a card tried to use the network")

    monkeypatch.setattr(socket, "socket", no_network)
    first = cards.draw_all(site, tmp_path)
    assert len(first) == len(site.pages) and len(set(first.values())) == len(first)
    drawn = []
    real_draw = cards.draw
    monkeypatch.setattr(cards, "draw", lambda card: drawn.append(card.page) or real_draw(card))
    assert cards.draw_all(site, tmp_path) == first and drawn == []  # all from the cache
    renamed = plan(run_check(fixture_project).loaded, Settings(site_url="https://example.org/", site_name="Le port de Brest"))
    cards.draw_all(renamed, tmp_path)
    assert len(drawn) == len(site.pages)  # the site's name is on every card


@pytest.mark.parametrize("title", ["Court", "Un titre " * 40, "Motimmenseetsansespace" * 6])
def test_any_title_fits_the_card(title):
    from explainer import cards

    data = cards.draw(cards.Card("x.md", "x.png", "Un site", title, "Juillet – 14 septembre 2020"))
    import io

    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (1200, 630)
        grey = image.convert("L")
        # the title stays inside its box: nothing in the right margin, nothing over the dates
        assert grey.crop((1200 - 40, 152, 1200, 630)).getextrema() == (255, 255)
        assert grey.crop((0, 630 - 135, 1200, 630 - 112)).getextrema() == (255, 255)


def test_cards_carry_the_desk_and_each_page_its_own_date(fixture_project):
    """The home card's kicker names who publishes (never « Accueil »); a source page's card
    gives the article's date; every card names the newsroom, all from the story."""
    from explainer import cards
    from explainer.model import Newsroom
    from explainer.pipeline import run_check
    from explainer.site import Settings, plan

    loaded = run_check(fixture_project).loaded
    site = plan(loaded, Settings(site_url="https://example.org/", site_name="Le port"))
    home = cards.card(site, site.page("index.md"))
    assert home.band == "Dossier" and home.title == "Le port"  # no newsroom: no name invented
    newsroom = Newsroom(name="La Gazette", desk="Service Ports", corrections="mailto:x@example.org")
    story = loaded.sheet.story.model_copy(update={"newsroom": newsroom})
    loaded.sheet = loaded.sheet.model_copy(update={"story": story})
    site = plan(loaded, Settings(site_url="https://example.org/", site_name="Le port"))
    home = cards.card(site, site.page("index.md"))
    assert home.band == "La Gazette · Service Ports" and home.dates.endswith("· La Gazette")
    dated = next(p for p in site.pages if p.article and site.articles[p.article].published)
    undated = next(p for p in site.pages if p.article and not site.articles[p.article].published)
    assert cards.card(site, dated).dates.startswith("Article du 26 février 2021")
    assert cards.card(site, undated).dates.startswith("Article non daté")
    for published, words in (("2021-02", "Article de février 2021"), ("2020-08", "Article d’août 2020")):  # dated by its month
        site.articles[dated.article] = site.articles[dated.article].model_copy(update={"published": published})
        assert cards.card(site, dated).dates.startswith(words)
    assert cards.card(site, site.page("acteurs.md")).dates.startswith(cards.story_dates(site))
