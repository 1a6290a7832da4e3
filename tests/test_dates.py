"""Tests for seasontrack.dates: parsing, labels, periods, ordering, comparison, JSON."""

from __future__ import annotations

import subprocess
import sys
import zoneinfo
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seasontrack.dates import (
    TZ_ABBREVIATIONS,
    DateInputError,
    PartialDate,
    Precision,
    check_zone,
    compare,
    parse_when,
    zone,
)

P = Precision
LA = "America/Los_Angeles"


def minute(day: date, hour: int, mins: int, tz: str | None) -> PartialDate:
    return PartialDate(P.MINUTE, day, time(hour, mins), tz)


# --- parsing -------------------------------------------------------------------------------------

PARSE_CASES: list[tuple[str, PartialDate, str]] = [
    ("TBA", PartialDate.tba(), "TBA"),
    ("tbd", PartialDate.tba(), "TBA"),
    (" TBC ", PartialDate.tba(), "TBA"),
    ("Unknown", PartialDate.tba(), "TBA"),
    ("2018", PartialDate(P.YEAR, date(2018, 1, 1)), "2018"),
    ("2018-03", PartialDate(P.MONTH, date(2018, 3, 1)), "March 2018"),
    ("Q1 2018", PartialDate(P.QUARTER, date(2018, 1, 1)), "Q1 2018"),
    ("2018 Q2", PartialDate(P.QUARTER, date(2018, 4, 1)), "Q2 2018"),
    ("2018-Q3", PartialDate(P.QUARTER, date(2018, 7, 1)), "Q3 2018"),
    ("q4  2018", PartialDate(P.QUARTER, date(2018, 10, 1)), "Q4 2018"),
    ("spring 2018", PartialDate(P.SEASON, date(2018, 3, 1)), "spring 2018"),
    ("Summer 2018", PartialDate(P.SEASON, date(2018, 6, 1)), "summer 2018"),
    ("fall 2018", PartialDate(P.SEASON, date(2018, 9, 1)), "fall 2018"),
    ("autumn 2018", PartialDate(P.SEASON, date(2018, 9, 1)), "fall 2018"),
    ("WINTER 2018", PartialDate(P.SEASON, date(2017, 12, 1)), "winter 2018"),
    ("early 2018", PartialDate(P.THIRD, date(2018, 1, 1)), "early 2018"),
    ("mid 2018", PartialDate(P.THIRD, date(2018, 5, 1)), "mid 2018"),
    ("mid-2018", PartialDate(P.THIRD, date(2018, 5, 1)), "mid 2018"),
    ("Late   2018", PartialDate(P.THIRD, date(2018, 9, 1)), "late 2018"),
    ("2018-03-08", PartialDate(P.DAY, date(2018, 3, 8)), "March 8, 2018"),
    ("March 8, 2018", PartialDate(P.DAY, date(2018, 3, 8)), "March 8, 2018"),
    ("march 8, 2018", PartialDate(P.DAY, date(2018, 3, 8)), "March 8, 2018"),
    ("Dec. 9, 2017", PartialDate(P.DAY, date(2017, 12, 9)), "December 9, 2017"),
    ("8 Mar 2018", PartialDate(P.DAY, date(2018, 3, 8)), "March 8, 2018"),
    ("Thursday, March 8, 2018", PartialDate(P.DAY, date(2018, 3, 8)), "March 8, 2018"),
    ("March 2018", PartialDate(P.MONTH, date(2018, 3, 1)), "March 2018"),
    ("Sept 2018", PartialDate(P.MONTH, date(2018, 9, 1)), "September 2018"),
    ("Feb 29, 2024", PartialDate(P.DAY, date(2024, 2, 29)), "February 29, 2024"),
    (
        "8 Mar 2018 00:01 PST",
        minute(date(2018, 3, 8), 0, 1, LA),
        "March 8, 2018 00:01 PST",
    ),
    (
        "March 8, 2018 00:01 PT",
        minute(date(2018, 3, 8), 0, 1, LA),
        "March 8, 2018 00:01 PST",
    ),
    (
        "July 4, 2018 00:01 PT",
        minute(date(2018, 7, 4), 0, 1, LA),
        "July 4, 2018 00:01 PDT",
    ),
    # The abbreviation names the region's zone: PST in July is Pacific wall time, i.e. PDT.
    (
        "July 4, 2018 00:01 PST",
        minute(date(2018, 7, 4), 0, 1, LA),
        "July 4, 2018 00:01 PDT",
    ),
    (
        "2018-03-08T00:01-08:00",
        minute(date(2018, 3, 8), 0, 1, "-08:00"),
        "March 8, 2018 00:01 -08:00",
    ),
    (
        "2018-03-08T00:01:59+05:30",
        minute(date(2018, 3, 8), 0, 1, "+05:30"),
        "March 8, 2018 00:01 +05:30",
    ),
    (
        "2018-03-08 21:00 Europe/Madrid",
        minute(date(2018, 3, 8), 21, 0, "Europe/Madrid"),
        "March 8, 2018 21:00 Europe/Madrid",
    ),
    (
        "2018-03-08 21:00 europe/madrid",
        minute(date(2018, 3, 8), 21, 0, "Europe/Madrid"),
        "March 8, 2018 21:00 Europe/Madrid",
    ),
    (
        "2018-03-08T21:00Z",
        minute(date(2018, 3, 8), 21, 0, "UTC"),
        "March 8, 2018 21:00 UTC",
    ),
    (
        "2018-03-08 21:00 GMT",
        minute(date(2018, 3, 8), 21, 0, "UTC"),
        "March 8, 2018 21:00 UTC",
    ),
    (
        "2018-03-08 21:00 utc",
        minute(date(2018, 3, 8), 21, 0, "UTC"),
        "March 8, 2018 21:00 UTC",
    ),
    (
        "2018-03-08 21:00 UTC+9",
        minute(date(2018, 3, 8), 21, 0, "+09:00"),
        "March 8, 2018 21:00 +09:00",
    ),
    (
        "march 8 2018 9pm et",
        minute(date(2018, 3, 8), 21, 0, "America/New_York"),
        "March 8, 2018 21:00 EST",
    ),
    (
        "June 1, 2018 10:00 BST",
        minute(date(2018, 6, 1), 10, 0, "Europe/London"),
        "June 1, 2018 10:00 BST",
    ),
    (
        "March 8, 2018 21:00 IST",
        minute(date(2018, 3, 8), 21, 0, "Asia/Kolkata"),
        "March 8, 2018 21:00 IST",
    ),
    (
        "March 8, 2018 at 21:00",
        minute(date(2018, 3, 8), 21, 0, None),
        "March 8, 2018 21:00",
    ),
    (
        "2018-03-08 00:00",
        minute(date(2018, 3, 8), 0, 0, None),
        "March 8, 2018 00:00",
    ),
]


@pytest.mark.parametrize(("text", "expected", "label"), PARSE_CASES)
def test_parse_when_reads_each_form(text: str, expected: PartialDate, label: str) -> None:
    parsed = parse_when(text)
    assert parsed == expected
    assert parsed.label() == label
    assert parse_when(label) == expected


def test_seed_example_is_pacific_time() -> None:
    parsed = parse_when("8 Mar 2018 00:01 PST")
    assert parsed.precision is P.MINUTE
    assert parsed.start == date(2018, 3, 8)
    assert parsed.time == time(0, 1)
    assert parsed.tz == LA
    assert parsed.instant() == datetime(2018, 3, 8, 8, 1, tzinfo=UTC)
    assert parse_when("March 8, 2018 00:01 PT").label() == "March 8, 2018 00:01 PST"


def test_july_pacific_time_is_shown_as_pdt() -> None:
    parsed = parse_when("July 4, 2018 20:00 PT")
    assert parsed.label() == "July 4, 2018 20:00 PDT"
    assert parsed.instant() == datetime(2018, 7, 5, 3, 0, tzinfo=UTC)


def test_default_tz_applies_only_without_a_zone_in_the_text() -> None:
    assert parse_when("2018-03-08 21:00", default_tz="Europe/Madrid").tz == "Europe/Madrid"
    assert parse_when("2018-03-08 21:00 PT", default_tz="Europe/Madrid").tz == LA
    assert parse_when("2018-03-08 21:00", default_tz="+05:30").tz == "+05:30"
    assert parse_when("2018-03-08 21:00").tz is None
    assert parse_when("2018-03-08", default_tz="Europe/Madrid") == PartialDate(
        P.DAY, date(2018, 3, 8)
    )
    with pytest.raises(DateInputError, match="time zone"):
        parse_when("2018-03-08 21:00", default_tz="Mars/Olympus")


def test_seconds_are_dropped_and_midnight_is_a_time() -> None:
    parsed = parse_when("2018-03-08 21:15:42")
    assert parsed.precision is P.MINUTE
    assert parsed.time == time(21, 15)


def test_trailing_single_word_iana_zone() -> None:
    parsed = parse_when("2018-03-08 21:00 Japan")
    assert parsed.tz == "Japan"
    assert parsed.instant() == datetime(2018, 3, 8, 12, 0, tzinfo=UTC)


# --- errors --------------------------------------------------------------------------------------

ERROR_CASES: list[tuple[str, str]] = [
    ("", "no date given"),
    ("   ", "no date given"),
    ("Marhc 2018", "can't read 'Marhc 2018' as a date"),
    ("next spring", "can't read"),
    ("March 8", "'March 8' has no year"),
    ("Feb 29", "has no year"),
    ("21:00", "time without a day"),
    ("March 2018 21:00", "has a time but no day"),
    ("1850", "out of range"),
    ("2201", "out of range"),
    ("spring 1899", "out of range"),
    ("March 8, 1850", "out of range"),
    ("March 8, 10000", "out of range"),
    ("February 30, 2018", "not a real date"),
    ("Feb 29, 2023", "not a real date"),
    ("2018-02-30", "not a real date"),
    ("2018-13", "no such month"),
    ("Q5 2018", "no such quarter"),
    ("Friday, March 8, 2018", "wrong weekday"),
    ("Monday, March 2018", "weekday but no day"),
    ("Monday 2018", "weekday but no day"),
    ("March 8, 2018 21:00 XYZ", "unknown time zone 'XYZ'"),
    ("March 8, 2018 21:00 Europe/Madird", "did you mean Europe/Madrid"),
    ("March 8, 2018 Europe/Madrid", "time zone but no time"),
    ("March 8, 2018 21:00 PST Europe/Madrid", "two time zones"),
    ("March 8, 2018 21:00 +9999", "offset"),
    ("March 8, 2018 21:00 PST-8", "both a zone name and an offset"),
    ("99999999999999999999999", "can't read"),
    ("2018-03-08 25:00", "can't read"),
]

ACCEPTED_FORMS = ("2018-03-08", "'March 8, 2018", "'Q1 2018'", "2018-03", "-08:00", "Thursday")


@pytest.mark.parametrize(("text", "fragment"), ERROR_CASES)
def test_parse_errors_are_one_line_and_name_an_accepted_form(text: str, fragment: str) -> None:
    with pytest.raises(DateInputError) as info:
        parse_when(text)
    message = str(info.value)
    assert fragment in message
    assert "\n" not in message
    assert any(form in message for form in ACCEPTED_FORMS), message


def test_unreadable_message_lists_the_forms() -> None:
    with pytest.raises(DateInputError) as info:
        parse_when("Marhc 2018")
    assert str(info.value) == (
        "can't read 'Marhc 2018' as a date; write it like 2018-03-08, 'March 8, 2018',"
        " 'March 2018', 'Q1 2018', 'spring 2018', 'late 2018', 2018 or TBA"
    )


def test_date_input_error_is_a_value_error() -> None:
    assert issubclass(DateInputError, ValueError)


def test_error_message_of_odd_text_stays_on_one_line() -> None:
    with pytest.raises(DateInputError) as info:
        parse_when("March\x00 8\u2028 2018 \x1b[31m" + "x" * 200)
    message = str(info.value)
    assert "\n" not in message and "\x1b" not in message and "\u2028" not in message
    assert len(message) < 300


@given(st.text())
@settings(max_examples=500)
def test_parse_when_raises_only_date_input_error(text: str) -> None:
    try:
        parsed = parse_when(text)
    except DateInputError as exc:
        assert "\n" not in str(exc)
    else:
        assert parse_when(parsed.label()) == parsed


_TOKENS = [
    "March", "Mar.", "8", "8,", "29", "31", "2018", "1899", "99999999999", "00:01", "21:00",
    "9pm", "am", "PST", "pt", "UTC", "Z", "+05:30", "-0800", "+99", "GMT+3", "Europe/Madrid",
    "Etc/GMT+5", "Europe/Nowhere", "T", "Q1", "q9", "spring", "mid", "-", "/", ".", ",",
    "Thursday", "fri", "at", "on", "of", "24:00", "12:60", "1e5", "1.5", "\u0662\u0660\u0661\u0668",
    "\u00b2", "nan", "inf", "0", "2018-03-08", "2018-03-08T00:01:60", "Japan", "GMT+0",
]  # fmt: skip


@given(st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=6), st.sampled_from([" ", ""]))
@settings(max_examples=500)
def test_parse_when_on_date_like_token_soup(tokens: list[str], sep: str) -> None:
    try:
        parsed = parse_when(sep.join(tokens))
    except DateInputError:
        return
    assert parse_when(parsed.label()) == parsed


def test_dateutil_is_imported_lazily() -> None:
    path = Path(__file__).resolve().parents[1] / "src" / "seasontrack" / "dates" / "parsing.py"
    code = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('dates_alone', {str(path)!r})\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "sys.modules['dates_alone'] = module\n"
        "spec.loader.exec_module(module)\n"
        "assert 'dateutil' not in sys.modules, 'imported at load'\n"
        "module.parse_when('March 8, 2018')\n"
        "assert 'dateutil.parser' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- periods -------------------------------------------------------------------------------------

END_CASES: list[tuple[str, date, date]] = [
    ("2018", date(2018, 1, 1), date(2018, 12, 31)),
    ("early 2018", date(2018, 1, 1), date(2018, 4, 30)),
    ("mid 2018", date(2018, 5, 1), date(2018, 8, 31)),
    ("late 2018", date(2018, 9, 1), date(2018, 12, 31)),
    ("spring 2018", date(2018, 3, 1), date(2018, 5, 31)),
    ("summer 2018", date(2018, 6, 1), date(2018, 8, 31)),
    ("fall 2018", date(2018, 9, 1), date(2018, 11, 30)),
    ("winter 2018", date(2017, 12, 1), date(2018, 2, 28)),
    ("winter 2024", date(2023, 12, 1), date(2024, 2, 29)),
    ("Q1 2018", date(2018, 1, 1), date(2018, 3, 31)),
    ("Q2 2018", date(2018, 4, 1), date(2018, 6, 30)),
    ("Q4 2018", date(2018, 10, 1), date(2018, 12, 31)),
    ("February 2024", date(2024, 2, 1), date(2024, 2, 29)),
    ("February 2023", date(2023, 2, 1), date(2023, 2, 28)),
    ("April 2018", date(2018, 4, 1), date(2018, 4, 30)),
    ("December 2200", date(2200, 12, 1), date(2200, 12, 31)),
    ("March 8, 2018", date(2018, 3, 8), date(2018, 3, 8)),
    ("March 8, 2018 23:59 PT", date(2018, 3, 8), date(2018, 3, 8)),
]


@pytest.mark.parametrize(("text", "start", "end"), END_CASES)
def test_start_and_end_of_each_period(text: str, start: date, end: date) -> None:
    parsed = parse_when(text)
    assert (parsed.start, parsed.end) == (start, end)


def test_tba_has_no_period() -> None:
    tba = PartialDate.tba()
    assert tba == PartialDate(P.TBA)
    assert (tba.start, tba.end, tba.instant(), tba.earliest(UTC)) == (None, None, None, None)
    assert tba.label() == "TBA"


def test_winter_spans_the_year_boundary() -> None:
    winter = parse_when("winter 2019")
    assert winter.start == date(2018, 12, 1)
    assert winter.end == date(2019, 2, 28)
    assert winter.label() == "winter 2019"
    assert compare(parse_when("December 25, 2018"), winter) == "overlap"
    assert compare(parse_when("2018"), winter) == "overlap"
    assert compare(parse_when("March 1, 2019"), winter) == "after"
    assert compare(parse_when("November 30, 2018"), winter) == "before"


# --- invariants ----------------------------------------------------------------------------------

INVALID: list[tuple[Precision, date | None, time | None, str | None]] = [
    (P.TBA, date(2018, 1, 1), None, None),
    (P.YEAR, None, None, None),
    (P.YEAR, date(2018, 2, 1), None, None),
    (P.THIRD, date(2018, 4, 1), None, None),
    (P.SEASON, date(2018, 1, 1), None, None),
    (P.QUARTER, date(2018, 3, 1), None, None),
    (P.MONTH, date(2018, 3, 2), None, None),
    (P.DAY, date(2018, 3, 2), time(21, 0), None),
    (P.DAY, date(2018, 3, 2), None, "UTC"),
    (P.MINUTE, date(2018, 3, 2), None, None),
    (P.MINUTE, date(2018, 3, 2), time(21, 0, 30), None),
    (P.MINUTE, date(2018, 3, 2), time(21, 0, tzinfo=UTC), None),
    (P.MINUTE, date(2018, 3, 2), time(21, 0), "Mars/Olympus"),
    (P.MINUTE, date(2018, 3, 2), time(21, 0), "+25:00"),
    (P.MINUTE, date(2018, 3, 2), time(21, 0), "EST"),
    (P.DAY, date(1899, 12, 31), None, None),
    (P.YEAR, date(2201, 1, 1), None, None),
]


@pytest.mark.parametrize(("precision", "start", "at", "tz"), INVALID)
def test_invariants_are_checked(
    precision: Precision, start: date | None, at: time | None, tz: str | None
) -> None:
    with pytest.raises(DateInputError):
        PartialDate(precision, start, at, tz)


def test_datetime_is_not_a_start_day() -> None:
    with pytest.raises(DateInputError):
        PartialDate(P.DAY, datetime(2018, 3, 8, 12, 0))


def test_zero_offset_is_kept_as_utc() -> None:
    assert PartialDate(P.MINUTE, date(2018, 3, 8), time(1, 0), "+00:00").tz == "UTC"
    assert PartialDate(P.MINUTE, date(2018, 3, 8), time(1, 0), "-00:00").tz == "UTC"
    assert parse_when("2018-03-08T01:00+00:00").tz == "UTC"


def test_winter_1900_starts_in_1899() -> None:
    winter = PartialDate(P.SEASON, date(1899, 12, 1))
    assert winter.label() == "winter 1900"
    assert parse_when("winter 1900") == winter


# --- time helpers --------------------------------------------------------------------------------


def test_with_time_and_date_only() -> None:
    day = parse_when("March 8, 2018")
    at = day.with_time(time(21, 0, 45), "Europe/Madrid")
    assert at == minute(date(2018, 3, 8), 21, 0, "Europe/Madrid")
    assert at.date_only() == day
    assert day.date_only() == day
    month = parse_when("March 2018")
    assert month.with_time(time(21, 0), "UTC") is month
    assert at.with_time(time(9, 0), "UTC") is at
    assert day.with_time(time(21, 0), None).tz is None
    with pytest.raises(DateInputError):
        day.with_time(time(21, 0), "Mars/Olympus")


def test_instant_and_earliest() -> None:
    madrid = zone("Europe/Madrid")
    floating = minute(date(2018, 3, 8), 21, 0, None)
    zoned = minute(date(2018, 3, 8), 21, 0, LA)
    assert floating.instant() is None
    assert floating.earliest(madrid) == datetime(2018, 3, 8, 20, 0, tzinfo=UTC)
    assert zoned.instant() == datetime(2018, 3, 9, 5, 0, tzinfo=UTC)
    assert zoned.earliest(madrid) == zoned.instant()
    assert parse_when("March 2018").instant() is None
    earliest = parse_when("Q2 2018").earliest(madrid)
    assert earliest == datetime(2018, 4, 1, 0, 0, tzinfo=madrid)
    assert earliest is not None and earliest.utcoffset() == timedelta(hours=2)


def test_zone() -> None:
    assert zone("+05:30").utcoffset(None) == timedelta(hours=5, minutes=30)
    assert zone("-08:00") == timezone(timedelta(hours=-8))
    assert zone("Europe/Madrid") == zoneinfo.ZoneInfo("Europe/Madrid")
    for bad in ("Mars/Olympus", "", "+24:00", "../etc/passwd", "PST"):
        with pytest.raises(DateInputError):
            zone(bad)


def test_check_zone() -> None:
    assert check_zone("Europe/Madrid") == "Europe/Madrid"
    assert check_zone(" europe/madrid ") == "Europe/Madrid"
    assert check_zone("utc") == "UTC"
    with pytest.raises(DateInputError, match=r"did you mean Europe/Madrid"):
        check_zone("Europe/Madird")
    with pytest.raises(DateInputError, match=r"did you mean America/Los_Angeles"):
        check_zone("PT")
    with pytest.raises(DateInputError, match=r"did you mean America/New_York"):
        check_zone("EST")
    with pytest.raises(DateInputError, match="unknown time zone 'Qqqqqq'; use an IANA name"):
        check_zone("Qqqqqq")


def test_check_zone_takes_a_correct_name_without_listing_every_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Listing the zone database costs ~30 ms, and --tz or the system zone is read at every start.
    import seasontrack.dates.zones as zones

    def listing() -> frozenset[str]:
        raise AssertionError("listed every zone")

    monkeypatch.setattr(zones, "available_zones", listing)
    assert check_zone("America/New_York") == "America/New_York"
    assert check_zone("Etc/GMT+5") == "Etc/GMT+5"
    with pytest.raises(AssertionError, match="listed every zone"):
        check_zone("america/new_york")  # a spelling to correct still needs the listing


# --- ordering and comparison ---------------------------------------------------------------------


def test_sort_key_orders_by_start_then_narrower_and_tba_last() -> None:
    texts = [
        "TBA",
        "April 2018",
        "March 8, 2018",
        "2018",
        "March 2018",
        "Q1 2018",
        "March 1, 2018",
        "early 2018",
        "January 2018",
        "March 8, 2018 21:00 PT",
        "March 8, 2018 09:00 PT",
        "spring 2018",
    ]
    ordered = sorted((parse_when(t) for t in texts), key=PartialDate.sort_key)
    assert [d.label() for d in ordered] == [
        "January 2018",
        "Q1 2018",
        "early 2018",
        "2018",
        "March 1, 2018",
        "March 2018",
        "spring 2018",
        "March 8, 2018 09:00 PST",
        "March 8, 2018 21:00 PST",
        "March 8, 2018",
        "April 2018",
        "TBA",
    ]


def test_sort_key_orders_zoned_times_on_a_day_by_instant() -> None:
    madrid = parse_when("March 8, 2018 21:00 Europe/Madrid")  # 20:00 UTC
    pacific = parse_when("March 8, 2018 15:00 PT")  # 23:00 UTC
    tokyo = parse_when("March 8, 2018 23:00 JST")  # 14:00 UTC
    ordered = sorted([pacific, madrid, tokyo], key=PartialDate.sort_key)
    assert ordered == [tokyo, madrid, pacific]


COMPARE_CASES: list[tuple[str, str, str]] = [
    ("March 2018", "March 8, 2018", "overlap"),
    ("March 8, 2018", "March 2018", "overlap"),
    ("March 2018", "April 2018", "before"),
    ("April 2018", "March 2018", "after"),
    ("March 31, 2018", "April 1, 2018", "before"),
    ("Q1 2018", "March 2018", "overlap"),
    ("Q1 2018", "spring 2018", "overlap"),
    ("Q1 2018", "Q2 2018", "before"),
    ("2017", "early 2018", "before"),
    ("March 8, 2018", "March 8, 2018", "same"),
    ("March 8, 2018", "2018-03-08", "same"),
    ("March 8, 2018 00:01 PST", "2018-03-08T08:01Z", "same"),
    ("March 8, 2018 00:01 PST", "2018-03-08T08:00Z", "after"),
    ("March 8, 2018 21:00 Europe/Madrid", "March 8, 2018 15:00 PT", "before"),
    ("March 9, 2018 01:00 JST", "March 8, 2018 20:00 PST", "before"),
    ("March 8, 2018 21:00 PT", "March 8, 2018", "overlap"),
    ("March 8, 2018 21:00 PT", "March 9, 2018", "before"),
    ("March 8, 2018 21:00", "March 8, 2018 22:00", "overlap"),
    ("March 8, 2018 21:00", "March 9, 2018 01:00 UTC", "before"),
    ("TBA", "March 2018", "unknown"),
    ("2018", "TBA", "unknown"),
    ("TBA", "TBA", "unknown"),
]


@pytest.mark.parametrize(("a", "b", "expected"), COMPARE_CASES)
def test_compare(a: str, b: str, expected: str) -> None:
    assert compare(parse_when(a), parse_when(b)) == expected


# --- JSON ----------------------------------------------------------------------------------------


def test_to_json_of_the_seed_example() -> None:
    assert parse_when("8 Mar 2018 00:01 PST").to_json() == {
        "text": "March 8, 2018 00:01 PST",
        "precision": "minute",
        "start": "2018-03-08",
        "end": "2018-03-08",
        "time": "00:01",
        "tz": LA,
        "at": "2018-03-08T00:01:00-08:00",
    }
    assert parse_when("winter 2018").to_json() == {
        "text": "winter 2018",
        "precision": "season",
        "start": "2017-12-01",
        "end": "2018-02-28",
        "time": None,
        "tz": None,
        "at": None,
    }
    assert parse_when("March 8, 2018 21:00").to_json()["at"] is None


def test_from_json_reads_only_its_fields() -> None:
    data = {"precision": "day", "start": "2018-03-08", "text": "nonsense", "end": "1999-01-01"}
    assert PartialDate.from_json(data) == PartialDate(P.DAY, date(2018, 3, 8))
    assert PartialDate.from_json({"precision": "tba"}) == PartialDate.tba()


BAD_JSON: list[object] = [
    {},
    {"precision": "week", "start": "2018-03-08"},
    {"precision": 3, "start": "2018-03-08"},
    {"precision": "day"},
    {"precision": "day", "start": "20180308"},
    {"precision": "day", "start": "2018-02-30"},
    {"precision": "day", "start": 20180308},
    {"precision": "month", "start": "2018-03-08"},
    {"precision": "minute", "start": "2018-03-08", "time": "9pm"},
    {"precision": "minute", "start": "2018-03-08", "time": "24:00"},
    {"precision": "minute", "start": "2018-03-08", "time": "21:00", "tz": "Mars/Olympus"},
    {"precision": "minute", "start": "2018-03-08", "time": "21:00", "tz": 5},
    {"precision": "day", "start": "2018-03-08", "time": "21:00"},
    {"precision": "tba", "start": "2018-03-08"},
    ["day", "2018-03-08"],
    None,
]


@pytest.mark.parametrize("data", BAD_JSON)
def test_from_json_rejects_malformed_records(data: object) -> None:
    with pytest.raises(DateInputError) as info:
        PartialDate.from_json(data)  # type: ignore[arg-type]
    assert "\n" not in str(info.value)


# --- round trips ---------------------------------------------------------------------------------

MAP_ZONES = sorted(set(TZ_ABBREVIATIONS.values()))
offsets = (
    st.integers(-(23 * 60 + 59), 23 * 60 + 59)
    .filter(bool)
    .map(lambda m: f"{'-' if m < 0 else '+'}{abs(m) // 60:02d}:{abs(m) % 60:02d}")
)
zones = st.one_of(st.sampled_from([*MAP_ZONES, "Europe/Madrid", None]), offsets)
ROUND_TRIP_ZONES = sorted(
    name
    for name in zoneinfo.available_timezones()
    if TZ_ABBREVIATIONS.get(name.upper(), name) == name
)


@st.composite
def partial_dates(draw: st.DrawFn, tz: st.SearchStrategy[str | None] = zones) -> PartialDate:
    precision = draw(st.sampled_from(list(Precision)))
    if precision is P.TBA:
        return PartialDate.tba()
    year = draw(st.integers(1900, 2200))
    if precision in (P.DAY, P.MINUTE):
        start = draw(st.dates(date(1900, 1, 1), date(2200, 12, 31)))
    else:
        months = {
            P.YEAR: [1],
            P.THIRD: [1, 5, 9],
            P.SEASON: [3, 6, 9, 12],
            P.QUARTER: [1, 4, 7, 10],
            P.MONTH: list(range(1, 13)),
        }[precision]
        month = draw(st.sampled_from(months))
        start = date(year - 1 if month == 12 and precision is P.SEASON else year, month, 1)
    if precision is not P.MINUTE:
        return PartialDate(precision, start)
    at = time(draw(st.integers(0, 23)), draw(st.integers(0, 59)))
    return PartialDate(precision, start, at, draw(tz))


@given(partial_dates())
@settings(max_examples=400)
def test_label_round_trip(d: PartialDate) -> None:
    assert parse_when(d.label()) == d


@given(partial_dates())
@settings(max_examples=400)
def test_json_round_trip(d: PartialDate) -> None:
    data = d.to_json()
    assert PartialDate.from_json(data) == d
    assert data["text"] == d.label()
    if d.instant() is not None:
        assert datetime.fromisoformat(str(data["at"])) == d.instant()


@given(partial_dates(tz=st.sampled_from(ROUND_TRIP_ZONES)))
@settings(max_examples=300)
def test_label_round_trip_in_any_iana_zone(d: PartialDate) -> None:
    assert parse_when(d.label()) == d


@given(partial_dates(), partial_dates())
@settings(max_examples=300)
def test_compare_is_antisymmetric_and_sort_agrees(a: PartialDate, b: PartialDate) -> None:
    forward, backward = compare(a, b), compare(b, a)
    flipped = {"before": "after", "after": "before"}
    assert backward == flipped.get(forward, forward)
    if forward == "before" and (a.instant() is None or b.instant() is None):
        assert a.sort_key() < b.sort_key()
    if a.precision is P.TBA and b.precision is not P.TBA:
        assert a.sort_key() > b.sort_key()
