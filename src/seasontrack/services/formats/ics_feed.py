"""`export --format ics`: an RFC 5545 calendar, one event per release known to the day."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial
from typing import IO

from seasontrack.clock import Clock
from seasontrack.dates import Precision, zone
from seasontrack.models import Release, Show
from seasontrack.services.exporting import releases_of
from seasontrack.services.formats import ExportFormat, ExportRequest, Written
from seasontrack.services.workers import in_batches


def event_uid(release: Release) -> str:
    """Stable across exports, so that a subscribed calendar updates instead of duplicating."""
    key = f"{release.show.casefold()}\x1f{release.season}\x1f{release.first_episode or 0}"
    return f"{hashlib.sha1(key.encode()).hexdigest()[:20]}@seasontrack"


def _summary(release: Release) -> str:
    if release.premiere and release.part is None:
        return f"{release.show} S{release.season} premiere"
    # A part is named with its title: "Stranger Things S5E5-E7 Volume 2".
    label = f"{release.show} {release.label()}"
    if release.premiere:
        return f"{label} (premiere)"
    if release.episode_title:
        label += f" “{release.episode_title}”"
    return label + (" (finale)" if release.finale else "")


def _description(show: Show, release: Release) -> str:
    lines = []
    if show.network:
        lines.append(f"On {show.network}")
    if (
        release.first_episode
        and release.last_episode
        and release.last_episode > release.first_episode
    ):
        lines.append(f"Episodes {release.first_episode} to {release.last_episode}, all at once")
    cast = [
        c
        for c in show.credits
        if c.role == "cast" and c.season in (None, release.season) and c.status == "confirmed"
    ]
    cast.sort(key=lambda c: (c.billing is None, c.billing or 0))
    if cast:
        lines.append("Starring " + ", ".join(c.person for c in cast[:4]))
    trailers = [t for t in show.trailers if t.url and t.season in (None, release.season)]
    if trailers:
        lines.append(f"Trailer: {trailers[-1].url}")
    return "\n".join(lines)


@dataclass
class IcsReport:
    events: int = 0
    without_day: int = 0
    shows: int = 0
    # The zones of the timed events, each written once as a VTIMEZONE.
    zones: set[str] = field(default_factory=set)


def write_ics(conn: sqlite3.Connection, out: IO[bytes], request: ExportRequest) -> Written:
    """An RFC 5545 calendar with one event per release known to the day (icalendar writes it).

    A day-precise release is an all-day event; a time-precise one is timed, in its zone.
    Releases known only to the month or year are left out and counted.
    """
    from icalendar import Calendar, Timezone

    calendar = Calendar()
    calendar.add("prodid", "-//seasontrack//seasontrack//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "TV releases (seasontrack)")
    head = calendar.to_ical()
    closing = b"END:VCALENDAR\r\n"
    # The calendar's own lines, then each batch's events as they come (the library writes
    # each one), then the zones the events used: memory stays flat however many there are.
    out.write(head[: -len(closing)])
    report = IcsReport()
    zones: set[str] = set()
    work = partial(_ics_events, request.clock, request.until)
    ids = [row.id for row in request.rows]
    for events, counted in in_batches(conn, ids, work, jobs=request.jobs):
        out.write(events)
        report.events += counted.events
        report.without_day += counted.without_day
        zones |= counted.zones
        if request.progress is not None:
            request.progress(counted.shows)
    for name in sorted(zones):
        out.write(Timezone.from_tzid(name).to_ical())
    out.write(closing)
    note = None
    if report.without_day:
        note = (
            f"Left out {report.without_day} releases known only to the month,"
            " season or year, or TBA."
        )
    return Written(report.events, "events", note)


def _ics_events(
    clock: Clock, until: datetime | None, conn: sqlite3.Connection, ids: list[int]
) -> tuple[bytes, IcsReport]:
    """A batch of shows' events, as icalendar writes them, and what they counted."""
    from icalendar import Event

    counted = IcsReport(shows=len(ids))
    stamp = clock.now.astimezone(zone("UTC"))
    written = []
    for item in releases_of(conn, ids, clock, until):
        release = item.release
        when = release.when
        if when.start is None or when.precision not in (Precision.DAY, Precision.MINUTE):
            counted.without_day += 1
            continue
        event = Event()
        event.add("uid", event_uid(release))
        event.add("dtstamp", stamp)
        event.add("sequence", item.revision)
        event.add("summary", _summary(release))
        description = _description(item.show, release)
        if description:
            event.add("description", description)
        instant = when.instant()
        if instant is not None and when.tz:
            event.add("dtstart", instant)
            event.add("dtend", instant + timedelta(hours=1))
            if "/" in when.tz:
                counted.zones.add(when.tz)
        elif when.time is not None:
            # A time with no zone known: a floating time, the same wall clock everywhere.
            start = datetime.combine(when.start, when.time)
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(hours=1))
        else:
            day: date = when.start
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
        written.append(event.to_ical())
        counted.events += 1
    return b"".join(written), counted


FORMAT = ExportFormat("ics", write_ics, binary=True, accepts=frozenset({"within", "jobs"}))
