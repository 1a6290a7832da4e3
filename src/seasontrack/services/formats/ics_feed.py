"""`export --format ics`: an RFC 5545 calendar, one event per release known to the day."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial
from typing import IO, TYPE_CHECKING, Any

from seasontrack import store
from seasontrack.dates import PartialDate, Precision, zone
from seasontrack.services.exporting import releases_of, shows_of, within
from seasontrack.services.formats import ExportFormat, ExportRequest, Written
from seasontrack.services.season_links import season_link
from seasontrack.services.workers import in_batches
from seasontrack.store.releases import FeedKinds

if TYPE_CHECKING:
    from seasontrack.clock import Clock
    from seasontrack.models import Release, Show
    from seasontrack.store.seasons import CompleteRow


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


def _description(
    show: Show, release: Release, seasons: dict[tuple[int | None, int], list[str]]
) -> str:
    """What a release's event says: the network, a release of several episodes, the cast
    and the trailer (those of its season worked out once, in ``seasons``)."""
    lines = []
    if show.network:
        lines.append(f"On {show.network}")
    if (
        release.first_episode
        and release.last_episode
        and release.last_episode > release.first_episode
    ):
        lines.append(f"Episodes {release.first_episode} to {release.last_episode}, all at once")
    key = (show.id, release.season)
    if key not in seasons:
        seasons[key] = _about_season(show, release.season)
    return "\n".join(lines + seasons[key])


def _about_season(show: Show, season: int) -> list[str]:
    """A season's cast (the first four confirmed, by billing) and its latest trailer."""
    lines = []
    cast = [
        c
        for c in show.credits
        if c.role == "cast" and c.season in (None, season) and c.status == "confirmed"
    ]
    cast.sort(key=lambda c: (c.billing is None, c.billing or 0))
    if cast:
        lines.append("Starring " + ", ".join(c.person for c in cast[:4]))
    trailers = [t for t in show.trailers if t.url and t.season in (None, season)]
    if trailers:
        lines.append(f"Trailer: {trailers[-1].url}")
    return lines


def complete_uid(show: str, season: int) -> str:
    """A season's `complete` event: stable like a release's, and never the same as one."""
    key = f"{show.casefold()}\x1f{season}\x1fcomplete"
    return f"{hashlib.sha1(key.encode()).hexdigest()[:20]}@seasontrack"


def complete_summary(row: CompleteRow) -> str:
    """ "Stranger Things S5 complete — all 8 out"."""
    out = f"all {row.episodes} out" if row.episodes else "all out"
    return f"{row.show} S{row.season} complete — {out}"


# The kinds of event a feed may hold (`--only`), and what it holds without being told.
FEED_KINDS = ("premieres", "finales", "episodes", "complete")
DEFAULT_KINDS = frozenset({"premieres", "finales", "episodes"})


@dataclass
class IcsReport:
    events: int = 0
    without_day: int = 0
    shows: int = 0
    # The zones of the timed events, each written once as a VTIMEZONE.
    zones: set[str] = field(default_factory=set)


def write_ics(conn: sqlite3.Connection, out: IO[bytes], request: ExportRequest) -> Written:
    """An RFC 5545 calendar with one event per release known to the day (icalendar writes it).

    A day-precise release is an all-day event; a time-precise one is timed, in its zone
    (every event is all-day with ``all_day``). Releases known only to the month or year are
    left out and counted. ``kinds`` chooses premieres, finales, the episodes between and
    each season's complete moment; ``since`` and ``until`` bound the window.
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
    work = partial(
        _ics_events,
        request.clock,
        request.since,
        request.until,
        request.kinds or DEFAULT_KINDS,
        request.all_day,
    )
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
    clock: Clock,
    since: datetime | None,
    until: datetime | None,
    kinds: frozenset[str],
    all_day: bool,
    conn: sqlite3.Connection,
    ids: list[int],
) -> tuple[bytes, IcsReport]:
    """A batch of shows' events, as icalendar writes them, and what they counted."""
    from icalendar import Event
    from icalendar.prop import vCategory, vDDDTypes, vInt, vText, vUri

    counted = IcsReport(shows=len(ids))
    written = []
    # The values many events share, each encoded once (a feed of 290,000 events spends
    # its time in icalendar, a quarter of it encoding values): the stamp, the networks,
    # the links, the sequences.
    stamp = vDDDTypes(clock.now.astimezone(zone("UTC")))
    categories: dict[str, Any] = {}
    links: dict[tuple[int | None, int], Any] = {}
    sequences: dict[int, Any] = {}
    about: dict[tuple[int | None, int], list[str]] = {}

    def add(
        event: Event, fields: tuple[str, str, int, str | None], show: Show, season: int
    ) -> None:
        uid, summary, sequence, network = fields
        event["UID"] = vText(uid)
        event["DTSTAMP"] = stamp
        if sequence not in sequences:
            sequences[sequence] = vInt(sequence)
        event["SEQUENCE"] = sequences[sequence]
        event["SUMMARY"] = vText(summary)
        if network:
            if network not in categories:
                categories[network] = vCategory([network])
            event["CATEGORIES"] = categories[network]
        if (show.id, season) not in links:
            link = season_link(show.trailers, show.sources, season)
            links[show.id, season] = vUri(link) if link else None
        if links[show.id, season] is not None:
            event["URL"] = links[show.id, season]
        written.append(event.to_ical())
        counted.events += 1

    wanted = FeedKinds(*(kind in kinds for kind in ("premieres", "finales", "episodes")))
    found = releases_of(conn, ids, clock, since=since, until=until, kinds=wanted)
    for item in found if any(wanted) else ():
        release = item.release
        when = release.when
        if when.start is None or when.precision not in (Precision.DAY, Precision.MINUTE):
            counted.without_day += 1
            continue
        event = Event()
        description = _description(item.show, release, about)
        if description:
            event["DESCRIPTION"] = vText(description)
        _when(event, clock, when, release.release_tz, all_day, counted)
        fields = (event_uid(release), _summary(release), item.sequence, release.network)
        add(event, fields, item.show, release.season)
    if "complete" in kinds:
        completes = store.seasons.complete_moments(conn, ids, since=since, until=until)
        completes = [
            row for row in completes if within(clock, row.complete, row.release_tz, since, until)
        ]
        shows = shows_of(conn, [row.show_id for row in completes])
        for row in completes:
            event = Event()
            if row.network:
                event["DESCRIPTION"] = vText(f"On {row.network}")
            _when(event, clock, row.complete, row.release_tz, all_day, counted)
            fields = (
                complete_uid(row.show, row.season),
                complete_summary(row),
                row.sequence,
                row.network,
            )
            add(event, fields, shows[row.show_id], row.season)
    return b"".join(written), counted


def _when(
    event: Any,
    clock: Clock,
    when: PartialDate,
    release_tz: str | None,
    all_day: bool,
    counted: IcsReport,
) -> None:
    """An event's DTSTART and DTEND: timed in its zone, floating, or all day (on the
    reader's day for a timed one, with ``all_day``)."""
    instant = when.instant()
    if all_day or when.time is None:
        day: date = when.start if when.time is None else clock.local(when).start  # type: ignore[assignment]
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
    elif instant is not None and when.tz:
        event.add("dtstart", instant)
        event.add("dtend", instant + timedelta(hours=1))
        if "/" in when.tz:
            counted.zones.add(when.tz)
    else:
        # A time with no zone known: a floating time, the same wall clock everywhere.
        start = datetime.combine(when.start, when.time)  # type: ignore[arg-type]
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(hours=1))


FORMAT = ExportFormat(
    "ics",
    write_ics,
    binary=True,
    accepts=frozenset({"within", "jobs", "followed", "past", "future", "only", "all_day"}),
)
