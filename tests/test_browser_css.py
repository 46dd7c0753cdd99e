"""The theme's stylesheets pruned at publish time (explainer/unused_css.py) look exactly like
the theme's own. Every page, and the theme's widgets in the states its script puts them in,
is rendered twice in Chromium: once as published, once with the browser given the theme's
unpruned stylesheets instead. The two screenshots must be the same, pixel for pixel."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import PREFIX, SEARCH_READY, type_search
from explainer.unused_css import NAME, THEME_CSS

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
#: Transitions and animations end at once, in both renderings, the search box's placeholder
#: included: `*` matches no pseudo-element, so `::placeholder` is named (the theme fades its
#: colour in over 0.25 s, and it lives in the input's own shadow tree, out of reach of
#: Playwright's `animations="disabled"`). Which animations are kept is checked in
#: test_unused_css.py.
STILL = """document.addEventListener("DOMContentLoaded", () => {
  const style = document.createElement("style");
  style.textContent = "*,*::before,*::after{transition:none!important;animation:none!important}"
                    + "*::placeholder{transition:none!important}";
  document.head.append(style);
});"""
#: Two animation frames: whatever the page's scripts do on a resize has been laid out.
SETTLED = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def theme_stylesheets() -> list[Path]:
    """The theme's stylesheets as installed."""
    import material

    return [p for p in (Path(material.__file__).parent / "templates").glob(THEME_CSS) if NAME.match(p.name)]


@pytest.fixture(scope="module")
def pages(real_copy) -> list[str]:
    """Every page of the built site, as a path under the site's address."""
    site = real_copy.path("site")
    paths = []
    for page in sorted(site.rglob("*.html")):
        folder = page.parent.relative_to(site).as_posix()
        if page.name != "index.html":
            paths.append(page.relative_to(site).as_posix())
        else:
            paths.append("" if folder == "." else folder + "/")
    return paths


Action = Callable[[object], None]


@pytest.fixture
def compare(new_page, real_copy, tmp_path):
    """compare(options, what, action, whole_page) -> None, or what differs.

    `action(page)` brings a page to the state to compare; it runs on a page as published and
    on a page given the theme's unpruned stylesheets, then both are photographed."""
    theme = theme_stylesheets()
    originals = {NAME.match(p.name)["stem"]: p.read_bytes() for p in theme}
    published = [p.name for p in real_copy.path("site").glob(THEME_CSS)]
    assert {NAME.match(name)["stem"] for name in published} == set(originals)
    assert not set(published) & {p.name for p in theme}, "the published stylesheets are the pruned ones"

    def serve_original(route):
        stem = NAME.match(route.request.url.rsplit("/", 1)[1])["stem"]
        route.fulfill(status=200, body=originals[stem], content_type="text/css; charset=utf-8")

    twins: dict[str, tuple] = {}

    def pair(options: dict) -> tuple:
        key = repr(sorted(options.items()))
        if key not in twins:
            pruned, unpruned = new_page(**options), new_page(**options)
            unpruned.route("**/assets/stylesheets/*.min.css", serve_original)
            for page in (pruned, unpruned):
                page.add_init_script(STILL)
            twins[key] = (pruned, unpruned)
        return twins[key]

    def run(options: dict, what: str, action: Action, whole_page: bool = True) -> str | None:
        shots = []
        for page in pair(options):
            page.set_viewport_size(options["viewport"])
            action(page)
            shots.append(photograph(page, whole_page))
        found = difference(*shots)
        if found is None:
            return None
        stem = what.replace("/", "_").replace(" ", "_") or "home"
        for name, shot in zip(("pruned", "theme"), shots):
            (tmp_path / f"{stem}-{name}.png").write_bytes(shot)
        return f"{what}: {found} (see {tmp_path}/{stem}-*.png)"

    return run


def photograph(page, whole_page: bool) -> bytes:
    """The page as it stands, or all of it: the viewport is first made as tall as the page.

    Not `full_page=True`: to capture beyond the viewport, Chromium lays the page out again
    while it captures, for a moment at a 1×1 viewport, so the phone styles apply (`min-width`
    media queries fail) and the page's resize handlers run, and what is photographed is that
    page coming back to rest: with transitions, a colour part-way through one.

    Nor before the page is laid out at the window's width: Chromium's phone emulation can lay
    a page out for a moment at another one (seen once in five runs: 1,262 px wide for a 390 px
    phone, just after the search dialog opened, and 390 px again 0.3 s later), and a capture
    then shows the left of a page laid out for a desktop."""
    width = page.viewport_size["width"]
    page.wait_for_function(f"innerWidth === {width}")
    if whole_page:
        page.set_viewport_size({"width": width, "height": page.evaluate("document.documentElement.scrollHeight")})
    page.evaluate(SETTLED)
    return page.screenshot(animations="disabled", caret="hide")


# Chromium's software rasteriser does not always draw the same glyph or rounded corner
# with the same edge shades: on a loaded machine, anti-aliased edges came out one or two
# units of 255 apart between two captures of the same page (60 pixels of text, 2 pixels of
# a drawer's corner), whichever stylesheet was served. A reader cannot see two units; a
# rule the pruning lost changes a colour, a border, a size or a position, far more than that.
UNSEEN = 2  # largest difference, in units of 255 on any channel, that counts as the same


def difference(a: bytes, b: bytes) -> str | None:
    """None when the two screenshots look the same; otherwise what differs."""
    from PIL import Image, ImageChops

    if a == b:
        return None
    first, second = Image.open(io.BytesIO(a)).convert("RGB"), Image.open(io.BytesIO(b)).convert("RGB")
    if first.size != second.size:
        return f"sizes {first.size} and {second.size}"
    delta = ImageChops.difference(first, second)
    largest = max(high for _low, high in delta.getextrema())
    if largest <= UNSEEN:
        return None
    box = delta.point(lambda v: 255 if v > UNSEEN else 0).getbbox()
    return f"pixels differ by up to {largest}/255 in the box {box}"


def load(site_server: str, path: str) -> Action:
    def action(page) -> None:
        page.goto(site_server + PREFIX + path)
        page.wait_for_function(SEARCH_READY)

    return action


@pytest.mark.parametrize("options", [
    pytest.param({**PHONE, "color_scheme": "light"}, id="phone-light"),
    pytest.param({**PHONE, "color_scheme": "dark"}, id="phone-dark"),
    pytest.param({**DESKTOP, "color_scheme": "light"}, id="desktop-light"),
])
def test_every_page_looks_the_same_with_the_pruned_stylesheets(site_server, compare, pages, options):
    assert len(pages) > 15
    differences = [compare(options, path, load(site_server, path)) for path in pages]
    assert not any(differences), [d for d in differences if d]


def test_the_themes_widgets_look_the_same_with_the_pruned_stylesheets(site_server, compare):
    """States the theme's script sets at run time: the search dialog with results and without,
    the navigation drawer, the header once scrolled (title, shadow, back-to-top button),
    keyboard focus and a link under the pointer, the dark palette chosen with the toggle."""

    def search(path: str, query: str, by_key: bool) -> Action:
        def action(page) -> None:
            load(site_server, path)(page)
            if by_key:
                page.keyboard.press("/")
            else:
                page.click("label.md-header__button[for='__search']")
            type_search(page, query)

        return action

    def no_result(page) -> None:
        search("acteurs/", "Oracle", by_key=False)(page)
        page.fill("input.md-search__input", "")
        page.type("input.md-search__input", "zzzzzz")
        page.wait_for_selector(".md-search-result__item", state="detached")

    def drawer(page) -> None:
        load(site_server, "echeances/")(page)
        page.click("label.md-header__button[for='__drawer']")

    def scrolled(page) -> None:
        load(site_server, "acteurs/")(page)
        page.mouse.wheel(0, 3000)
        page.wait_for_function("scrollY >= 3000")
        page.mouse.wheel(0, -400)  # scrolling back up shows the back-to-top button
        page.wait_for_selector(".md-top:not([hidden])")
        page.wait_for_selector(".md-header--shadow")

    def focus_and_hover(page) -> None:
        load(site_server, "questions/")(page)
        for _ in range(6):
            page.keyboard.press("Tab")
        page.hover("nav.md-nav--primary a.md-nav__link >> nth=2")

    def dark_by_toggle(page) -> None:
        load(site_server, "divergences/")(page)
        for _ in range(3):  # automatic -> light -> dark, or from the choice a previous load stored
            if page.evaluate("document.body.dataset.mdColorScheme") == "slate":
                break
            page.click("form.md-header__option label:not([hidden])")
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"

    differences = [
        compare(PHONE, "phone search results", search("acteurs/", "Oracle", by_key=False), whole_page=False),
        compare(PHONE, "phone search without result", no_result, whole_page=False),
        compare(PHONE, "phone drawer", drawer, whole_page=False),
        compare(PHONE, "phone scrolled header", scrolled, whole_page=False),
        compare(DESKTOP, "desktop search results", search("", "échéance", by_key=True), whole_page=False),
        compare(DESKTOP, "desktop focus and hover", focus_and_hover, whole_page=False),
        compare(DESKTOP, "desktop dark by the toggle", dark_by_toggle),
    ]
    assert not any(differences), [d for d in differences if d]


def test_edge_shades_count_as_the_same_but_a_changed_rule_does_not():
    from PIL import Image

    def png(image) -> bytes:
        out = io.BytesIO()
        image.save(out, format="PNG")
        return out.getvalue()

    page = Image.new("RGB", (40, 20), (255, 255, 255))
    for x in range(5, 15):
        page.putpixel((x, 10), (102, 102, 102))
    shaded = page.copy()  # the same glyph edge drawn a shade off, as the rasteriser did under load
    for x in range(5, 15):
        shaded.putpixel((x, 10), (104, 103, 101))
    assert difference(png(page), png(page)) is None
    assert difference(png(page), png(shaded)) is None
    recoloured = page.copy()  # a rule lost: the text in another colour
    for x in range(5, 15):
        recoloured.putpixel((x, 10), (110, 102, 102))
    assert difference(png(page), png(recoloured)) == "pixels differ by up to 8/255 in the box (5, 10, 15, 11)"
    moved = page.copy()  # a rule lost: the same text one pixel lower
    moved.paste((255, 255, 255), (0, 0, 40, 20))
    for x in range(5, 15):
        moved.putpixel((x, 11), (102, 102, 102))
    assert difference(png(page), png(moved)) == "pixels differ by up to 153/255 in the box (5, 10, 15, 12)"
    assert difference(png(page), png(page.crop((0, 0, 40, 19)))) == "sizes (40, 20) and (40, 19)"
