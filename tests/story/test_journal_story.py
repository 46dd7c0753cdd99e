"""The journal that writes itself (explainer/journal.py): journal.json, the journal page and the: this story's acceptance tests (the engine's are in tests/engine/test_journal.py)."""

from __future__ import annotations

import re
import pytest

from explainer import journal
from test_journal import _feed  # the engine's tests' helpers (tests/engine/test_journal.py)


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_the_real_feed_has_short_titles_distinct_summaries_ordered_unique_times(real_copy):
    feed = _feed(real_copy)
    assert not feed.bozo and feed.entries
    stamps = [e.updated for e in feed.entries]
    assert stamps == sorted(stamps, reverse=True) and len(set(stamps)) == len(stamps)
    for e in feed.entries:
        assert len(e.title) <= 90, e.title
        assert e.title.rstrip("…") not in e.summary, (e.title, e.summary)


def test_the_committed_journal_matches_the_sheet(real_root):
    """journal.json is committed with facts.yml: a build of the committed sheet records nothing."""
    from explainer.pipeline import Project, run_check

    result = run_check(Project(root=real_root))
    assert not result.problems and result.journal is not None
    assert result.journal.pending == [], "lancez make site et committez journal.json avec facts.yml"
    assert re.search(r'"entries": \[', (real_root / journal.LOG).read_text(encoding="utf-8"))

