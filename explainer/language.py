"""The site's language: the one place the locale is held.

The story declares it (`story.locale` in facts.yml, fr_FR unless it says otherwise); `use()`
is called once the fact sheet is loaded, and everything that words a date or names a country
through Babel asks `code()` or `babel()`. Only French locales are accepted: the interface
strings (locales/fr/) and the editorial rules that read the articles (explainer/french.py) are
French.
"""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.support import Translations

DEFAULT = "fr_FR"
#: The languages the site can write (those with an interface catalogue under locales/).
LANGUAGES = ("fr",)

_current = DEFAULT


def check(value: str) -> str:
    """A locale a story may declare; ValueError (French) otherwise."""
    unknown = f"« {value} » n'est pas une langue connue : écrivez par exemple fr_FR, fr_BE ou fr_CA"
    if not isinstance(value, str) or not re.fullmatch(r"[a-z]{2,3}(?:_[A-Z]{2})?", value):
        raise ValueError(unknown)
    try:
        parsed = Locale.parse(value, sep="_")
    except (ValueError, TypeError, UnknownLocaleError):
        raise ValueError(unknown) from None
    if str(parsed) != value:  # Babel reads an unknown region as its likeliest (fr_ZZ as fr_FR)
        raise ValueError(unknown)
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


# --- interface strings: one catalogue per language (gettext, read through Babel) ----------------

#: The interface catalogues: explainer/locales/<language>/LC_MESSAGES/site.po. The engine's code
#: and templates write English message ids (`_("unknown date")`); the catalogue of the story's
#: language gives the words the site prints. tests/engine/test_catalogue.py fails on a message id the
#: catalogue lacks, on an entry nothing uses, and on placeholders that differ.
CATALOGUES = Path(__file__).resolve().parent / "locales"
DOMAIN = "site"


def catalogue_path(lang: str) -> Path:
    return CATALOGUES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def _translations(lang: str) -> Translations:
    """The language's catalogue, read from its .po and compiled in memory (no .mo to keep in step)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with catalogue_path(lang).open("rb") as po:
        catalog = read_po(po, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def N_(message: str) -> str:
    """A message id marked for the catalogue where it is declared, translated where it is printed."""
    return message


def gettext(message: str) -> str:
    """An interface string in the story's language."""
    return _translations(babel().language).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """An interface string that agrees with a count (French: plural from 2)."""
    return _translations(babel().language).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """An interface string with a context (« confirmed » said of a feminine noun)."""
    return _translations(babel().language).pgettext(context, message)
