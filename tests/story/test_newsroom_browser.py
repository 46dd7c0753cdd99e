"""A newsroom's reader on a phone (issue 26, point 5), in a real browser: glossary definitions
open on a tap, an unknown address gets a French page with a way back, and a search typed
without accents finds what the pages say with them."""

from __future__ import annotations

import pytest
from conftest import PREFIX, type_search


PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def test_a_glossary_term_shows_its_definition_on_tap(site_server, new_page):
    page = new_page(**PHONE)
    page.goto(site_server + PREFIX)
    term = page.locator("article abbr[title]").first
    definition = term.get_attribute("title")
    term.scroll_into_view_if_needed()
    term.tap()
    tip = page.locator(".md-tooltip2--active")
    tip.wait_for(state="visible")
    assert tip.inner_text().split()[:6] == definition.split()[:6]


def test_an_unknown_address_gets_a_french_page_with_a_way_back(site_server, new_page):
    page = new_page(**PHONE)
    response = page.goto(site_server + PREFIX + "fait-qui-n-existe-pas/")
    assert response.status == 404
    assert page.title().startswith("Page introuvable")
    article = page.locator("article")
    assert "Page introuvable" in article.inner_text() and "Not found" not in page.content()
    article.get_by_role("link", name="Revenir à l’accueil").tap()
    page.wait_for_url(site_server + PREFIX + "**")
    assert page.locator("h1").first.inner_text() and page.evaluate("location.pathname") in (PREFIX, PREFIX + ".")


def _search(page, origin, query):
    """The result links for `query` (conftest.type_search: the whole query's, not a prefix's)."""
    page.goto(origin + PREFIX)
    page.keyboard.press("/")
    type_search(page, query)
    return [a.get_attribute("href") or "" for a in page.query_selector_all(".md-search-result__item > a")]


@pytest.mark.parametrize("query, first", [("echeance", "echeances/"), ("échéance", "echeances/")])
def test_accent_free_search_finds_the_page_first(site_server, new_page, query, first):
    hrefs = _search(new_page(), site_server, query)
    assert hrefs and first in hrefs[0], hrefs


def test_accent_free_search_covers_the_whole_text(site_server, new_page):
    """« Pékin » is in the pages' text, not in any title or description."""
    with_accent = {h.split("?")[0].split("#")[0] for h in _search(new_page(), site_server, "Pékin")}
    without = {h.split("?")[0].split("#")[0] for h in _search(new_page(), site_server, "pekin")}
    assert with_accent and with_accent <= without, (with_accent, without)


def test_the_review_sheet_reads_on_a_phone(real_copy, new_page):
    """make review at 390 px: no sideways scrolling, and it opens on what changed."""
    from explainer import review

    target, _ = review.write(real_copy)
    page = new_page(**PHONE)
    page.goto(target.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    first = page.locator("h2").first
    assert first.evaluate("e => e.closest('section') && e.closest('section').id") == "changements"


def test_a_status_sign_never_starts_a_line_alone_on_a_phone(site_server, new_page):
    """The editor's prose (home page: « En bref », « Ce qu'il faut savoir ») at 390 px: each
    sign stays on the line of the word it follows; a sign at the start of a line means nothing."""
    page = new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page.goto(site_server + PREFIX)
    alone = page.evaluate(
        """() => [...document.querySelectorAll('.md-content li a.ref, .md-content .narrative a.ref')].filter(sign => {
               // the text just before the sign: its last character's box
               const walker = document.createTreeWalker(sign.closest('li, p'), NodeFilter.SHOW_TEXT);
               let last = null;
               for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                 if (sign.contains(n)) break;
                 if (n.textContent.trim()) last = n;
               }
               if (!last) return false;
               const r = document.createRange();
               const end = last.textContent.trimEnd().length;
               r.setStart(last, end - 1); r.setEnd(last, end);
               const word = r.getBoundingClientRect(), box = sign.getBoundingClientRect();
               return box.top >= word.bottom - 2;  // the sign sits below its word: a new line
             }).map(sign => sign.closest('li, p').textContent.slice(0, 60))""")
    assert page.locator(".md-content .narrative a.ref").count() > 5
    assert not alone, alone
