"""Opening the catalog file, and turning SQLite's failures into one-line store errors.

A reading command opens the catalog read-only (:func:`open_catalog` with ``read_only``): it
never takes the write lock, and it works where the file cannot be written (a read-only folder,
a read-only mount). A writing command checks, before its first write, that the file is sound
(``PRAGMA quick_check``), and refuses a damaged one rather than write into it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from seasontrack.errors import StoreError
from seasontrack.store import files
from seasontrack.store.files import (
    CACHE_PRAGMA,
    RESTORE_HINT,
    CatalogConnection,
    catalog_file,
    check_writable,
    open_reader,
    store_errors,
)
from seasontrack.store.migrations import SCHEMA_VERSION, migrate, schema_version

# What a command run by cron (remind, sync) waits for the write lock: long enough for an
# import of a big catalog (10,000 shows take under a minute) to finish, and shorter than the
# hour between two cron runs.
CRON_TIMEOUT_MS = 600_000


@contextmanager
def open_catalog(
    path: Path,
    *,
    read_only: bool = False,
    patient: bool = False,
    backups: Callable[[], Path] | None = None,
    now: datetime | None = None,
) -> Iterator[sqlite3.Connection]:
    """Open (creating it and its folder if need be) and migrate the catalog at ``path``.

    ``read_only``: the command only reads; an up-to-date catalog is opened read-only.
    ``patient``: wait for the write lock as long as a cron run may (:data:`CRON_TIMEOUT_MS`).
    ``backups``: the folder for the copies kept before a migration or an import.
    ``now``: the moment the command goes by (its ``--now``), which its writes are recorded at.

    SQLite errors raised while the block runs become :class:`StoreError` (exit code 3),
    naming the file; integrity and programming errors are bugs and pass through.
    """
    with store_errors(path):
        if path.is_dir():
            raise StoreError(f"{path} is a folder; give --db the path of a catalog file")
        if read_only and path.exists():
            conn = _reader_if_current(path)
            if conn is not None:
                try:
                    yield conn
                finally:
                    conn.close()
                return
        check_writable(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for {path}: {exc.strerror}") from None
        # timeout= is SQLite's busy timeout. isolation_level=None: we issue BEGIN and
        # COMMIT ourselves, so that one command's writes are exactly one transaction
        # and the DDL in migrations is transactional too.
        timeout = (CRON_TIMEOUT_MS if patient else files.BUSY_TIMEOUT_MS) / 1000
        conn = sqlite3.connect(
            path, timeout=timeout, isolation_level=None, factory=CatalogConnection
        )
        try:
            conn.backups = backups
            conn.now = now
            conn.row_factory = sqlite3.Row
            found = _check_version(conn, path)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")
            # WAL with synchronous=NORMAL is durable at every checkpoint and much faster.
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(CACHE_PRAGMA)
            if 0 < found < SCHEMA_VERSION:
                # An upgrade rewrites the file: only a sound one, and only after a copy.
                check_sound(conn)
                keep_copy(conn, f"upgrade from schema {found}")
            migrated = migrate(conn)
            from seasontrack.store import search

            if _seasons_stale(conn) or (migrated and search.has_stale(conn)):
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


def _reader_if_current(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to ``path``, if it needs no migration; else None (the caller
    opens it for writing, to migrate it)."""
    conn = open_reader(path)
    try:
        found = _check_version(conn, path)
        if found == SCHEMA_VERSION and not _seasons_stale(conn):
            return conn
    except BaseException:
        conn.close()
        raise
    conn.close()
    return None


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

    The first write of a command first checks that the file is sound (:func:`check_sound`).
    BEGIN IMMEDIATE takes the write lock up front, so two processes deciding the same
    write (two cron runs, say) queue behind each other instead of both reading stale state.
    """
    check_sound(conn)
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        # What the block wrote to seasons, episodes or breaks, the release index follows
        # before anyone else can read it; the search index follows the names it wrote.
        # (Imported here: a reading command never writes, and never needs the schedule.)
        from seasontrack.store import search
        from seasontrack.store.seasons import rebuild_stale

        rebuild_stale(conn)
        search.refresh_stale(conn)
        # The seasons' news the block's writes made (triggers) gets its moment. (Imported
        # here: a reading command never loads the alerts' module.)
        from seasontrack.store.alerts import stamp_news

        stamp_news(conn)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _seasons_stale(conn: sqlite3.Connection) -> bool:
    """Whether some season's releases wait to be derived (after a migration, say): asked by
    every reader, which never imports the derivation itself (``store.seasons``)."""
    return conn.execute("SELECT 1 FROM stale_seasons LIMIT 1").fetchone() is not None


def check_sound(conn: sqlite3.Connection) -> None:
    """Refuse to write into a damaged file: ``PRAGMA quick_check`` once per command.

    The quick check reads every page and checks each b-tree's structure (not that indexes
    match their tables: that is ``db check``'s full check). It costs about 3 ms per MB of
    catalog: 20 ms for 500 shows, 0.35 to 0.4 s for the 10,000-show benchmark (125 MB).
    Checking only the tables a command writes would cost less, but would miss a page that
    the free list and another table both claim, which the next write would then overwrite:
    only the whole-file check keeps a write from spreading damage.
    """
    if not isinstance(conn, CatalogConnection) or conn.sound:
        return
    try:
        # Through SQLite's default 2 MB cache: the check reads each page once, and filling
        # the command's 64 MB cache with them only costs time (a tenth of a second on 125 MB).
        conn.execute("PRAGMA cache_size = -2000")
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    finally:
        conn.execute(CACHE_PRAGMA)
    if problems != ["ok"]:
        path = catalog_file(conn)
        raise StoreError(
            f"the catalog {path} is damaged ({problems[0]}); nothing was written."
            f" `seasontrack db check` lists the damage; {RESTORE_HINT}"
        )
    conn.sound = True


def keep_copy(conn: sqlite3.Connection, reason: str) -> None:
    """Keep a copy of the catalog as it was last committed, before a migration or an import,
    if the connection has a folder for copies and the catalog holds any show.

    The copy is read through a connection of its own, which sees the committed catalog even
    while ``conn`` is in the middle of a write: an import copies the catalog only once the
    whole file has been read without a problem, just before it commits.
    """
    folder = conn.backups if isinstance(conn, CatalogConnection) else None
    path = catalog_file(conn)
    if folder is None or path is None:
        return
    from seasontrack.store.maintenance import keep_backup

    reader = open_reader(path)
    try:
        # Each page is copied once: no need for the big cache of a command's connection.
        reader.execute("PRAGMA cache_size = -2000")
        keep_backup(reader, folder(), reason)
    finally:
        reader.close()


def _check_version(conn: sqlite3.Connection, path: Path) -> int:
    """Refuse, before changing anything, a catalog written by a newer seasontrack."""
    found = schema_version(conn)
    if found > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer seasontrack (schema {found}; this version reads up"
            f" to {SCHEMA_VERSION}); upgrade seasontrack to use it"
        )
    return found
