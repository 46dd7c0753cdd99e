"""The site quotes, it does not republish: no article can be rebuilt from the site's fragments: this story's acceptance tests (the engine's are in tests/engine/test_reuse.py)."""

from __future__ import annotations

from explainer import reuse
from explainer.load import load
from explainer.problems import Problems


def test_no_article_can_be_rebuilt_from_the_built_site(real_copy):
    problems = Problems()
    loaded = load(real_copy.root, problems)
    assert loaded and not problems
    texts = {aid: a.text.text for aid, a in loaded.articles.items()}
    rows = reuse.measure(real_copy.path("site"), texts)
    assert len(rows) == len(texts) and all(r.words > 100 for r in rows)
    over = [f"{r.article}: {r.share:.1%} of its words ({r.covered} of {r.words}) are in runs of "
            f"{reuse.RUN}+ words found on the site" for r in rows if r.share > reuse.LIMIT]
    assert not over, "\n".join(over) + f"\n(limit {reuse.LIMIT:.0%}; `python scripts/reuse.py` prints the table)"

