"""Dates: the EDTF subset of the fact sheet, French wordings, and the JSON Schema agreeing
with the model on every good and bad date (bad-input review D9, issue 17's date patterns)."""

from __future__ import annotations

import datetime as dt
import functools
import json
import jsonschema
import pytest

from explainer import dates
from explainer.model import schemas


D = dt.date

# value -> (first day, last day, precision)
GOOD_EDTF = {
    "2020-09-13": (D(2020, 9, 13), D(2020, 9, 13), "day"),
    "2020-09": (D(2020, 9, 1), D(2020, 9, 30), "month"),
    "2020": (D(2020, 1, 1), D(2020, 12, 31), "year"),
    "2020-02-29": (D(2020, 2, 29), D(2020, 2, 29), "day"),
    "2000-02-29": (D(2000, 2, 29), D(2000, 2, 29), "day"),
    "2020-22": (D(2020, 6, 1), D(2020, 8, 31), "season"),
    "2020-08-21/2020-08-31": (D(2020, 8, 21), D(2020, 8, 31), "interval"),
    "2020-09-12?/2020-09-13?": (D(2020, 9, 12), D(2020, 9, 13), "interval"),
    "2020-08-21~/2020-08-31": (D(2020, 8, 21), D(2020, 8, 31), "interval"),
    "2020-08/2020-09": (D(2020, 8, 1), D(2020, 9, 30), "interval"),
    "2020-07~": (D(2020, 7, 1), D(2020, 7, 31), "month"),
    "2020-09-13?": (D(2020, 9, 13), D(2020, 9, 13), "day"),
}

# value -> message (the model's); the schema refuses each of them too
BAD_DATES = {
    "2020-09-14\n": dates.EDTF_RULE,  # D9: a trailing newline
    "２０２０-０９-１４": dates.EDTF_RULE,  # D9: full-width digits
    "2020-09-14 ": dates.EDTF_RULE,
    " 2020-09-14": dates.EDTF_RULE,
    "20/09/2020": dates.EDTF_RULE,
    "2020-9-14": dates.EDTF_RULE,
    "12:30": dates.EDTF_RULE,
    "2020-09-31": "la date 2020-09-31 n'existe pas dans le calendrier",
    "2021-02-29": "la date 2021-02-29 n'existe pas dans le calendrier",
    "1900-02-29": "la date 1900-02-29 n'existe pas dans le calendrier",
    "2020-13-45": "la date 2020-13-45 n'existe pas dans le calendrier",
    "2020-13": "la date 2020-13 n'existe pas dans le calendrier",
    "2020-25": "la date 2020-25 n'existe pas dans le calendrier",
    "2020-00": "la date 2020-00 n'existe pas dans le calendrier",
    "2020-08-XX": dates.EDTF_RULE,  # unspecified digits: not in the subset
    "2020-08-21/..": dates.EDTF_RULE,  # open interval: not in the subset
    "": dates.EDTF_RULE,
}
#: Only the model can see that an interval is reversed (a regular expression cannot order dates).
REVERSED = "2020-09-13/2020-09-12"


@pytest.mark.parametrize("value", sorted(GOOD_EDTF))
def test_good_edtf_dates(value):
    when = dates.parse(value)
    assert (when.start, when.end, when.precision) == GOOD_EDTF[value]


@pytest.mark.parametrize("value", sorted(BAD_DATES))
def test_bad_dates_are_refused_with_their_message(value):
    with pytest.raises(ValueError) as exc:
        dates.parse(value)
    assert str(exc.value) == BAD_DATES[value]


def test_reversed_interval():
    with pytest.raises(ValueError, match="finit .* avant de commencer"):
        dates.parse(REVERSED)


def test_plain_dates_refuse_edtf_forms():
    for value in ("2020-22", "2020-08-21/2020-08-31", "2020-07~", "2020-09-14\n", "２０２０"):
        with pytest.raises(ValueError):
            dates.parse_iso(value)
    assert dates.parse_iso("2020-09").precision == "month"


def test_edtf_package_agrees_on_the_intervals():
    """Our fast path for plain dates gives the same interval as the edtf package."""
    import edtf

    for value, (start, end, _) in GOOD_EDTF.items():
        parsed = edtf.parse_edtf(value)
        assert edtf.struct_time_to_date(parsed.lower_strict()) == start, value
        assert edtf.struct_time_to_date(parsed.upper_strict()) == end, value


@functools.cache
def _schema_for(kind: str) -> dict:
    """The JSON Schema of one date field, taken from the committed facts schema."""
    facts = json.loads(schemas()["facts.schema.json"])
    if kind == "edtf":
        return facts["$defs"]["Event"]["properties"]["date"]
    return facts["$defs"]["Story"]["properties"]["as_of"]


def _schema_accepts(schema: dict, value: str) -> bool:
    return jsonschema.Draft202012Validator(schema).is_valid(value)


@pytest.mark.parametrize("value", sorted(GOOD_EDTF) + sorted(BAD_DATES))
def test_model_and_schema_agree_on_event_dates(value):
    try:
        dates.parse(value)
        model_ok = True
    except ValueError:
        model_ok = False
    assert _schema_accepts(_schema_for("edtf"), value) == model_ok


@pytest.mark.parametrize("value", ["2020-09-13", "2020-09", "2020", "2020-02-29"] + sorted(BAD_DATES) + ["2020-22", "2020-07~"])
def test_model_and_schema_agree_on_plain_dates(value):
    try:
        dates.parse_iso(value)
        model_ok = True
    except ValueError:
        model_ok = False
    assert _schema_accepts(_schema_for("iso"), value) == model_ok


def test_reversed_interval_is_the_one_known_disagreement():
    assert _schema_accepts(_schema_for("edtf"), REVERSED)  # the pattern cannot order two dates
    with pytest.raises(ValueError):
        dates.parse(REVERSED)


def test_article_publication_dates():
    from explainer.model import Article

    base = {"id": "a", "file": "a.txt", "title": None, "outlet": None, "author": None, "language": "fr", "url": None, "text": ["1"]}
    schema = json.loads(schemas()["articles.schema.json"])
    published_schema = schema["$defs"]["Article"]["properties"]["published"]["anyOf"][0]
    for value, ok in [("2020-09-14T09:11", True), ("2020-09", True), ("2020-09-31", False), ("2020-09-14T25:00", False),
                      ("2020-09-14\n", False), ("２０２０-０９", False)]:
        try:
            Article.model_validate({**base, "published": value})
            model_ok = True
        except Exception:
            model_ok = False
        assert model_ok == ok, value
        assert _schema_accepts(published_schema, value) == ok, value


WORDINGS = {
    "fin août 2020": (D(2020, 8, 21), D(2020, 8, 31)),
    "début août 2020": (D(2020, 8, 1), D(2020, 8, 10)),
    "mi-septembre 2020": (D(2020, 9, 11), D(2020, 9, 20)),
    "en juillet 2020": (D(2020, 7, 1), D(2020, 7, 31)),
    "juillet 2020": (D(2020, 7, 1), D(2020, 7, 31)),
    "cet été 2020": (D(2020, 6, 1), D(2020, 8, 31)),
    "le week-end des 12 et 13 septembre 2020": (D(2020, 9, 12), D(2020, 9, 13)),
    "3 août 2020": (D(2020, 8, 3), D(2020, 8, 3)),
    "le 1er mars 2021": (D(2021, 3, 1), D(2021, 3, 1)),
    "fin février 2021": (D(2021, 2, 21), D(2021, 2, 28)),
}


@pytest.mark.parametrize("text", sorted(WORDINGS))
def test_wordings(text):
    assert dates.parse_wording(text) == WORDINGS[text]


def test_wordings_the_site_does_not_know_or_that_cannot_be():
    assert dates.parse_wording("la semaine dernière") is None
    with pytest.raises(ValueError, match="ne forment pas un week-end"):
        dates.parse_wording("le week-end des 13 et 14 septembre 2020")
    with pytest.raises(ValueError, match="n'existe pas dans le calendrier"):
        dates.parse_wording("31 septembre 2020")


def test_sorting_by_interval_puts_end_of_august_after_the_third():
    third, end_of_august, early_august = dates.parse("2020-08-03"), dates.parse("2020-08-21/2020-08-31"), dates.parse("2020-08-01/2020-08-10")
    assert sorted([end_of_august, third, early_august], key=lambda w: w.key) == [early_august, third, end_of_august]


def test_generated_wording_is_never_more_precise_than_the_date():
    assert dates.wording(dates.parse("2020-09")) == "septembre 2020"
    assert dates.wording(dates.parse("2020-22")) == "été 2020"
    assert dates.wording(dates.parse("2020-09-01")) == "1er septembre 2020"
    assert dates.wording(dates.parse("2020-09-12/2020-09-13")) == "du 12 au 13 septembre 2020"
    assert dates.wording(dates.parse("2020-07~")) == "vers juillet 2020"
    assert dates.wording(dates.parse("2020-09-13?")) == "13 septembre 2020 (date incertaine)"


# --- one period, one wording (issue 25: the same period printed « du 4 mars 2021 au 8 mars
# 2021 », « 4 mars – 8 mars 2021 » and « du 4 au 8 mars 2021 » by three functions) ---------


def test_a_period_is_worded_one_way_whatever_its_ends_are_given_as():
    expected = "du 4 au 8 mars 2021"
    assert dates.span(D(2021, 3, 4), D(2021, 3, 8)) == expected  # two days
    assert dates.span(dates.Date("2021-03-04"), dates.Date("2021-03-08")) == expected  # the sheet's dates
    assert dates.span(dates.french("2021-03-04"), dates.french("2021-03-08")) == expected  # already worded ends
    assert dates.wording(dates.parse("2021-03-04/2021-03-08")) == expected  # an EDTF interval


def test_the_sheet_s_dates_are_parsed_once_at_load(fixture_project):
    from explainer.load import load
    from explainer.problems import Problems

    loaded = load(fixture_project.root, Problems())
    sheet = loaded.sheet
    assert isinstance(sheet.story.period.start, dates.Date) and sheet.story.period.start.when.precision == "day"
    assert all(isinstance(e.date, dates.Date) and e.date.when.start for e in sheet.events if e.date is not None)
    assert sheet.events[0].date == "2021-02-26"  # still the text as written


PERIOD = 'period: {start: "2021-02-26", end: "2021-03-02"}'


def test_the_same_period_reads_the_same_on_every_surface(fixture_project):
    """The story's period on the home page and on every link card, the timeline's description
    (its first and last dates are the period's ends) and a located error all say it alike."""
    from helpers import edit

    from explainer.pipeline import run_check, run_generate

    facts = fixture_project.root / "facts.yml"
    edit(facts, 'period: {start: "2021-02-26", end: "2021-02-26"}', PERIOD)
    edit(facts, 'as_of: "2021-02-26"', 'as_of: "2021-03-02"')
    edit(fixture_project.root / "seeds" / "articles.yml", "published: null", 'published: "2021-03-02"')
    words = "du 26 février au 2 mars 2021"
    result = run_generate(fixture_project)
    assert not result.problems, result.problems.items
    docs = fixture_project.path("docs")
    home = (docs / "index.md").read_text(encoding="utf-8")
    assert f"{words}.</p>" in next(line for line in home.splitlines() if 'class="story-period"' in line)
    pages = sorted(docs.rglob("*.md"))
    alts = [line for p in pages for line in p.read_text(encoding="utf-8").splitlines() if line.startswith("image_alt:")]
    on_cards = [line for line in alts if line.endswith(f'. {words[:1].upper()}{words[1:]}."')]
    assert len(on_cards) >= 5, alts  # the home page and every theme page print the story's period
    assert not [line for line in alts if "–" in line or "2021 au" in line], alts
    assert f"Un événement et une échéance, {words}" in (docs / "echeances.md").read_text(encoding="utf-8")
    # the exports' human text: a moved date in the journal, which the feed's entries repeat
    from explainer import journal

    moved = journal.Entry("2021-03-02", "2021-03-02T12:00:00Z", "date", "annonce-fermeture", "2021-02-26/2021-03-02", "2021-03-02")
    assert journal.describe(result.site, moved)[2].startswith(f"Auparavant : {words} ;")
    edit(facts, 'date: "2021-02-26"\n    date_note', 'date: "2021-02-26/2021-03-02"\n    date_text: fin février 2021\n    date_note')
    messages = [p.message for p in run_check(fixture_project).problems.items]
    assert any(f"désigne {words} :" in m for m in messages), messages


def test_the_methode_page_says_how_parts_of_a_month_are_read_from_the_tables(monkeypatch):
    """« début », « mi- », « fin » and « l'été » as the Méthode page explains them come from the
    tables parse_wording reads with (dates.PARTS), never restated by hand (issue 25)."""
    assert dates.how_parts_are_read() == [("début", "du 1er au 10"), ("mi-", "du 11 au 20"),
                                          ("fin", "du 21 au dernier jour"), ("l’été", "de juin à août")]
    monkeypatch.setitem(dates.PARTS, "début", (1, 9))
    assert dates.how_parts_are_read()[0] == ("début", "du 1er au 9")
    assert dates.parse_wording("début mars 2021") == (D(2021, 3, 1), D(2021, 3, 9))
