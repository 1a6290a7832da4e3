"""Time zones as users write them: IANA names, offsets like "+05:30", and abbreviations.

:func:`zone` gives the tzinfo of a zone a :class:`~seasontrack.dates.PartialDate` keeps;
:func:`check_zone` validates a zone a user typed (``--tz``), suggesting close names.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zoneinfo
from functools import cache
from zoneinfo import ZoneInfo

from seasontrack.errors import DateInputError

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

ZONE_FORMS = (
    "use an IANA name like America/Los_Angeles or Europe/Madrid, UTC, or an offset like -08:00"
)
OFFSET_RE = re.compile(r"([+-])([0-9]{2}):([0-9]{2})", re.ASCII)
# An IANA zone name at the end of the text: "Europe/Madrid", "America/Argentina/Buenos_Aires".
ZONE_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z][A-Za-z0-9_+-]*)*", re.ASCII)


# The zones found so far, by the text that named them: an import asks for the zone of each of
# its 500,000 releases, among a handful of names.
_FOUND: dict[str, dt.tzinfo] = {}


def zone(tz: str) -> dt.tzinfo:
    """The tzinfo of an IANA name (ZoneInfo) or of a fixed offset like "+05:30"."""
    found = _FOUND.get(tz) if isinstance(tz, str) else None
    if found is None:
        found = _FOUND[tz] = _zone(tz)
    return found


def _zone(tz: str) -> dt.tzinfo:
    match = OFFSET_RE.fullmatch(tz) if isinstance(tz, str) else None
    if match is not None:
        sign, hours, minutes = match.groups()
        if int(hours) > 23 or int(minutes) > 59:
            raise DateInputError(f"time zone offset {quote(tz)} is out of range; {ZONE_FORMS}")
        offset = dt.timedelta(hours=int(hours), minutes=int(minutes))
        return dt.timezone(-offset if sign == "-" else offset)
    found = zone_info(tz) if isinstance(tz, str) else None
    if found is None:
        raise DateInputError(f"unknown time zone {quote(str(tz))}; {ZONE_FORMS}")
    return found


def check_zone(name: str) -> str:
    """Validate an IANA zone name given by the user (``--tz``); returns its canonical key."""
    given = name.strip() if isinstance(name, str) else ""
    shown = quote(given or str(name))
    mapped = TZ_ABBREVIATIONS.get(given.upper())
    if mapped == given.upper():
        return mapped  # "UTC"
    if mapped is not None:
        # "PT", and legacy IANA names like "EST" that a label would read back as another zone.
        raise DateInputError(
            f"time zone {shown} is an abbreviation (did you mean {mapped}?); {ZONE_FORMS}"
        )
    if zone_info(given) is not None and _spelled_as_stored(given):
        return given
    available = available_zones()
    if given in available:
        return given
    by_folded = {key.casefold(): key for key in available}
    key = by_folded.get(given.casefold())
    if key is not None:
        return key
    if ZONE_TOKEN_RE.fullmatch(given) and zone_info(given) is not None:
        return given  # a valid key the listing leaves out, like "posix/Europe/Madrid"
    import difflib

    close = difflib.get_close_matches(given.casefold(), list(by_folded), n=3, cutoff=0.6)
    if close:
        names = " or ".join(by_folded[c] for c in close)
        raise DateInputError(f"unknown time zone {shown} (did you mean {names}?); {ZONE_FORMS}")
    raise DateInputError(f"unknown time zone {shown}; {ZONE_FORMS}")


def quote(text: str) -> str:
    """``text`` quoted for a one-line message: control characters replaced, long text cut."""
    flat = "".join(c if c.isprintable() else "?" for c in text)
    if len(flat) > 60:
        flat = flat[:57] + "..."
    return f"'{flat}'"


def offset_name(offset: dt.timedelta) -> str:
    """ "+05:30" for a fixed offset; "UTC" for zero (one spelling for one zone)."""
    minutes = offset // dt.timedelta(minutes=1)
    if minutes == 0:
        return "UTC"
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


def zone_info(name: str) -> ZoneInfo | None:
    """ZoneInfo for an exact key, or ``None`` when there is no such zone."""
    if not name or not ZONE_TOKEN_RE.fullmatch(name):
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


def available_zones() -> frozenset[str]:
    """Every IANA key on this system (slow: walks the zone files; only on demand)."""
    global _AVAILABLE
    if _AVAILABLE is None:
        from zoneinfo import available_timezones

        _AVAILABLE = frozenset(available_timezones())
    return _AVAILABLE


_AVAILABLE: frozenset[str] | None = None


def valid_tz(tz: str) -> str:
    """``tz`` as kept in a PartialDate: an IANA name or a nonzero "+05:30" offset, else UTC."""
    if not isinstance(tz, str):
        raise DateInputError(f"unknown time zone {quote(str(tz))}; {ZONE_FORMS}")
    info = zone(tz)
    if OFFSET_RE.fullmatch(tz):
        offset = info.utcoffset(None)
        assert offset is not None
        return offset_name(offset)
    mapped = TZ_ABBREVIATIONS.get(tz.upper())
    if mapped is not None and mapped != tz:
        # A legacy IANA name like "EST" would read back from a label as America/New_York.
        raise DateInputError(f"time zone {quote(tz)} is ambiguous; use {mapped} or an offset")
    return tz
