"""Opening the catalog file, and turning SQLite's failures into one-line store errors."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from seasontrack.errors import StoreError
from seasontrack.store import search
from seasontrack.store.migrations import SCHEMA_VERSION, migrate, schema_version
from seasontrack.store.seasons import has_stale, rebuild_stale

# Another seasontrack (a cron reminder, say) may hold the write lock for a moment;
# wait this long for it before reporting the catalog as locked.
BUSY_TIMEOUT_MS = 5000
# SQLite's page cache per connection (a negative cache_size is in KiB): a bulk import or
# export walks indexes far bigger than the 2 MB default, and re-read pages from the OS.
CACHE_PRAGMA = "PRAGMA cache_size = -65536"


@contextmanager
def open_catalog(path: Path) -> Iterator[sqlite3.Connection]:
    """Open (creating it and its folder if need be) and migrate the catalog at ``path``.

    SQLite errors raised while the block runs become :class:`StoreError` (exit code 3),
    naming the file; integrity and programming errors are bugs and pass through.
    """
    with _store_errors(path):
        if path.is_dir():
            raise StoreError(f"{path} is a folder; give --db the path of a catalog file")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for {path}: {exc.strerror}") from None
        # timeout= is SQLite's busy timeout. isolation_level=None: we issue BEGIN and
        # COMMIT ourselves, so that one command's writes are exactly one transaction
        # and the DDL in migrations is transactional too.
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            conn.row_factory = sqlite3.Row
            _check_version(conn, path)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")
            # WAL with synchronous=NORMAL is durable at every checkpoint and much faster.
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(CACHE_PRAGMA)
            migrated = migrate(conn)
            if has_stale(conn) or (migrated and search.has_stale(conn)):
                # A migration asked for the release index to be derived again, or wrote names
                # the search index has yet to take: once, after the last one. (An up-to-date
                # catalog is only read: no write lock. Names written by another program in
                # plain SQL wait for seasontrack's next write, rather than have every reader
                # take the lock.)
                with transaction(conn):
                    pass
            yield conn
        finally:
            conn.close()


def catalog_file(conn: sqlite3.Connection) -> Path | None:
    """The file ``conn`` reads (None for a database in memory)."""
    for row in conn.execute("PRAGMA database_list"):
        if row[1] == "main" and row[2]:
            return Path(row[2])
    return None


def open_reader(path: Path) -> sqlite3.Connection:
    """A read-only connection to a catalog another connection has opened and migrated: for
    worker processes that share a long read."""
    conn = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro",
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
    )
    conn.row_factory = sqlite3.Row
    conn.execute(CACHE_PRAGMA)
    return conn


@contextmanager
def snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One read transaction: every query in the block sees the catalog as it was at its
    first read, whatever other processes write meanwhile."""
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        conn.execute("COMMIT")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: committed if the block completes, rolled back if it raises.

    BEGIN IMMEDIATE takes the write lock up front, so two processes deciding the same
    write (two cron runs, say) queue behind each other instead of both reading stale state.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        # What the block wrote to seasons, episodes or breaks, the release index follows
        # before anyone else can read it; the search index follows the names it wrote.
        rebuild_stale(conn)
        search.refresh_stale(conn)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _check_version(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse, before changing anything, a catalog written by a newer seasontrack."""
    found = schema_version(conn)
    if found > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer seasontrack (schema {found}; this version reads up"
            f" to {SCHEMA_VERSION}); upgrade seasontrack to use it"
        )


@contextmanager
def _store_errors(path: Path) -> Iterator[None]:
    try:
        yield
    except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError):
        raise
    except sqlite3.OperationalError as exc:
        message = str(exc)
        if "locked" in message or "busy" in message:
            raise StoreError(
                f"the catalog {path} is locked by another seasontrack; try again in a moment"
            ) from None
        raise StoreError(f"cannot use the catalog {path}: {message}") from None
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a seasontrack catalog ({exc})") from None
