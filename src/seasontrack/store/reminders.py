"""Reminder records: which (release, lead) pairs were claimed or sent, on which channel."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import NamedTuple

from seasontrack.store.codecs import json_ids


class ReminderKey(NamedTuple):
    """One reminder on one channel: a release (show, season, first episode, its moment), a
    lead, and the channel it goes to ("stdout", "exec", "notify:…")."""

    show_id: int
    season: int
    episode: int
    release_at: str
    lead_minutes: int
    channel: str


def recorded_reminders(
    conn: sqlite3.Connection, show_ids: Iterable[int], stale_before: float, channels: list[str]
) -> set[ReminderKey]:
    """Reminders sent on these channels, or claimed by a `remind` still running (claimed
    after ``stale_before``). One recorded before channels were told apart counts for all."""
    rows = conn.execute(
        """
        SELECT show_id, season, episode, release_at, lead_minutes, channel FROM reminders
        WHERE show_id IN (SELECT value FROM json_each(?))
            AND (state = 'sent' OR claimed_at >= ?)
        """,
        (json_ids(list(show_ids)), stale_before),
    )
    found = set()
    for r in rows:
        release = (r["show_id"], r["season"], r["episode"], r["release_at"], r["lead_minutes"])
        for channel in channels if r["channel"] == "" else [r["channel"]]:
            found.add(ReminderKey(*release, channel))
    return found


def claim_reminders(
    conn: sqlite3.Connection, keys: Iterable[ReminderKey], claimed_at: float
) -> None:
    conn.executemany(
        """
        INSERT INTO reminders (show_id, season, episode, release_at, lead_minutes, channel,
            state, claimed_at)
        VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)
        ON CONFLICT DO UPDATE SET state = 'pending', claimed_at = excluded.claimed_at
        """,
        [(*k, claimed_at) for k in keys],
    )


def mark_reminders_sent(conn: sqlite3.Connection, keys: Iterable[ReminderKey]) -> None:
    conn.executemany(
        """
        UPDATE reminders SET state = 'sent'
        WHERE show_id = ? AND season = ? AND episode = ? AND release_at = ? AND lead_minutes = ?
            AND channel = ?
        """,
        list(keys),
    )


def release_reminders(conn: sqlite3.Connection, keys: Iterable[ReminderKey]) -> None:
    """Forget claims whose delivery failed, so that the next run tries them again."""
    conn.executemany(
        """
        DELETE FROM reminders
        WHERE show_id = ? AND season = ? AND episode = ? AND release_at = ? AND lead_minutes = ?
            AND channel = ? AND state = 'pending'
        """,
        list(keys),
    )
