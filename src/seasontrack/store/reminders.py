"""Alert records: which alerts (a release and a lead; a season complete, dated or announced)
were claimed or sent, on which channel."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import NamedTuple

from seasontrack.store.codecs import json_ids


class ReminderKey(NamedTuple):
    """One alert on one channel: a release (show, season, first episode, its moment), a
    lead, and the channel it goes to ("stdout", "exec", "notify:…"); and its kind. An alert
    of a season (complete, dated, announced) has episode and lead 0, and in ``release_at``
    what tells it apart (its complete moment, the change)."""

    show_id: int
    season: int
    episode: int
    release_at: str
    lead_minutes: int
    channel: str
    kind: str = "release"


def _key(row: sqlite3.Row) -> ReminderKey:
    return ReminderKey(
        row["show_id"],
        row["season"],
        row["episode"],
        row["release_at"],
        row["lead_minutes"],
        row["channel"],
        row["kind"],
    )


def recorded_reminders(
    conn: sqlite3.Connection,
    show_ids: Iterable[int],
    held_from: float,
    held_until: float,
    channels: list[str],
) -> set[ReminderKey]:
    """Reminders sent on these channels, or claimed by a `remind` still running (claimed
    between ``held_from`` and ``held_until``, as Unix times). One recorded before channels
    were told apart counts for all."""
    rows = conn.execute(
        """
        SELECT show_id, season, episode, release_at, lead_minutes, channel, kind FROM reminders
        WHERE show_id IN (SELECT value FROM json_each(?))
            AND (state = 'sent' OR claimed_at BETWEEN ? AND ?)
        """,
        (json_ids(list(show_ids)), held_from, held_until),
    )
    found = set()
    for r in rows:
        key = _key(r)
        for channel in channels if key.channel == "" else [key.channel]:
            found.add(key._replace(channel=channel))
    return found


def claim_reminders(
    conn: sqlite3.Connection, keys: Iterable[ReminderKey], claimed_at: float
) -> None:
    conn.executemany(
        """
        INSERT INTO reminders (show_id, season, episode, release_at, lead_minutes, channel,
            kind, state, claimed_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)
        ON CONFLICT DO UPDATE SET state = 'pending', claimed_at = excluded.claimed_at
        """,
        [(*k, claimed_at) for k in keys],
    )


def mark_reminders_sent(conn: sqlite3.Connection, keys: Iterable[ReminderKey]) -> None:
    conn.executemany(
        """
        UPDATE reminders SET state = 'sent'
        WHERE show_id = ? AND season = ? AND episode = ? AND release_at = ? AND lead_minutes = ?
            AND channel = ? AND kind = ?
        """,
        list(keys),
    )


def release_reminders(conn: sqlite3.Connection, keys: Iterable[ReminderKey]) -> None:
    """Forget claims whose delivery failed, so that the next run tries them again."""
    conn.executemany(
        """
        DELETE FROM reminders
        WHERE show_id = ? AND season = ? AND episode = ? AND release_at = ? AND lead_minutes = ?
            AND channel = ? AND kind = ? AND state = 'pending'
        """,
        list(keys),
    )


class Claim(NamedTuple):
    """A pending reminder, with the show's title and when it was claimed (Unix time)."""

    key: ReminderKey
    show: str
    claimed_at: float


def claims_outside(conn: sqlite3.Connection, held_from: float, held_until: float) -> list[Claim]:
    """Pending claims made before ``held_from`` or after ``held_until``: stale."""
    rows = conn.execute(
        """
        SELECT r.show_id, r.season, r.episode, r.release_at, r.lead_minutes, r.channel,
            r.kind, r.claimed_at, s.title
        FROM reminders r JOIN shows s ON s.id = r.show_id
        WHERE r.state = 'pending' AND r.claimed_at NOT BETWEEN ? AND ?
        ORDER BY r.claimed_at, s.title COLLATE NOCASE, r.season, r.episode
        """,
        (held_from, held_until),
    )
    return [Claim(_key(r), r["title"], r["claimed_at"]) for r in rows]
