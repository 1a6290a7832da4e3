"""The catalog out: JSON (everything), CSV (for spreadsheets) and ICS (for calendar apps).

Every writer streams: shows are read a batch at a time and written as they come, so the
memory an export needs does not grow with the catalog.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial
from typing import IO

from seasontrack import store
from seasontrack.clock import Clock
from seasontrack.countdown import day_zone_for, window
from seasontrack.dates import PartialDate, Precision, zone
from seasontrack.models import Release, Show
from seasontrack.serialize import FORMAT_NAME, FORMAT_VERSION, link_json, show_json
from seasontrack.services.lookup import resolve_show
from seasontrack.services.workers import batches, in_batches
from seasontrack.store.shows import ShowRow


def show_rows(conn: sqlite3.Connection, titles: list[str] | None = None) -> list[ShowRow]:
    """The shows to export: all of them, or the ones named (each resolved like any name)."""
    rows = store.shows.list_show_rows(conn)
    if not titles:
        return rows
    wanted = {resolve_show(conn, title).id for title in titles}
    return [row for row in rows if row.id in wanted]


def iter_shows(conn: sqlite3.Connection, rows: list[ShowRow]) -> Iterator[Show]:
    for ids in batches([row.id for row in rows]):
        yield from store.shows.get_shows(conn, ids)


# ---------------------------------------------------------------------------- JSON


def write_json(
    conn: sqlite3.Connection, out: IO[str], rows: list[ShowRow], *, jobs: int | None = None
) -> int:
    """The full-fidelity catalog, the format `import` reads; returns the number of shows.

    One show to a line: Python's C encoder writes that several times faster than an
    indented document, and a changed show is a one-line change in a diff.
    """
    out.write("{\n")
    out.write(f'"format": {json.dumps(FORMAT_NAME)},\n"version": {FORMAT_VERSION},\n')
    out.write('"shows": [')
    count = 0
    for lines in in_batches(conn, [row.id for row in rows], _json_lines, jobs=jobs):
        for line in lines:
            count += 1
            out.write(("," if count > 1 else "") + "\n" + line)
    out.write("\n]\n}\n" if count else "]\n}\n")
    return count


def _json_lines(conn: sqlite3.Connection, ids: list[int]) -> list[str]:
    """A batch of shows, one JSON document each (with its TVmaze link when it has one)."""
    links = store.provider_links.provider_links_of(conn, ids)
    facts = store.facts.facts_of(conn, list(links))
    lines = []
    for show_id, show in zip(ids, store.shows.get_shows(conn, ids), strict=True):
        document = show_json(show)
        if show_id in links:
            document["online"] = link_json(links[show_id], facts.get(show_id, []))
        lines.append(json.dumps(document, ensure_ascii=False))
    return lines


# ---------------------------------------------------------------------------- releases


@dataclass(frozen=True)
class FeedRelease:
    show: Show
    release: Release
    revision: int


def _releases(
    conn: sqlite3.Connection, rows: list[ShowRow], clock: Clock, until: datetime | None
) -> Iterator[FeedRelease]:
    """Every release of the shows (from now up to ``until`` when a span is given), read from
    the stored releases a batch of shows at a time."""
    for ids in batches([row.id for row in rows]):
        yield from _releases_of(conn, ids, clock, until)


def _releases_of(
    conn: sqlite3.Connection, ids: list[int], clock: Clock, until: datetime | None
) -> list[FeedRelease]:
    user_zone = clock.zone.tzinfo
    # The shows without their seasons: a release's description needs only their cast,
    # network and trailers.
    shows = {show.id: show for show in store.shows.get_shows(conn, ids, seasons=False)}
    revisions = store.seasons.season_revisions(conn, ids)
    found = []
    for stored in store.releases.releases_of_shows(conn, ids):
        release = stored.release
        if until is not None:
            span = window(release.when, day_zone_for(release.release_tz, user_zone))
            if span is None or span.latest < clock.now or span.earliest > until:
                continue
        found.append(FeedRelease(shows[release.show_id], release, revisions[stored.season_id]))
    return found


# ---------------------------------------------------------------------------- CSV

SEASON_COLUMNS = (
    "show",
    "season",
    "premiere",
    "premiere_precision",
    "finale",
    "finale_precision",
    "episode_count",
    "release",
    "release_time",
    "release_tz",
    "network",
    "country",
    "status",
)
EPISODE_COLUMNS = (
    "show",
    "season",
    "episode",
    "title",
    "release",
    "release_precision",
    "release_tz",
    "premiere",
    "finale",
    "network",
)


def iso(when: PartialDate) -> str:
    """A date for a spreadsheet: its first day, or its moment with offset; "" for TBA."""
    instant = when.instant()
    if instant is not None:
        return instant.isoformat()
    return when.start.isoformat() if when.start else ""


def write_csv(
    conn: sqlite3.Connection,
    out: IO[str],
    rows: list[ShowRow],
    clock: Clock,
    *,
    episodes: bool = False,
    until: datetime | None = None,
) -> int:
    """One row per season (per release, with ``episodes``); returns the number of rows."""
    writer = csv.writer(out, lineterminator="\r\n")
    count = 0
    if episodes:
        writer.writerow(EPISODE_COLUMNS)
        for item in _releases(conn, rows, clock, until):
            release = item.release
            writer.writerow(
                [
                    release.show,
                    release.season,
                    release.first_episode or "",
                    release.episode_title or "",
                    iso(release.when),
                    release.when.precision.value,
                    release.when.tz or release.release_tz or "",
                    "yes" if release.premiere else "",
                    "yes" if release.finale else "",
                    release.network or "",
                ]
            )
            count += 1
        return count
    writer.writerow(SEASON_COLUMNS)
    for show in iter_shows(conn, rows):
        for season in show.seasons:
            if until is not None and not _season_in(
                season.premiere_moment, season.release_tz, clock, until
            ):
                continue
            writer.writerow(
                [
                    show.title,
                    season.number,
                    season.premiere.start.isoformat() if season.premiere.start else "",
                    season.premiere.precision.value,
                    season.finale.start.isoformat() if season.finale.start else "",
                    season.finale.precision.value,
                    "" if season.episode_count is None else season.episode_count,
                    season.release_pattern,
                    season.release_time.strftime("%H:%M") if season.release_time else "",
                    season.release_tz or "",
                    show.network or "",
                    show.country or "",
                    show.status,
                ]
            )
            count += 1
    return count


def _season_in(when: PartialDate, release_tz: str | None, clock: Clock, until: datetime) -> bool:
    span = window(when, day_zone_for(release_tz, clock.zone.tzinfo))
    return span is not None and span.latest >= clock.now and span.earliest <= until


# ---------------------------------------------------------------------------- ICS


def event_uid(release: Release) -> str:
    """Stable across exports, so that a subscribed calendar updates instead of duplicating."""
    key = f"{release.show.casefold()}\x1f{release.season}\x1f{release.first_episode or 0}"
    return f"{hashlib.sha1(key.encode()).hexdigest()[:20]}@seasontrack"


def _summary(release: Release) -> str:
    if release.premiere:
        return f"{release.show} S{release.season} premiere"
    label = f"{release.show} {release.code()}"
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
    # The zones of the timed events, each written once as a VTIMEZONE.
    zones: set[str] = field(default_factory=set)


def write_ics(
    conn: sqlite3.Connection,
    out: IO[bytes],
    rows: list[ShowRow],
    clock: Clock,
    *,
    until: datetime | None = None,
    jobs: int | None = None,
) -> IcsReport:
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
    work = partial(_ics_events, clock, until)
    for events, counted in in_batches(conn, [row.id for row in rows], work, jobs=jobs):
        out.write(events)
        report.events += counted.events
        report.without_day += counted.without_day
        zones |= counted.zones
    for name in sorted(zones):
        out.write(Timezone.from_tzid(name).to_ical())
    out.write(closing)
    return report


def _ics_events(
    clock: Clock, until: datetime | None, conn: sqlite3.Connection, ids: list[int]
) -> tuple[bytes, IcsReport]:
    """A batch of shows' events, as icalendar writes them, and what they counted."""
    from icalendar import Event

    counted = IcsReport()
    stamp = clock.now.astimezone(zone("UTC"))
    written = []
    for item in _releases_of(conn, ids, clock, until):
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
