"""The locale comes from the story (`story.locale`, fr_FR unless it says otherwise) and is held
in one place, explainer/language.py: dates and country names follow it (issue 25)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
import pytest
from helpers import edit
from explainer import dates, language
from explainer.load import load
from explainer.problems import Problems


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _restore():
    yield
    language.use(language.DEFAULT)


def test_the_story_s_locale_is_used_once_loaded(fixture_project):
    assert load(fixture_project.root, Problems()) is not None
    assert language.code() == "fr_FR"  # the default: the fixture says nothing
    edit(fixture_project.root / "facts.yml", 'as_of: "2021-02-26"', 'as_of: "2021-02-26"\n  locale: fr_CA')
    assert load(fixture_project.root, Problems()) is not None
    assert language.code() == "fr_CA"
    # Canadian French abbreviates July « juill. », France's « juil. »
    assert dates.short(dt.date(2020, 7, 14), "day") == "14 juill."
    language.use("fr_FR")
    assert dates.short(dt.date(2020, 7, 14), "day") == "14 juil."


def test_no_other_module_names_a_locale():
    offenders = []
    for path in (ROOT / "explainer").rglob("*.py"):
        if path.name == "language.py":
            continue
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r'locale="|Locale\(|LOCALE = |"fr_[A-Z]{2}"', text):
            offenders.append(f"{path.relative_to(ROOT)}: {m.group(0)}")
    assert offenders == []


@pytest.mark.parametrize("value", ["fr_ZZ", "fr_XX", "fr-FR", "fr_Latn_FR", "FR", "", "fr_FR\n"])
def test_a_locale_babel_would_guess_at_is_refused(value):
    with pytest.raises(ValueError, match="n'est pas une langue connue"):
        language.check(value)


@pytest.mark.parametrize("value", ["fr", "fr_FR", "fr_BE", "fr_CA", "fr_CH"])
def test_french_locales_are_accepted(value):
    assert language.check(value) == value
