"""Reminders recorded per delivery channel (stdout, --exec, each notification URL), so that a
channel that failed is retried without repeating the others."""

from __future__ import annotations

import sqlite3


def migrate(conn: sqlite3.Connection) -> None:
    statements = [
        # The key gains the channel; SQLite cannot change a primary key in place.
        """
        CREATE TABLE reminders_by_channel (
            show_id INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
            season INTEGER NOT NULL,
            episode INTEGER NOT NULL,
            release_at TEXT NOT NULL,
            lead_minutes INTEGER NOT NULL,
            -- '' for a reminder recorded before channels were told apart: it counts as
            -- delivered on every channel, so that no one gets it twice.
            channel TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'sent')),
            claimed_at REAL NOT NULL,
            PRIMARY KEY (show_id, season, episode, release_at, lead_minutes, channel)
        ) WITHOUT ROWID
        """,
        """
        INSERT INTO reminders_by_channel (show_id, season, episode, release_at, lead_minutes,
            channel, state, claimed_at)
        SELECT show_id, season, episode, release_at, lead_minutes, '', state, claimed_at
        FROM reminders
        """,
        "DROP TABLE reminders",
        "ALTER TABLE reminders_by_channel RENAME TO reminders",
    ]
    for statement in statements:
        conn.execute(statement)
