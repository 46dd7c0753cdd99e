"""Issue 15's two counts, on the built real site (explainer/prose.py): every fact's text is
printed in full exactly once (on its own page; elsewhere a status sign or the narrative), and
the whole site's prose stays within `prose.BUDGET` words with no fact lost; issue 24's targets
(no page over `prose.PAGE_BUDGET`, « selon un article » at most `prose.HEDGE_BUDGET` times, no
two status signs in a row).

    make site && .venv/bin/python scripts/prose.py --facts   # the table behind these tests
"""

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


#: Issue 24's total waits: strict, so the test says when it is met. The fourth prose pass
#: (7 December 2026) left about 8,500 words (see prose.CEILING).
PROSE_PASS = pytest.mark.xfail(strict=True, reason="issue 24, open: a fourth prose pass left about 8,500 words; 7,000 needs the "
                               "facts and their quotes (~2,900 words) told shorter, or fewer passages per fact")


def test_the_whole_site_grows_no_more(built):
    _, pages = built
    total = sum(p.words for p in pages)
    by_page = sorted(((p.words, p.url) for p in pages), reverse=True)[:5]
    assert total <= prose.CEILING, (total, by_page)
    assert len(pages) >= 15 and total > 3000  # the counter reads the pages (not an empty site)


@PROSE_PASS
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


@pytest.mark.parametrize("text, runs, signs", [
    ("un fait≈. Un autre✓ et ≠", 0, 3),
    ("Échéances≠≠≈", 1, 3),
    ("Acteurs ≈ ✓ · Le rôle", 1, 2),
])
def test_rows_of_signs_are_seen(text, runs, signs):
    assert len(prose.sign_runs(text)) == runs and prose.signs(text) == signs


def test_the_refrain_is_counted_as_a_reader_reads_it():
    assert prose.hedges("Selon un article, X. Y, selon\u00a0un article. Selon un autre") == 2


@pytest.mark.parametrize("text, count", [
    ("l’application TikTok", 2),
    ("les États-Unis, le 12 novembre 2020", 6),
    ("« fin août » — A000", 3),
    ("aujourd'hui", 1),
    ("✓ ≈ ≠ — : ;", 0),
])
def test_a_word_is_counted_as_a_word_processor_counts_french(text, count):
    assert prose.words(text) == count


PAGE = """<html><head><title>Titre</title><script>var a = "mots cachés";</script></head><body>
<header>En-tête du site</header><nav>Navigation</nav>
<article class="md-content__inner"><h1>Le titre<a class="headerlink" href="#t">#</a></h1>
<p>Un fait du dossier.<a class="ref" href="#f"><span aria-hidden="true">≈</span><span class="visually-hidden"> (fait rapporté)</span></a></p>
<svg><text>étiquette du schéma</text></svg><button>Copier</button>
<p hidden>texte masqué</p><ul><li>Un fait du dossier.</li></ul></article>
<footer>Pied de page</footer></body></html>"""


def test_prose_is_what_a_reader_reads_in_the_content():
    text = prose.prose(PAGE)
    assert text.split("\n") == ["Le titre", "Un fait du dossier.≈", "Un fait du dossier."]
    assert prose.words(text) == 10


def test_a_fact_printed_twice_or_nowhere_is_seen():
    pages = [prose.Page("/a/", prose.prose(PAGE)), prose.Page("/b/", "Autre chose.")]
    assert prose.prints(pages, "Un fait du dossier.") == ["/a/", "/a/"]
    assert prose.prints(pages, "Un fait absent.") == []
    assert prose.prints(pages, "Un  fait du dossier.") == ["/a/", "/a/"]  # spaces as a reader sees them


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
