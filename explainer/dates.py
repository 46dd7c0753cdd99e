"""Dates as the articles give them: an interval in the Library of Congress EDTF standard
(ISO 8601-2), plus the article's own wording.

- `parse(value)` reads the EDTF subset the fact sheet accepts and returns a `When`: the
  first and last day the date can mean, and how precise it is. Plain ISO dates
  (`2020-09-13`, `2020-09`, `2020`) and intervals between two of them
  (`2020-08-21/2020-08-31`) are read here directly; anything else (a season `2020-22`, a
  qualifier `?` or `~`) is read by the `edtf` package (imported only then: it takes a
  quarter of a second of CPU to load, a sixth of a whole build).
- `wording(when)` is the French wording of a date that needs none (« 3 août 2020 »,
  « août 2020 », « été 2020 »); an interval has no generated wording: the editor writes
  the article's (`date_text: fin août 2020`).
- `parse_wording(text)` reads the French wordings the site knows (« fin août 2020 »,
  « le week-end des 12 et 13 septembre 2020 »…) into an interval, so that the build can
  check that the wording and the EDTF value say the same thing.

Validation is strict and ASCII-only: the patterns below are matched whole (no trailing
newline, no full-width digits), and the same patterns go into the JSON Schema, so that an
editor's YAML tool and the build accept and refuse the same dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Literal

from babel.dates import format_date

from . import language
from .language import gettext as _


# --- patterns (shared with the JSON Schema) ----------------------------------------------

_LEAP = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
_MONTH_DAY = (
    r"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"  # every month has 28 days
    r"|(?:0[13-9]|1[0-2])-(?:29|30)"  # every month but February has 29 and 30
    r"|(?:0[13578]|1[02])-31)"  # the long months have 31
)
#: A calendar day, as a regular expression (leap years included): 2020-02-29 yes, 2021-02-29 no.
DAY_RE = rf"(?:[0-9]{{4}}-{_MONTH_DAY}|{_LEAP}-02-29)"
#: A day, a month or a year: the plain ISO 8601 dates of the fact sheet (as_of, updated…).
ISO_RE = rf"(?:{DAY_RE}|[0-9]{{4}}-(?:0[1-9]|1[0-2])|[0-9]{{4}})"
#: The same, or a season (EDTF level 1: 21 spring, 22 summer, 23 autumn, 24 winter).
_EDTF_SINGLE = rf"(?:{ISO_RE}|[0-9]{{4}}-2[1-4])[?~%]?"
#: The EDTF subset of event and deadline dates: one date, or an interval start/end.
EDTF_RE = rf"{_EDTF_SINGLE}(?:/{_EDTF_SINGLE})?"
#: A publication date as the articles' files give it (day, month or year, optionally a time).
PUBLISHED_RE = rf"(?:{DAY_RE}(?:T(?:[01][0-9]|2[0-3]):[0-5][0-9])?|[0-9]{{4}}-(?:0[1-9]|1[0-2])|[0-9]{{4}})"

# `(?![\s\S])` rather than `$`: in Python (which the jsonschema package uses) `$` also
# matches before a final newline; an empty lookahead means "end of text" in every engine.
_END = r"(?![\s\S])"
ISO_PATTERN = f"^(?:{ISO_RE}){_END}"
EDTF_PATTERN = f"^(?:{EDTF_RE}){_END}"
PUBLISHED_PATTERN = f"^(?:{PUBLISHED_RE}){_END}"

_SHAPE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?", re.ASCII)
_EDTF_SHAPE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?[?~%]?(?:/[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?[?~%]?)?", re.ASCII)

_ISO = re.compile(ISO_RE, re.ASCII)

ISO_RULE = "date attendue au format AAAA-MM-JJ (ou AAAA-MM si l'article ne donne que le mois)"
EDTF_RULE = (
    "date attendue au format EDTF : AAAA-MM-JJ, AAAA-MM, AAAA, une saison (AAAA-22 pour l'été) "
    "ou une période début/fin (2020-08-21/2020-08-31), éventuellement suivie de ? (incertaine) ou ~ (approximative)"
)

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
SEASONS = {21: "printemps", 22: "été", 23: "automne", 24: "hiver"}

Precision = Literal["day", "month", "year", "season", "interval"]


@dataclass(frozen=True)
class When:
    """What a date can mean: its first and last possible day, as written."""

    text: str  # the EDTF value as written in the fact sheet
    start: dt.date
    end: dt.date
    precision: Precision
    approximate: bool = False  # ~ or %
    uncertain: bool = False  # ? or %

    @property
    def key(self) -> tuple[dt.date, dt.date]:
        """Sort key: by first day, then last day (« 3 août » before « fin août »)."""
        return (self.start, self.end)

    @property
    def single_day(self) -> bool:
        return self.start == self.end

    @property
    def qualified(self) -> bool:
        return self.approximate or self.uncertain


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _plain(value: str) -> When:
    """A plain ISO date already known to have the right shape and to exist."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return When(value, day, day, "day")
    if len(parts) == 2:
        return When(value, dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], _last_day(*parts)), "month")
    return When(value, dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31), "year")


def _calendar_problem(value: str) -> str | None:
    """Why a date of the right shape does not exist, or None."""
    for piece in re.split(r"[/?~%]", value):
        if not piece:
            continue
        parts = [int(p) for p in piece.split("-")]
        if len(parts) >= 2 and not (1 <= parts[1] <= 12 or (len(parts) == 2 and 21 <= parts[1] <= 24)):
            return f"la date {value} n'existe pas dans le calendrier"
        if len(parts) == 3:
            try:
                dt.date(*parts)
            except ValueError:
                return f"la date {value} n'existe pas dans le calendrier"
    return None


def parse_iso(value: str) -> When:
    """A plain ISO date (day, month or year). ValueError with a French message otherwise."""
    if not isinstance(value, str) or not _SHAPE.fullmatch(value):
        raise ValueError(ISO_RULE)
    problem = _calendar_problem(value)
    if problem:
        raise ValueError(problem)
    return _plain(value)


def parse(value: str) -> When:
    """A date in the fact sheet's EDTF subset. ValueError with a French message otherwise."""
    if not isinstance(value, str) or not _EDTF_SHAPE.fullmatch(value):
        raise ValueError(EDTF_RULE)
    problem = _calendar_problem(value)
    if problem:
        raise ValueError(problem)
    if _ISO.fullmatch(value):
        return _plain(value)
    first, slash, last = value.partition("/")
    if slash and _ISO.fullmatch(first) and _ISO.fullmatch(last):  # two plain dates: read here too
        start, end = _plain(first).start, _plain(last).end
        if end < start:
            raise ValueError(_reversed(value))
        return When(value, start, end, "interval")
    return _parse_edtf(value)


def _reversed(value: str) -> str:
    first, _, last = value.partition("/")
    return f"la période {value} finit ({last}) avant de commencer ({first}) : inversez les deux dates"


@functools.lru_cache(maxsize=1024)
def _parse_edtf(value: str) -> When:
    import edtf  # slow to import (about half a second): only for dates that need it

    try:
        parsed = edtf.parse_edtf(value)
    except edtf.EDTFParseException:
        raise ValueError(EDTF_RULE) from None
    start = edtf.struct_time_to_date(parsed.lower_strict())
    end = edtf.struct_time_to_date(parsed.upper_strict())
    if end < start:
        raise ValueError(_reversed(value))
    approximate = "~" in value or "%" in value
    uncertain = "?" in value or "%" in value
    if "/" in value:
        precision: Precision = "interval"
    elif isinstance(parsed, edtf.Season):
        precision = "season"
    else:
        precision = _plain(value.rstrip("?~%")).precision
    return When(value, start, end, precision, approximate, uncertain)


# --- the fact sheet's dates, parsed once -------------------------------------------------


class Date(str):
    """A date of the fact sheet as written (plain ISO or EDTF), with what it means, parsed once
    when the sheet is loaded: `when` (first and last day, precision). It stays a string, so
    templates and exports print and compare it as written."""

    when: When

    def __new__(cls, text: str, when: When | None = None) -> Date:
        value = super().__new__(cls, text)
        value.when = when if when is not None else parse(text)
        return value

    @property
    def precision(self) -> str:
        return self.when.precision

    @property
    def start(self) -> dt.date:
        """First day the date can mean: used to sort and to place on a time axis."""
        return self.when.start

    @property
    def end(self) -> dt.date:
        """Last day the date can mean."""
        return self.when.end


# --- French wording: the one place a date becomes words -------------------------------------


def _format(day: dt.date, pattern: str) -> str:
    """Babel's wording of `day` in the site's language (`pattern`: a CLDR date pattern)."""
    return _babel_format(day, pattern, language.code())


@functools.lru_cache(maxsize=4096)
def _babel_format(day: dt.date, pattern: str, code: str) -> str:
    # Babel parses the pattern and looks the locale up at every call: a story prints the
    # same few hundred dates thousands of times (0.3 s of render at 1,000 articles)
    return format_date(day, pattern, locale=code)


def french_day(day: dt.date, with_weekday: bool = False) -> str:
    pattern = "EEEE d MMMM y" if with_weekday else "d MMMM y"
    text = _format(day, pattern)
    if day.day == 1:  # French writes the first of the month as an ordinal
        text = re.sub(r"\b1 ", "1er ", text, count=1)
    return text


def wording(when: When, with_weekday: bool = False) -> str:
    """The French wording of a date, as precise as the date and no more."""
    if when.precision == "day":
        text = french_day(when.start, with_weekday)
    elif when.precision == "month":
        text = _format(when.start, "MMMM y")
    elif when.precision == "year":
        text = str(when.start.year)
    elif when.precision == "season":
        text = f"{SEASONS[int(when.text[5:7])]} {when.start.year}"
    elif when.start == when.end:
        text = french_day(when.start)
    else:
        text = span(when.start, when.end)
    if when.approximate and when.precision != "interval":
        text = _("about {date}").format(date=text)
    if when.uncertain:
        text = _("{date} (uncertain date)").format(date=text)
    return text


def french(value: object, *, with_weekday: bool = False) -> str:
    """Any date the site prints, in French: a fact sheet's date (« 13 septembre 2020 »,
    « septembre 2020 », « été 2020 »), a day, or a publication time (« 14 septembre 2020 à 9 h 11 »)."""
    if value is None:
        return _("unknown date")
    if isinstance(value, Date):
        return wording(value.when, with_weekday)
    if isinstance(value, dt.date):
        return french_day(value, with_weekday)
    text = str(value)
    if "T" in text:
        day, _t, time = text.partition("T")
        hour, _colon, minute = time.partition(":")
        return _("{day} at {hour}:{minute}").format(day=french(day, with_weekday=with_weekday), hour=int(hour), minute=minute)
    return wording(parse(text), with_weekday)


def of_item(item: object) -> str:
    """How the site prints an event's, a deadline's or a history step's date: the article's
    wording (`date_text`) when the sheet gives it, else the date itself in French."""
    given = getattr(item, "date_text", None)
    if given is None and item.date is None:
        return _("not dated by the articles")
    return given or french(item.date)


_DAY_MONTH = re.compile(r"(le )?(1er|[0-9]{1,2}) (\S+)")
_DAY_MONTH_YEAR = re.compile(r"(?:le )?(?:1er|[0-9]{1,2}) (\S+) [0-9]{4}")


def span(first: object, last: object) -> str:
    """A period in French, the one way the site words it: « du 4 au 8 mars 2021 », « du 28 août
    au 3 septembre 2020 », « de juillet au 14 septembre 2020 », « du 3 août 2020 à janvier 2021 »,
    « le 26 février 2021 » when both ends are the same day. Each end is a date (`Date`, `When`,
    a day) or the article's own wording (« le week-end des 12 et 13 septembre 2020 »); the
    year, and the month, are printed once when both ends share them."""
    a, b = _end(first), _end(last)

    def lead(text: str, day: str, other: str) -> str:
        if text.startswith("le "):
            return f"{day} {text[3:]}"
        word = day if text[:1].isdigit() else other
        if word == "de" and text[:1] in "aeéiouyAEÉIOUY":  # « d’août 2020 », « d’octobre 2020 »
            return f"d’{text}"
        return f"{word} {text}"

    if a == b:  # one day or one month: « le 26 février 2021 », « en septembre 2020 »
        return a if a.startswith("le ") else (f"le {a}" if a[:1].isdigit() else f"en {a}")
    year = b[-5:]
    if a.endswith(year) and year[1:].isdigit() and year[:1] == " ":  # the year once
        a = a[: -len(year)]
        days, month = _DAY_MONTH.fullmatch(a), _DAY_MONTH_YEAR.fullmatch(b)
        if days and month and days[3] == month[1]:  # and the month once: « du 4 au 8 mars 2021 »
            a = f"{days[1] or ''}{days[2]}"
    return f"{lead(a, 'du', 'de')} {lead(b, 'au', 'à')}"


def _end(value: object) -> str:
    if isinstance(value, Date):
        return wording(value.when)
    if isinstance(value, When):
        return wording(value)
    if isinstance(value, dt.date):
        return french_day(value)
    return str(value)


def short(day: dt.date, precision: str) -> str:
    """A date as short as a time axis prints it: « 15 sept. », « 1er sept. », « sept. 2020 », « 2020 »."""
    if precision == "day":
        text = _format(day, "d MMM")
        return text.replace("1 ", "1er ", 1) if day.day == 1 else text
    if precision == "month":
        return _format(day, "MMM y")
    return str(day.year)


def short_month(day: dt.date) -> str:
    """A month on a time axis: « sept. »."""
    return _format(day, "MMM")


_MONTH = "(" + "|".join(MONTHS) + ")"
_WORDINGS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"(?:le )?(1er|[0-9]{{1,2}}) {_MONTH} ([0-9]{{4}})"), "day"),
    (re.compile(rf"(?:en |courant )?{_MONTH} ([0-9]{{4}})"), "month"),
    (re.compile(rf"(début|mi|fin)[ -]{_MONTH} ([0-9]{{4}})"), "part"),
    (re.compile(r"(?:l'|l’|cet |à l'|à l’)?(printemps|été|automne|hiver) ([0-9]{4})"), "season"),
    (re.compile(rf"(?:le )?week-end des ([0-9]{{1,2}}) et ([0-9]{{1,2}}) {_MONTH} ([0-9]{{4}})"), "weekend"),
    (re.compile(r"(?:en )?([0-9]{4})"), "year"),
]
#: How the site reads the parts of a month (the Méthode page says so).
PARTS = {"début": (1, 10), "mi": (11, 20), "fin": (21, 31)}
#: Seasons as the EDTF library reads them (meteorological: summer is June to August; the
#: library keeps winter inside its year, so « hiver 2020 » is December 2020).
_SEASON_MONTHS = {"printemps": (3, 5), "été": (6, 8), "automne": (9, 11), "hiver": (12, 12)}


def how_parts_are_read() -> list[tuple[str, str]]:
    """What the Méthode page says of the wordings the site reads, from the tables above (never
    restated by hand): [("début", "du 1er au 10"), …, ("fin", "du 21 au dernier jour"), ("l’été", "de juin à août")]."""
    out = []
    for word, (first, last) in PARTS.items():
        end = "dernier jour" if last == 31 else str(last)
        out.append((f"{word}-" if word == "mi" else word, f"du {'1er' if first == 1 else first} au {end}"))
    first_month, last_month = _SEASON_MONTHS["été"]
    out.append(("l’été", f"de {MONTHS[first_month - 1]} à {MONTHS[last_month - 1]}"))
    return out


def parse_wording(text: str) -> tuple[dt.date, dt.date] | None:
    """The interval a French wording means; None when the site does not know the wording.

    ValueError (French) when the wording names a day that does not exist, or a week-end
    whose days are not a Saturday and the Sunday after it.
    """
    norm = " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split()).lower()
    for pattern, kind in _WORDINGS:
        m = pattern.fullmatch(norm)
        if m:
            try:
                return _interval(kind, m)
            except WeekendError as exc:
                raise ValueError(f"« {text} » : {exc}") from None
            except ValueError:
                raise ValueError(f"« {text} » n'existe pas dans le calendrier") from None
    return None


def _interval(kind: str, m: re.Match[str]) -> tuple[dt.date, dt.date]:
    if kind == "day":
        day = 1 if m[1] == "1er" else int(m[1])
        d = dt.date(int(m[3]), MONTHS.index(m[2]) + 1, day)
        return d, d
    if kind == "month":
        year, month = int(m[2]), MONTHS.index(m[1]) + 1
        return dt.date(year, month, 1), dt.date(year, month, _last_day(year, month))
    if kind == "part":
        year, month = int(m[3]), MONTHS.index(m[2]) + 1
        first, last = PARTS[m[1]]
        return dt.date(year, month, first), dt.date(year, month, min(last, _last_day(year, month)))
    if kind == "season":
        year = int(m[2])
        first, last = _SEASON_MONTHS[m[1]]
        end_year = year + 1 if last < first else year
        return dt.date(year, first, 1), dt.date(end_year, last, _last_day(end_year, last))
    if kind == "weekend":
        year, month = int(m[4]), MONTHS.index(m[3]) + 1
        saturday, sunday = dt.date(year, month, int(m[1])), dt.date(year, month, int(m[2]))
        if saturday.weekday() != 5 or sunday != saturday + dt.timedelta(days=1):
            raise WeekendError(f"{french_day(saturday, True)} et {french_day(sunday, True)} ne forment pas un week-end")
        return saturday, sunday
    year = int(m[1])
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


class WeekendError(ValueError):
    pass
