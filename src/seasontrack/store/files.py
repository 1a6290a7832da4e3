"""The catalog file itself: opening it for reading, what its first bytes say, and SQLite's
failures turned into one-line store errors. Below :mod:`connection` (which opens, migrates
and writes) and :mod:`maintenance` (checks, backups, restores), which both use it."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from seasontrack.errors import StoreError

# Another seasontrack (a cron reminder, say) may hold the write lock for a moment;
# wait this long for it before reporting the catalog as locked.
BUSY_TIMEOUT_MS = 5000
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
    # The moment the command goes by (``--now``), which its writes are recorded at (a
    # season's news); None: SEASONTRACK_NOW or the clock.
    now: datetime | None = None


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
        if writable(path.parent) or (wal.exists() and wal.stat().st_size > 0):
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


def writable(path: Path) -> bool:
    return os.access(path, os.W_OK)


def check_writable(path: Path) -> None:
    """Refuse at once, before anything is tried, to write where the file cannot be written."""
    folder = path.parent
    if path.exists():
        if not writable(path):
            raise StoreError(
                f"the catalog {path} is read-only, so this command cannot change it;"
                " reading commands still work"
            )
        if not writable(folder):
            raise StoreError(
                f"the folder {folder} is read-only, so this command cannot change the catalog"
                f" {path} (SQLite writes {path.name}-wal beside it); reading commands still work"
            )
    elif folder.is_dir() and not writable(folder):
        raise StoreError(f"the folder {folder} is read-only: cannot create the catalog {path}")


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
        if "readonly" in message and not (writable(path) and writable(path.parent)):
            check_writable(path)
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
