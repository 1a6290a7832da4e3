"""Reminder records: which (release, lead) pairs were claimed or sent."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import NamedTuple

from seasontrack.store.codecs import json_ids


class ReminderKey(NamedTuple):
    """One reminder: a release (show, season, first episode, its moment) and a lead."""

    show_id: int
    season: int
    episode: int
    release_at: str
    lead_minutes: int


def _key_values(key: ReminderKey) -> tuple[int, int, int, str, int]:
    return (key.show_id, key.season, key.episode, key.release_at, key.lead_minutes)


def recorded_reminders(
    conn: sqlite3.Connection, show_ids: Iterable[int], stale_before: float
) -> set[ReminderKey]:
    """Reminders sent, or claimed by a `remind` still running (claimed after ``stale_before``)."""
    rows = conn.execute(
        """
        SELECT show_id, season, episode, release_at, lead_minutes FROM reminders
        WHERE show_id IN (SELECT value FROM json_each(?))
            AND (state = 'sent' OR claimed_at >= ?)
        """,
        (json_ids(list(show_ids)), stale_before),
    )
    return {
        ReminderKey(r["show_id"], r["season"], r["episode"], r["release_at"], r["lead_minutes"])
        for r in rows
    }


def claim_reminders(
    conn: sqlite3.Connection, keys: Iterable[ReminderKey], claimed_at: float
) -> None:
    conn.executemany(
        """
        INSERT INTO reminders (show_id, season, episode, release_at, lead_minutes, state,
            claimed_at)
        VALUES (?, ?, ?, ?, ?, 'pending', ?)
        ON CONFLICT DO UPDATE SET state = 'pending', claimed_at = excluded.claimed_at
        """,
        [(*_key_values(k), claimed_at) for k in keys],
    )


def mark_reminders_sent(conn: sqlite3.Connection, keys: Iterable[ReminderKey]) -> None:
    conn.executemany(
        """
        UPDATE reminders SET state = 'sent'
        WHERE show_id = ? AND season = ? AND episode = ? AND release_at = ? AND lead_minutes = ?
        """,
        [_key_values(k) for k in keys],
    )


def release_reminders(conn: sqlite3.Connection, keys: Iterable[ReminderKey]) -> None:
    """Forget claims whose delivery failed, so that the next run tries them again."""
    conn.executemany(
        """
        DELETE FROM reminders
        WHERE show_id = ? AND season = ? AND episode = ? AND release_at = ? AND lead_minutes = ?
            AND state = 'pending'
        """,
        [_key_values(k) for k in keys],
    )
