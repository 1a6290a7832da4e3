"""The release index: every release of every season, with its bounds in UTC, for
`upcoming`, `calendar`, `remind` and progress to read as index range scans."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from typing import NamedTuple

from seasontrack.dates import PartialDate
from seasontrack.models import TBA, Release
from seasontrack.store.codecs import json_ids, moment_from, utc_text


class Derived(NamedTuple):
    """A season's releases as derived, as rows of the index; and, for each, what decides
    when it comes out (a change to any of these moves an event of a calendar feed, which
    the season's revision, the feed's SEQUENCE, counts)."""

    season_id: int
    rows: list[tuple[object, ...]]
    moments: list[tuple[object, ...]]


def derived_rows(
    season_id: int, show_id: int, releases: list[Release], complete_ends: datetime | None
) -> Derived:
    """The index rows of a season's releases (no SQL: a worker process may build them).
    ``complete_ends`` is the latest moment the season can be complete by (None: not known)."""
    from seasontrack.schedule import release_bounds

    rows: list[tuple[object, ...]] = []
    moments: list[tuple[object, ...]] = []
    bounds = [release_bounds(release) for release in releases]
    for position, (release, (starts, ends, exact), out_at) in enumerate(
        zip(releases, bounds, _out_at(bounds, complete_ends), strict=True)
    ):
        when = release.when
        announced = release.announced
        moment: tuple[object, ...] = (
            release.first_episode,
            release.last_episode,
            when.precision.value,
            when.start.isoformat() if when.start else None,
            when.time.strftime("%H:%M") if when.time else None,
            when.tz,
            int(release.premiere),
            int(release.finale),
        )
        moments.append(moment)
        rows.append(
            (
                season_id,
                position,
                show_id,
                *moment[:2],
                release.episode_title,
                *moment[2:],
                utc_text(starts),
                utc_text(ends),
                int(exact),
                release.part,
                release.part_title,
                release.pattern,
                release.release_tz,
                announced.start.isoformat() if announced and announced.start else None,
                announced.time.strftime("%H:%M") if announced and announced.time else None,
                utc_text(out_at),
            )
        )
    return Derived(season_id, rows, moments)


def replace_releases(conn: sqlite3.Connection, seasons: list[Derived]) -> set[int]:
    """Replace these seasons' stored releases (what `upcoming`, `calendar` and `remind`
    read); return the seasons of which a release they had before now comes out at another
    moment (or is gone, or new). Only the store's derivation (``seasons.rebuild_stale``)
    calls this; a few statements per batch of seasons, whatever its size."""
    plain = conn.cursor()
    plain.row_factory = None
    ids = json_ids([season.season_id for season in seasons])
    before: dict[int, list[tuple[object, ...]]] = {}
    for season_id, *moment in plain.execute(
        """
        SELECT season_id, first_episode, last_episode, precision, start, time, tz, premiere,
            finale
        FROM releases WHERE season_id IN (SELECT value FROM json_each(?))
        ORDER BY season_id, position
        """,
        (ids,),
    ):
        before.setdefault(season_id, []).append(tuple(moment))
    if before:
        conn.execute(
            "DELETE FROM releases WHERE season_id IN (SELECT value FROM json_each(?))", (ids,)
        )
    conn.executemany(
        """
        INSERT INTO releases (season_id, position, show_id, first_episode, last_episode, title,
            precision, start, time, tz, premiere, finale, starts_at, ends_at, exact, part,
            part_title, pattern, release_tz, announced_start, announced_time, out_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [row for season in seasons for row in season.rows],
    )
    return {
        season.season_id
        for season in seasons
        if before.get(season.season_id) and before[season.season_id] != season.moments
    }


def _out_at(
    bounds: list[tuple[datetime | None, datetime | None, bool]], complete_ends: datetime | None
) -> list[datetime | None]:
    """For each release, the latest moment by which it is surely out: its own end, or the
    end of a later release of the season (episodes come out in order), or the season's
    complete moment, whichever comes first; None when none of them is known."""
    found: list[datetime | None] = []
    soonest = complete_ends
    for _, ends, _ in reversed(bounds):
        if ends is not None and (soonest is None or ends < soonest):
            soonest = ends
        found.append(soonest)
    return found[::-1]


class StoredRelease(NamedTuple):
    """A release as stored: its season row, its place in the season, whether followed, and
    when its season is complete (TBA: not known)."""

    season_id: int
    position: int
    followed: bool
    release: Release
    complete: PartialDate = TBA
    # Whether a later season of its show has surely begun (read only where asked for).
    later_begun: bool = False


def stored_release(row: sqlite3.Row) -> StoredRelease:
    when = moment_from(row["precision"], row["start"], row["time"], row["tz"])
    announced = None
    if row["announced_start"] is not None:
        announced = moment_from(
            row["precision"], row["announced_start"], row["announced_time"], row["tz"]
        )
    return StoredRelease(
        season_id=row["season_id"],
        position=row["position"],
        followed=bool(row["followed"]),
        complete=moment_from(
            row["complete_precision"],
            row["complete_start"],
            row["complete_time"],
            row["complete_tz"],
        ),
        release=Release(
            show=row["show"],
            network=row["network"],
            season=row["season"],
            first_episode=row["first_episode"],
            last_episode=row["last_episode"],
            episode_title=row["episode_title"],
            when=when,
            release_tz=row["release_tz"],
            pattern=row["release_pattern"],
            premiere=bool(row["premiere"]),
            finale=bool(row["finale"]),
            show_id=row["show_id"],
            part=row["part"],
            part_title=row["part_title"],
            announced=announced,
        ),
    )


def exact_releases_from(
    conn: sqlite3.Connection, start: datetime, *, network: str | None = None
) -> Iterator[StoredRelease]:
    """Releases known to the day or minute that may happen from ``start`` on, soonest first.

    A cursor: the caller reads only as far as it needs (an index range scan).
    """
    rows = conn.execute(
        """
        SELECT * FROM release_rows
        WHERE exact = 1 AND starts_at >= ? AND (? IS NULL OR network = ? COLLATE NOCASE)
        ORDER BY starts_at, season_id, position
        """,
        (utc_text(start - timedelta(days=3)), network, network),
    )
    return (stored_release(row) for row in rows)


def exact_releases_between(
    conn: sqlite3.Connection, start: datetime, end: datetime, *, followed_only: bool = False
) -> list[StoredRelease]:
    """Releases known to the day or minute that may happen between ``start`` and ``end``
    (of followed shows only, when ``followed_only``)."""
    rows = conn.execute(
        """
        SELECT * FROM release_rows
        WHERE exact = 1 AND starts_at BETWEEN ? AND ? AND (? = 0 OR followed = 1)
        ORDER BY starts_at, season_id, position
        """,
        (utc_text(start - timedelta(days=3)), utc_text(end), int(followed_only)),
    )
    return [stored_release(row) for row in rows]


def vague_releases(
    conn: sqlite3.Connection,
    start: datetime,
    *,
    ends_by: datetime | None = None,
    starts_by: datetime | None = None,
    network: str | None = None,
) -> list[StoredRelease]:
    """Releases known only to the month, season or year that may happen from ``start`` on:
    those over by ``ends_by`` and begun by ``starts_by`` when given (an index range scan)."""
    rows = conn.execute(
        """
        SELECT * FROM release_rows
        WHERE exact = 0 AND ends_at BETWEEN ? AND ?
            AND (? IS NULL OR starts_at <= ?)
            AND (? IS NULL OR network = ? COLLATE NOCASE)
        ORDER BY starts_at, season_id, position
        """,
        (
            utc_text(start),
            utc_text(ends_by) if ends_by else _NEVER,
            utc_text(starts_by),
            utc_text(starts_by),
            network,
            network,
        ),
    )
    return [stored_release(row) for row in rows]


# Later than any stored moment: the open end of a range.
_NEVER = "9999-12-31T23:59:59"


# How far "now" can be from a release's stored bounds and still not settle for every viewer
# whether it is out: the stored bounds of a date without a zone stretch over every zone on
# Earth (26 hours), and a release stays "now" for its minute.
_UNSETTLED = timedelta(hours=50)

# Each season's releases that may be out for some viewers and not for others (a few per
# season), and its first release surely not out yet anywhere (out_at only grows along a
# season, and is NULL from where nothing later is dated): of every season, or of some. With
# each, whether a later season of its show has surely begun (seasons come out in order too;
# specials, season 0, come out whenever).
_PENDING = """
    SELECT pending.*, pending.season > 0 AND EXISTS (
        SELECT 1 FROM seasons AS later JOIN releases AS opening
            ON opening.season_id = later.id AND opening.position = 0
        WHERE later.show_id = pending.show_id AND later.number > pending.season
            AND opening.ends_at < :low
    ) AS later_begun
    FROM (
        SELECT * FROM release_rows WHERE out_at >= :low AND out_at < :high
        UNION ALL
        SELECT release_rows.* FROM release_rows JOIN (
            SELECT season_id, min(position) AS position FROM releases
            WHERE out_at >= :high OR out_at IS NULL
            GROUP BY season_id
        ) AS firsts
        ON release_rows.season_id = firsts.season_id AND release_rows.position = firsts.position
    ) AS pending
"""
_PENDING_OF = """
    SELECT pending.*, pending.season > 0 AND EXISTS (
        SELECT 1 FROM seasons AS later JOIN releases AS opening
            ON opening.season_id = later.id AND opening.position = 0
        WHERE later.show_id = pending.show_id AND later.number > pending.season
            AND opening.ends_at < :low
    ) AS later_begun
    FROM (
        SELECT * FROM release_rows
        WHERE season_id IN (SELECT value FROM json_each(:ids))
            AND out_at >= :low AND out_at < :high
        UNION ALL
        SELECT release_rows.* FROM release_rows JOIN (
            SELECT season_id, min(position) AS position FROM releases
            WHERE season_id IN (SELECT value FROM json_each(:ids))
                AND (out_at >= :high OR out_at IS NULL)
            GROUP BY season_id
        ) AS firsts
        ON release_rows.season_id = firsts.season_id AND release_rows.position = firsts.position
    ) AS pending
"""


def pending_releases(
    conn: sqlite3.Connection,
    now: datetime,
    *,
    show_ids: Iterable[int] | None = None,
    season_ids: Iterable[int] | None = None,
) -> list[StoredRelease]:
    """Each season's releases that may not all be out at ``now`` for every viewer, by
    season and position: from its first one that is not surely out everywhere (``out_at``
    not passed) up to its first one that is surely not out anywhere, each saying whether a
    later season has surely begun. What comes between is for the caller to settle where the
    user is (``services.timeline.season_pending``).

    Of all seasons, or of the shows ``show_ids``, or the ``season_ids``. A season with
    nothing left to come gives nothing (or the releases still unsettled somewhere).
    """
    if show_ids is not None:
        season_ids = [
            row[0]
            for row in conn.execute(
                "SELECT id FROM seasons WHERE show_id IN (SELECT value FROM json_each(?))",
                (json_ids(list(show_ids)),),
            )
        ]
    bounds = {"low": utc_text(now - timedelta(minutes=2)), "high": utc_text(now + _UNSETTLED)}
    if season_ids is None:
        rows = conn.execute(_PENDING, bounds)
    else:
        rows = conn.execute(_PENDING_OF, bounds | {"ids": json_ids(list(season_ids))})
    found = [stored_release(row)._replace(later_begun=bool(row["later_begun"])) for row in rows]
    found.sort(key=lambda stored: (stored.season_id, stored.position))
    return found


def undated_releases(conn: sqlite3.Connection, season_ids: Iterable[int]) -> list[StoredRelease]:
    """The releases of these seasons whose date is not known at all, by season and position."""
    rows = conn.execute(
        """
        SELECT * FROM release_rows
        WHERE season_id IN (SELECT value FROM json_each(?)) AND starts_at IS NULL
        ORDER BY season_id, position
        """,
        (json_ids(list(season_ids)),),
    )
    return [stored_release(row) for row in rows]


def seasons_with_undated(
    conn: sqlite3.Connection, now: datetime, *, network: str | None = None
) -> list[int]:
    """The seasons with a release not surely out at ``now`` whose date is not known at all."""
    rows = conn.execute(
        """
        SELECT DISTINCT season_id FROM release_rows
        WHERE starts_at IS NULL AND (out_at IS NULL OR out_at >= ?)
            AND (? IS NULL OR network = ? COLLATE NOCASE)
        """,
        (utc_text(now - timedelta(minutes=2)), network, network),
    )
    return [row[0] for row in rows]


def progress_rows(
    conn: sqlite3.Connection, show_ids: list[int], now: datetime
) -> tuple[
    dict[int, int],
    list[tuple[int, int, int, StoredRelease | None]],
    dict[int, list[int]],
    dict[int, tuple[int, int, int | None]],
]:
    """For progress: each season's highest episode number released at any time; the
    releases that may be out by ``now`` as (season id, first and last episode, and the
    release itself when it is not surely out yet); the episodes watched; and the seasons
    (show id, number, stated episode count), by season id."""
    ids = json_ids(show_ids)
    seasons = {
        r["id"]: (r["show_id"], r["number"], r["episode_count"])
        for r in conn.execute(
            "SELECT id, show_id, number, episode_count FROM seasons"
            " WHERE show_id IN (SELECT value FROM json_each(?))",
            (ids,),
        )
    }
    # The releases by their seasons: the index's primary key finds a show's few rows.
    season_ids = json_ids(list(seasons))
    sizes = {
        r["season_id"]: r["size"]
        for r in conn.execute(
            "SELECT season_id, max(last_episode) AS size FROM releases"
            " WHERE season_id IN (SELECT value FROM json_each(?)) AND last_episode IS NOT NULL"
            " GROUP BY season_id",
            (season_ids,),
        )
    }
    moment = utc_text(now)
    # Most are surely out: read those as bare tuples (hundreds of thousands of them).
    plain = conn.cursor()
    plain.row_factory = None
    released: list[tuple[int, int, int, StoredRelease | None]] = [
        (season_id, first, last, None)
        for season_id, first, last in plain.execute(
            """
            SELECT season_id, first_episode, last_episode FROM releases
            WHERE season_id IN (SELECT value FROM json_each(?)) AND first_episode IS NOT NULL
                AND out_at <= ?
            """,
            (season_ids, moment),
        )
    ]
    # Only the ones whose window holds "now" need a closer look.
    released += [
        (r["season_id"], r["first_episode"], r["last_episode"], stored_release(r))
        for r in conn.execute(
            """
            SELECT * FROM release_rows
            WHERE season_id IN (SELECT value FROM json_each(?)) AND first_episode IS NOT NULL
                AND starts_at <= ? AND ends_at > ?
            """,
            (season_ids, moment, moment),
        )
    ]
    watched: dict[int, list[int]] = {}
    for r in conn.execute(
        """
        SELECT watched.season_id, watched.episode FROM watched
        JOIN seasons ON seasons.id = watched.season_id
        WHERE seasons.show_id IN (SELECT value FROM json_each(?))
        ORDER BY watched.season_id, watched.episode
        """,
        (ids,),
    ):
        watched.setdefault(r["season_id"], []).append(r["episode"])
    return sizes, released, watched, seasons


def releases_of_shows(conn: sqlite3.Connection, show_ids: list[int]) -> list[StoredRelease]:
    """Every stored release of the shows, by show, season and order within the season."""
    rows = conn.execute(
        """
        SELECT * FROM release_rows WHERE show_id IN (SELECT value FROM json_each(?))
        ORDER BY show COLLATE NOCASE, show_id, season, position
        """,
        (json_ids(show_ids),),
    )
    return [stored_release(row) for row in rows]
