"""The site quotes, it does not republish: no article can be rebuilt from the site's fragments.

At most 20 % of any article's words may lie in runs of six or more consecutive words found
anywhere on the built site (visible text of every HTML page, quotes and the site's own prose
alike, and the published data files). See explainer/reuse.py; `scripts/reuse.py` prints
the table."""

from __future__ import annotations

import json
import pytest

from explainer import reuse


ARTICLE = ("Le gouvernement américain avait averti officiellement en juillet sa volonté de bannir "
           "TikTok des États-Unis car l'application représenterait un danger.")


def _site(tmp_path, pages: dict[str, str]):
    for name, body in pages.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "page, covered",
    [
        # five words in a row are not a run
        ("<p>« avait averti officiellement en juillet »</p>", 0),
        # six are, quoted or not
        ("<p>« avait averti officiellement en juillet sa »</p>", 6),
        ("<p>Il avait averti officiellement en juillet sa volonté.</p>", 7),
        # accents, case, apostrophes and hyphens do not hide a copy
        ("<p>BANNIR TIKTOK DES ETATS UNIS CAR L’APPLICATION</p>", 8),
        # an inline element (a link, an abbreviation) does not break a run
        ("<p>avait <a href='#'>averti</a> officiellement <abbr title='x'>en</abbr> juillet sa</p>", 6),
        # two separate paragraphs do not join into one run
        ("<p>avait averti officiellement</p><p>en juillet sa</p>", 0),
        # hidden text and tooltips are published text too
        ("<div hidden>avait averti officiellement en juillet sa</div>", 6),
        ("<abbr title='avait averti officiellement en juillet sa'>x</abbr>", 6),
        # scripts are not text
        ("<script>var s = 'avait averti officiellement en juillet sa';</script>", 0),
        # overlapping runs from different places add up
        ("<p>Le gouvernement américain avait averti officiellement</p><li>averti officiellement en juillet sa volonté</li>", 10),
    ],
)
def test_measure_counts_words_in_runs_found_on_the_site(tmp_path, page, covered):
    site = _site(tmp_path, {"index.html": f"<html><body>{page}</body></html>"})
    (row,) = reuse.measure(site, {"a": ARTICLE})
    assert row.words == 22  # « États-Unis » and « l’application » are two words each
    assert row.covered == covered


def test_measure_reads_the_published_data_files(tmp_path):
    facts = {"facts": [{"quote": "sa volonté de bannir TikTok des États-Unis"}]}
    feed = "<feed><entry><content type='html'>&lt;p&gt;car l&amp;#39;application représenterait un danger&lt;/p&gt;</content></entry></feed>"
    site = _site(tmp_path, {"index.html": "<p>rien</p>", "facts.json": json.dumps(facts), "feed.xml": feed})
    (row,) = reuse.measure(site, {"a": ARTICLE})
    assert row.covered == 8 + 6


def test_a_site_that_copies_an_article_fails(tmp_path):
    site = _site(tmp_path, {"sources/a/index.html": f"<p>{ARTICLE}</p>"})
    (row,) = reuse.measure(site, {"a": ARTICLE})
    assert row.share == 1.0 > reuse.LIMIT

