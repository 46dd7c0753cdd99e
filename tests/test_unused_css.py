"""Pruning the theme's stylesheets: which selectors can match, what is kept byte for byte,
and what the publish step does to a built site. What the pruned site looks like is checked
in a browser (test_browser_css.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import tinycss2

from explainer.unused_css import Vocabulary, can_match, prune_stylesheets, prune_stylesheets_cached, prune_theme_css

WORDS = Vocabulary(
    frozenset({"md-header", "md-header--shadow", "md-nav", "active", "slate", "indigo", "top", "md-typeset", "--md-used"}),
    ("md-tag--",),
)


def selector(text: str):
    return tinycss2.parse_component_value_list(text)


@pytest.mark.parametrize("text, expected", [
    ("a", True),                                   # elements are never a reason to drop
    ("*", True),
    (".md-header", True),
    (".md-header.md-header--shadow", True),
    (".md-header .md-tabs", False),                # every class is needed
    (".md-tabs", False),
    ("#top", True),
    ("#bottom", False),
    ("[data-md-color-scheme=slate] .md-typeset", True),
    ("[data-md-color-scheme=default]", False),     # a value nothing ships
    ('[data-md-color-primary="indigo"]', True),
    ("[data-md-color-primary~=red]", False),
    ('[href^="http"]', True),                      # prefixes, suffixes and substrings: kept
    ("[hidden]", True),
    (".md-nav:not(.md-tabs)", True),               # :not() needs nothing
    (".md-nav :is(.md-tabs,.active)", True),       # :is() needs one of its selectors
    (".md-nav :is(.md-tabs,.md-source)", False),
    (":where(.md-tabs)", False),
    (".md-nav:has(>.active)", True),
    (".md-nav:nth-child(2n+1)", True),
    (".md-tag--topic", True),                      # a class the bundle completes at run time
    (".md-tag", False),
    (".md-header::before", True),
    (".md-header:hover>.md-tabs", False),
])
def test_can_match(text, expected):
    assert can_match(selector(text), WORDS) is expected


def prune(css: str, words: Vocabulary = WORDS) -> str:
    return prune_stylesheets({"main": css}, words)["main"][0]


@pytest.mark.parametrize("css, expected", [
    # a rule keeps only the selectors that can match; what is kept is the theme's own text
    (".md-tabs,.md-header{color:red}.md-source{color:blue}", ".md-header{color:red}"),
    (".md-header{margin:0 .2rem;color:var(--md-used)}", ".md-header{margin:0 .2rem;color:var(--md-used)}"),
    # conditional rules keep what they hold, and go when nothing is left
    ("@media screen and (min-width:76em){.md-tabs{display:none}.md-nav{display:block}}",
     "@media screen and (min-width:76em){.md-nav{display:block}}"),
    ("@media print{.md-tabs{display:none}}", ""),
    ("@supports selector(:has(a)){@media screen{.md-tabs{x:y}}}", ""),
    # custom properties nothing reads go; those read by kept rules, scripts or each other stay
    (":root{--md-unread:red;--md-chain:blue;--md-read:var(--md-chain);--md-used:1}.md-nav{color:var(--md-read)}",
     ":root{--md-chain:blue;--md-read:var(--md-chain);--md-used:1}.md-nav{color:var(--md-read)}"),
    (":root{--md-unread:red}", ""),
    # animations nothing runs go
    ("@keyframes spin{0%{x:0}to{x:1}}@keyframes fade{0%{x:0}}.md-nav{animation:fade 1s}",
     "@keyframes fade{0%{x:0}}.md-nav{animation:fade 1s}"),
    # the source map describes the theme's file, not this one
    (".md-nav{x:y}\n/*# sourceMappingURL=main.57a0d79d.min.css.map */", ".md-nav{x:y}"),
])
def test_prune(css, expected):
    assert prune(css) == expected


def test_custom_properties_read_in_another_stylesheet_are_kept():
    """The palette defines colours that the main stylesheet reads."""
    pruned = prune_stylesheets(
        {"palette": "[data-md-color-primary=indigo]{--md-primary:#4051b5;--md-unread:#fff}",
         "main": ".md-header{background:var(--md-primary)}"},
        WORDS,
    )
    assert pruned["palette"][0] == "[data-md-color-primary=indigo]{--md-primary:#4051b5}"
    assert pruned["main"] == (".md-header{background:var(--md-primary)}", 1, 0)


def test_a_kept_result_is_reused_only_while_every_answer_it_depends_on_holds(tmp_path):
    import json

    cache = tmp_path / "cache"
    sheets = {"main": ".md-header{color:var(--md-used)}.md-tabs{color:blue}.md-tabs .md-nav{x:y}:root{--md-used:1;--md-x:2}"}
    first = prune_stylesheets_cached(sheets, WORDS, cache)
    assert first == prune_stylesheets(sheets, WORDS)
    (entry,) = cache.iterdir()
    kept = json.loads(entry.read_text(encoding="utf-8"))
    kept["result"]["main"] = ["REUSED", 0, 0]  # to tell a reused result from a new one
    entry.write_text(json.dumps(kept), encoding="utf-8")

    more = Vocabulary(WORDS.words | {"md-unasked-word"}, WORDS.prefixes)  # no answer changes
    assert prune_stylesheets_cached(sheets, more, cache)["main"][0] == "REUSED"
    tabs = Vocabulary(WORDS.words | {"md-tabs"}, WORDS.prefixes)  # an answer changes: pruned again
    assert prune_stylesheets_cached(sheets, tabs, cache) == prune_stylesheets(sheets, tabs)
    assert ".md-tabs{color:blue}" in prune_stylesheets_cached(sheets, tabs, cache)["main"][0]
    other = {"main": sheets["main"] + ".md-nav{x:z}"}  # other stylesheets: their own entry
    assert prune_stylesheets_cached(other, WORDS, cache) == prune_stylesheets(other, WORDS)


def test_vocabulary_of_a_site(tmp_path):
    (tmp_path / "index.html").write_text('<div class="md-header md-header--shadow" id="top">', encoding="utf-8")
    scripts = tmp_path / "assets" / "javascripts"
    (scripts / "lunr" / "min").mkdir(parents=True)
    (scripts / "bundle.js").write_text('e.classList.add("md-dialog--active");x(`md-tag md-tag--${t}`);y("md-"+z)', encoding="utf-8")
    (scripts / "lunr" / "min" / "lunr.fr.js").write_text('"md-from-lunr"', encoding="utf-8")
    words = Vocabulary.of_site(tmp_path)
    assert {"md-header", "md-header--shadow", "top", "md-dialog--active"} <= words.words
    assert "md-from-lunr" not in words.words  # the search engine's language packs never touch a page
    assert words.prefixes == ("md-tag--",)  # "md-" alone would keep most of the theme
    assert words.has("md-tag--topic") and not words.has("md-tags")


def test_prune_theme_css_renames_the_files_and_points_every_page_at_them(tmp_path):
    sheets = tmp_path / "assets" / "stylesheets"
    sheets.mkdir(parents=True)
    (sheets / "main.57a0d79d.min.css").write_text(
        ".md-header{color:red}.md-tabs{color:blue}\n/*# sourceMappingURL=main.57a0d79d.min.css.map */", encoding="utf-8")
    (sheets / "main.57a0d79d.min.css.map").write_text("{}", encoding="utf-8")
    (sheets / "palette.fb2fffe2.min.css").write_text("[data-md-color-scheme=slate]{color-scheme:dark}", encoding="utf-8")
    (tmp_path / "assets" / "explainer.css").write_text(".md-tabs{color:green}", encoding="utf-8")  # not the theme's
    page = tmp_path / "a" / "index.html"
    page.parent.mkdir()
    page.write_text('<link href="../assets/stylesheets/main.57a0d79d.min.css"><link href="../assets/stylesheets/palette.fb2fffe2.min.css">'
                    '<body data-md-color-scheme="slate"><header class="md-header">', encoding="utf-8")

    results = prune_theme_css(tmp_path)

    names = sorted(p.name for p in sheets.iterdir())
    assert len(names) == 2 and not any(n.endswith(".map") for n in names)
    assert all(r.new_name in names and r.old_name not in names for r in results)
    main = next(r for r in results if r.old_name.startswith("main."))
    assert (sheets / main.new_name).read_text(encoding="utf-8") == ".md-header{color:red}"
    assert (main.rules_kept, main.rules_dropped) == (1, 1)
    html = page.read_text(encoding="utf-8")
    assert all(f"../assets/stylesheets/{r.new_name}" in html and r.old_name not in html for r in results)
    assert (tmp_path / "assets" / "explainer.css").read_text(encoding="utf-8") == ".md-tabs{color:green}"
    # named after the content: a browser's cached copy is used until the stylesheet changes
    assert main.new_name == f"main.{hashlib.sha256(b'.md-header{color:red}').hexdigest()[:8]}.min.css"


def test_the_published_site_ships_the_pruned_stylesheets(real_copy):
    """The real build prunes: less than two thirds of each of the theme's stylesheets is left."""
    import material

    site = real_copy.path("site")
    theme = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    for stem in ("main", "palette"):
        (published,) = site.glob(f"assets/stylesheets/{stem}.*.min.css")
        (original,) = theme.glob(f"{stem}.*.min.css")
        assert published.name != original.name
        assert published.stat().st_size < original.stat().st_size * 2 / 3
    assert not list(site.glob("assets/stylesheets/*.map"))
