"""What readers see, in Debian's Chromium driven by Playwright, on the built site served
under its GitHub Pages sub-path (gzip, as Pages serves it)."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import PREFIX, SEARCH_READY, type_search
from helpers import ROOT
from explainer.siteconfig import read_site_config


SITE_URL = read_site_config(ROOT / "mkdocs.yml").site_url  # the address the site is published at

pytestmark = pytest.mark.browser

PAGES = ["", "acteurs/", "echeances/", "offre-microsoft-walmart/", "role-oracle/", "regles-chinoises/",
         "decisions-americaines/", "audience-enjeux/", "divergences/", "questions/", "glossaire/", "sources/",
         "sources/a001/", "methode/", "journal/", "citer/"]
#: WCAG 2.1 A and AA; only violations are reported back (every rule still runs on every node)
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}


def _watch(page, site_server) -> tuple[list, list, list, set]:
    """Console errors, failed requests, requests that leave the site, requests in flight."""
    errors, failed, foreign = [], [], []
    in_flight: set = set()
    page.on("console", lambda m: errors.append((page.url, m.text)) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append((page.url, str(e))))
    page.on("request", lambda r: in_flight.add(r))
    page.on("requestfinished", lambda r: in_flight.discard(r))
    page.on("requestfailed", lambda r: (in_flight.discard(r), failed.append(r.url)))
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(site_server) and not r.url.startswith("data:") else None)
    return errors, failed, foreign, in_flight


#: The dark palette, in place once the palette script has followed the system's setting and
#: no colour transition is running (axe would read a colour half-way).
DARK_IN_PLACE = """() => document.body.dataset.mdColorScheme === 'slate'
    && !document.body.hasAttribute('data-md-color-switching')
    && document.getAnimations().every(a => !(a instanceof CSSTransition) || a.playState !== 'running')"""


def _wcag_in_both_palettes(page) -> dict[str, list]:
    """axe-core's WCAG 2.1 A and AA violations on the page as it is, in the light palette, then in
    the dark one: the page follows the system's setting (the palette's automatic mode), so the
    dark palette is the same page switched, not a second load. Only violations are reported
    back (resultTypes): the rules run and what they find are the same."""
    from axe_playwright_python.sync_playwright import Axe

    page.evaluate(Axe().axe_script)
    found = {}
    for scheme in ("light", "dark"):
        if scheme == "dark":
            page.emulate_media(color_scheme="dark")
            page.wait_for_function(DARK_IN_PLACE)
        violations = page.evaluate("options => axe.run(options).then(r => r.violations)", WCAG)
        if violations:
            found[scheme] = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
    return found


@pytest.fixture(scope="module")
def reader(browser):
    """One browser context for the page-by-page checks, as one reader going from page to page
    (the theme's files are fetched once, not for every page); each test opens its own tab."""
    context = browser.new_context(color_scheme="light")
    yield context
    context.close()


@pytest.fixture
def tab(reader):
    page = reader.new_page()
    yield page
    page.close()


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly_only_from_the_site_without_wcag_violation(site_server, tab, path):
    """One visit of each page: it answers 200, loads nothing from elsewhere, logs no error and
    fails no request; axe-core (WCAG 2.1 A and AA) finds no violation in the light palette nor
    in the dark one."""
    page = tab
    errors, failed, foreign, in_flight = _watch(page, site_server)
    response = page.goto(site_server + PREFIX + path)
    assert response.status == 200, path
    # Read the page only once it has finished loading: the theme's script starts after the
    # page's load, asks for the sitemap (instant navigation) and starts the search worker,
    # which loads the index and then imports its French stemmer; a request cut short when
    # the test ends would be reported as failed (net::ERR_ABORTED), not the site's fault.
    # The worker is done when the search box leaves « Initialisation »; the page's own
    # requests when none is in flight.
    page.wait_for_function(SEARCH_READY)
    _wait_until_none_in_flight(page, in_flight)
    problems = _wcag_in_both_palettes(page)
    assert not problems, problems
    assert not errors, errors
    assert not failed, failed
    assert not foreign, foreign


def test_the_open_search_dialog_has_no_wcag_violation(site_server, new_page):
    """The theme's search dialog open, with its results, in both palettes."""
    page = new_page(color_scheme="light")
    assert search(page, site_server, "Oracle")
    # the results fade in (a CSS transition): read them once it has ended
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    problems = _wcag_in_both_palettes(page)
    assert not problems, problems


def _wait_until_none_in_flight(page, in_flight: set, seconds: float = 60) -> None:
    """Let Playwright deliver the page's request events until no request is pending (bounded:
    a request that never ends is reported as such)."""
    for _ in range(int(seconds * 20)):
        if not in_flight:
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"requests still pending after {seconds} s: {sorted(r.url for r in in_flight)}")


def search(page, site_server, query):
    """Type the query in the theme's search box; retype while the search index is still loading."""
    page.goto(site_server + PREFIX)
    page.keyboard.press("/")
    type_search(page, query)
    return [a.get_attribute("href") for a in page.query_selector_all(".md-search-result__item > a")]


@pytest.mark.parametrize(
    "query, expected",
    [("Oracle", "role-oracle/"), ("échéance", "echeances/"), ("echeance", "echeances/"), ("exportation", "regles-chinoises/")],
)
def test_french_search(site_server, new_page, query, expected):
    page = new_page()
    hrefs = search(page, site_server, query)
    assert any(expected in (h or "") for h in hrefs), (query, hrefs)


def test_no_sideways_scroll_on_a_phone(site_server, new_page):
    page = new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True)
    wide = []
    for path in PAGES:
        page.goto(site_server + PREFIX + path)
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            wide.append(path)
        # nor does anything stick out of its card
        clipped = page.evaluate(
            """() => [...document.querySelectorAll('.actor-card, .fact, .side')]
                     .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.id || e.className)""")
        wide += [f"{path} {c}" for c in clipped]
    assert not wide, wide


def test_an_address_lands_on_its_element_on_a_long_page(site_server, new_page):
    """An address with an anchor brings its element into view on a phone, down to the last
    card and the last fact of the longest page (content-visibility on the cards broke this)."""
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(site_server + PREFIX + "acteurs/")
    # The jumps below stay in the document. Made within a few milliseconds of the load, while the
    # theme's script is still starting (sitemap, search index), one in six did not scroll at all;
    # a reader follows an anchor later than that, and a fresh load always lands.
    page.wait_for_load_state("networkidle")
    ids = page.eval_on_selector_all(".actor-name[id]", "els => els.map(e => e.id)")
    facts = page.eval_on_selector_all(".fact[id]", "els => els.map(e => e.id)")
    assert len(ids) > 5 and facts
    where = """id => { const r = document.getElementById(id).getBoundingClientRect();
                       const s = document.scrollingElement;
                       return [r.top, r.bottom, s.scrollTop + innerHeight >= s.scrollHeight - 2]; }"""
    # at the top of the screen, or the page scrolled to its end with the element on screen
    landed = f"id => {{ const [top, bottom, atEnd] = ({where})(id); return 0 <= top && (top < 844 / 4 || (atEnd && bottom <= 844)); }}"
    for anchor in (ids[-1], facts[-1]):
        page.goto(site_server + PREFIX + "acteurs/#" + anchor)
        try:  # the jump is made once the page is laid out: wait for it (a page that never lands fails)
            page.wait_for_function(landed, arg=anchor, timeout=15_000)
        except PlaywrightTimeout:
            pytest.fail(f"{anchor} not brought into view: top, bottom, at the end = {page.evaluate(where, anchor)}")


TOGGLE = "form.md-header__option label:not([hidden])"

#: Added to a page before it loads: marks when the theme has read the sitemap (the one XML
#: document it parses). Its instant navigation takes over a click on a link only from then on;
#: a click made earlier loads the page anew, as it should (seen on a loaded machine). The mark
#: is set within the call that hands the sitemap on, so a later check sees it in place.
SITEMAP_READ = """(() => {
  const parse = DOMParser.prototype.parseFromString;
  DOMParser.prototype.parseFromString = function (text, type) {
    const document = parse.call(this, text, type);
    if (type === "text/xml" && document.querySelector("urlset")) { queueMicrotask(() => { window.sitemapRead = true; }); }
    return document;
  };
})()"""


def goto_with_instant_navigation(page, url: str) -> None:
    """Load `url`, then wait until the theme's instant navigation takes over its links."""
    page.add_init_script(SITEMAP_READ)
    page.goto(url)
    page.wait_for_function("window.sitemapRead === true")


def palette_state(page):
    """What the palette shows: the body's scheme, the page's color-scheme, the toggle on show."""
    return page.evaluate(
        """() => [document.body.getAttribute('data-md-color-scheme'),
                  document.querySelector('meta[name=color-scheme]').content,
                  [...document.querySelectorAll('form.md-header__option label')].filter(l => !l.hidden)
                      .map(l => l.getAttribute('for'))]""")


def test_palette_toggle_works_and_is_remembered(site_server, new_page):
    page = new_page(color_scheme="light")
    page.goto(site_server + PREFIX)
    # automatic, light, dark, and back to automatic: each toggle shows the next one
    seen = [palette_state(page)]
    for _ in range(3):
        page.click(TOGGLE)
        seen.append(palette_state(page))
    assert seen == [["default", "light", ["__palette_1"]], ["default", "light", ["__palette_2"]],
                    ["slate", "dark", ["__palette_0"]], ["default", "light", ["__palette_1"]]], seen
    page.click(TOGGLE)
    page.click(TOGGLE)
    # the theme marks the body while it switches, then clears the mark: wait for it to clear
    # (a fixed 100 ms failed once on a loaded machine), which fails if the mark is never cleared
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
    assert palette_state(page) == ["slate", "dark", ["__palette_0"]]
    page.reload()
    assert palette_state(page) == ["slate", "dark", ["__palette_0"]]
    goto_with_instant_navigation(page, site_server + PREFIX + "acteurs/")
    assert palette_state(page) == ["slate", "dark", ["__palette_0"]]
    page.evaluate("window.sameDocument = true")
    page.click("a.md-nav__link[href$='echeances/']")  # instant navigation keeps it, and the toggle still works
    page.wait_for_selector("h1#echeances")
    assert page.evaluate("window.sameDocument") is True
    page.click(TOGGLE)
    assert palette_state(page) == ["default", "light", ["__palette_1"]]


def test_palette_is_the_readers_from_the_first_paint(site_server, new_page):
    """A first visit from a phone set to dark is dark before any script file has run (the
    theme's bundle is refused here), and in automatic mode it follows the system's setting."""
    page = new_page(color_scheme="dark")
    page.route("**/*.js", lambda route: route.abort())
    page.goto(site_server + PREFIX)
    assert palette_state(page) == ["slate", "dark", ["__palette_1"]]
    assert page.evaluate("document.querySelector('meta[name=theme-color]').content") == page.evaluate(
        """() => '#' + getComputedStyle(document.querySelector('header')).backgroundColor.match(/\\d+/g)
                 .slice(0, 3).map(c => (+c).toString(16).padStart(2, '0')).join('')""")
    for system, expected in [("light", ["default", "light", ["__palette_1"]]), ("dark", ["slate", "dark", ["__palette_1"]])]:
        page.emulate_media(color_scheme=system)
        # the media query's change event comes with a later frame: wait for it, not for a time
        page.wait_for_function("scheme => document.body.dataset.mdColorScheme === scheme", arg=expected[0])
        assert palette_state(page) == expected, system


def test_palette_toggle_answers_the_keyboard(site_server, new_page):
    page = new_page(color_scheme="light")
    page.goto(site_server + PREFIX)
    page.focus("#__palette_0")
    page.keyboard.press("Enter")  # as in the theme: Enter shows the next palette
    assert palette_state(page) == ["default", "light", ["__palette_2"]]
    assert page.evaluate("document.activeElement.id") == "__palette_1"
    page.keyboard.press("Enter")
    assert palette_state(page) == ["slate", "dark", ["__palette_0"]]


def test_keyboard_reaches_every_copy_link_with_visible_focus(site_server, new_page):
    page = new_page()
    page.goto(site_server + PREFIX + "questions/")
    total = page.eval_on_selector_all("a.citer", "els => els.length")
    assert total > 0
    reached, invisible = set(), []
    for _ in range(400):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => { const e = document.activeElement; if (!e || !e.classList.contains('citer')) return null;
                       const s = getComputedStyle(e);
                       return [e.dataset.anchor, s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0]; }"""
        )
        if info:
            reached.add(info[0])
            if not info[1]:
                invisible.append(info[0])
        if len(reached) == total:
            break
    assert len(reached) == total
    assert not invisible, invisible
    # and the control works: the confirmation is announced
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.focus("a.citer")
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('copy-link-status') && document.getElementById('copy-link-status').textContent.includes('Lien copié')")


def test_instant_navigation_keeps_diagrams_and_controls(site_server, new_page):
    page = new_page()
    goto_with_instant_navigation(page, site_server + PREFIX)
    page.evaluate("window.sameDocument = true")  # gone if the page were loaded anew
    page.click("a.md-nav__link[href$='acteurs/']")
    page.wait_for_selector("h1#acteurs")  # the address changes before the new content is in place
    assert page.evaluate("window.sameDocument") is True
    assert page.is_visible("svg.dg")
    assert page.is_visible("a.citer >> nth=0")
    page.click("a.md-nav__link[href$='echeances/']")
    page.wait_for_selector("h1#echeances")
    assert page.is_visible("svg.dg")
    # a copy-link control of the page reached by instant navigation copies that page's address
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    button = page.locator("a.citer:visible").first  # the first the reader sees (the chronology's are folded)
    anchor = button.get_attribute("data-anchor")
    button.click()
    page.wait_for_function("(document.getElementById('copy-link-status') || {}).textContent")
    # the address under the site's configured address (mkdocs.yml site_url), never the one the page is served from
    assert page.text_content("#copy-link-status") == f"Lien copié : {SITE_URL}echeances/#{anchor}"


def test_citer_controls_are_links_without_scripts(site_server, new_page):
    """Without scripts the « citer » control is still there, as the element's permanent link."""
    with_js = new_page()
    with_js.goto(site_server + PREFIX + "acteurs/")
    assert with_js.locator("a.citer").count() > 0
    without_js = new_page(java_script_enabled=False)
    without_js.goto(site_server + PREFIX + "acteurs/")
    assert without_js.locator("a.citer:visible").count() == with_js.locator("a.citer").count()
    first = without_js.locator("a.citer").first
    anchor = first.get_attribute("data-anchor")
    first.click()
    assert without_js.url.endswith("#" + anchor)
