"""The real story: it checks clean, builds strict, and the site quotes rather than republishes."""

from __future__ import annotations

import re

from explainer.load import load
from explainer.pipeline import Project, run_check
from explainer.problems import Problems


def test_real_fact_sheet_checks_clean(real_root):
    result = run_check(Project(root=real_root))
    assert not result.problems, "\n".join(map(str, result.problems.items))


def test_every_page_is_built(real_copy):
    """Every page of the site plan, and nothing else, is a page of the built site."""
    from explainer.site import plan

    site = real_copy.path("site")
    pages = plan(run_check(real_copy).loaded).pages
    assert len(pages) > 15
    built = {p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")}
    assert {p.address.url.strip("/") or "." for p in pages} == built - {"search"}


def test_search_results_show_text_not_controls(real_copy):
    """The « citer » controls are controls, not text: an SVG icon, never an emoji (a system without
    an emoji font shows an empty box), and the search index has a 🔗 only where a page's prose
    writes one."""
    import json
    from collections import Counter

    site = real_copy.path("site")
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    indexed = Counter()
    for doc in index["docs"]:
        indexed[doc["location"].split("#")[0]] += doc["text"].count("🔗") + doc["title"].count("🔗")
    controls = 0
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        main = html[html.index('<article'):html.index('</article>')]
        for control in re.findall(r'<a class="citer"[^>]*>.*?</a>', main):
            controls += 1
            assert "🔗" not in control and "<svg" in control
        assert "permalink-anchor" not in main, page
        location = page.parent.relative_to(site).as_posix() + "/"
        assert indexed[location if location != "./" else ""] == main.count("🔗"), location
    assert controls > 100
def test_the_site_quotes_and_does_not_republish(real_root):
    """Well under half (below 45 %) of any article's text appears on the site (union of quoted spans)."""
    problems = Problems()
    loaded = load(real_root, problems)
    assert loaded and not problems
    spans: dict[str, list[tuple[int, int]]] = {a: [] for a in loaded.articles}
    sheet = loaded.sheet
    for _, src, _ in sheet.citations():
        span = loaded.articles[src.article].text.find(src.quote)
        spans[src.article].append((span.start, span.end))
    for article_id, ranges in spans.items():
        covered = set()
        for start, end in ranges:
            covered.update(range(start, end))
        text = loaded.articles[article_id].text.text
        share = len(covered) / len(text)
        assert share < 0.45, f"{article_id}: {share:.0%} of the article is quoted"


def test_clutter_is_never_quoted(real_root):
    """Reader comments and the author bio in 001 are not article text: nothing from them is published."""
    problems = Problems()
    loaded = load(real_root, problems)
    text = loaded.articles["a001"].text.text
    for clutter in ("Commentaires (9)", "cheval de Troies", "imitateur-chanteur", "S'inscrire", "Koh-Lanta"):
        assert clutter not in text


def test_every_disagreement_actor_and_deadline_is_on_its_page(real_copy, real_root):
    problems = Problems()
    sheet = load(real_root, problems).sheet
    site = real_copy.path("site")
    pages = {
        "divergences": [d.id for d in sheet.disagreements],
        "acteurs": [a.id for a in sheet.actors],
        "echeances": [e.id for e in [*sheet.events, *sheet.deadlines]],
        "questions": [q.id for q in sheet.questions],
    }
    for page, ids in pages.items():
        html = (site / page / "index.html").read_text(encoding="utf-8")
        for ident in ids:
            assert f'id="{ident}"' in html, f"{ident} missing on /{page}/"
