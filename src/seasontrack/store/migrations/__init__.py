"""The catalog's schema, as ordered migrations.

``PRAGMA user_version`` holds how many migrations a file has had. Each migration runs in
its own transaction together with the version bump, so a file is never left half-migrated.
Append a new migration as a module of this package (``m011_...``, a ``migrate(conn)``
function) and one line at the end of :data:`MIGRATIONS`; never edit or reorder one that
has shipped.

Migrations are plain SQL over the schema of their own day: they never call the domain code
(schedules, dates), which changes with later versions. Derived data is not computed here: a
migration that changes how releases are derived marks every season stale
(``INSERT INTO stale_seasons SELECT id FROM seasons``), and :func:`migrate`'s caller rebuilds
the release index once, after the last migration (see ``store.seasons.rebuild_stale``).
m002 and m005 computed derived data with the code of their day when they shipped; they no
longer do (m010 marks everything stale instead), which leaves the schema they make unchanged.
"""

from __future__ import annotations

import sqlite3

from seasontrack.store.migrations import (
    m011_parts_breaks,
    m012_offset_complete,
    m014_watch_history,
    m015_reminder_channels,
    m016_search_index,
    m017_alerts,
    m018_feed_sequences,
    m019_releases_by_start_covering,
    shipped,
)
from seasontrack.store.migrations.shipped import Migration

# In order: a catalog at version N has had the first N.
MIGRATIONS: list[Migration] = [
    *shipped.MIGRATIONS,
    m011_parts_breaks.migrate,
    m012_offset_complete.migrate,
    m014_watch_history.migrate,
    m015_reminder_channels.migrate,
    m016_search_index.migrate,
    m017_alerts.migrate,
    m018_feed_sequences.migrate,
    m019_releases_by_start_covering.migrate,
]

SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    return int(version)


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the migrations this file has not had; return how many ran.

    An up-to-date catalog is only read here, so reading commands never take the write lock.
    """
    ran = 0
    while schema_version(conn) < len(MIGRATIONS):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read under the write lock: another process may have migrated meanwhile.
            version = schema_version(conn)
            if version < len(MIGRATIONS):
                MIGRATIONS[version](conn)
                # PRAGMA takes no parameters; the value is our own integer, never user input.
                conn.execute(f"PRAGMA user_version = {version + 1:d}")
                ran += 1
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return ran
