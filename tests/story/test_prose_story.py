"""Issue 15's two counts, on the built real site (explainer/prose.py): every fact's text is: this story's acceptance tests (the engine's are in tests/engine/test_prose.py)."""

from __future__ import annotations

import pytest

from explainer import prose
from explainer.load import load
from explainer.problems import Problems
from explainer.text import typography


@pytest.fixture(scope="module")
def built(real_copy):
    sheet = load(real_copy.root, Problems()).sheet
    return sheet, prose.site_pages(real_copy.path("site"))


def test_every_fact_is_printed_in_full_exactly_once(built):
    sheet, pages = built
    assert len(sheet.facts) > 50
    printed = {f.id: prose.prints(pages, typography(f.text)) for f in sheet.facts}
    lost = [ident for ident, where in printed.items() if not where]
    repeated = {ident: where for ident, where in printed.items() if len(where) > 1}
    assert lost == [], "facts printed nowhere"
    assert repeated == {}, "facts printed in full more than once"


def test_the_whole_site_grows_no_more(built):
    _, pages = built
    total = sum(p.words for p in pages)
    by_page = sorted(((p.words, p.url) for p in pages), reverse=True)[:5]
    assert total <= prose.CEILING, (total, by_page)
    assert len(pages) >= 15 and total > 3000  # the counter reads the pages (not an empty site)


def test_the_whole_site_stays_within_the_word_budget(built):
    _, pages = built
    total = sum(p.words for p in pages)
    assert total <= prose.BUDGET, (total, sorted(((p.words, p.url) for p in pages), reverse=True)[:5])


def test_no_page_is_longer_than_the_page_budget(built):
    _, pages = built
    assert [(p.url, p.words) for p in pages if p.words > prose.PAGE_BUDGET] == []


def test_selon_un_article_is_not_the_site_s_refrain(built):
    _, pages = built
    assert sum(prose.hedges(p.text) for p in pages) <= prose.HEDGE_BUDGET


def test_no_two_status_signs_in_a_row_anywhere(built):
    """A sign stands beside a claim, never in a row of bare signs (issue 24: 103 rows before)."""
    _, pages = built
    assert sum(prose.signs(p.text) for p in pages) > 20  # the signs are read (the narratives have them)
    assert {p.url: prose.sign_runs(p.text) for p in pages if prose.sign_runs(p.text)} == {}


def test_divergences_call_the_facts_that_quote_their_passages(built, real_copy):
    """Issue 24: a side of a disagreement does not reprint a passage a fact already prints; it
    calls that fact (a link whose title gives the passage), and prints only its own passages.
    Every passage of every side stays one click away."""
    import html
    import re

    from explainer.quotes import normalise

    sheet, _ = built
    page = (real_copy.path("site") / "divergences" / "index.html").read_text(encoding="utf-8")
    quoted_by_facts = {(src.article, normalise(src.quote)) for f in sheet.facts for src in f.sources}
    facts = {f.id: f for f in sheet.facts}

    def in_a_fact(article: str, quote: str) -> bool:
        return any(a == article and normalise(quote) in q for a, q in quoted_by_facts)

    printed = {normalise(html.unescape(re.sub(r"<[^>]+>", "", q))) for q in re.findall(r"<q[^>]*>(.*?)</q>", page)}
    calls = re.findall(r'<a class="side-source" href="[^"#]*#([a-z0-9-]+)" title="([^"]*)"', page)
    assert calls, "the sides call facts"
    for ident, title in calls:  # each call leads to a fact that prints the passages its title gives
        assert ident in facts, ident
        for passage in re.findall(r"«\s*(.*?)\s*»\s*(?:;|\()", html.unescape(title)):
            assert any(normalise(passage) in normalise(src.quote) for src in facts[ident].sources), (ident, passage)
    sides = [(src.article, src.quote) for d in sheet.disagreements for side in d.sides for src in side.sources]
    own = {normalise(q) for a, q in sides if not in_a_fact(a, q)}
    assert own and printed == own  # what no fact prints, and only that, is printed here
    called = " ".join(html.unescape(t) for _, t in calls)
    assert all(normalise(q) in normalise(called) for a, q in sides if in_a_fact(a, q))

