"""Migrations 1 to 10, as they shipped (the bodies of m002 and m005 since trimmed: see the
package's docstring). Never edit or reorder one of these."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = []


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append(fn)
    return fn


@migration
def m001_catalog(conn: sqlite3.Connection) -> None:
    statements = [
        """
        CREATE TABLE shows (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            network TEXT,
            country TEXT,
            status TEXT NOT NULL DEFAULT 'announced' CHECK (status IN
                ('announced', 'in production', 'airing', 'returning', 'ended', 'cancelled')),
            summary TEXT
        )
        """,
        "CREATE UNIQUE INDEX shows_title ON shows (title COLLATE NOCASE)",
        "CREATE INDEX shows_network ON shows (network COLLATE NOCASE)",
        """
        CREATE TABLE show_aliases (
            id INTEGER PRIMARY KEY,
            show_id INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
            alias TEXT NOT NULL CHECK (length(trim(alias)) > 0)
        )
        """,
        "CREATE UNIQUE INDEX show_aliases_alias ON show_aliases (alias COLLATE NOCASE)",
        "CREATE INDEX show_aliases_show ON show_aliases (show_id)",
        # A date is kept as its precision and the first day of its period (NULL for TBA):
        # "March 2018" is ('month', '2018-03-01'). ISO text sorts by earliest possible day.
        # The season's release time and zone give the premiere and finale their moment.
        """
        CREATE TABLE seasons (
            id INTEGER PRIMARY KEY,
            show_id INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
            number INTEGER NOT NULL CHECK (number >= 0),
            premiere_precision TEXT NOT NULL DEFAULT 'tba',
            premiere_start TEXT,
            finale_precision TEXT NOT NULL DEFAULT 'tba',
            finale_start TEXT,
            episode_count INTEGER CHECK (episode_count >= 0),
            release_pattern TEXT NOT NULL DEFAULT 'unknown'
                CHECK (release_pattern IN ('all-at-once', 'weekly', 'unknown')),
            release_time TEXT,
            release_tz TEXT,
            synopsis TEXT,
            notes TEXT,
            UNIQUE (show_id, number)
        )
        """,
        "CREATE INDEX seasons_premiere ON seasons (premiere_start)",
        """
        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0)
        )
        """,
        "CREATE UNIQUE INDEX people_name ON people (name COLLATE NOCASE)",
        # season_id NULL: the credit is for the whole show.
        """
        CREATE TABLE credits (
            id INTEGER PRIMARY KEY,
            show_id INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
            season_id INTEGER REFERENCES seasons (id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people (id),
            role TEXT NOT NULL CHECK (role IN ('cast', 'crew')),
            character TEXT,
            job TEXT,
            billing INTEGER,
            status TEXT NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'rumoured')),
            arrival TEXT CHECK (arrival IN ('new', 'returning')),
            note TEXT,
            CHECK (role = 'cast' OR job IS NOT NULL)
        )
        """,
        """
        CREATE UNIQUE INDEX credits_unique ON credits (
            show_id, ifnull(season_id, 0), person_id, role,
            ifnull(character, '') COLLATE NOCASE, ifnull(job, '') COLLATE NOCASE)
        """,
        "CREATE INDEX credits_person ON credits (person_id)",
        "CREATE INDEX credits_character ON credits (character COLLATE NOCASE)",
        """
        CREATE TABLE trailers (
            id INTEGER PRIMARY KEY,
            show_id INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
            season_id INTEGER REFERENCES seasons (id) ON DELETE CASCADE,
            url TEXT CHECK (url IS NULL OR url LIKE 'http://%' OR url LIKE 'https://%'),
            title TEXT,
            kind TEXT NOT NULL DEFAULT 'trailer'
                CHECK (kind IN ('teaser', 'trailer', 'clip', 'featurette')),
            publisher TEXT,
            published_precision TEXT NOT NULL DEFAULT 'tba',
            published_start TEXT,
            note TEXT
        )
        """,
        "CREATE INDEX trailers_show ON trailers (show_id, published_start)",
        """
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            show_id INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
            season_id INTEGER REFERENCES seasons (id) ON DELETE CASCADE,
            url TEXT NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
            outlet TEXT,
            title TEXT,
            published_precision TEXT NOT NULL DEFAULT 'tba',
            published_start TEXT
        )
        """,
        "CREATE UNIQUE INDEX sources_unique ON sources (show_id, ifnull(season_id, 0), url)",
    ]
    for statement in statements:
        conn.execute(statement)


@migration
def m002_episodes_and_schedules(conn: sqlite3.Connection) -> None:
    statements = [
        # An episode's own date, when known, overrides the one its season's schedule gives.
        """
        CREATE TABLE episodes (
            id INTEGER PRIMARY KEY,
            season_id INTEGER NOT NULL REFERENCES seasons (id) ON DELETE CASCADE,
            number INTEGER NOT NULL CHECK (number >= 1),
            title TEXT,
            airs_precision TEXT NOT NULL DEFAULT 'tba',
            airs_start TEXT,
            airs_time TEXT,
            airs_tz TEXT,
            director TEXT,
            writer TEXT,
            UNIQUE (season_id, number)
        )
        """,
        """
        CREATE TABLE season_skips (
            season_id INTEGER NOT NULL REFERENCES seasons (id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            PRIMARY KEY (season_id, day)
        ) WITHOUT ROWID
        """,
        "ALTER TABLE seasons ADD COLUMN premiere_episodes INTEGER NOT NULL DEFAULT 1"
        " CHECK (premiere_episodes >= 1)",
        # The last day on which any release of the season can fall; NULL when open-ended.
        # Superseded by the releases table (m005), which answers "what comes out between A
        # and B" directly; no longer kept current.
        "ALTER TABLE seasons ADD COLUMN ends_on TEXT",
        "CREATE INDEX seasons_ends_on ON seasons (ends_on)",
    ]
    for statement in statements:
        conn.execute(statement)


@migration
def m003_following_progress_reminders(conn: sqlite3.Connection) -> None:
    statements = [
        # Shows are followed unless the user says otherwise; reminders are for followed shows.
        "ALTER TABLE shows ADD COLUMN followed INTEGER NOT NULL DEFAULT 1"
        " CHECK (followed IN (0, 1))",
        """
        CREATE TABLE watched (
            season_id INTEGER NOT NULL REFERENCES seasons (id) ON DELETE CASCADE,
            episode INTEGER NOT NULL CHECK (episode >= 1),
            PRIMARY KEY (season_id, episode)
        ) WITHOUT ROWID
        """,
        # One row per reminder decided: a release (show, season, first episode, and the
        # moment it was due to come out) and a lead. A postponed release has a new moment,
        # so it is reminded again. 'pending' rows are claimed by a running `remind` and
        # become 'sent' once delivered, or are deleted (to be retried) if delivery failed;
        # claimed_at is the real wall-clock time of the claim, to recover from a crash.
        """
        CREATE TABLE reminders (
            show_id INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
            season INTEGER NOT NULL,
            episode INTEGER NOT NULL,
            release_at TEXT NOT NULL,
            lead_minutes INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'sent')),
            claimed_at REAL NOT NULL,
            PRIMARY KEY (show_id, season, episode, release_at, lead_minutes)
        ) WITHOUT ROWID
        """,
    ]
    for statement in statements:
        conn.execute(statement)


@migration
def m004_season_revision(conn: sqlite3.Connection) -> None:
    # Counts the changes to a season's release dates: a calendar feed's SEQUENCE, so that a
    # subscribed calendar moves an event instead of keeping the old one.
    conn.execute("ALTER TABLE seasons ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")


@migration
def m005_releases(conn: sqlite3.Connection) -> None:
    # Every release (one moment at which episodes come out) of every season, derived from
    # the season by the store (m010: whenever a season, its episodes or breaks change).
    # starts_at and ends_at bound the moment in UTC, widened to every time zone on Earth
    # where the date has none, so that "what comes out between A and B" is an index range
    # scan whatever the catalog's size.
    # exact: known to the day or the minute (anything vaguer is a month, season or year).
    conn.execute(
        """
        CREATE TABLE releases (
            season_id INTEGER NOT NULL REFERENCES seasons (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            show_id INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
            first_episode INTEGER,
            last_episode INTEGER,
            title TEXT,
            precision TEXT NOT NULL,
            start TEXT,
            time TEXT,
            tz TEXT,
            premiere INTEGER NOT NULL,
            finale INTEGER NOT NULL,
            starts_at TEXT,
            ends_at TEXT,
            exact INTEGER NOT NULL,
            PRIMARY KEY (season_id, position)
        ) WITHOUT ROWID
        """
    )
    conn.execute("CREATE INDEX releases_by_start ON releases (exact, starts_at)")
    conn.execute("CREATE INDEX releases_by_end ON releases (exact, ends_at)")
    # A release with its season's and show's fields, as the queries read it.
    conn.execute(
        """
        CREATE VIEW release_rows AS
        SELECT releases.season_id, releases.position, releases.show_id, releases.first_episode,
            releases.last_episode, releases.title AS episode_title, releases.precision,
            releases.start, releases.time, releases.tz, releases.premiere, releases.finale,
            releases.starts_at, releases.ends_at, releases.exact, seasons.number AS season,
            seasons.release_pattern, seasons.release_tz, shows.title AS show, shows.network,
            shows.followed
        FROM releases
        JOIN seasons ON seasons.id = releases.season_id
        JOIN shows ON shows.id = releases.show_id
        """
    )


@migration
def m006_tba_lookup(conn: sqlite3.Connection) -> None:
    # `upcoming` asks for the seasons whose premiere is TBA (no ends_at, position 0); with
    # position in the index that is a seek instead of a walk over every TBA episode.
    conn.execute("DROP INDEX releases_by_end")
    conn.execute("CREATE INDEX releases_by_end ON releases (exact, ends_at, position)")


@migration
def m007_online_providers(conn: sqlite3.Connection) -> None:
    # Named m007 to run after main's m006_tba_lookup, which was written at the same time.
    statements = [
        # A show linked to its TVmaze entry (and the ids TVmaze gives for TheTVDB and IMDb,
        # and TMDB's once found). updated: TVmaze's Unix time of the copy recorded, compared
        # with /updates/shows; synced_at: when seasontrack last asked (UTC, injectable now).
        """
        CREATE TABLE show_links (
            show_id INTEGER PRIMARY KEY REFERENCES shows (id) ON DELETE CASCADE,
            tvmaze_id INTEGER NOT NULL UNIQUE,
            thetvdb_id INTEGER,
            imdb_id TEXT,
            tmdb_id INTEGER,
            url TEXT CHECK (url IS NULL OR url LIKE 'http://%' OR url LIKE 'https://%'),
            official_site TEXT CHECK (official_site IS NULL OR official_site LIKE 'http://%'
                OR official_site LIKE 'https://%'),
            genres TEXT NOT NULL DEFAULT '[]',
            premiered INTEGER,
            updated INTEGER,
            synced_at TEXT
        )
        """,
        # Where a fact came from. No row: the user's (typed, or imported). A provider's row
        # keeps the value it wrote; a user's row keeps a provider's different value.
        """
        CREATE TABLE facts (
            show_id INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
            subject TEXT NOT NULL,
            field TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('typed', 'imported', 'tvmaze', 'tmdb')),
            value TEXT,
            offered TEXT,
            offered_by TEXT CHECK (offered_by IS NULL OR offered_by IN ('tvmaze', 'tmdb')),
            PRIMARY KEY (show_id, subject, field)
        ) WITHOUT ROWID
        """,
        # What TVmaze says of an episode beyond the catalog's columns.
        """
        CREATE TABLE episode_extras (
            episode_id INTEGER PRIMARY KEY REFERENCES episodes (id) ON DELETE CASCADE,
            tvmaze_id INTEGER,
            airstamp TEXT,
            runtime INTEGER
        )
        """,
    ]
    for statement in statements:
        conn.execute(statement)


@migration
def m008_entered_by(conn: sqlite3.Connection) -> None:
    # How each show came into the catalog: typed in, or imported from a file. A user's fact
    # with no row in `facts` came the same way (shows from before this are taken as typed).
    conn.execute(
        "ALTER TABLE shows ADD COLUMN entered_by TEXT NOT NULL DEFAULT 'typed'"
        " CHECK (entered_by IN ('typed', 'imported'))"
    )


@migration
def m009_season_network(conn: sqlite3.Connection) -> None:
    # A season on another network than its show's (a show that moved, or a revival).
    conn.execute("ALTER TABLE seasons ADD COLUMN network TEXT")
    # Its releases are on the season's network: what `upcoming` shows and filters by. The
    # view is written out whole, not shared with m005's: a migration is history, and must
    # not change when a later one does.
    conn.execute("DROP VIEW release_rows")
    conn.execute(
        """
        CREATE VIEW release_rows AS
        SELECT releases.season_id, releases.position, releases.show_id, releases.first_episode,
            releases.last_episode, releases.title AS episode_title, releases.precision,
            releases.start, releases.time, releases.tz, releases.premiere, releases.finale,
            releases.starts_at, releases.ends_at, releases.exact, seasons.number AS season,
            seasons.release_pattern, seasons.release_tz, shows.title AS show,
            coalesce(seasons.network, shows.network) AS network, shows.followed
        FROM releases
        JOIN seasons ON seasons.id = releases.season_id
        JOIN shows ON shows.id = releases.show_id
        """
    )


@migration
def m010_release_index_kept_by_store(conn: sqlite3.Connection) -> None:
    # The release index is derived in one place, the store, from what its triggers mark
    # stale: any write to a season's schedule, its episodes or its breaks, however made.
    # The rows are rebuilt before the writing transaction commits, so a reader never sees a
    # stale index; a writer cannot forget to refresh it.
    statements = [
        # No foreign key: a season deleted in the same transaction leaves a mark that the
        # rebuild drops (a cascade deleting its episodes marks it on the way out).
        "CREATE TABLE stale_seasons (season_id INTEGER PRIMARY KEY)",
        """
        CREATE TRIGGER seasons_stale_on_insert AFTER INSERT ON seasons BEGIN
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (NEW.id);
        END
        """,
        """
        CREATE TRIGGER seasons_stale_on_update AFTER UPDATE OF premiere_precision,
            premiere_start, finale_precision, finale_start, episode_count, release_pattern,
            release_time, release_tz, premiere_episodes ON seasons BEGIN
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (NEW.id);
        END
        """,
        """
        CREATE TRIGGER episodes_stale_on_insert AFTER INSERT ON episodes BEGIN
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (NEW.season_id);
        END
        """,
        """
        CREATE TRIGGER episodes_stale_on_update AFTER UPDATE OF season_id, number, title,
            airs_precision, airs_start, airs_time, airs_tz ON episodes BEGIN
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (OLD.season_id);
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (NEW.season_id);
        END
        """,
        """
        CREATE TRIGGER episodes_stale_on_delete AFTER DELETE ON episodes BEGIN
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (OLD.season_id);
        END
        """,
        """
        CREATE TRIGGER skips_stale_on_insert AFTER INSERT ON season_skips BEGIN
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (NEW.season_id);
        END
        """,
        """
        CREATE TRIGGER skips_stale_on_delete AFTER DELETE ON season_skips BEGIN
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (OLD.season_id);
        END
        """,
        # A credit with its person's name, its show's title and its season's number: what
        # every reader of credits wants, written once.
        """
        CREATE VIEW credit_rows AS
        SELECT credits.id, credits.show_id, credits.season_id, credits.person_id,
            people.name AS person, credits.role, credits.character, credits.job,
            seasons.number AS season, credits.billing, credits.status, credits.arrival,
            credits.note, shows.title AS show_title
        FROM credits
        JOIN people ON people.id = credits.person_id
        JOIN shows ON shows.id = credits.show_id
        LEFT JOIN seasons ON seasons.id = credits.season_id
        """,
        # seasons.ends_on (m002) was superseded by the release index and is no longer
        # written; its index only cost every season write. (The column stays: dropping a
        # column needs SQLite 3.35.)
        "DROP INDEX seasons_ends_on",
        # Derived by the catalogs' own versions until now: rebuild every season's releases
        # with today's rules, once, after the last migration.
        "INSERT INTO stale_seasons (season_id) SELECT id FROM seasons",
    ]
    for statement in statements:
        conn.execute(statement)
