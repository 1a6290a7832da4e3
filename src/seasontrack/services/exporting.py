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
from typing import TYPE_CHECKING

from seasontrack import store
from seasontrack.services.lookup import resolve_show
from seasontrack.services.workers import batches
from seasontrack.store.releases import EVERY_RELEASE, FeedKinds

if TYPE_CHECKING:
    from seasontrack.clock import Clock
    from seasontrack.dates import PartialDate
    from seasontrack.models import Release, Show
    from seasontrack.store.shows import ShowRow


def show_rows(
    conn: sqlite3.Connection, titles: list[str] | None = None, *, followed: bool = False
) -> list[ShowRow]:
    """The shows to export: all of them, or the ones named (each resolved like any name);
    only the followed ones when ``followed``."""
    rows = store.shows.list_show_rows(conn)
    if followed:
        rows = [row for row in rows if row.followed]
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
    # Its calendar feed event's SEQUENCE: how many times it has moved.
    sequence: int


def releases(
    conn: sqlite3.Connection, rows: list[ShowRow], clock: Clock, until: datetime | None
) -> Iterator[FeedRelease]:
    """Every release of the shows (from now up to ``until`` when a span is given), read from
    the stored releases a batch of shows at a time."""
    since = clock.now if until is not None else None
    for ids in batches([row.id for row in rows]):
        yield from releases_of(conn, ids, clock, since=since, until=until)


def releases_of(
    conn: sqlite3.Connection,
    ids: list[int],
    clock: Clock,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    kinds: FeedKinds = EVERY_RELEASE,
) -> list[FeedRelease]:
    """The releases of the shows ``ids`` of the ``kinds`` asked for that fall, for the
    reader, between ``since`` and ``until`` (None: open); the store's index narrows them,
    the reader's zone settles the edges."""
    stored = store.releases.feed_releases(conn, ids, since=since, until=until, kinds=kinds)
    found = [
        (item, sequence)
        for item, sequence in stored
        if within(clock, item.release.when, item.release.release_tz, since, until)
    ]
    # The shows without their seasons, and only those with a release here: a release's
    # description needs only their cast, network and trailers.
    shows = shows_of(conn, [item.release.show_id for item, _ in found])
    return [FeedRelease(shows[item.release.show_id], item.release, seq) for item, seq in found]


def shows_of(conn: sqlite3.Connection, ids: list[int | None]) -> dict[int, Show]:
    """The shows ``ids`` (each once) without their seasons, by id."""
    wanted = [show_id for show_id in dict.fromkeys(ids) if show_id is not None]
    shows = store.shows.get_shows(conn, wanted, seasons=False)
    return {show.id: show for show in shows if show.id is not None}


def within(
    clock: Clock,
    when: PartialDate,
    release_tz: str | None,
    since: datetime | None,
    until: datetime | None,
) -> bool:
    """Whether a date may fall between ``since`` and ``until`` (None: open) where the
    reader is; a TBA one only when the window is open both ways."""
    if since is None and until is None:
        return True
    span = clock.view(when, release_tz).span
    if span is None:
        return False
    return (since is None or span.latest >= since) and (until is None or span.earliest <= until)
