"""Seasons and their episodes, parts, breaks and watched marks, and the release index derived
from them.

Any write to a season's schedule, its episodes, parts or breaks marks the season stale (the
schema's triggers, migrations m010 and m011), whoever makes it; :func:`rebuild_stale` derives the
stale seasons' releases again and counts a moved date in the season's revision. The store's
``transaction`` runs it before every commit, so no writer refreshes the index by hand.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from seasontrack.dates import PartialDate
from seasontrack.models import Episode, Part, Season
from seasontrack.schedule import (
    moment_bounds,
    season_complete,
    season_releases,
    shifted,
    with_offset,
)
from seasontrack.store.codecs import (
    SEASON_EPISODES,
    complete_moment,
    date_columns,
    date_from,
    json_ids,
    moment_columns,
    moment_from,
    upsert,
    utc_text,
)
from seasontrack.store.credits import delete_orphan_people
from seasontrack.store.releases import Derived, derived_rows, replace_releases


class _Extras:
    """What a batch of seasons has beside its own row, by season row id."""

    def __init__(self) -> None:
        self.episodes: dict[int, list[Episode]] = {}
        self.skips: dict[int, list[date]] = {}
        self.breaks: dict[int, list[tuple[date, date]]] = {}
        self.parts: dict[int, list[Part]] = {}
        # Each watched episode, with the day it was watched when that is known.
        self.watched: dict[int, list[tuple[int, date | None]]] = {}


def _season_from_row(row: sqlite3.Row, extras: _Extras) -> Season:
    row_id = row["id"]
    watched = extras.watched.get(row_id, ())
    return Season(
        number=row["number"],
        premiere=date_from(row["premiere_precision"], row["premiere_start"]),
        finale=date_from(row["finale_precision"], row["finale_start"]),
        episode_count=row["episode_count"],
        release_pattern=row["release_pattern"],
        release_time=_time_from(row["release_time"]),
        release_tz=row["release_tz"],
        synopsis=row["synopsis"],
        notes=row["notes"],
        network=row["network"],
        premiere_episodes=row["premiere_episodes"],
        revision=row["revision"],
        complete=complete_moment(row),
        skips=tuple(extras.skips.get(row_id, ())),
        breaks=tuple(extras.breaks.get(row_id, ())),
        parts=tuple(extras.parts.get(row_id, ())),
        episodes=tuple(extras.episodes.get(row_id, ())),
        watched=tuple(number for number, _ in watched),
        watched_on=tuple((number, day) for number, day in watched if day is not None),
    )


def seasons_from_rows(conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[Season]:
    """Seasons with their episodes, parts and breaks, read in one more query per noun for all
    of them."""
    ids = json_ids([row["id"] for row in rows])
    extras = _Extras()
    # Plain tuples: an export reads every episode of the catalog (500,000 of a big one).
    plain = conn.cursor()
    plain.row_factory = None
    for (
        season_id,
        number,
        title,
        precision,
        start,
        at,
        tz,
        director,
        writer,
        resumes,
    ) in plain.execute(
        """
            SELECT season_id, number, title, airs_precision, airs_start, airs_time, airs_tz,
                director, writer, resumes
            FROM episodes WHERE season_id IN (SELECT value FROM json_each(?))
            ORDER BY season_id, number
            """,
        (ids,),
    ):
        extras.episodes.setdefault(season_id, []).append(
            Episode(
                number=number,
                title=title,
                airs=moment_from(precision, start, at, tz),
                director=director,
                writer=writer,
                resumes=bool(resumes),
            )
        )
    for season_id, day in plain.execute(
        """
        SELECT season_id, day FROM season_skips WHERE season_id IN (SELECT value FROM json_each(?))
        ORDER BY season_id, day
        """,
        (ids,),
    ):
        extras.skips.setdefault(season_id, []).append(date.fromisoformat(day))
    for season_id, first, last in plain.execute(
        """
        SELECT season_id, first_day, last_day FROM season_breaks
        WHERE season_id IN (SELECT value FROM json_each(?))
        ORDER BY season_id, first_day, last_day
        """,
        (ids,),
    ):
        extras.breaks.setdefault(season_id, []).append(
            (date.fromisoformat(first), date.fromisoformat(last))
        )
    for r in conn.execute(
        """
        SELECT * FROM season_parts WHERE season_id IN (SELECT value FROM json_each(?))
        ORDER BY season_id, first_episode
        """,
        (ids,),
    ):
        extras.parts.setdefault(r["season_id"], []).append(_part_from_row(r))
    for season_id, episode, watched_on in plain.execute(
        """
        SELECT season_id, episode, watched_on FROM watched
        WHERE season_id IN (SELECT value FROM json_each(?))
        ORDER BY season_id, episode
        """,
        (ids,),
    ):
        day = date.fromisoformat(watched_on) if watched_on else None
        extras.watched.setdefault(season_id, []).append((episode, day))
    return [_season_from_row(row, extras) for row in rows]


def _part_from_row(row: sqlite3.Row) -> Part:
    return Part(
        number=row["number"],
        first_episode=row["first_episode"],
        last_episode=row["last_episode"],
        premiere=date_from(row["premiere_precision"], row["premiere_start"]),
        release_time=_time_from(row["release_time"]),
        release_tz=row["release_tz"],
        release_pattern=row["release_pattern"],
        title=row["title"],
    )


def _time_from(text: str | None) -> time | None:
    return time.fromisoformat(text) if text else None


def _time_text(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def list_seasons(conn: sqlite3.Connection, show_ids: Iterable[int]) -> dict[int, list[Season]]:
    """Seasons of the given shows, by show id, in season order."""
    # One query for all shows, with the ids as a JSON array parameter (no string-built IN list).
    rows = conn.execute(
        """
        SELECT * FROM seasons WHERE show_id IN (SELECT value FROM json_each(?))
        ORDER BY show_id, number
        """,
        (json_ids(list(show_ids)),),
    ).fetchall()
    result: dict[int, list[Season]] = {}
    for row, season in zip(rows, seasons_from_rows(conn, rows), strict=True):
        result.setdefault(row["show_id"], []).append(season)
    return result


def season_id(conn: sqlite3.Connection, show_id: int, number: int) -> int | None:
    row = conn.execute(
        "SELECT id FROM seasons WHERE show_id = ? AND number = ?", (show_id, number)
    ).fetchone()
    return int(row["id"]) if row else None


def get_season(conn: sqlite3.Connection, season_row_id: int) -> Season:
    rows = conn.execute("SELECT * FROM seasons WHERE id = ?", (season_row_id,)).fetchall()
    return seasons_from_rows(conn, rows)[0]


def season_numbers(conn: sqlite3.Connection, show_id: int) -> list[int]:
    rows = conn.execute("SELECT number FROM seasons WHERE show_id = ? ORDER BY number", (show_id,))
    return [r["number"] for r in rows]


def _season_values(season: Season) -> tuple[object, ...]:
    return (
        season.number,
        *date_columns(season.premiere),
        *date_columns(season.finale),
        season.episode_count,
        season.release_pattern,
        _time_text(season.release_time),
        season.release_tz,
        season.synopsis,
        season.notes,
        season.premiere_episodes,
        season.network,
    )


def insert_season(conn: sqlite3.Connection, show_id: int, season: Season) -> int:
    cursor = conn.execute(
        """
        INSERT INTO seasons (show_id, number, premiere_precision, premiere_start,
            finale_precision, finale_start, episode_count, release_pattern, release_time,
            release_tz, synopsis, notes, premiere_episodes, network)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        (show_id, *_season_values(season)),
    )
    row_id = int(cursor.lastrowid or 0)
    _insert_schedule_rows(conn, row_id, season)
    return row_id


def save_season(
    conn: sqlite3.Connection, show_id: int, season: Season, row_id: int | None = None
) -> int:
    """Write a season's own fields, parts and breaks, as a new row or over ``row_id``; return
    its row id. (Its releases follow by themselves: see the module's docstring.)"""
    if row_id is None:
        return insert_season(conn, show_id, season)
    update_season(conn, row_id, season)
    return row_id


def update_season(conn: sqlite3.Connection, season_row_id: int, season: Season) -> None:
    """Write the season's own fields, parts and breaks (its episodes are written one by one)."""
    conn.execute(
        """
        UPDATE seasons SET number = ?, premiere_precision = ?, premiere_start = ?,
            finale_precision = ?, finale_start = ?, episode_count = ?, release_pattern = ?,
            release_time = ?, release_tz = ?, synopsis = ?, notes = ?, premiere_episodes = ?,
            network = ?
        WHERE id = ?
        """,
        (*_season_values(season), season_row_id),
    )
    conn.execute("DELETE FROM season_skips WHERE season_id = ?", (season_row_id,))
    conn.execute("DELETE FROM season_breaks WHERE season_id = ?", (season_row_id,))
    conn.execute("DELETE FROM season_parts WHERE season_id = ?", (season_row_id,))
    _insert_schedule_rows(conn, season_row_id, season)


def _insert_schedule_rows(conn: sqlite3.Connection, season_row_id: int, season: Season) -> None:
    """The season's skips, breaks and parts, as ``season`` has them."""
    conn.executemany(
        "INSERT OR IGNORE INTO season_skips (season_id, day) VALUES (?, ?)",
        [(season_row_id, day.isoformat()) for day in season.skips],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO season_breaks (season_id, first_day, last_day) VALUES (?, ?, ?)",
        [(season_row_id, first.isoformat(), last.isoformat()) for first, last in season.breaks],
    )
    conn.executemany(
        """
        INSERT INTO season_parts (season_id, number, first_episode, last_episode,
            premiere_precision, premiere_start, release_time, release_tz, release_pattern, title)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
            (
                season_row_id,
                part.number,
                part.first_episode,
                part.last_episode,
                *date_columns(part.premiere),
                _time_text(part.release_time),
                part.release_tz,
                part.release_pattern,
                part.title,
            )
            for part in season.parts
        ],
    )


def episode_id(conn: sqlite3.Connection, season_row_id: int, number: int) -> int | None:
    row = conn.execute(
        "SELECT id FROM episodes WHERE season_id = ? AND number = ?", (season_row_id, number)
    ).fetchone()
    return int(row["id"]) if row else None


def _episode_values(episode: Episode) -> tuple[object, ...]:
    """An episode's columns, from number to resumes."""
    return (
        episode.number,
        episode.title,
        *moment_columns(episode.airs),
        episode.director,
        episode.writer,
        int(episode.resumes),
    )


def insert_episode(conn: sqlite3.Connection, season_row_id: int, episode: Episode) -> int:
    cursor = conn.execute(
        """
        INSERT INTO episodes (season_id, number, title, airs_precision, airs_start, airs_time,
            airs_tz, director, writer, resumes)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        (season_row_id, *_episode_values(episode)),
    )
    return int(cursor.lastrowid or 0)


def insert_episodes(
    conn: sqlite3.Connection, season_row_id: int, episodes: Iterable[Episode]
) -> None:
    conn.executemany(
        """
        INSERT INTO episodes (season_id, number, title, airs_precision, airs_start, airs_time,
            airs_tz, director, writer, resumes)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [(season_row_id, *_episode_values(e)) for e in episodes],
    )


def upsert_episode(
    conn: sqlite3.Connection, season_row_id: int, episode: Episode
) -> tuple[int, bool]:
    """Write the episode of its number, new or over the one there; return its row id and
    whether it is new."""
    return upsert(
        episode_id(conn, season_row_id, episode.number),
        lambda: insert_episode(conn, season_row_id, episode),
        lambda found: update_episode(conn, found, episode),
    )


def update_episode(conn: sqlite3.Connection, episode_row_id: int, episode: Episode) -> None:
    conn.execute(
        """
        UPDATE episodes SET number = ?, title = ?, airs_precision = ?, airs_start = ?,
            airs_time = ?, airs_tz = ?, director = ?, writer = ?, resumes = ?
        WHERE id = ?
        """,
        (*_episode_values(episode), episode_row_id),
    )


def delete_episode(conn: sqlite3.Connection, episode_row_id: int) -> None:
    conn.execute("DELETE FROM episodes WHERE id = ?", (episode_row_id,))


def delete_season(conn: sqlite3.Connection, season_row_id: int) -> None:
    conn.execute("DELETE FROM seasons WHERE id = ?", (season_row_id,))
    delete_orphan_people(conn)


# ---------------------------------------------------------------------------- the release index

# Seasons read back per query when rebuilding: enough to batch, small enough to stay light.
_REBUILD_BATCH = 500
# Stale seasons from which worker processes work out the releases while this one reads and
# writes the catalog (an import of a big catalog): below it, starting them costs more.
PARALLEL_FROM = 5_000
_MAX_WORKERS = 2

# What a worker is given of a stale season: its row id, its show, the show's offset (minutes).
_Stale = tuple[int, int, int, Season]
# What it gives back: the season's complete columns (its row id last), and its releases.
_Worked = tuple[tuple[object, ...], Derived]


def rebuild_stale(conn: sqlite3.Connection, *, parallel_from: int = PARALLEL_FROM) -> int:
    """Derive again the releases of every season marked stale; return how many there were.

    A season whose releases now come out at other moments gets its revision counted; each
    release that moved, and the complete moment if it moved, gets its own sequence raised (a
    calendar feed's SEQUENCE, so that a subscribed calendar moves that event and no other);
    a season new to the index does not. With ``parallel_from`` stale seasons or more,
    worker processes work the releases out (pure computation, no SQL), a batch each, while
    this process reads the next batches and writes the results in order: the same rows
    either way.
    """
    plain = conn.cursor()
    plain.row_factory = None
    stale = [row[0] for row in plain.execute("SELECT season_id FROM stale_seasons")]
    if not stale:
        return 0
    chunks = [stale[at : at + _REBUILD_BATCH] for at in range(0, len(stale), _REBUILD_BATCH)]
    batches = (_read_stale(conn, chunk) for chunk in chunks)
    workers = min(os.cpu_count() or 1, _MAX_WORKERS)
    # fork only (Linux): a worker starts at once, with the code already imported.
    if len(stale) >= parallel_from and workers > 1 and sys.platform.startswith("linux"):
        results = _in_workers(batches, workers)
    else:
        results = (_derive(batch) for batch in batches)
    for worked in results:
        conn.executemany(
            # The feed's `complete` event moves (its sequence rises) when a moment it had
            # changes; SET reads the row as it was. A sequence restored from a catalog file
            # is a floor under it.
            """
            UPDATE seasons SET
                complete_sequence = max(
                    complete_sequence + (
                        complete_precision != 'tba' AND (
                            complete_precision IS NOT ?1 OR complete_start IS NOT ?2
                            OR complete_time IS NOT ?3 OR complete_tz IS NOT ?4
                        )
                    ),
                    coalesce(
                        (SELECT sequence FROM restored_sequences
                        WHERE season_id = ?7 AND event = 'complete'),
                        0
                    )
                ),
                complete_precision = ?1, complete_start = ?2, complete_time = ?3,
                complete_tz = ?4, complete_starts_at = ?5, complete_ends_at = ?6
            WHERE id = ?7
            """,
            [completes for completes, _ in worked],
        )
        moved = replace_releases(conn, [derived for _, derived in worked])
        conn.executemany(
            "UPDATE seasons SET revision = revision + 1 WHERE id = ?", [(i,) for i in moved]
        )
    conn.execute("DELETE FROM stale_seasons")
    conn.execute("DELETE FROM restored_sequences")
    return len(stale)


def _read_stale(conn: sqlite3.Connection, chunk: list[int]) -> list[_Stale]:
    rows = conn.execute(
        """
        SELECT seasons.*, shows.offset_minutes FROM seasons
        JOIN shows ON shows.id = seasons.show_id
        WHERE seasons.id IN (SELECT value FROM json_each(?))
        """,
        (json_ids(chunk),),
    ).fetchall()
    # A season deleted since it was marked has no row: nothing to derive.
    return [
        (row["id"], row["show_id"], row["offset_minutes"], season)
        for row, season in zip(rows, seasons_from_rows(conn, rows), strict=True)
    ]


def _derive(batch: list[_Stale]) -> list[_Worked]:
    """The seasons' complete moments and releases, worked out (no SQL: a worker runs it)."""
    worked: list[_Worked] = []
    for row_id, show_id, offset_minutes, season in batch:
        # At the viewer's time: the show's offset moves every release, and the moment the
        # season is complete with them.
        offset = timedelta(minutes=offset_minutes)
        announced = season_releases(season, show_id=show_id)
        releases = with_offset(announced, offset)
        complete = shifted(season_complete(season, announced), offset)
        complete_starts, complete_ends, _ = moment_bounds(complete, season.release_tz)
        completes: tuple[object, ...] = (
            *moment_columns(complete),
            utc_text(complete_starts),
            utc_text(complete_ends),
            row_id,
        )
        worked.append((completes, derived_rows(row_id, show_id, releases, complete_ends)))
    return worked


def _in_workers(batches: Iterator[list[_Stale]], workers: int) -> Iterator[list[_Worked]]:
    """``_derive`` of each batch in worker processes, in order; at most two batches a worker
    in flight, so that a big catalog's seasons never all wait in memory."""
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    # fork: a worker starts at once with the code already imported, and never touches the
    # connection it inherits (it only computes); Linux only, where it is the default.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_quiet) as pool:
        pending: deque[Future[list[_Worked]]] = deque()
        try:
            for batch in batches:
                pending.append(pool.submit(_derive, batch))
                if len(pending) >= 2 * workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def _quiet() -> None:
    # Ctrl-C reaches the whole process group: the parent stops and rolls back, once.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


# ---------------------------------------------------------------------------- complete moments


class CompleteRow(NamedTuple):
    """A season and the moment all its episodes are out (TBA: not known), for listing; and
    whether it is already airing (which the reader works out)."""

    season_id: int
    show_id: int
    show: str
    network: str | None
    season: int
    episodes: int | None
    complete: PartialDate
    release_tz: str | None
    airing: bool = False
    # A calendar feed's SEQUENCE for its `complete` event (read only where asked for).
    sequence: int = 0


def completing(
    conn: sqlite3.Connection, now: datetime, *, network: str | None = None, known: bool = True
) -> list[CompleteRow]:
    """The seasons not surely complete at ``now`` for every viewer: those whose complete
    moment is known (``known``: a range scan of its index), or those whose moment is not
    known but which still have a release not surely out."""
    low = utc_text(now - timedelta(minutes=2))
    if known:
        found = conn.execute("SELECT id FROM seasons WHERE complete_ends_at >= ?", (low,))
    else:
        found = conn.execute(
            """
            SELECT id FROM seasons WHERE complete_start IS NULL
                AND id IN (SELECT season_id FROM releases WHERE out_at IS NULL OR out_at >= ?)
            """,
            (low,),
        )
    return _complete_rows(conn, [row[0] for row in found], network)


def complete_moments(
    conn: sqlite3.Connection,
    show_ids: list[int],
    *,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[CompleteRow]:
    """The seasons of these shows whose complete moment is known to the day or minute and
    may fall between ``since`` and ``until`` (None: open), each with its feed sequence; by
    show and season."""
    sequences = {
        row[0]: row[1]
        for row in conn.execute(
            """
            SELECT id, complete_sequence FROM seasons
            WHERE show_id IN (SELECT value FROM json_each(:ids))
                AND complete_precision IN ('day', 'minute')
                AND (:since IS NULL OR complete_ends_at >= :since)
                AND (:until IS NULL OR complete_starts_at <= :until)
            """,
            {"ids": json_ids(show_ids), "since": utc_text(since), "until": utc_text(until)},
        )
    }
    rows = [
        row._replace(sequence=sequences[row.season_id])
        for row in _complete_rows(conn, list(sequences), None)
    ]
    rows.sort(key=lambda row: (row.show.casefold(), row.show_id, row.season))
    return rows


def _complete_rows(
    conn: sqlite3.Connection, season_ids: list[int], network: str | None
) -> list[CompleteRow]:
    """These seasons' complete moments, with the episodes they will have had (the stated
    count or the highest one released, whichever is more); on ``network`` only if given."""
    rows = conn.execute(
        f"""
        SELECT seasons.id, seasons.show_id, shows.title, number,
            coalesce(seasons.network, shows.network) AS network,
            {SEASON_EPISODES} AS episodes,
            complete_precision, complete_start, complete_time, complete_tz, release_tz
        FROM seasons JOIN shows ON shows.id = seasons.show_id
        WHERE seasons.id IN (SELECT value FROM json_each(?))
            AND (? IS NULL OR coalesce(seasons.network, shows.network) = ? COLLATE NOCASE)
        """,  # noqa: S608  (a constant expression; values are parameters)
        (json_ids(season_ids), network, network),
    )
    return [
        CompleteRow(
            season_id=row["id"],
            show_id=row["show_id"],
            show=row["title"],
            network=row["network"],
            season=row["number"],
            episodes=row["episodes"] or None,
            complete=complete_moment(row),
            release_tz=row["release_tz"],
        )
        for row in rows
    ]
