"""The user's "now" and time zone, both injectable so every answer can be reproduced."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from seasontrack.dates import DateInputError, Precision, check_zone, parse_when, zone

NOW_ENV = "SEASONTRACK_NOW"
TZ_ENV = "SEASONTRACK_TZ"


@dataclass(frozen=True)
class UserZone:
    """The zone times are shown in: a named IANA zone, or the system's own when none is named."""

    name: str | None
    tzinfo: tzinfo


def user_zone(name: str | None) -> UserZone:
    """``--tz``/``SEASONTRACK_TZ`` when given, else the system's zone (``TZ``, /etc/localtime)."""
    if name:
        key = check_zone(name)
        return UserZone(key, zone(key))
    # dateutil reads TZ and /etc/localtime with their full DST rules, which a fixed offset
    # from datetime.astimezone() would not have.
    from dateutil.tz import gettz

    local = gettz()
    return UserZone(None, local if local is not None else UTC)


def current_time(text: str | None, where: UserZone) -> datetime:
    """``--now``/``SEASONTRACK_NOW`` read in the user's zone, else the real clock; always aware."""
    if not text:
        return datetime.now(where.tzinfo)
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
