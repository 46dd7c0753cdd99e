"""The site's language: the one place the locale is held.

The story declares it (`story.locale` in facts.yml, fr_FR unless it says otherwise); `use()`
is called once the fact sheet is loaded, and everything that words a date or names a country
through Babel asks `code()` or `babel()`. Only French locales are accepted: the interface
strings (locales/fr/) and the editorial rules that read the articles (explainer/french.py) are
French.
"""

from __future__ import annotations

import functools

from babel import Locale, UnknownLocaleError

DEFAULT = "fr_FR"
#: The languages the site can write (those with an interface catalogue under locales/).
LANGUAGES = ("fr",)

_current = DEFAULT


def check(value: str) -> str:
    """A locale a story may declare; ValueError (French) otherwise."""
    try:
        parsed = Locale.parse(value, sep="_")
    except (ValueError, TypeError, UnknownLocaleError):
        raise ValueError(f"« {value} » n'est pas une langue connue : écrivez par exemple fr_FR, fr_BE ou fr_CA") from None
    if parsed.language not in LANGUAGES:
        raise ValueError(f"« {value} » : le site ne s'écrit qu'en français ; écrivez fr_FR, fr_BE, fr_CA, fr_CH…")
    return value


def use(value: str) -> None:
    """The locale of the story just loaded: every later stage words dates and names countries in it."""
    global _current
    _current = check(value)


def code() -> str:
    return _current


@functools.cache
def _babel(value: str) -> Locale:
    return Locale.parse(value, sep="_")


def babel() -> Locale:
    """The current locale as a Babel `Locale` (territory names, months)."""
    return _babel(_current)
