"""The catalog out: what every export format reads, a batch of shows at a time.

Every writer streams: shows are read a batch at a time and written as they come, so the
memory an export needs does not grow with the catalog. The formats themselves are in
``seasontrack.services.formats``, one module each.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from seasontrack import store
from seasontrack.clock import Clock
from seasontrack.models import Release, Show
from seasontrack.services.lookup import resolve_show
from seasontrack.services.workers import batches
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


@dataclass(frozen=True)
class FeedRelease:
    show: Show
    release: Release
    revision: int


def releases(
    conn: sqlite3.Connection, rows: list[ShowRow], clock: Clock, until: datetime | None
) -> Iterator[FeedRelease]:
    """Every release of the shows (from now up to ``until`` when a span is given), read from
    the stored releases a batch of shows at a time."""
    for ids in batches([row.id for row in rows]):
        yield from releases_of(conn, ids, clock, until)


def releases_of(
    conn: sqlite3.Connection, ids: list[int], clock: Clock, until: datetime | None
) -> list[FeedRelease]:
    # The shows without their seasons: a release's description needs only their cast,
    # network and trailers.
    shows = {show.id: show for show in store.shows.get_shows(conn, ids, seasons=False)}
    revisions = store.seasons.season_revisions(conn, ids)
    found = []
    for stored in store.releases.releases_of_shows(conn, ids):
        release = stored.release
        if until is not None and not clock.view(release.when, release.release_tz).overlaps(until):
            continue
        found.append(FeedRelease(shows[release.show_id], release, revisions[stored.season_id]))
    return found
