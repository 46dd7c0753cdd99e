"""Issue 15's two counts, on the built real site (explainer/prose.py): every fact's text is
printed in full exactly once (on its own page; elsewhere a status sign or the narrative), and
the whole site's prose stays within `prose.BUDGET` words with no fact lost; issue 24's targets
(no page over `prose.PAGE_BUDGET`, « selon un article » at most `prose.HEDGE_BUDGET` times, no
two status signs in a row).

    make site && .venv/bin/python scripts/prose.py --facts   # the table behind these tests"""

from __future__ import annotations

import pytest

from explainer import prose


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

