"""m017: alerts beyond releases: what a show alerts for, the news of its seasons, and the
reminder records told apart by kind.

- ``shows.alerts``: the kinds a followed show alerts for (``follow --only``), a comma list in
  a fixed order; NULL is every kind.
- ``season_news``: what happened to a season, recorded by triggers so that every path that
  writes a season (typed, imported, synced, plain SQL) is seen: ``announced`` (a season
  entered the catalog beside its show's earlier ones) and ``dated`` (its premiere changed:
  the earlier value and the new one; the premiere's history). ``noticed_at`` is when, as UTC
  text; a trigger cannot know the clock a command goes by, so it writes NULL and the store's
  transaction stamps it before it commits (``store.alerts.stamp_news``).
- ``new_shows``: the shows inserted by the transaction under way (emptied before it
  commits): the seasons a new show comes with are not news.
- ``reminders`` gains ``kind`` in its key: ``release`` (a release and a lead, as before),
  ``complete``, ``dated`` or ``announced``.
"""

from __future__ import annotations

import sqlite3


def migrate(conn: sqlite3.Connection) -> None:
    statements = [
        "ALTER TABLE shows ADD COLUMN alerts TEXT",
        """
        CREATE TABLE season_news (
            id INTEGER PRIMARY KEY,
            season_id INTEGER NOT NULL REFERENCES seasons (id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('announced', 'dated')),
            noticed_at TEXT,
            was_precision TEXT,
            was_start TEXT,
            now_precision TEXT NOT NULL,
            now_start TEXT
        )
        """,
        # The same news once (an import restores what an export carried, again and again);
        # written out with ifnull, as UNIQUE tells NULLs apart.
        """
        CREATE UNIQUE INDEX season_news_once ON season_news (season_id, kind, noticed_at,
            ifnull(was_precision, ''), ifnull(was_start, ''), now_precision,
            ifnull(now_start, ''))
        """,
        "CREATE INDEX season_news_noticed ON season_news (noticed_at)",
        "CREATE TABLE new_shows (show_id INTEGER PRIMARY KEY)",
        """
        CREATE TRIGGER shows_new AFTER INSERT ON shows BEGIN
            INSERT OR IGNORE INTO new_shows (show_id) VALUES (NEW.id);
        END
        """,
        """
        CREATE TRIGGER seasons_announced AFTER INSERT ON seasons
            WHEN NEW.show_id NOT IN (SELECT show_id FROM new_shows) BEGIN
            INSERT INTO season_news (season_id, kind, now_precision, now_start)
                VALUES (NEW.id, 'announced', NEW.premiere_precision, NEW.premiere_start);
        END
        """,
        """
        CREATE TRIGGER seasons_dated AFTER UPDATE OF premiere_precision, premiere_start
            ON seasons
            WHEN OLD.premiere_precision IS NOT NEW.premiere_precision
                OR OLD.premiere_start IS NOT NEW.premiere_start BEGIN
            INSERT INTO season_news (season_id, kind, was_precision, was_start, now_precision,
                now_start)
                VALUES (NEW.id, 'dated', OLD.premiere_precision, OLD.premiere_start,
                    NEW.premiere_precision, NEW.premiere_start);
        END
        """,
        """
        CREATE TABLE reminders_by_kind (
            show_id INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
            season INTEGER NOT NULL,
            episode INTEGER NOT NULL,
            release_at TEXT NOT NULL,
            lead_minutes INTEGER NOT NULL,
            channel TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'release'
                CHECK (kind IN ('release', 'complete', 'dated', 'announced')),
            state TEXT NOT NULL CHECK (state IN ('pending', 'sent')),
            claimed_at REAL NOT NULL,
            -- The key's columns first and in its order: SQLite 3.40's quick_check misreads
            -- a WITHOUT ROWID table whose key is not as holding NULLs.
            PRIMARY KEY (show_id, season, episode, release_at, lead_minutes, channel, kind)
        ) WITHOUT ROWID
        """,
        """
        INSERT INTO reminders_by_kind (show_id, season, episode, release_at, lead_minutes,
            channel, state, claimed_at)
        SELECT show_id, season, episode, release_at, lead_minutes, channel, state, claimed_at
        FROM reminders
        """,
        "DROP TABLE reminders",
        "ALTER TABLE reminders_by_kind RENAME TO reminders",
    ]
    for statement in statements:
        conn.execute(statement)
