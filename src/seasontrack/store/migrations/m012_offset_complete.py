"""m012: the viewer's own time (a show's offset) and each season's complete moment.

- ``shows.offset_minutes``: how much later (earlier when negative) than announced the user
  can watch the show; a trigger marks its seasons stale when it changes, so the store
  derives their releases again, shifted.
- ``releases.announced_start`` / ``announced_time``: the moment as announced, kept beside the
  shifted one (``start``/``time``, which the bounds and the index follow) when an offset
  moved it; NULL otherwise. ``releases.out_at``: the latest moment (UTC, for any viewer) by
  which the release is surely out: its own end, or an earlier end of a later release of its
  season (episodes come out in order), or the season's complete moment; NULL when nothing
  says. The next release of a season is its first one not yet out.
- ``seasons.complete_*``: when all the season's episodes are out, at the viewer's time, with
  its precision (TBA: not known), and its UTC bounds for `upcoming --complete`.

Plain SQL of its day; the values are derived by the store's rebuild, which runs once after
the last migration: every season is marked stale.
"""

from __future__ import annotations

import sqlite3


def migrate(conn: sqlite3.Connection) -> None:
    statements = [
        "ALTER TABLE shows ADD COLUMN offset_minutes INTEGER NOT NULL DEFAULT 0",
        """
        CREATE TRIGGER shows_stale_on_offset AFTER UPDATE OF offset_minutes ON shows
            WHEN OLD.offset_minutes IS NOT NEW.offset_minutes BEGIN
            INSERT OR IGNORE INTO stale_seasons (season_id)
                SELECT id FROM seasons WHERE show_id = NEW.id;
        END
        """,
        "ALTER TABLE releases ADD COLUMN announced_start TEXT",
        "ALTER TABLE releases ADD COLUMN announced_time TEXT",
        "ALTER TABLE releases ADD COLUMN out_at TEXT",
        "CREATE INDEX releases_by_out ON releases (out_at)",
        "ALTER TABLE seasons ADD COLUMN complete_precision TEXT NOT NULL DEFAULT 'tba'",
        "ALTER TABLE seasons ADD COLUMN complete_start TEXT",
        "ALTER TABLE seasons ADD COLUMN complete_time TEXT",
        "ALTER TABLE seasons ADD COLUMN complete_tz TEXT",
        "ALTER TABLE seasons ADD COLUMN complete_starts_at TEXT",
        "ALTER TABLE seasons ADD COLUMN complete_ends_at TEXT",
        "CREATE INDEX seasons_complete ON seasons (complete_ends_at)",
        # The view, written out whole (a migration is history): m011's, plus the announced
        # moment, out_at, and the season's complete moment.
        "DROP VIEW release_rows",
        """
        CREATE VIEW release_rows AS
        SELECT releases.season_id, releases.position, releases.show_id, releases.first_episode,
            releases.last_episode, releases.title AS episode_title, releases.precision,
            releases.start, releases.time, releases.tz, releases.premiere, releases.finale,
            releases.starts_at, releases.ends_at, releases.exact, seasons.number AS season,
            coalesce(releases.pattern, seasons.release_pattern) AS release_pattern,
            coalesce(releases.release_tz, seasons.release_tz) AS release_tz,
            shows.title AS show, coalesce(seasons.network, shows.network) AS network,
            shows.followed, releases.part, releases.part_title, releases.announced_start,
            releases.announced_time, releases.out_at,
            seasons.complete_precision, seasons.complete_start, seasons.complete_time,
            seasons.complete_tz
        FROM releases
        JOIN seasons ON seasons.id = releases.season_id
        JOIN shows ON shows.id = releases.show_id
        """,
        "INSERT OR IGNORE INTO stale_seasons (season_id) SELECT id FROM seasons",
    ]
    for statement in statements:
        conn.execute(statement)
