"""m014: when each episode was watched, and the other trackers' ids of a show brought in
from a watch history (issue 16)."""

from __future__ import annotations

import sqlite3


def migrate(conn: sqlite3.Connection) -> None:
    statements = [
        # The day an episode was (last) watched, ISO, in the user's zone when it was marked;
        # NULL when not known (marks from before this, or a history without dates).
        "ALTER TABLE watched ADD COLUMN watched_on TEXT",
        # The TheTVDB and IMDb ids a watch history gave for a show: how the show is found
        # again by the next import, and how `fetch` and `sync` link it to TVmaze later (a
        # history imported offline, or a show TVmaze did not know then).
        """
        CREATE TABLE history_ids (
            show_id INTEGER PRIMARY KEY REFERENCES shows (id) ON DELETE CASCADE,
            thetvdb_id INTEGER,
            imdb_id TEXT
        )
        """,
        "CREATE INDEX history_ids_thetvdb ON history_ids (thetvdb_id)",
        "CREATE INDEX history_ids_imdb ON history_ids (imdb_id)",
    ]
    for statement in statements:
        conn.execute(statement)
