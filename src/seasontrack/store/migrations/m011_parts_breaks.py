"""m011: seasons in parts, breaks over a range of days, and episodes that restart the weekly
rhythm (``--shift``); releases say which part they belong to."""

from __future__ import annotations

import sqlite3


def migrate(conn: sqlite3.Connection) -> None:
    statements = [
        # A part of a season that comes out on its own ("Volume 2"): its episodes, all at its
        # premiere or one a week from it. Its time and zone, when NULL, are the season's.
        """
        CREATE TABLE season_parts (
            season_id INTEGER NOT NULL REFERENCES seasons (id) ON DELETE CASCADE,
            number INTEGER NOT NULL CHECK (number >= 1),
            first_episode INTEGER NOT NULL CHECK (first_episode >= 1),
            last_episode INTEGER NOT NULL CHECK (last_episode >= first_episode),
            premiere_precision TEXT NOT NULL DEFAULT 'tba',
            premiere_start TEXT,
            release_time TEXT,
            release_tz TEXT,
            release_pattern TEXT NOT NULL DEFAULT 'all-at-once'
                CHECK (release_pattern IN ('all-at-once', 'weekly')),
            title TEXT,
            PRIMARY KEY (season_id, number)
        ) WITHOUT ROWID
        """,
        # A break of a weekly schedule: every slot from first_day to last_day (inclusive, in
        # the release's zone) has no episode. (season_skips keeps the single weeks.)
        """
        CREATE TABLE season_breaks (
            season_id INTEGER NOT NULL REFERENCES seasons (id) ON DELETE CASCADE,
            first_day TEXT NOT NULL,
            last_day TEXT NOT NULL CHECK (last_day >= first_day),
            PRIMARY KEY (season_id, first_day, last_day)
        ) WITHOUT ROWID
        """,
        # An episode moved with --shift: the later episodes keep a weekly rhythm from its date.
        "ALTER TABLE episodes ADD COLUMN resumes INTEGER NOT NULL DEFAULT 0"
        " CHECK (resumes IN (0, 1))",
        # The part a release belongs to, and what of the part the readers show: its title, how
        # it comes out, and the zone of its days (a part may have its own).
        "ALTER TABLE releases ADD COLUMN part INTEGER",
        "ALTER TABLE releases ADD COLUMN part_title TEXT",
        "ALTER TABLE releases ADD COLUMN pattern TEXT",
        "ALTER TABLE releases ADD COLUMN release_tz TEXT",
        # Written out whole, like m009's: a migration is history.
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
            shows.followed, releases.part, releases.part_title
        FROM releases
        JOIN seasons ON seasons.id = releases.season_id
        JOIN shows ON shows.id = releases.show_id
        """,
    ]
    # Any write to a part or a break, however made, marks its season's releases stale.
    statements += [
        """
        CREATE TRIGGER season_parts_stale_on_insert AFTER INSERT ON season_parts BEGIN
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (NEW.season_id);
        END
        """,
        """
        CREATE TRIGGER season_parts_stale_on_update AFTER UPDATE ON season_parts BEGIN
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (OLD.season_id);
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (NEW.season_id);
        END
        """,
        """
        CREATE TRIGGER season_parts_stale_on_delete AFTER DELETE ON season_parts BEGIN
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (OLD.season_id);
        END
        """,
        """
        CREATE TRIGGER season_breaks_stale_on_insert AFTER INSERT ON season_breaks BEGIN
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (NEW.season_id);
        END
        """,
        """
        CREATE TRIGGER season_breaks_stale_on_update AFTER UPDATE ON season_breaks BEGIN
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (OLD.season_id);
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (NEW.season_id);
        END
        """,
        """
        CREATE TRIGGER season_breaks_stale_on_delete AFTER DELETE ON season_breaks BEGIN
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (OLD.season_id);
        END
        """,
        """
        CREATE TRIGGER episodes_stale_on_resumes AFTER UPDATE OF resumes ON episodes BEGIN
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (NEW.season_id);
        END
        """,
        # Releases now carry their part and how they come out: derive every season again.
        "INSERT OR IGNORE INTO stale_seasons (season_id) SELECT id FROM seasons",
    ]
    for statement in statements:
        conn.execute(statement)
