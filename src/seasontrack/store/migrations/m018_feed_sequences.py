"""m018: a calendar feed's SEQUENCE per event, not per season.

- ``releases.sequence``: how many times this release (an episode, a part) has come out at
  another moment. The store's rebuild carries it over when a release keeps its moment and
  raises it by one when the moment changed, so adding a skip week moves only the episodes
  after it. Until now a season's ``revision`` counted every move of any of its releases and
  was every event's SEQUENCE: each release starts from it, so no subscribed calendar sees an
  event's SEQUENCE go down.
- ``seasons.complete_sequence``: the same for the season's complete moment (a feed's
  ``complete`` event), from the revision too.
- ``restored_sequences``: the sequences an imported catalog file carries (``import`` of an
  export), by season and event (its first episode, "0" for none, or "complete"); a trigger
  marks the season stale, and the rebuild gives each event at least that sequence, then
  empties the table.

Plain SQL of its day; nothing is derived here.
"""

from __future__ import annotations

import sqlite3


def migrate(conn: sqlite3.Connection) -> None:
    statements = [
        "ALTER TABLE releases ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0",
        """
        UPDATE releases SET sequence = (
            SELECT revision FROM seasons WHERE seasons.id = releases.season_id)
        """,
        "ALTER TABLE seasons ADD COLUMN complete_sequence INTEGER NOT NULL DEFAULT 0",
        "UPDATE seasons SET complete_sequence = revision",
        """
        CREATE TABLE restored_sequences (
            season_id INTEGER NOT NULL REFERENCES seasons (id) ON DELETE CASCADE,
            event TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            PRIMARY KEY (season_id, event)
        ) WITHOUT ROWID
        """,
        """
        CREATE TRIGGER restored_sequences_stale AFTER INSERT ON restored_sequences BEGIN
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (NEW.season_id);
        END
        """,
        # A feed reads its shows' releases by show (a batch at a time), those in a window by
        # their end.
        "CREATE INDEX releases_by_show ON releases (show_id, ends_at)",
    ]
    for statement in statements:
        conn.execute(statement)
