"""The import floor: the time the sqlite3 module alone takes to insert the rows an import
of a catalog leaves in the catalog file, into the same schema.

    python benchmarks/import_floor.py IMPORTED.db [--scratch FRESH.db]

IMPORTED.db is a catalog seasontrack imported (run.py keeps one). Untimed, this reads every
row of it into memory and opens a fresh catalog at FRESH.db with seasontrack's own store, so
the migrations make the same schema (tables, indexes, the FTS5 tables) and the connection gets
the same settings (WAL, synchronous=NORMAL, foreign keys, the cache size). Timed: one
transaction that inserts, with one plain ``executemany`` per table, every row of every table
that holds rows (the shows, their aliases and links, seasons, their skips, breaks and parts,
episodes, people, credits, trailers, sources, watched marks, facts, and the derived rows the
store keeps: the release index and each season's complete moment, which are columns of the
rows copied), then every FTS5 index filled from the same text (show titles, aliases, people,
characters, episode titles), then the commit and the closing of the connection (which
checkpoints the WAL into the file, as at the end of an import).

Not in the floor: the schema's triggers (dropped before the inserts: they only mark seasons
and names for seasontrack to derive again, which the floor does not need), the marks they
would leave, reading the JSON, working out the releases, the quick check and the backup.
Prints the seconds on stdout, one line.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

from seasontrack.store import open_catalog

# The marks the triggers leave for seasontrack to act on: empty once an import commits.
_SKIPPED = {"stale_seasons", "stale_search", "sqlite_sequence"}


def read_rows(source: Path) -> tuple[list[tuple[str, str, list[tuple[object, ...]]]], list[str]]:
    """Every table's rows, in the order the schema creates the tables (parents first), and the
    statements that fill each FTS5 index from its content."""
    conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        fts = {
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%'"
            )
        }
        shadow = {f"{name}_{part}" for name in fts for part in ("config", "data", "docsize", "idx")}
        tables = []
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid"
        ):
            if name in fts or name in shadow or name in _SKIPPED:
                continue
            # The names come from the schema itself.
            rows = conn.execute(f'SELECT * FROM "{name}"').fetchall()  # noqa: S608
            if rows:
                marks = ", ".join("?" * len(rows[0]))
                # search_indexed has its rows from the migration: they are replaced.
                verb = "INSERT OR REPLACE" if name == "search_indexed" else "INSERT"
                tables.append((name, f'{verb} INTO "{name}" VALUES ({marks})', rows))
        indexes = []
        for name in sorted(fts):
            # The FTS5 table's one column and its content table or view.
            (column,) = [row[1] for row in conn.execute(f'PRAGMA table_info("{name}")')]
            sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
            content = sql[0].split("content='")[1].split("'")[0]
            key = sql[0].split("content_rowid='")[1].split("'")[0]
            rows = conn.execute(
                f'SELECT "{key}", "{column}" FROM "{content}" WHERE "{column}" IS NOT NULL'  # noqa: S608
            ).fetchall()
            insert = f'INSERT INTO "{name}" (rowid, "{column}") VALUES (?, ?)'  # noqa: S608
            tables.append((name, insert, rows))
            indexes.append(content)
        return tables, indexes
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="a catalog seasontrack imported")
    parser.add_argument("--scratch", type=Path, help="the fresh catalog to write (default: beside)")
    args = parser.parse_args(argv)
    scratch: Path = args.scratch or args.source.with_name(args.source.stem + "-floor.db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    tables, _ = read_rows(args.source)
    count = sum(len(rows) for _, _, rows in tables)
    with open_catalog(scratch) as conn:
        triggers = [
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        ]
        for name in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        started = time.perf_counter()
        conn.execute("BEGIN")
        for _, insert, rows in tables:
            conn.executemany(insert, rows)
        conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    for suffix in ("", "-wal", "-shm"):
        Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    print(f"{seconds:.3f}")
    print(f"{count:,} rows in {len(tables)} tables", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
