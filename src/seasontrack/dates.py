"""Release dates as people type them or articles print them, kept with how precise they are.

A :class:`PartialDate` is a period (a year, "late 2018", "spring 2018", Q1, a month, a day) or a
day with a wall-clock time and, usually, a time zone. Its :meth:`~PartialDate.label` is the
human form, and :func:`parse_when` reads every label back to an equal value.

``dateutil.parser`` is imported only when free text needs it: start-up speed matters.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import warnings
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Literal
from zoneinfo import ZoneInfo

from seasontrack.errors import DateInputError

__all__ = [
    "TZ_ABBREVIATIONS",
    "DateInputError",
    "PartialDate",
    "Precision",
    "check_zone",
    "compare",
    "parse_when",
    "zone",
]

MIN_YEAR = 1900
MAX_YEAR = 2200

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Time zone abbreviations accepted in text, each naming the IANA zone of its region. Documented
# choice: an abbreviation names the region's zone, not a fixed offset, so "00:01 PST" on a July
# day means 00:01 Pacific wall time, which is then PDT (-07:00); labels show the abbreviation
# in force at that moment ("PDT"), which maps back to the same zone.
TZ_ABBREVIATIONS: dict[str, str] = {
    "UTC": "UTC",
    "GMT": "UTC",
    "Z": "UTC",
    "ET": "America/New_York",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "CT": "America/Chicago",
    "CST": "America/Chicago",
    "CDT": "America/Chicago",
    "MT": "America/Denver",
    "MST": "America/Denver",
    "MDT": "America/Denver",
    "PT": "America/Los_Angeles",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
    "AKST": "America/Anchorage",
    "AKDT": "America/Anchorage",
    "HST": "Pacific/Honolulu",
    "BST": "Europe/London",
    "CET": "Europe/Berlin",
    "CEST": "Europe/Berlin",
    "EET": "Europe/Helsinki",
    "EEST": "Europe/Helsinki",
    "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney",
    "JST": "Asia/Tokyo",
    "KST": "Asia/Seoul",
    "IST": "Asia/Kolkata",
}

_FORMS = (
    "write it like 2018-03-08, 'March 8, 2018', 'March 2018', 'Q1 2018', 'spring 2018',"
    " 'late 2018', 2018 or TBA"
)
_TIME_FORM = "write it like 'March 8, 2018 21:00 PT'"
_ONE_ZONE = "give one zone, like 'March 8, 2018 21:00 PT' or '2018-03-08T21:00-08:00'"
_ZONE_FORMS = (
    "use an IANA name like America/Los_Angeles or Europe/Madrid, UTC, or an offset like -08:00"
)

_TBA_WORDS = frozenset({"tba", "tbd", "tbc", "unknown"})
_WEEKDAY_WORDS = {
    word: index
    for index, name in enumerate(WEEKDAY_NAMES)
    for word in (name.lower(), name[:3].lower())
}
_THIRDS = {"early": 1, "mid": 5, "late": 9}
_THIRD_NAMES = {month: name for name, month in _THIRDS.items()}
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_SEASON_NAMES = {3: "spring", 6: "summer", 9: "fall", 12: "winter"}

_YEAR_RE = re.compile(r"([0-9]{4})", re.ASCII)
_YEAR_MONTH_RE = re.compile(r"([0-9]{4})-([0-9]{1,2})", re.ASCII)
_QUARTER_RE = re.compile(r"q([0-9])[ -]?([0-9]{4})|([0-9]{4})[ -]?q([0-9])", re.ASCII)
_SEASON_RE = re.compile(r"(spring|summer|fall|autumn|winter)(?: ?- ?| )([0-9]{4})", re.ASCII)
_THIRD_RE = re.compile(r"(early|mid|late)(?: ?- ?| )([0-9]{4})", re.ASCII)
_OFFSET_RE = re.compile(r"([+-])([0-9]{2}):([0-9]{2})", re.ASCII)
_ISO_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_HH_MM_RE = re.compile(r"([0-9]{2}):([0-9]{2})", re.ASCII)
# Patterns only free text needs are kept as strings: the re module compiles and caches them
# on first use, so importing this module stays cheap.
# "UTC+9", "GMT -05:30": read as the offset people mean (dateutil follows POSIX and flips it).
_UTC_PLUS = r"(?<![\w/])(?:utc|gmt)\s*([+-])\s*([0-9]{1,2})(?::?([0-9]{2}))?(?![\w:])"
_WEEKDAY = rf"(?<![a-z])({'|'.join(sorted(_WEEKDAY_WORDS, key=len, reverse=True))})(?![a-z])"
_SHORT_WORD = r"(?<![A-Za-z])[A-Za-z]{1,5}(?![A-Za-z])"
_FLAGS = re.IGNORECASE | re.ASCII
# An IANA zone name at the end of the text: "Europe/Madrid", "America/Argentina/Buenos_Aires".
_ZONE_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z][A-Za-z0-9_+-]*)*", re.ASCII)


class Precision(StrEnum):
    """How precise a :class:`PartialDate` is, from unknown to the minute."""

    TBA = "tba"
    YEAR = "year"
    THIRD = "third"
    SEASON = "season"
    QUARTER = "quarter"
    MONTH = "month"
    DAY = "day"
    MINUTE = "minute"


# Narrowest first: for periods starting on the same day, the narrower one sorts first.
_NARROWNESS = {p: rank for rank, p in enumerate(reversed(Precision))}
_PERIOD_MONTHS = {
    Precision.YEAR: 12,
    Precision.THIRD: 4,
    Precision.SEASON: 3,
    Precision.QUARTER: 3,
    Precision.MONTH: 1,
}
_ALIGNED_MONTHS: dict[Precision, tuple[int, ...]] = {
    Precision.YEAR: (1,),
    Precision.THIRD: (1, 5, 9),
    Precision.SEASON: (3, 6, 9, 12),
    Precision.QUARTER: (1, 4, 7, 10),
    Precision.MONTH: tuple(range(1, 13)),
}


@dataclass(frozen=True)
class PartialDate:
    """A release date with its precision: a period of days, or a day at a wall-clock time.

    ``start`` is the first day of the period (``None`` only for TBA). ``time`` (hours and
    minutes) and ``tz`` (an IANA name or a "+05:30" offset; ``None`` for a floating time) are
    set only for MINUTE.
    """

    precision: Precision
    start: dt.date | None = None
    time: dt.time | None = None
    tz: str | None = None

    def __post_init__(self) -> None:
        try:
            precision = Precision(self.precision)
        except ValueError:
            raise DateInputError(
                f"unknown date precision {_quote(str(self.precision))}; use one of "
                + ", ".join(p.value for p in Precision)
            ) from None
        object.__setattr__(self, "precision", precision)
        if precision is Precision.TBA:
            if self.start is not None or self.time is not None or self.tz is not None:
                raise DateInputError("a TBA date has no day, time or time zone")
            return
        start = self.start
        if not isinstance(start, dt.date) or isinstance(start, dt.datetime):
            raise DateInputError(f"a {precision.value} date needs its first day as a date")
        aligned = _ALIGNED_MONTHS.get(precision)
        if aligned is not None and (start.day != 1 or start.month not in aligned):
            raise DateInputError(f"{start.isoformat()} is not the first day of a {precision.value}")
        year = _label_year(precision, start)
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise DateInputError(f"year {year} is out of range; use {MIN_YEAR} to {MAX_YEAR}")
        if precision is not Precision.MINUTE:
            if self.time is not None or self.tz is not None:
                raise DateInputError(f"a {precision.value} date has no time or time zone")
            return
        at = self.time
        if not isinstance(at, dt.time) or at.tzinfo is not None:
            raise DateInputError("a date with a time needs a wall-clock time without a zone")
        if at.second or at.microsecond:
            raise DateInputError("a release time is kept to the minute; drop the seconds")
        if at.fold:
            object.__setattr__(self, "time", at.replace(fold=0))
        if self.tz is not None:
            object.__setattr__(self, "tz", _valid_tz(self.tz))

    @classmethod
    def trusted(
        cls,
        precision: Precision,
        start: dt.date | None,
        time: dt.time | None = None,
        tz: str | None = None,
    ) -> PartialDate:
        """A date read back from the catalog, which only ever stores checked dates: built
        without the checks (reading 500,000 episode dates, they are most of the time)."""
        made = object.__new__(cls)
        object.__setattr__(made, "precision", precision)
        object.__setattr__(made, "start", start)
        object.__setattr__(made, "time", time)
        object.__setattr__(made, "tz", tz)
        return made

    @classmethod
    def tba(cls) -> PartialDate:
        """The unknown date."""
        return cls(Precision.TBA)

    @property
    def end(self) -> dt.date | None:
        """The last day of the period, inclusive (``None`` for TBA)."""
        if self.start is None:
            return None
        months = _PERIOD_MONTHS.get(self.precision)
        if months is None:
            return self.start
        return _add_months(self.start, months) - dt.timedelta(days=1)

    def label(self) -> str:
        """The human form: 'TBA', '2018', 'late 2018', 'Q1 2018', 'March 8, 2018 00:01 PST'."""
        start = self.start
        if start is None:
            return "TBA"
        p = self.precision
        year = _label_year(p, start)
        if p is Precision.YEAR:
            return str(year)
        if p is Precision.THIRD:
            return f"{_THIRD_NAMES[start.month]} {year}"
        if p is Precision.SEASON:
            return f"{_SEASON_NAMES[start.month]} {year}"
        if p is Precision.QUARTER:
            return f"Q{(start.month - 1) // 3 + 1} {year}"
        if p is Precision.MONTH:
            return f"{MONTH_NAMES[start.month - 1]} {year}"
        day = f"{MONTH_NAMES[start.month - 1]} {start.day}, {year}"
        if p is Precision.DAY or self.time is None:
            return day
        text = f"{day} {self.time.hour:02d}:{self.time.minute:02d}"
        shown = self._zone_label()
        return f"{text} {shown}" if shown else text

    def _zone_label(self) -> str | None:
        if self.tz is None or _OFFSET_RE.fullmatch(self.tz):
            return self.tz
        instant = self.instant()
        abbreviation = instant.tzname() if instant is not None else None
        if abbreviation and TZ_ABBREVIATIONS.get(abbreviation) == self.tz:
            return abbreviation
        return self.tz

    def with_time(self, at: dt.time, tz: str | None) -> PartialDate:
        """A DAY at wall time ``at`` (seconds dropped) in ``tz``; other precisions unchanged."""
        if self.precision is not Precision.DAY:
            return self
        return PartialDate(Precision.MINUTE, self.start, at.replace(second=0, microsecond=0), tz)

    def date_only(self) -> PartialDate:
        """A MINUTE as its DAY (time and zone dropped); other precisions unchanged."""
        if self.precision is not Precision.MINUTE:
            return self
        return PartialDate(Precision.DAY, self.start)

    def instant(self) -> dt.datetime | None:
        """The aware moment of a MINUTE with a zone; ``None`` otherwise."""
        if self.start is None or self.time is None or self.tz is None:
            return None
        return dt.datetime.combine(self.start, self.time, tzinfo=zone(self.tz))

    def earliest(self, default_tz: dt.tzinfo) -> dt.datetime | None:
        """The earliest possible moment, aware; a floating time or a period uses ``default_tz``."""
        if self.start is None:
            return None
        instant = self.instant()
        if instant is not None:
            return instant
        return dt.datetime.combine(self.start, self.time or dt.time(0), tzinfo=default_tz)

    def sort_key(self) -> tuple[int, int, int, int, int, str]:
        """Sorts by first day, narrower precision first, then time (UTC when zoned); TBA last."""
        if self.start is None:
            return (1, 0, 0, 0, 0, "")
        wall = 0 if self.time is None else self.time.hour * 60 + self.time.minute
        moment = wall
        instant = self.instant()
        if instant is not None:
            midnight = dt.datetime.combine(self.start, dt.time(0), tzinfo=dt.UTC)
            moment = (instant - midnight) // dt.timedelta(minutes=1)
        return (0, self.start.toordinal(), _NARROWNESS[self.precision], moment, wall, self.tz or "")

    def to_json(self) -> dict[str, str | None]:
        """The JSON form; :meth:`from_json` reads it back (``text``, ``end``, ``at`` are extra)."""
        end = self.end
        instant = self.instant()
        return {
            "text": self.label(),
            "precision": self.precision.value,
            "start": self.start.isoformat() if self.start else None,
            "end": end.isoformat() if end else None,
            "time": f"{self.time.hour:02d}:{self.time.minute:02d}" if self.time else None,
            "tz": self.tz,
            "at": instant.isoformat() if instant else None,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> PartialDate:
        """Read ``precision``, ``start``, ``time``, ``tz``; :class:`DateInputError` if malformed."""
        if not isinstance(data, Mapping):
            raise DateInputError(
                'a date must be an object like {"precision": "day", "start": "2018-03-08"}'
            )
        precision = data.get("precision")
        if not isinstance(precision, str) or precision not in {p.value for p in Precision}:
            raise DateInputError(
                f"unknown date precision {_quote(str(precision))}; use one of "
                + ", ".join(p.value for p in Precision)
            )
        start = _json_field(data, "start", _ISO_DATE_RE, "a day like 2018-03-08")
        at = _json_field(data, "time", _HH_MM_RE, "a time like 21:00")
        tz = data.get("tz")
        if tz is not None and not isinstance(tz, str):
            raise DateInputError(f"bad date field tz {_quote(str(tz))}; {_ZONE_FORMS}")
        try:
            day = dt.date.fromisoformat(start) if start is not None else None
            wall = dt.time(int(at[:2]), int(at[3:])) if at is not None else None
        except ValueError:
            raise DateInputError(
                f"bad date {_quote(str(start))} or time {_quote(str(at))};"
                " write them like 2018-03-08 and 21:00"
            ) from None
        return cls(Precision(precision), day, wall, tz)


def parse_when(text: str, *, default_tz: str | None = None) -> PartialDate:
    """Read a release date as typed or printed; see the module doc for the forms.

    A time without a zone in the text gets ``default_tz`` (an IANA name or "+05:30"), else
    stays floating. Raises :class:`DateInputError` (one line) for anything it cannot read.
    """
    if not isinstance(text, str):
        raise DateInputError(f"no date given; {_FORMS}")
    if default_tz is not None:
        default_tz = _valid_tz(default_tz)
    cleaned = " ".join(text.split())
    if not cleaned:
        raise DateInputError(f"no date given; {_FORMS}")
    shown = _quote(cleaned)
    lowered = cleaned.lower()
    simple = _parse_simple(lowered, shown)
    if simple is not None:
        return simple
    return _parse_free(cleaned, shown, default_tz)


def zone(tz: str) -> dt.tzinfo:
    """The tzinfo of an IANA name (ZoneInfo) or of a fixed offset like "+05:30"."""
    match = _OFFSET_RE.fullmatch(tz) if isinstance(tz, str) else None
    if match is not None:
        sign, hours, minutes = match.groups()
        if int(hours) > 23 or int(minutes) > 59:
            raise DateInputError(f"time zone offset {_quote(tz)} is out of range; {_ZONE_FORMS}")
        offset = dt.timedelta(hours=int(hours), minutes=int(minutes))
        return dt.timezone(-offset if sign == "-" else offset)
    found = _zoneinfo(tz) if isinstance(tz, str) else None
    if found is None:
        raise DateInputError(f"unknown time zone {_quote(str(tz))}; {_ZONE_FORMS}")
    return found


def check_zone(name: str) -> str:
    """Validate an IANA zone name given by the user (``--tz``); returns its canonical key."""
    given = name.strip() if isinstance(name, str) else ""
    shown = _quote(given or str(name))
    mapped = TZ_ABBREVIATIONS.get(given.upper())
    if mapped == given.upper():
        return mapped  # "UTC"
    if mapped is not None:
        # "PT", and legacy IANA names like "EST" that a label would read back as another zone.
        raise DateInputError(
            f"time zone {shown} is an abbreviation (did you mean {mapped}?); {_ZONE_FORMS}"
        )
    if _zoneinfo(given) is not None and _spelled_as_stored(given):
        return given
    available = _available_zones()
    if given in available:
        return given
    by_folded = {key.casefold(): key for key in available}
    key = by_folded.get(given.casefold())
    if key is not None:
        return key
    if _ZONE_TOKEN_RE.fullmatch(given) and _zoneinfo(given) is not None:
        return given  # a valid key the listing leaves out, like "posix/Europe/Madrid"
    import difflib

    close = difflib.get_close_matches(given.casefold(), list(by_folded), n=3, cutoff=0.6)
    if close:
        names = " or ".join(by_folded[c] for c in close)
        raise DateInputError(f"unknown time zone {shown} (did you mean {names}?); {_ZONE_FORMS}")
    raise DateInputError(f"unknown time zone {shown}; {_ZONE_FORMS}")


def compare(
    a: PartialDate, b: PartialDate
) -> Literal["before", "after", "same", "overlap", "unknown"]:
    """Compare honestly: "before" only if ``a`` surely ends before ``b`` starts.

    Periods are closed intervals of days; two zoned times compare by instant; a time against
    anything coarser (or a floating time) compares by its day. Any TBA gives "unknown".
    """
    if a.start is None or b.start is None:
        return "unknown"
    if a == b:
        return "same"
    ia, ib = a.instant(), b.instant()
    if ia is not None and ib is not None:
        return "before" if ia < ib else "after" if ia > ib else "same"
    a_end, b_end = a.end, b.end
    assert a_end is not None and b_end is not None
    if a_end < b.start:
        return "before"
    if a.start > b_end:
        return "after"
    return "overlap"


# --- helpers -----------------------------------------------------------------------------------


def _quote(text: str) -> str:
    """``text`` quoted for a one-line message: control characters replaced, long text cut."""
    flat = "".join(c if c.isprintable() else "?" for c in text)
    if len(flat) > 60:
        flat = flat[:57] + "..."
    return f"'{flat}'"


def _label_year(precision: Precision, start: dt.date) -> int:
    """The year a label names: winter 2018 starts in December 2017."""
    if precision is Precision.SEASON and start.month == 12:
        return start.year + 1
    return start.year


def _add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after ``day``'s month."""
    years, month0 = divmod(day.month - 1 + months, 12)
    return dt.date(day.year + years, month0 + 1, 1)


def _check_year(year: int, shown: str) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateInputError(
            f"year {year} in {shown} is out of range; use a year from {MIN_YEAR} to {MAX_YEAR},"
            " like 'March 8, 2018'"
        )
    return year


def _offset_name(offset: dt.timedelta) -> str:
    """ "+05:30" for a fixed offset; "UTC" for zero (one spelling for one zone)."""
    minutes = offset // dt.timedelta(minutes=1)
    if minutes == 0:
        return "UTC"
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


def _zoneinfo(name: str) -> ZoneInfo | None:
    """ZoneInfo for an exact key, or ``None`` when there is no such zone."""
    if not name or not _ZONE_TOKEN_RE.fullmatch(name):
        return None
    try:
        return ZoneInfo(name)
    except (ValueError, OSError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        return None


@cache  # import asks again for every season's zone
def _spelled_as_stored(key: str) -> bool:
    """Whether ``key`` names a zone file exactly as the zone database spells it.

    ZoneInfo alone would take "america/new_york" on a case-insensitive file system (macOS) and
    the catalog would keep that spelling; listing every zone to rule it out costs about 30 ms
    at every start, so only the folders on the key's own path are listed. False for a zone
    found only in the tzdata package: check_zone's full listing covers that case.
    """
    for root in zoneinfo.TZPATH:
        folder = root
        for part in key.split("/"):
            try:
                if part not in os.listdir(folder):
                    break
            except OSError:
                break
            folder = os.path.join(folder, part)
        else:
            return True
    return False


def _available_zones() -> frozenset[str]:
    """Every IANA key on this system (slow: walks the zone files; only on demand)."""
    global _AVAILABLE
    if _AVAILABLE is None:
        from zoneinfo import available_timezones

        _AVAILABLE = frozenset(available_timezones())
    return _AVAILABLE


_AVAILABLE: frozenset[str] | None = None


def _valid_tz(tz: str) -> str:
    """``tz`` as kept in a PartialDate: an IANA name or a nonzero "+05:30" offset, else UTC."""
    if not isinstance(tz, str):
        raise DateInputError(f"unknown time zone {_quote(str(tz))}; {_ZONE_FORMS}")
    info = zone(tz)
    if _OFFSET_RE.fullmatch(tz):
        offset = info.utcoffset(None)
        assert offset is not None
        return _offset_name(offset)
    mapped = TZ_ABBREVIATIONS.get(tz.upper())
    if mapped is not None and mapped != tz:
        # A legacy IANA name like "EST" would read back from a label as America/New_York.
        raise DateInputError(f"time zone {_quote(tz)} is ambiguous; use {mapped} or an offset")
    return tz


def _json_field(
    data: Mapping[str, object], key: str, pattern: re.Pattern[str], form: str
) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise DateInputError(f"bad date field {key} {_quote(str(value))}; write {form}")
    return value


def _parse_simple(lowered: str, shown: str) -> PartialDate | None:
    """The forms read without dateutil: TBA, 2018, 2018-03, quarters, seasons, thirds."""
    if lowered in _TBA_WORDS:
        return PartialDate.tba()
    if match := _YEAR_RE.fullmatch(lowered):
        year = _check_year(int(match[1]), shown)
        return PartialDate(Precision.YEAR, dt.date(year, 1, 1))
    if match := _YEAR_MONTH_RE.fullmatch(lowered):
        year = _check_year(int(match[1]), shown)
        month = int(match[2])
        if not 1 <= month <= 12:
            raise DateInputError(f"{shown} has no such month; write it like 2018-03")
        return PartialDate(Precision.MONTH, dt.date(year, month, 1))
    if match := _QUARTER_RE.fullmatch(lowered):
        quarter = int(match[1] or match[4])
        year = _check_year(int(match[2] or match[3]), shown)
        if not 1 <= quarter <= 4:
            raise DateInputError(f"{shown} has no such quarter; write it like 'Q1 2018' (Q1-Q4)")
        return PartialDate(Precision.QUARTER, dt.date(year, 3 * quarter - 2, 1))
    if match := _SEASON_RE.fullmatch(lowered):
        year = _check_year(int(match[2]), shown)
        month = _SEASONS[match[1]]
        start_year = year - 1 if month == 12 else year
        return PartialDate(Precision.SEASON, dt.date(start_year, month, 1))
    if match := _THIRD_RE.fullmatch(lowered):
        year = _check_year(int(match[2]), shown)
        return PartialDate(Precision.THIRD, dt.date(year, _THIRDS[match[1]], 1))
    return None


def _split_zone_name(text: str, shown: str) -> tuple[str, str | None]:
    """Split a trailing IANA zone name ("... 21:00 Europe/Madrid") off the text."""
    head, _, last = text.rpartition(" ")
    if not head or not _ZONE_TOKEN_RE.fullmatch(last) or last.upper() in TZ_ABBREVIATIONS:
        return text, None
    if _zoneinfo(last) is not None:
        return head, last
    if "/" not in last:
        return text, None  # a plain word; dateutil decides
    by_folded = {key.casefold(): key for key in _available_zones()}
    key = by_folded.get(last.casefold())
    if key is not None:
        return head, key
    import difflib

    close = difflib.get_close_matches(last.casefold(), list(by_folded), n=1)
    hint = f" (did you mean {by_folded[close[0]]}?)" if close else ""
    raise DateInputError(f"unknown time zone {_quote(last)} in {shown}{hint}; {_ZONE_FORMS}")


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
                    f"unknown time zone {_quote(name)} in {shown}; use PT, ET, UTC,"
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
        raise DateInputError(f"unknown time zone in {shown}; {_ZONE_FORMS}") from None
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
            tz = _offset_name(offset)
    else:
        tz = named_zone if named_zone is not None else default_tz
    return PartialDate(Precision.MINUTE, day, dt.time(first.hour, first.minute), tz)
