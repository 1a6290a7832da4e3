"""Reading release dates as people type them or articles print them: :func:`parse_when`.

The forms: TBA (or TBD, TBC, unknown), 2018, 2018-03, Q1 2018, spring 2018, late 2018, and
free text with a day and perhaps a time and a zone: 2018-03-08, 'March 8, 2018',
'Thursday, March 8, 2018 21:00 PT', '2018-03-08T21:00-08:00', '8 Mar 2018 00:01 Europe/Madrid'.
The short forms are read here; free text goes through ``dateutil.parser``, imported only when
it is needed: start-up speed matters.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from zoneinfo import ZoneInfo

from seasontrack.dates.partial_date import (
    MONTH_NAMES,
    SEASON_MONTHS,
    THIRD_MONTHS,
    PartialDate,
    Precision,
)
from seasontrack.dates.zones import (
    TZ_ABBREVIATIONS,
    ZONE_FORMS,
    ZONE_TOKEN_RE,
    available_zones,
    offset_name,
    quote,
    valid_tz,
    zone_info,
)
from seasontrack.errors import DateInputError
from seasontrack.limits import MAX_YEAR, MIN_YEAR

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_FORMS = (
    "write it like 2018-03-08, 'March 8, 2018', 'March 2018', 'Q1 2018', 'spring 2018',"
    " 'late 2018', 2018 or TBA"
)
_TIME_FORM = "write it like 'March 8, 2018 21:00 PT'"
_ONE_ZONE = "give one zone, like 'March 8, 2018 21:00 PT' or '2018-03-08T21:00-08:00'"

_TBA_WORDS = frozenset({"tba", "tbd", "tbc", "unknown"})
_WEEKDAY_WORDS = {
    word: index
    for index, name in enumerate(WEEKDAY_NAMES)
    for word in (name.lower(), name[:3].lower())
}

# Patterns are kept as strings: the re module compiles and caches them on first use, so
# importing this module stays cheap (most runs read no typed date at all).
_YEAR = r"([0-9]{4})"
_YEAR_MONTH = r"([0-9]{4})-([0-9]{1,2})"
_QUARTER = r"q([0-9])[ -]?([0-9]{4})|([0-9]{4})[ -]?q([0-9])"
_SEASON = r"(spring|summer|fall|autumn|winter)(?: ?- ?| )([0-9]{4})"
_THIRD = r"(early|mid|late)(?: ?- ?| )([0-9]{4})"
# "UTC+9", "GMT -05:30": read as the offset people mean (dateutil follows POSIX and flips it).
_UTC_PLUS = r"(?<![\w/])(?:utc|gmt)\s*([+-])\s*([0-9]{1,2})(?::?([0-9]{2}))?(?![\w:])"
_WEEKDAY = rf"(?<![a-z])({'|'.join(sorted(_WEEKDAY_WORDS, key=len, reverse=True))})(?![a-z])"
_SHORT_WORD = r"(?<![A-Za-z])[A-Za-z]{1,5}(?![A-Za-z])"
_FLAGS = re.IGNORECASE | re.ASCII


def parse_when(text: str, *, default_tz: str | None = None) -> PartialDate:
    """Read a release date as typed or printed; the module doc lists the forms.

    A time without a zone in the text gets ``default_tz`` (an IANA name or "+05:30"), else
    stays floating. Raises :class:`DateInputError` (one line) for anything it cannot read.
    """
    if not isinstance(text, str):
        raise DateInputError(f"no date given; {_FORMS}")
    if default_tz is not None:
        default_tz = valid_tz(default_tz)
    cleaned = " ".join(text.split())
    if not cleaned:
        raise DateInputError(f"no date given; {_FORMS}")
    shown = quote(cleaned)
    lowered = cleaned.lower()
    simple = _parse_simple(lowered, shown)
    if simple is not None:
        return simple
    return _parse_free(cleaned, shown, default_tz)


def _check_year(year: int, shown: str) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateInputError(
            f"year {year} in {shown} is out of range; use a year from {MIN_YEAR} to {MAX_YEAR},"
            " like 'March 8, 2018'"
        )
    return year


def _parse_simple(lowered: str, shown: str) -> PartialDate | None:
    """The forms read without dateutil: TBA, 2018, 2018-03, quarters, seasons, thirds."""
    if lowered in _TBA_WORDS:
        return PartialDate.tba()
    if match := re.fullmatch(_YEAR, lowered, re.ASCII):
        year = _check_year(int(match[1]), shown)
        return PartialDate(Precision.YEAR, dt.date(year, 1, 1))
    if match := re.fullmatch(_YEAR_MONTH, lowered, re.ASCII):
        year = _check_year(int(match[1]), shown)
        month = int(match[2])
        if not 1 <= month <= 12:
            raise DateInputError(f"{shown} has no such month; write it like 2018-03")
        return PartialDate(Precision.MONTH, dt.date(year, month, 1))
    if match := re.fullmatch(_QUARTER, lowered, re.ASCII):
        quarter = int(match[1] or match[4])
        year = _check_year(int(match[2] or match[3]), shown)
        if not 1 <= quarter <= 4:
            raise DateInputError(f"{shown} has no such quarter; write it like 'Q1 2018' (Q1-Q4)")
        return PartialDate(Precision.QUARTER, dt.date(year, 3 * quarter - 2, 1))
    if match := re.fullmatch(_SEASON, lowered, re.ASCII):
        year = _check_year(int(match[2]), shown)
        month = SEASON_MONTHS[match[1]]
        start_year = year - 1 if month == 12 else year
        return PartialDate(Precision.SEASON, dt.date(start_year, month, 1))
    if match := re.fullmatch(_THIRD, lowered, re.ASCII):
        year = _check_year(int(match[2]), shown)
        return PartialDate(Precision.THIRD, dt.date(year, THIRD_MONTHS[match[1]], 1))
    return None


def _split_zone_name(text: str, shown: str) -> tuple[str, str | None]:
    """Split a trailing IANA zone name ("... 21:00 Europe/Madrid") off the text."""
    head, _, last = text.rpartition(" ")
    if not head or not ZONE_TOKEN_RE.fullmatch(last) or last.upper() in TZ_ABBREVIATIONS:
        return text, None
    if zone_info(last) is not None:
        return head, last
    if "/" not in last:
        return text, None  # a plain word; dateutil decides
    by_folded = {key.casefold(): key for key in available_zones()}
    key = by_folded.get(last.casefold())
    if key is not None:
        return head, key
    import difflib

    close = difflib.get_close_matches(last.casefold(), list(by_folded), n=1)
    hint = f" (did you mean {by_folded[close[0]]}?)" if close else ""
    raise DateInputError(f"unknown time zone {quote(last)} in {shown}{hint}; {ZONE_FORMS}")


def _utc_plus(match: re.Match[str]) -> str:
    sign, hours, minutes = match[1], int(match[2]), int(match[3] or 0)
    return f" {sign}{hours:02d}:{minutes:02d}"


def _upper_abbreviation(match: re.Match[str]) -> str:
    word = match[0].upper()
    return word if word in TZ_ABBREVIATIONS else match[0]


def _parse_free(cleaned: str, shown: str, default_tz: str | None) -> PartialDate:
    """Everything else, through ``dateutil.parser.parse`` (not fuzzy)."""
    from dateutil import parser

    rest, named_zone = _split_zone_name(cleaned, shown)
    rest = re.sub(_UTC_PLUS, _utc_plus, rest, flags=_FLAGS).strip()
    # dateutil only sees upper-case zone abbreviations: "pst" -> "PST".
    rest = re.sub(_SHORT_WORD, _upper_abbreviation, rest, flags=re.ASCII)

    def tzinfos(name: str | None, offset: int | None) -> dt.tzinfo | None:
        # A function, not a mapping: dateutil would otherwise accept whatever zone names this
        # machine uses locally, and it gives offsets ("-08:00", "Z") to us too.
        if name is None and offset is None:
            return None
        if name is not None:
            key = name.upper()
            mapped = TZ_ABBREVIATIONS.get(key)
            if mapped is None:
                raise DateInputError(
                    f"unknown time zone {quote(name)} in {shown}; use PT, ET, UTC,"
                    " an offset like -08:00 or an IANA name like Europe/Madrid"
                )
            if offset is not None and not (mapped == "UTC" and offset == 0):
                raise DateInputError(f"{shown} gives both a zone name and an offset; {_ONE_ZONE}")
            return ZoneInfo(mapped)
        assert offset is not None
        if offset == 0:
            return ZoneInfo("UTC")
        if abs(offset) >= 24 * 3600 or offset % 60:
            raise DateInputError(
                f"time zone offset in {shown} is out of range; write it like -08:00 or +05:30"
            )
        return dt.timezone(dt.timedelta(seconds=offset))

    # Weekday names are checked here, not by dateutil: without a day it would move the date.
    weekdays = {_WEEKDAY_WORDS[w.lower()] for w in re.findall(_WEEKDAY, rest, flags=_FLAGS)}
    rest = re.sub(_WEEKDAY, " ", rest, flags=_FLAGS)

    # Two different defaults: a field equal in both results was given by the text. Both
    # default years are leap years so that "February 29" alone reports a missing year.
    first_default = dt.datetime(2000, 1, 1, 0, 0, 0)
    second_default = dt.datetime(2004, 2, 2, 1, 1, 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", parser.UnknownTimezoneWarning)
            first = parser.parse(rest, default=first_default, tzinfos=tzinfos)
            second = parser.parse(rest, default=second_default, tzinfos=tzinfos)
    except DateInputError:
        raise
    except parser.UnknownTimezoneWarning:
        raise DateInputError(f"unknown time zone in {shown}; {ZONE_FORMS}") from None
    except (ValueError, OverflowError, ArithmeticError, TypeError, IndexError) as exc:
        year_match = re.search(r"year (-?[0-9]+) is out of range", str(exc))
        if year_match:
            _check_year(int(year_match[1]), shown)
        if "day is out of range" in str(exc):
            raise DateInputError(
                f"{shown} is not a real date (no such day in that month);"
                " write it like 'March 8, 2018'"
            ) from None
        raise DateInputError(f"can't read {shown} as a date; {_FORMS}") from None

    has_year = first.year == second.year
    has_month = first.month == second.month
    has_day = first.day == second.day
    has_time = first.hour == second.hour
    if not has_year:
        if not has_month and not has_day and has_time:
            raise DateInputError(f"{shown} is a time without a day; {_TIME_FORM}")
        raise DateInputError(f"{shown} has no year; write it like 'March 8, 2018'")
    year = _check_year(first.year, shown)
    if weekdays and not has_day:
        raise DateInputError(
            f"{shown} names a weekday but no day; write it like 'Thursday, March 8, 2018'"
        )
    if not has_month:
        if has_day or has_time:
            raise DateInputError(f"can't read {shown} as a date; {_FORMS}")
        return PartialDate(Precision.YEAR, dt.date(year, 1, 1))
    if not has_day:
        if has_time:
            raise DateInputError(f"{shown} has a time but no day; {_TIME_FORM}")
        if named_zone is not None:
            raise DateInputError(f"{shown} has a time zone but no time; {_TIME_FORM}")
        return PartialDate(Precision.MONTH, dt.date(year, first.month, 1))
    day = first.date()
    label = f"{MONTH_NAMES[day.month - 1]} {day.day}, {day.year}"
    if weekdays and weekdays != {day.weekday()}:
        raise DateInputError(
            f"{shown} names the wrong weekday: {label} is a {WEEKDAY_NAMES[day.weekday()]};"
            f" write it like '{label}'"
        )
    if not has_time:
        if named_zone is not None:
            raise DateInputError(f"{shown} has a time zone but no time; {_TIME_FORM}")
        return PartialDate(Precision.DAY, day)
    tz: str | None
    if first.tzinfo is not None:
        if named_zone is not None:
            raise DateInputError(f"{shown} has two time zones; {_ONE_ZONE}")
        tz = first.tzinfo.key if isinstance(first.tzinfo, ZoneInfo) else None
        if tz is None:
            offset = first.utcoffset()
            assert offset is not None
            tz = offset_name(offset)
    else:
        tz = named_zone if named_zone is not None else default_tz
    return PartialDate(Precision.MINUTE, day, dt.time(first.hour, first.minute), tz)
