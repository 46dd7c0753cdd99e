"""Link previews and structured data in every page's static HTML, with no network: this story's acceptance tests (the engine's are in tests/engine/test_previews.py)."""

from __future__ import annotations

import json
import yaml
import re


REQUIRED = ["og:title", "og:description", "og:type", "og:url", "og:locale", "og:site_name",
            "article:published_time", "article:modified_time"]


def metas(html: str) -> dict[str, str]:
    out = {}
    for attrs in re.findall(r"<meta ([^>]+)>", html):
        key = re.search(r'(?:property|name)="([^"]+)"', attrs)
        value = re.search(r'content="([^"]*)"', attrs)
        if key and value:
            out[key.group(1)] = value.group(1)
    return out


def test_every_page_has_preview_tags_and_valid_json_ld(real_copy):
    site = real_copy.path("site")
    pages = sorted(site.rglob("index.html"))
    assert len(pages) >= 15
    for page in pages:
        html = page.read_text(encoding="utf-8")
        m = metas(html)
        for key in REQUIRED:
            assert m.get(key), (page, key)
        assert m.get("description"), page
        home = page == real_copy.path("site") / "index.html"
        assert m["og:locale"] == "fr_FR" and m["og:type"] == ("website" if home else "article")
        assert m["og:url"].startswith("http") and m["og:url"].endswith("/")
        assert m["twitter:card"] == "summary_large_image"  # tests/engine/test_cards.py: the image
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert len(blocks) == 1, page
        data = json.loads(blocks[0])
        article = data["@graph"][0]
        assert article["@type"] == "Article" and article["inLanguage"] == "fr"
        assert article["datePublished"] <= article["dateModified"]
        assert article["url"] == m["og:url"]
        assert all(c["@type"] == "NewsArticle" for c in article.get("citation", []))  # tests/engine/test_jsonld.py: which ones


def test_search_text_is_escaped_once(real_copy):
    """The hidden accent-free text (search-fold) reaches the search index as plain text: an
    apostrophe is an apostrophe, not « &#39; » (it was escaped twice)."""
    index = json.loads((real_copy.path("site") / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = [doc["text"] for doc in index["docs"]]
    assert not [t for t in texts if "&#" in t or "&amp;" in t or "&quot;" in t]
    home = " ".join(doc["text"] for doc in index["docs"] if doc["location"].partition("#")[0] == "")
    from explainer.text import fold

    summary = yaml.safe_load((real_copy.root / "facts.yml").read_text(encoding="utf-8"))["story"]["summary"]
    first = summary.split(".")[0]  # the home description: the summary's first sentence
    assert "'" in first, "the row tests nothing: the home description has no apostrophe"
    assert fold(first) in home  # folded, unescaped

