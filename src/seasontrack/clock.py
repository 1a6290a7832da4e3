"""The user's "now" and time zone, both injectable so every answer can be reproduced."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, NamedTuple

from seasontrack.dates import DateInputError, PartialDate, Precision, check_zone, parse_when, zone
from seasontrack.limits import MAX_SPAN_DAYS, MAX_YEAR, MIN_YEAR

if TYPE_CHECKING:
    from seasontrack.countdown import ReleaseView

NOW_ENV = "SEASONTRACK_NOW"
TZ_ENV = "SEASONTRACK_TZ"


class UserZone(NamedTuple):
    """The zone times are shown in: a named IANA zone, or the system's own when none is named."""

    name: str | None
    tzinfo: tzinfo


def user_zone(name: str | None) -> UserZone:
    """``--tz``/``SEASONTRACK_TZ`` when given, else the system's zone."""
    if name:
        key = check_zone(name)
        return UserZone(key, zone(key))
    found = system_zone_name()
    if found is not None:
        return UserZone(found, zone(found))
    # No IANA name to be found: dateutil still reads the system's rules (TZ, /etc/localtime).
    from dateutil.tz import gettz

    local = gettz()
    return UserZone(None, local if local is not None else UTC)


def system_zone_name() -> str | None:
    """The IANA name of the system's zone: ``TZ``, else where /etc/localtime points.

    Read here rather than with tzlocal, whose import and lookup cost about 50 ms at every
    start; these two places are where Linux and macOS keep the setting.
    """
    candidates = [os.environ.get("TZ", "").removeprefix(":")]
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        target = ""
    if "/zoneinfo/" in target:
        candidates.append(target.split("/zoneinfo/", 1)[1])
    for candidate in candidates:
        if candidate:
            try:
                found = check_zone(candidate)
            except DateInputError:
                continue
            # Etc/UTC, Zulu, Universal...: all plain UTC, which labels read best as.
            return "UTC" if _is_utc(found) else found
    return None


def _is_utc(name: str) -> bool:
    return name.removeprefix("Etc/") in {"UTC", "UCT", "Universal", "Zulu"}


class Clock(NamedTuple):
    """The moment a command answers for, and the zone it shows times in."""

    now: datetime
    zone: UserZone

    def view(self, when: PartialDate, release_tz: str | None = None) -> ReleaseView:
        """A release (its date, and its season's zone) as the user sees it now."""
        from seasontrack.countdown import ReleaseView

        return ReleaseView(when, release_tz, self.now, self.zone.tzinfo, self.zone.name)

    def local(self, when: PartialDate) -> PartialDate:
        """A time-precise date moved into the user's zone; other dates as they are."""
        return self.view(when).local

    def countdown(self, when: PartialDate, release_tz: str | None) -> str:
        return self.view(when, release_tz).countdown


def current_time(text: str | None, where: UserZone) -> datetime:
    """``--now``/``SEASONTRACK_NOW`` read in the user's zone, else the real clock; always aware."""
    if not text:
        return datetime.now(where.tzinfo)
    try:
        # ISO 8601 keeps seconds ("2018-03-05T11:59:58"), which a live countdown needs.
        exact = datetime.fromisoformat(text.strip())
    except ValueError:
        pass
    else:
        if not MIN_YEAR <= exact.year <= MAX_YEAR:
            raise DateInputError(
                f"year {exact.year} in {text.strip()!r} is out of range; use a year from"
                f" {MIN_YEAR} to {MAX_YEAR}, like '2018-03-05 12:00'"
            )
        return exact if exact.tzinfo is not None else exact.replace(tzinfo=where.tzinfo)
    when = parse_when(text)
    if when.start is None or when.precision not in (Precision.DAY, Precision.MINUTE):
        raise DateInputError(
            f"{text!r} is not a moment; give a day or a day and time,"
            " like '2018-03-05 12:00' or 'March 5, 2018 12:00 EST'"
        )
    if when.time is None:
        return datetime(when.start.year, when.start.month, when.start.day, tzinfo=where.tzinfo)
    at = datetime.combine(when.start, when.time)
    return at.replace(tzinfo=zone(when.tz) if when.tz else where.tzinfo)


def write_time() -> datetime:
    """The moment a write happens, as the catalog records it (a season's news):
    ``SEASONTRACK_NOW`` when set, so that a replayed or tested run is one clock, else the
    real clock."""
    text = os.environ.get(NOW_ENV)
    if text:
        try:
            return current_time(text, user_zone(os.environ.get(TZ_ENV)))
        except DateInputError:
            pass
    return datetime.now(UTC)


_SPAN_UNITS = {
    "h": 1,
    "hour": 1,
    "hours": 1,
    "d": 24,
    "day": 24,
    "days": 24,
    "w": 168,
    "week": 168,
    "weeks": 168,
}


class SpanTooLong(DateInputError):
    """A span longer than the longest seasontrack takes (``MAX_SPAN_DAYS``)."""


def parse_span(text: str) -> timedelta:
    """A look-ahead like ``30d``, ``2w``, ``12h`` or ``3 weeks``, of at most 100 years."""
    found = re.fullmatch(r"\s*([0-9]+)\s*([a-z]+)\s*", text.lower(), re.ASCII)
    if found is None or found[2] not in _SPAN_UNITS:
        close = ""
        if found is not None:
            from seasontrack.inputs import did_you_mean

            close = did_you_mean(found[2], {unit: found[1] + unit for unit in _SPAN_UNITS}, limit=1)
        raise DateInputError(
            f"can't read {text!r} as a span of time; write it like 30d, 2w or 12h{close}"
        )
    digits, unit = found[1].lstrip("0") or "0", found[2]
    hours = int(digits) * _SPAN_UNITS[unit] if len(digits) <= 9 else None
    if hours is None or hours > MAX_SPAN_DAYS * 24:
        raise SpanTooLong(
            f"{text.strip()!r} is longer than {MAX_SPAN_DAYS}d ({MAX_SPAN_DAYS // 365} years),"
            " the longest span seasontrack takes"
        )
    return timedelta(hours=hours)


def parse_leads(text: str) -> list[timedelta]:
    """Reminder leads like ``7d,1d,0d`` or ``2h``, longest first, each once."""
    from seasontrack.errors import InvalidInput

    leads = set()
    for part in text.split(","):
        try:
            leads.add(parse_span(part))
        except SpanTooLong as exc:
            raise InvalidInput(f"lead {exc}") from None
        except DateInputError:
            raise InvalidInput(
                f"lead {part.strip()!r} is not a span of time; write leads like 7d,1d,0d or 2h"
            ) from None
    return sorted(leads, reverse=True)


# A viewer's own time: how much later (or earlier) than announced a show can be watched.
_OFFSET_RE = re.compile(r"([+-]?)(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?", re.ASCII)
OFFSET_FORMS = "write it like +1d, -3h or +1d6h (d days, h hours, m minutes; 0 clears it)"
MAX_OFFSET = timedelta(days=365)


def parse_offset(text: str) -> timedelta:
    """A signed span like ``+1d``, ``-3h``, ``+1d6h`` or ``+30m``; ``0`` is none."""
    cleaned = text.strip().lower().replace(" ", "")
    found = _OFFSET_RE.fullmatch(cleaned)
    if cleaned.lstrip("+-") in ("0", "0d", "0h", "0m"):
        return timedelta(0)
    if found is None or not any(found.group(2, 3, 4)):
        raise DateInputError(f"can't read {text!r} as an offset; {OFFSET_FORMS}")
    days, hours, minutes = (int(part or 0) for part in found.group(2, 3, 4))
    span = timedelta(days=days, hours=hours, minutes=minutes)
    if span > MAX_OFFSET:
        raise DateInputError(f"offset {text!r} is more than a year; {OFFSET_FORMS}")
    return -span if found.group(1) == "-" else span


def offset_text(offset: timedelta) -> str:
    """The short form :func:`parse_offset` reads back: ``+1d6h``, ``-3h``, ``0``."""
    if not offset:
        return "0"
    minutes = abs(offset) // timedelta(minutes=1)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [f"{n}{unit}" for n, unit in ((days, "d"), (hours, "h"), (minutes, "m")) if n]
    return ("-" if offset < timedelta(0) else "+") + "".join(parts)
