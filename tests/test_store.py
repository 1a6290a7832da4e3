"""The catalog file: created on first use, migrated in order, refused when it cannot be used."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from seasontrack.errors import StoreError
from seasontrack.store import open_catalog, transaction
from seasontrack.store.migrations import MIGRATIONS, SCHEMA_VERSION, migrate
from tests.conftest import Run, dump


def test_first_use_creates_the_file_and_its_folder(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "st.db"
    run("show", "add", "X", "--db", str(target))
    assert target.exists()
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_default_location_is_the_user_data_folder(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SEASONTRACK_DB")
    run("show", "add", "X")
    assert (tmp_path / "data" / "seasontrack" / "seasontrack.db").exists()


def test_db_option_wins_over_the_environment(run: Run, tmp_path: Path, db: Path) -> None:
    other = tmp_path / "other.db"
    run("show", "add", "Only here", "--db", str(other))
    assert "Only here" not in run("list").stdout
    assert "Only here" in run("list", "--db", str(other)).stdout


def test_connections_enforce_foreign_keys(db: Path) -> None:
    with open_catalog(db) as conn:
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        with pytest.raises(sqlite3.IntegrityError), transaction(conn):
            conn.execute("INSERT INTO seasons (show_id, number) VALUES (999, 1)")


def test_a_failed_transaction_leaves_nothing(db: Path) -> None:
    with open_catalog(db) as conn:
        with pytest.raises(RuntimeError), transaction(conn):
            conn.execute("INSERT INTO shows (title) VALUES ('Half done')")
            raise RuntimeError("interrupted")
        assert conn.execute("SELECT count(*) FROM shows").fetchone()[0] == 0


def test_migrations_run_in_order_once(db: Path) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    assert migrate(conn) == len(MIGRATIONS)
    assert migrate(conn) == 0
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    names = [m.__name__ for m in MIGRATIONS]
    assert names == sorted(names), "migrations are named m001_..., in the order they run"


def test_a_failing_migration_rolls_back_and_keeps_the_version(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    migrate(conn)

    def broken(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE half_made (x)")
        c.execute("THIS IS NOT SQL")

    monkeypatch.setattr("seasontrack.store.migrations.MIGRATIONS", [*MIGRATIONS, broken])
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_made" not in tables


def test_a_catalog_from_a_newer_seasontrack_is_refused_untouched(run: Run, db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = db.read_bytes()
    result = run("list", code=3)
    assert result.stderr.startswith("Error: ")
    assert "newer seasontrack" in result.stderr
    assert db.read_bytes() == before
    assert not Path(str(db) + "-wal").exists()
    with pytest.raises(StoreError), open_catalog(db):
        pass


def test_a_file_that_is_not_a_catalog_is_a_store_error(run: Run, db: Path) -> None:
    db.write_text("these are my notes, not a database\n" * 100)
    result = run("list", code=3)
    assert "is not a seasontrack catalog" in result.stderr
    assert db.read_text().startswith("these are my notes")


def test_a_folder_given_as_the_catalog_is_refused(run: Run, tmp_path: Path) -> None:
    result = run("list", "--db", str(tmp_path), code=2)
    assert "is a directory" in result.stderr


def test_a_locked_catalog_is_a_store_error_after_waiting(
    run: Run, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("show", "add", "X")
    monkeypatch.setattr("seasontrack.store.files.BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        before = dump(db)
        result = run("show", "add", "Y", code=3)
        assert "locked by another seasontrack" in result.stderr
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert dump(db) == before


def test_the_queries_use_their_indexes(db: Path) -> None:
    with open_catalog(db) as conn:
        plans = {
            "title": "SELECT id FROM shows WHERE title = ? COLLATE NOCASE",
            "alias": "SELECT show_id FROM show_aliases WHERE alias = ? COLLATE NOCASE",
            "season": "SELECT id FROM seasons WHERE show_id = ? AND number = ?",
            "person": "SELECT id FROM people WHERE name = ? COLLATE NOCASE",
        }
        for name, sql in plans.items():
            plan = " ".join(
                r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, ("x", 1)[: sql.count("?")])
            )
            assert "USING" in plan and "INDEX" in plan, (name, plan)


def test_worker_processes_derive_the_same_release_index(run: Run, db: Path) -> None:
    """A big import has worker processes work out the releases; a reader cannot tell."""
    from seasontrack.store.seasons import rebuild_stale

    run("import", str(Path(__file__).parent.parent / "data" / "catalog.json"))
    derived = []
    for parallel_from in (10**9, 1):
        with open_catalog(db) as conn, transaction(conn):
            conn.execute("INSERT OR IGNORE INTO stale_seasons SELECT id FROM seasons")
            # A moved release, to count in the revision either way.
            conn.execute("UPDATE releases SET start = '1999-01-01' WHERE position = 0")
            assert rebuild_stale(conn, parallel_from=parallel_from) > 1
            derived.append(
                (
                    conn.execute("SELECT * FROM releases ORDER BY season_id, position").fetchall(),
                    conn.execute("SELECT * FROM seasons ORDER BY id").fetchall(),
                )
            )
    (releases, seasons), (releases_again, seasons_again) = derived

    def without(name: str, rows: list[sqlite3.Row]) -> list[dict[str, object]]:
        return [{k: v for k, v in zip(r.keys(), r, strict=True) if k != name} for r in rows]

    assert releases and without("sequence", releases) == without("sequence", releases_again)
    # Each round moved every season's first release back where it was: each first
    # release's feed SEQUENCE rose each time, the others' did not.
    assert [r["sequence"] + (r["position"] == 0) for r in releases] == [
        r["sequence"] for r in releases_again
    ]

    def without_revision(rows: list[sqlite3.Row]) -> list[dict[str, object]]:
        return without("revision", rows)

    assert seasons and without_revision(seasons) == without_revision(seasons_again)
    # Each round moved every season's first release back where it was: counted each time.
    assert [r["revision"] + 1 for r in seasons] == [r["revision"] for r in seasons_again]


def test_the_releases_of_a_period_are_read_from_the_index_alone(db: Path) -> None:
    """`upcoming`, `calendar` and `remind` read a range of the index by start, never the
    releases table itself (stored by season, so a month's releases lie all over the file)."""
    with open_catalog(db) as conn:
        plan = " ".join(
            r[3]
            for r in conn.execute(
                "EXPLAIN QUERY PLAN SELECT * FROM release_rows"
                " WHERE exact = 1 AND starts_at BETWEEN ? AND ?",
                ("2026-01-01", "2026-02-01"),
            )
        )
    assert "COVERING INDEX releases_by_start" in plan, plan
