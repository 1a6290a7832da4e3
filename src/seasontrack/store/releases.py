"""The release index: every release of every season, with its bounds in UTC, for
`upcoming`, `calendar`, `remind` and progress to read as index range scans."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from typing import NamedTuple

from seasontrack.models import Release
from seasontrack.schedule import release_bounds
from seasontrack.store.codecs import json_ids, moment_from, utc_text


def replace_releases(
    conn: sqlite3.Connection, season_row_id: int, show_id: int, releases: list[Release]
) -> bool:
    """Replace a season's stored releases (what `upcoming`, `calendar` and `remind` read);
    return whether a release it had before now comes out at another moment (or is gone, or
    new). Only the store's derivation (``seasons.derive_releases``) calls this."""
    plain = conn.cursor()
    plain.row_factory = None
    # What of a release decides when it comes out: a change to any of these moves an event
    # of a calendar feed, which the season's revision (the feed's SEQUENCE) counts.
    before = plain.execute(
        """
        SELECT first_episode, last_episode, precision, start, time, tz, premiere, finale
        FROM releases WHERE season_id = ? ORDER BY position
        """,
        (season_row_id,),
    ).fetchall()
    conn.execute("DELETE FROM releases WHERE season_id = ?", (season_row_id,))
    rows = []
    after = []
    for position, release in enumerate(releases):
        starts, ends, exact = release_bounds(release)
        when = release.when
        moment = (
            release.first_episode,
            release.last_episode,
            when.precision.value,
            when.start.isoformat() if when.start else None,
            when.time.strftime("%H:%M") if when.time else None,
            when.tz,
            int(release.premiere),
            int(release.finale),
        )
        after.append(moment)
        rows.append(
            (
                season_row_id,
                position,
                show_id,
                *moment[:2],
                release.episode_title,
                *moment[2:],
                utc_text(starts),
                utc_text(ends),
                int(exact),
            )
        )
    conn.executemany(
        """
        INSERT INTO releases (season_id, position, show_id, first_episode, last_episode, title,
            precision, start, time, tz, premiere, finale, starts_at, ends_at, exact)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        rows,
    )
    return bool(before) and before != after


class StoredRelease(NamedTuple):
    """A release as stored: its season row, its place in the season, whether followed."""

    season_id: int
    position: int
    followed: bool
    release: Release


def stored_release(row: sqlite3.Row) -> StoredRelease:
    return StoredRelease(
        season_id=row["season_id"],
        position=row["position"],
        followed=bool(row["followed"]),
        release=Release(
            show=row["show"],
            network=row["network"],
            season=row["season"],
            first_episode=row["first_episode"],
            last_episode=row["last_episode"],
            episode_title=row["episode_title"],
            when=moment_from(row["precision"], row["start"], row["time"], row["tz"]),
            release_tz=row["release_tz"],
            pattern=row["release_pattern"],
            premiere=bool(row["premiere"]),
            finale=bool(row["finale"]),
            show_id=row["show_id"],
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


def tba_premieres(conn: sqlite3.Connection, *, network: str | None = None) -> list[StoredRelease]:
    """The premieres of the seasons whose date is not known at all."""
    rows = conn.execute(
        """
        SELECT * FROM release_rows
        WHERE exact = 0 AND ends_at IS NULL AND position = 0
            AND (? IS NULL OR network = ? COLLATE NOCASE)
        ORDER BY season_id
        """,
        (network, network),
    )
    return [stored_release(row) for row in rows]


def vague_releases_of(
    conn: sqlite3.Connection, season_ids: Iterable[int], start: datetime
) -> list[StoredRelease]:
    """The vague releases (and TBA premieres) of these seasons that may happen from ``start`` on.

    (``+exact`` keeps SQLite from walking the exact/ends_at index over every vague release:
    the seasons' primary key finds the few rows wanted.)
    """
    rows = conn.execute(
        """
        SELECT * FROM release_rows
        WHERE season_id IN (SELECT value FROM json_each(?)) AND +exact = 0
            AND (ends_at >= ? OR (ends_at IS NULL AND position = 0))
        ORDER BY season_id, position
        """,
        (json.dumps(sorted(set(season_ids))), utc_text(start)),
    )
    return [stored_release(row) for row in rows]


# Later than any stored moment: the open end of a range.
_NEVER = "9999-12-31T23:59:59"


def next_releases_by_show(conn: sqlite3.Connection, now: datetime) -> list[StoredRelease]:
    """For each show, its first few releases that may still be ahead, soonest first, a TBA
    premiere last (the caller drops the ones already past where the user is)."""
    rows = conn.execute(
        """
        SELECT * FROM (
            SELECT *, row_number() OVER (
                PARTITION BY show_id
                ORDER BY starts_at IS NULL, starts_at, season_id, position
            ) AS rank
            FROM release_rows
            WHERE ends_at >= ? OR (ends_at IS NULL AND position = 0)
        )
        WHERE rank <= 3
        ORDER BY show_id, rank
        """,
        (utc_text(now),),
    )
    return [stored_release(row) for row in rows]


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
    sizes = {
        r["season_id"]: r["size"]
        for r in conn.execute(
            "SELECT season_id, max(last_episode) AS size FROM releases"
            " WHERE show_id IN (SELECT value FROM json_each(?)) AND last_episode IS NOT NULL"
            " GROUP BY season_id",
            (ids,),
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
            WHERE show_id IN (SELECT value FROM json_each(?)) AND first_episode IS NOT NULL
                AND ends_at <= ?
            """,
            (ids, moment),
        )
    ]
    # Only the ones whose window holds "now" need a closer look.
    released += [
        (r["season_id"], r["first_episode"], r["last_episode"], stored_release(r))
        for r in conn.execute(
            """
            SELECT * FROM release_rows
            WHERE show_id IN (SELECT value FROM json_each(?)) AND first_episode IS NOT NULL
                AND starts_at <= ? AND ends_at > ?
            """,
            (ids, moment, moment),
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
