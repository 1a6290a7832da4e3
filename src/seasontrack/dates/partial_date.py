"""A release date kept with how precise it is: :class:`Precision` and :class:`PartialDate`.

A :class:`PartialDate` is a period (a year, "late 2018", "spring 2018", Q1, a month, a day) or a
day with a wall-clock time and, usually, a time zone. Its :meth:`~PartialDate.label` is the
human form; :func:`seasontrack.dates.parse_when` reads every label back to an equal value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from seasontrack.dates.zones import (
    OFFSET_RE,
    TZ_ABBREVIATIONS,
    ZONE_FORMS,
    quote,
    valid_tz,
    zone,
)
from seasontrack.errors import DateInputError
from seasontrack.limits import MAX_YEAR, MIN_YEAR

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

THIRD_MONTHS = {"early": 1, "mid": 5, "late": 9}
_THIRD_NAMES = {month: name for name, month in THIRD_MONTHS.items()}
SEASON_MONTHS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_SEASON_NAMES = {3: "spring", 6: "summer", 9: "fall", 12: "winter"}

_ISO_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_HH_MM_RE = re.compile(r"([0-9]{2}):([0-9]{2})", re.ASCII)


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
                f"unknown date precision {quote(str(self.precision))}; use one of "
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
            object.__setattr__(self, "tz", valid_tz(self.tz))

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
        if self.tz is None or OFFSET_RE.fullmatch(self.tz):
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
                f"unknown date precision {quote(str(precision))}; use one of "
                + ", ".join(p.value for p in Precision)
            )
        start = _json_field(data, "start", _ISO_DATE_RE, "a day like 2018-03-08")
        at = _json_field(data, "time", _HH_MM_RE, "a time like 21:00")
        tz = data.get("tz")
        if tz is not None and not isinstance(tz, str):
            raise DateInputError(f"bad date field tz {quote(str(tz))}; {ZONE_FORMS}")
        try:
            day = dt.date.fromisoformat(start) if start is not None else None
        except ValueError:
            raise DateInputError(
                f"bad date field start {quote(str(start))}: no such day; write a day like"
                " 2018-03-08"
            ) from None
        try:
            wall = dt.time(int(at[:2]), int(at[3:])) if at is not None else None
        except ValueError:
            raise DateInputError(
                f"bad date field time {quote(str(at))}: no such time; write a time like 21:00"
            ) from None
        return cls(Precision(precision), day, wall, tz)


# The unknown date, shared: a season or an episode whose date nobody has said.
TBA = PartialDate(Precision.TBA)


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


def _label_year(precision: Precision, start: dt.date) -> int:
    """The year a label names: winter 2018 starts in December 2017."""
    if precision is Precision.SEASON and start.month == 12:
        return start.year + 1
    return start.year


def _add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after ``day``'s month."""
    years, month0 = divmod(day.month - 1 + months, 12)
    return dt.date(day.year + years, month0 + 1, 1)


def _json_field(
    data: Mapping[str, object], key: str, pattern: re.Pattern[str], form: str
) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise DateInputError(f"bad date field {key} {quote(str(value))}; write {form}")
    return value
