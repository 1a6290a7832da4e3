"""Opening the catalog file, and turning SQLite's failures into one-line store errors.

A reading command opens the catalog read-only (:func:`open_catalog` with ``read_only``): it
never takes the write lock, and it works where the file cannot be written (a read-only folder,
a read-only mount). A writing command checks, before its first write, that the file is sound
(``PRAGMA quick_check``), and refuses a damaged one rather than write into it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from seasontrack.errors import StoreError
from seasontrack.store import search
from seasontrack.store.migrations import SCHEMA_VERSION, migrate, schema_version
from seasontrack.store.seasons import has_stale, rebuild_stale

# Another seasontrack (a cron reminder, say) may hold the write lock for a moment;
# wait this long for it before reporting the catalog as locked.
BUSY_TIMEOUT_MS = 5000
# What a command run by cron (remind, sync) waits for the write lock: long enough for an
# import of a big catalog (10,000 shows take under a minute) to finish, and shorter than the
# hour between two cron runs.
CRON_TIMEOUT_MS = 600_000
# SQLite's page cache per connection (a negative cache_size is in KiB): a bulk import or
# export walks indexes far bigger than the 2 MB default, and re-read pages from the OS.
CACHE_PRAGMA = "PRAGMA cache_size = -65536"
# The first bytes of every SQLite database file.
SQLITE_HEADER = b"SQLite format 3\x00"
RESTORE_HINT = (
    "`seasontrack db backups` lists the copies kept before imports and upgrades, and"
    " `seasontrack db restore FILE` puts one back"
)


class CatalogConnection(sqlite3.Connection):
    """A connection to a catalog file, with what this command has learnt about the file."""

    # Whether the file passed a quick check in this command (see :func:`transaction`).
    sound = False
    # Where copies are kept before risky writes (None: no copies; tests, worker processes).
    backups: Callable[[], Path] | None = None


@contextmanager
def open_catalog(
    path: Path,
    *,
    read_only: bool = False,
    patient: bool = False,
    backups: Callable[[], Path] | None = None,
) -> Iterator[sqlite3.Connection]:
    """Open (creating it and its folder if need be) and migrate the catalog at ``path``.

    ``read_only``: the command only reads; an up-to-date catalog is opened read-only.
    ``patient``: wait for the write lock as long as a cron run may (:data:`CRON_TIMEOUT_MS`).
    ``backups``: the folder for the copies kept before a migration or an import.

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
        _check_writable(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for {path}: {exc.strerror}") from None
        # timeout= is SQLite's busy timeout. isolation_level=None: we issue BEGIN and
        # COMMIT ourselves, so that one command's writes are exactly one transaction
        # and the DDL in migrations is transactional too.
        timeout = (CRON_TIMEOUT_MS if patient else BUSY_TIMEOUT_MS) / 1000
        conn = sqlite3.connect(
            path, timeout=timeout, isolation_level=None, factory=CatalogConnection
        )
        try:
            conn.backups = backups
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


def _reader_if_current(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to ``path``, if it needs no migration; else None (the caller
    opens it for writing, to migrate it)."""
    conn = open_reader(path)
    try:
        found = _check_version(conn, path)
        if found == SCHEMA_VERSION and not has_stale(conn):
            return conn
    except BaseException:
        conn.close()
        raise
    conn.close()
    return None


def catalog_file(conn: sqlite3.Connection) -> Path | None:
    """The file ``conn`` reads (None for a database in memory)."""
    for row in conn.execute("PRAGMA database_list"):
        if row[1] == "main" and row[2]:
            return Path(row[2])
    return None


def open_reader(path: Path) -> sqlite3.Connection:
    """A read-only connection to the catalog at ``path``: for reading commands, and for
    worker processes that share a long read.

    A read-only connection to a WAL file still needs the ``-shm`` and ``-wal`` files beside
    it. In a folder that cannot be written, where they are missing (the last writer removed
    them), the file is opened as immutable: no process can write to it there, since a writer
    would have to create them too.
    """
    uri = path.resolve().as_uri()
    try:
        return _connect(f"{uri}?mode=ro")
    except sqlite3.OperationalError as exc:
        wal = Path(f"{path}-wal")
        if _writable(path.parent) or (wal.exists() and wal.stat().st_size > 0):
            raise StoreError(f"cannot read the catalog {path}: {exc}") from None
    return _connect(f"{uri}?mode=ro&immutable=1")


def _connect(uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(
        uri,
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        factory=CatalogConnection,
    )
    try:
        conn.row_factory = sqlite3.Row
        conn.execute(CACHE_PRAGMA)
        # SQLite opens the file at the first statement that reads it.
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK)


def _check_writable(path: Path) -> None:
    """Refuse at once, before anything is tried, to write where the file cannot be written."""
    folder = path.parent
    if path.exists():
        if not _writable(path):
            raise StoreError(
                f"the catalog {path} is read-only, so this command cannot change it;"
                " reading commands still work"
            )
        if not _writable(folder):
            raise StoreError(
                f"the folder {folder} is read-only, so this command cannot change the catalog"
                f" {path} (SQLite writes {path.name}-wal beside it); reading commands still work"
            )
    elif folder.is_dir() and not _writable(folder):
        raise StoreError(f"the folder {folder} is read-only: cannot create the catalog {path}")


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
        rebuild_stale(conn)
        search.refresh_stale(conn)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


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


@contextmanager
def store_errors(path: Path) -> Iterator[None]:
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
        if "readonly" in message and not (_writable(path) and _writable(path.parent)):
            _check_writable(path)
        raise StoreError(f"cannot use the catalog {path}: {message}") from None
    except sqlite3.DatabaseError as exc:
        raise damaged(path, exc) from None


def damaged(path: Path, exc: sqlite3.DatabaseError) -> StoreError:
    """The error for a file SQLite cannot read: damaged, if it is an SQLite file at all."""
    try:
        with path.open("rb") as handle:
            is_sqlite = handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        is_sqlite = False
    if not is_sqlite:
        return StoreError(f"{path} is not a seasontrack catalog ({exc})")
    return StoreError(f"the catalog {path} is damaged ({exc}); {RESTORE_HINT}")
