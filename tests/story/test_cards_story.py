"""Link cards: every page names, in Open Graph and Twitter tags, a 1200×630 PNG of the built: this story's acceptance tests (the engine's are in tests/engine/test_cards.py)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit
from PIL import Image

from test_previews_story import metas
from test_cards import pages  # the engine's tests' helpers (tests/engine/test_cards.py)


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

