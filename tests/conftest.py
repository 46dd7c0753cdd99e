from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
# this story's acceptance tests (tests/story/) use the engine's test helpers (tests/engine/):
# importable wherever pytest starts, not only after the engine's folder has been collected
sys.path.insert(1, str(Path(__file__).resolve().parent / "engine"))

#: The tests run one worker per core (`make test`: -n 2 on the team's two-core machines), so a
#: build's child beside it (explainer/beside.py) would only take the other worker's core, and
#: each fork would copy pages of a process that holds a whole test session (measured: the
#: tests outside the browser took 17–22 % more CPU with it, two pairs). The child's own tests
#: (tests/engine/test_beside.py) allow it again and build both ways.
os.environ["EXPLAINER_ONE_CORE"] = "1"

from helpers import CHROMIUM, CHROMIUM_ARGS, ROOT, copy_real_project, make_project, serve_site, site_prefix  # noqa: E402


@pytest.fixture
def fixture_project(tmp_path):
    """A throw-away copy of the small fixture story, with the real templates and config."""
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_fixture(tmp_path_factory) -> Path:
    """The small fixture story built once for the session: the root of a project to copy (never
    to change) for the tests that start from a built site."""
    from explainer.pipeline import run_build

    project = make_project(tmp_path_factory.mktemp("built") / "project")
    result = run_build(project)
    assert result.ok, (result.problems.items, result.mkdocs_warnings)
    return project.root


@pytest.fixture(scope="session")
def real_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def real_copy(tmp_path_factory):
    """A copy of the real project (sources, config, templates), built once for the session."""
    from explainer.pipeline import run_build

    project = copy_real_project(tmp_path_factory.mktemp("real") / "project")
    result = run_build(project)
    assert result.ok, (result.problems.items, result.mkdocs_warnings)
    return project


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def new_page(browser):
    """new_page(**context options) -> a page in a fresh browser context, closed after the test."""
    contexts = []

    def make(**kwargs):
        ctx = browser.new_context(**kwargs)
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()


#: The search box's status line says « Initialisation » until the search index is loaded.
SEARCH_READY = "!/Initialisation/.test((document.querySelector('.md-search-result__meta') || {}).textContent)"


def type_search(page, query: str) -> None:
    """Type the query in the theme's open search box once the search index is loaded (typed
    earlier, it is not searched), and wait for its results.

    The theme searches what the box holds at each key released: typed letter by letter, the
    results of « P », « Pé »… come first, and a busy machine could read those. So the box is
    filled with all but the last letter (no key released: nothing searched), then the last
    letter is typed: the one search is the whole query's, and the theme puts its first ten
    results in the list at once."""
    page.wait_for_function(SEARCH_READY)
    page.fill("input.md-search__input", query[:-1])
    page.type("input.md-search__input", query[-1])
    page.wait_for_selector(".md-search-result__item")


PREFIX = site_prefix(ROOT / "mkdocs.yml")  # the path of site_url, as on GitHub Pages


@pytest.fixture(scope="session")
def site_server(real_copy):
    """The built real site served as GitHub Pages serves it (helpers.serve_site). Yields the origin."""
    with serve_site(real_copy.path("site"), real_copy.path("config")) as origin:
        yield origin
