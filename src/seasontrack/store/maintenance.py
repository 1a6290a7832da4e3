"""Checking the catalog file, copying it while it is in use, and the copies kept before risky
writes (a schema upgrade, an import), which `db restore` can put back.

Imported only by the commands that check or copy the file, and when a copy is due.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from seasontrack.errors import InvalidInput, StoreError
from seasontrack.store.files import SQLITE_HEADER, catalog_file, open_reader, store_errors
from seasontrack.store.migrations import SCHEMA_VERSION, schema_version

# How many copies are kept for each catalog: the oldest go when a sixth is made.
KEEP_BACKUPS = 5
# The tables every catalog has had since its first schema.
CATALOG_TABLES = ("shows", "seasons")


class CheckReport(NamedTuple):
    summary: str
    problems: list[str]


def check(conn: sqlite3.Connection) -> CheckReport:
    """The full integrity check, foreign keys, and what the catalog holds."""
    problems = _integrity(conn)
    if not problems:
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid} points to a missing {parent} row")
    try:
        listed = ", ".join(f"{n} {name}" for name, n in _counts(conn).items())
    except sqlite3.DatabaseError as exc:
        problems.append(f"cannot count the rows: {exc}")
        listed = "rows not counted"
    state = "damaged" if problems else "ok"
    return CheckReport(f"{state}: schema {schema_version(conn)}, {listed}", problems)


def _integrity(conn: sqlite3.Connection) -> list[str]:
    """The full integrity check's findings (none: the file is sound)."""
    try:
        rows = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {
        name: conn.execute(query).fetchone()[0]
        for name, query in (
            ("shows", "SELECT count(*) FROM shows"),
            ("seasons", "SELECT count(*) FROM seasons"),
            ("episodes", "SELECT count(*) FROM episodes"),
            ("people", "SELECT count(*) FROM people"),
        )
    }


# ---------------------------------------------------------------------------- copying


def backup(conn: sqlite3.Connection, target: Path) -> None:
    """Write a consistent copy of the catalog to ``target`` (replacing it once complete).

    A copy that cannot be finished (a full disk, a folder that cannot be written) is an
    error naming ``target``, and leaves nothing behind.
    """
    with _partial(target) as partial:
        copy = sqlite3.connect(partial)
        try:
            # The backup API copies page by page and restarts if a writer changes the source
            # meanwhile, so the copy is always one consistent state of the catalog.
            conn.backup(copy)
        finally:
            copy.close()
        os.replace(partial, target)


@contextmanager
def _partial(target: Path) -> Iterator[Path]:
    """A file beside ``target`` to write the copy into; removed, with its journal, if the
    copy fails, and the failure reported as a problem with ``target``."""
    partial = target.with_name(f".{target.name}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_partial(partial)
        yield partial
    except OSError as exc:
        _remove_partial(partial)
        raise InvalidInput(f"cannot write {target}: {exc.strerror}") from None
    except sqlite3.Error as exc:
        _remove_partial(partial)
        raise InvalidInput(f"cannot write {target}: {_disk_message(exc)}") from None
    except BaseException:
        _remove_partial(partial)
        raise


def _remove_partial(partial: Path) -> None:
    for leftover in (partial, *(Path(f"{partial}{end}") for end in ("-journal", "-wal", "-shm"))):
        with suppress(FileNotFoundError):
            leftover.unlink()


def _disk_message(exc: sqlite3.Error) -> str:
    message = str(exc)
    if "disk is full" in message:
        return "the disk is full"
    return message


# ---------------------------------------------------------------------------- kept copies


class Backup(NamedTuple):
    path: Path
    made: datetime  # UTC
    reason: str


def backup_folder(folder: Path, catalog: Path) -> Path:
    """Where the copies of ``catalog`` are kept: one folder per catalog file, named after it
    (and its place, so that two catalogs of the same name keep apart)."""
    place = hashlib.sha256(str(catalog.resolve()).encode()).hexdigest()[:8]
    return folder / f"{catalog.stem}-{place}"


def keep_backup(conn: sqlite3.Connection, folder: Path, reason: str) -> Path | None:
    """Copy the catalog into ``folder`` (SQLite's backup API) and keep the last
    :data:`KEEP_BACKUPS` copies; None when the catalog holds no show (nothing to lose)."""
    path = catalog_file(conn)
    if path is None or _is_empty(conn):
        return None
    where = backup_folder(folder, path)
    made = datetime.now(UTC)
    slug = "-".join(reason.split())
    target = where / f"{made:%Y-%m-%dT%H%M%S.%fZ}-{slug}.db"
    try:
        backup(conn, target)
    except InvalidInput as exc:
        raise StoreError(f"cannot keep a copy of the catalog before the {reason}: {exc}") from None
    for old in list_backups(folder, path)[KEEP_BACKUPS:]:
        with suppress(OSError):
            old.path.unlink()
    return target


def _is_empty(conn: sqlite3.Connection) -> bool:
    try:
        return conn.execute("SELECT 1 FROM shows LIMIT 1").fetchone() is None
    except sqlite3.OperationalError:
        return True


def list_backups(folder: Path, catalog: Path) -> list[Backup]:
    """The copies kept of ``catalog``, newest first."""
    where = backup_folder(folder, catalog)
    found = []
    for path in where.glob("*.db"):
        stamp, _, slug = path.stem.partition("Z-")
        try:
            made = datetime.strptime(stamp, "%Y-%m-%dT%H%M%S.%f").replace(tzinfo=UTC)
        except ValueError:
            continue
        found.append(Backup(path, made, slug.replace("-", " ")))
    return sorted(found, key=lambda b: b.made, reverse=True)


class Described(NamedTuple):
    schema: int
    shows: int


def describe(path: Path) -> Described:
    """Check that ``path`` is a sound catalog this seasontrack can read; what it holds.

    Anything else is :class:`InvalidInput` naming the file: not an SQLite file, not a
    catalog, damaged (the full integrity check), or written by a newer seasontrack.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file") from None
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read it ({exc.strerror})") from None
    if header != SQLITE_HEADER:
        raise InvalidInput(f"{path} is not a seasontrack catalog (not an SQLite file)")
    try:
        conn = open_reader(path)
    except StoreError as exc:
        raise InvalidInput(str(exc)) from None
    try:
        problems = _integrity(conn)
        if problems:
            raise InvalidInput(f"{path} is damaged ({problems[0]}); choose another copy")
        version = schema_version(conn)
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if version < 1 or not set(CATALOG_TABLES) <= tables:
            raise InvalidInput(f"{path} is an SQLite file but not a seasontrack catalog")
        if version > SCHEMA_VERSION:
            raise InvalidInput(
                f"{path} was written by a newer seasontrack (schema {version}; this version"
                f" reads up to {SCHEMA_VERSION}); upgrade seasontrack to restore it"
            )
        (shows,) = conn.execute("SELECT count(*) FROM shows").fetchone()
        return Described(version, int(shows))
    except sqlite3.DatabaseError as exc:
        raise InvalidInput(f"{path} is damaged ({exc}); choose another copy") from None
    finally:
        conn.close()


def restore(source: Path, catalog: Path, folder: Path | None) -> Path | None:
    """Put the checked copy ``source`` back as ``catalog``; the catalog as it was is kept
    first (in ``folder``), and its path returned.

    The copy is written with SQLite's backup API into the catalog, under its locks, so a
    seasontrack reading it meanwhile sees the old catalog or the new one, never a mix. A
    catalog too damaged for that (its header is gone) is replaced as a file.
    """
    kept = _keep_before_restore(catalog, folder) if folder is not None else None
    with store_errors(catalog):
        copy = open_reader(source)
        try:
            target = sqlite3.connect(catalog, timeout=5, isolation_level=None)
            unreadable = False
            try:
                copy.backup(target)
                target.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError:
                raise
            except sqlite3.DatabaseError:
                # Not even its header can be read: nothing of it can be saved in place.
                unreadable = True
            finally:
                target.close()
            if unreadable:
                _replace_file(source, catalog)
        finally:
            copy.close()
    return kept


def _keep_before_restore(catalog: Path, folder: Path) -> Path | None:
    """The catalog as it is, kept before a restore: a copy through SQLite if it can still be
    read, else the file's bytes."""
    if not catalog.exists():
        return None
    try:
        conn = open_reader(catalog)
        try:
            return keep_backup(conn, folder, "restore")
        finally:
            conn.close()
    except (sqlite3.DatabaseError, StoreError):
        where = backup_folder(folder, catalog)
        where.mkdir(parents=True, exist_ok=True)
        target = where / f"{datetime.now(UTC):%Y-%m-%dT%H%M%S.%fZ}-restore-damaged.db"
        shutil.copyfile(catalog, target)
        return target


def _replace_file(source: Path, catalog: Path) -> None:
    with _partial(catalog) as partial:
        shutil.copyfile(source, partial)
        os.replace(partial, catalog)
    for end in ("-wal", "-shm"):
        with suppress(FileNotFoundError):
            Path(f"{catalog}{end}").unlink()
