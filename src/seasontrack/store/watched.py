"""Watched marks: which episodes of a season were seen, and on which day when it is known."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from datetime import date
from typing import NamedTuple


def set_watched(
    conn: sqlite3.Connection, season_row_id: int, episodes: Iterable[int], watched: bool
) -> None:
    if watched:
        conn.executemany(
            "INSERT OR IGNORE INTO watched (season_id, episode) VALUES (?, ?)",
            [(season_row_id, n) for n in episodes],
        )
    else:
        conn.executemany(
            "DELETE FROM watched WHERE season_id = ? AND episode = ?",
            [(season_row_id, n) for n in episodes],
        )


_MARK_OVERWRITE = """
    INSERT INTO watched (season_id, episode, watched_on) VALUES (?, ?, ?)
    ON CONFLICT (season_id, episode) DO UPDATE SET watched_on = excluded.watched_on
    WHERE excluded.watched_on IS NOT watched.watched_on
"""
_MARK_KEEP_LATER = """
    INSERT INTO watched (season_id, episode, watched_on) VALUES (?, ?, ?)
    ON CONFLICT (season_id, episode) DO UPDATE SET watched_on = excluded.watched_on
    WHERE excluded.watched_on > ifnull(watched.watched_on, '')
"""


def mark_watched(
    conn: sqlite3.Connection,
    season_row_id: int,
    days: Mapping[int, date | None],
    *,
    overwrite: bool = False,
) -> int:
    """Mark episodes as seen on the given days (None: the day is not known). A mark already
    there keeps the later of its day and the given one, or takes the given one with
    ``overwrite``. Returns how many marks were added or got another day."""
    before = conn.total_changes
    conn.executemany(
        _MARK_OVERWRITE if overwrite else _MARK_KEEP_LATER,
        [(season_row_id, number, day.isoformat() if day else None) for number, day in days.items()],
    )
    return conn.total_changes - before


class WatchRow(NamedTuple):
    """One episode marked watched, with its show, the day (if known) and TVmaze's runtime."""

    show_id: int
    show: str
    season_id: int
    season: int
    episode: int
    day: date | None
    runtime: int | None


def watch_log(conn: sqlite3.Connection) -> list[WatchRow]:
    """Every episode marked watched, by show title, season and episode."""
    rows = conn.execute(
        """
        SELECT seasons.show_id, shows.title, watched.season_id, seasons.number,
            watched.episode, watched.watched_on, episode_extras.runtime
        FROM watched
        JOIN seasons ON seasons.id = watched.season_id
        JOIN shows ON shows.id = seasons.show_id
        LEFT JOIN episodes ON episodes.season_id = watched.season_id
            AND episodes.number = watched.episode
        LEFT JOIN episode_extras ON episode_extras.episode_id = episodes.id
        ORDER BY shows.title COLLATE NOCASE, seasons.number, watched.episode
        """
    )
    return [
        WatchRow(r[0], r[1], r[2], r[3], r[4], date.fromisoformat(r[5]) if r[5] else None, r[6])
        for r in rows
    ]


def shows_with_watched(conn: sqlite3.Connection) -> list[int]:
    plain = conn.cursor()
    plain.row_factory = None
    # Each season once before the join: a show list's catalog has tens of thousands of marks.
    rows = plain.execute(
        "SELECT DISTINCT seasons.show_id FROM (SELECT DISTINCT season_id FROM watched) AS marked"
        " JOIN seasons ON seasons.id = marked.season_id"
    )
    return [show_id for (show_id,) in rows]
