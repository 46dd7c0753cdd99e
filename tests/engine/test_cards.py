"""Link cards: every page names, in Open Graph and Twitter tags, a 1200×630 PNG of the built
site with its size and alt text; the home page shares under the site's name and source
pages under a human title; cards are drawn offline and cached by content."""

from __future__ import annotations

import socket
from pathlib import Path
import pytest
from PIL import Image


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("index.html"))


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

