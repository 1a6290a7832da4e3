"""Checking the catalog file, and copying it while it is in use."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from seasontrack.errors import InvalidInput
from seasontrack.store.migrations import schema_version


@dataclass(frozen=True)
class CheckReport:
    summary: str
    problems: list[str]


def check(conn: sqlite3.Connection) -> CheckReport:
    problems = [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
    for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid} points to a missing {parent} row")
    counts = {
        name: conn.execute(query).fetchone()[0]
        for name, query in (
            ("shows", "SELECT count(*) FROM shows"),
            ("seasons", "SELECT count(*) FROM seasons"),
            ("episodes", "SELECT count(*) FROM episodes"),
            ("people", "SELECT count(*) FROM people"),
        )
    }
    state = "damaged" if problems else "ok"
    listed = ", ".join(f"{n} {name}" for name, n in counts.items())
    return CheckReport(f"{state}: schema {schema_version(conn)}, {listed}", problems)


def backup(conn: sqlite3.Connection, target: Path) -> None:
    """Write a consistent copy of the catalog to ``target`` (replacing it once complete)."""
    partial = target.with_name(f".{target.name}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if partial.exists():
            partial.unlink()
        copy = sqlite3.connect(partial)
        try:
            # The backup API copies page by page and restarts if a writer changes the source
            # meanwhile, so the copy is always one consistent state of the catalog.
            conn.backup(copy)
        finally:
            copy.close()
        os.replace(partial, target)
    except OSError as exc:
        if partial.exists():
            partial.unlink()
        raise InvalidInput(f"cannot write {target}: {exc.strerror}") from None
