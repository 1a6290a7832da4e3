"""Catalogs written by earlier versions read, once migrated, exactly like their data imported
into a fresh catalog; and the release index follows every write, however it is made.

tests/data/catalogs/vN.sql is the catalog that schema version N's own seasontrack built from
its sample data, and vN.json what that version exported of it (build.py there says how).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from seasontrack.store import open_catalog, transaction
from seasontrack.store.migrations import SCHEMA_VERSION, shipped
from tests.conftest import Run

CATALOGS = Path(__file__).parent / "data" / "catalogs"
VERSIONS = sorted(int(p.stem[1:]) for p in CATALOGS.glob("v*.sql"))

# What a reader sees of a catalog: every command that reads releases, at a few moments
# around the sample's seasons, and the whole catalog as export writes it.
READINGS = [
    ("export",),
    ("list", "--json", "--now", "2018-03-05 12:00"),
    ("upcoming", "--json", "--limit", "0", "--within", "7300d", "--now", "2010-01-01 00:00"),
    ("upcoming", "--json", "--episodes", "--within", "60d", "--now", "2019-04-10 12:00"),
    ("calendar", "--json", "--month", "2019-05"),
    ("next", "Jessica Jones", "--json", "--now", "2018-03-05 12:00"),
]


def _load(sql: Path, target: Path) -> None:
    conn = sqlite3.connect(target)
    conn.executescript(sql.read_text(encoding="utf-8"))
    conn.close()


def old_and_fresh(run: Run, folder: Path, version: int) -> tuple[Path, Path]:
    """The catalog schema version ``version`` wrote (not yet opened, so not yet migrated),
    and what it exported imported into a fresh catalog."""
    old = folder / "migrated.db"
    _load(CATALOGS / f"v{version}.sql", old)
    fresh = folder / "fresh.db"
    run("import", str(CATALOGS / f"v{version}.json"), "--db", str(fresh))
    return old, fresh


def _readings(run: Run, db: Path) -> list[object]:
    return [json.loads(run(*args, "--db", str(db)).stdout) for args in READINGS]


def _releases(db: Path) -> list[tuple[object, ...]]:
    """The release index, by show title and season number rather than row ids."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            """
            SELECT shows.title, seasons.number, releases.position, first_episode, last_episode,
                releases.title, precision, start, time, tz, premiere, finale, starts_at,
                ends_at, exact
            FROM releases JOIN seasons ON seasons.id = releases.season_id
            JOIN shows ON shows.id = releases.show_id
            ORDER BY shows.title, seasons.number, releases.position
            """
        ).fetchall()
    finally:
        conn.close()


def test_there_are_old_catalogs_to_migrate() -> None:
    # A catalog from before the release index (m005), one from just before the store derived
    # it (m010), and one of the last schema that shipped, before this round's migrations.
    assert VERSIONS[0] < 5 and 9 in VERSIONS and VERSIONS[-1] == len(shipped.MIGRATIONS)
    assert len(shipped.MIGRATIONS) < SCHEMA_VERSION


@pytest.mark.parametrize("version", VERSIONS)
def test_a_migrated_catalog_reads_like_its_data_imported_afresh(
    version: int, run: Run, tmp_path: Path
) -> None:
    migrated, fresh = old_and_fresh(run, tmp_path, version)

    assert _readings(run, migrated) == _readings(run, fresh)
    assert _releases(migrated) == _releases(fresh)
    assert _releases(migrated), "the sample has releases"
    conn = sqlite3.connect(migrated)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT count(*) FROM stale_seasons").fetchone()[0] == 0


def test_a_migrated_catalog_keeps_its_revisions(run: Run, tmp_path: Path) -> None:
    # Rebuilding the index after a migration moves no date, so no calendar event moves.
    migrated = tmp_path / "migrated.db"
    _load(CATALOGS / f"v{VERSIONS[-1]}.sql", migrated)
    before = sqlite3.connect(migrated).execute("SELECT id, revision FROM seasons").fetchall()
    run("list", "--db", str(migrated))
    after = sqlite3.connect(migrated).execute("SELECT id, revision FROM seasons").fetchall()
    assert after == before


def test_a_write_made_in_plain_sql_still_moves_the_release(run: Run, db: Path) -> None:
    run("show", "add", "Plain")
    run("season", "add", "Plain", "1", "--premiere", "2030-05-01", "--episodes", "3")
    run("season", "edit", "Plain", "1", "--release", "all-at-once")
    with open_catalog(db) as conn, transaction(conn):
        # No service call: the store's triggers see the write all the same.
        conn.execute("UPDATE seasons SET premiere_start = '2030-06-01', finale_start = NULL")
    out = run("upcoming", "--json", "--within", "7300d", "--now", "2030-01-01 00:00").stdout
    (item,) = json.loads(out)
    assert item["date"]["start"] == "2030-06-01"
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT revision FROM seasons").fetchone()[0] >= 1


def test_an_episode_title_reaches_the_index_without_moving_the_date(run: Run, db: Path) -> None:
    run("show", "add", "Titled")
    run("season", "add", "Titled", "1", "--premiere", "2030-05-01", "--episodes", "1")
    revision = sqlite3.connect(db).execute("SELECT revision FROM seasons").fetchone()[0]
    run("episode", "add", "Titled", "1", "1", "--title", "Pilot")
    out = run("upcoming", "--json", "--within", "7300d", "--now", "2030-01-01 00:00").stdout
    assert json.loads(out)[0]["episode_title"] == "Pilot"
    assert sqlite3.connect(db).execute("SELECT revision FROM seasons").fetchone()[0] == revision


def test_a_reader_of_an_up_to_date_catalog_takes_no_write_lock(run: Run, db: Path) -> None:
    run("show", "add", "Locked")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert "Locked" in run("list").stdout
    finally:
        holder.execute("ROLLBACK")


def test_reminders_sent_before_channels_were_told_apart_are_not_sent_again(
    run: Run, tmp_path: Path
) -> None:
    # Version 10 recorded a reminder without its channel; after the migration it counts as
    # delivered on every channel: not printed again, not run through --exec, not notified.
    now = ("--now", "2025-11-26T12:00", "--lead", "0d")
    today = tmp_path / "today.db"
    _load(CATALOGS / "v10.sql", today)
    assert run("remind", *now, "--db", str(today)).stdout, "the sample has a release that day"
    with sqlite3.connect(today) as conn:
        sent = conn.execute(
            "SELECT show_id, season, episode, release_at, lead_minutes, state, claimed_at"
            " FROM reminders"
        ).fetchall()
    old = tmp_path / "v10.db"
    _load(CATALOGS / "v10.sql", old)
    with sqlite3.connect(old) as conn:
        conn.executemany("INSERT INTO reminders VALUES (?, ?, ?, ?, ?, ?, ?)", sent)
    assert run("remind", *now, "--db", str(old)).stdout == ""
    assert run("remind", *now, "--db", str(old), "--exec", "false").stdout == ""


def test_a_migrated_catalog_takes_parts_and_breaks(run: Run, tmp_path: Path) -> None:
    migrated = tmp_path / "migrated.db"
    _load(CATALOGS / f"v{VERSIONS[-1]}.sql", migrated)
    db = ("--db", str(migrated))
    run("part", "add", "Stranger Things", "5", "1", "--episodes", "1-4", *db)
    run("part", "edit", "Stranger Things", "5", "1", "--premiere", "November 26, 2025", *db)
    run("part", "add", "Stranger Things", "5", "2", "--episodes", "5-8", *db)
    run("part", "edit", "Stranger Things", "5", "2", "--premiere", "December 25, 2025", *db)
    out = run("next", "Stranger Things", "--json", "--now", "2025-12-01 12:00", *db).stdout
    found = json.loads(out)
    assert (found["first_episode"], found["part"], found["date"]["start"]) == (5, 2, "2025-12-25")
    run("season", "edit", "The Last of Us", "2", "--break", "2025-05-01..2025-05-14", *db)
    (season,) = json.loads(run("info", "The Last of Us", "2", "--json", *db).stdout)["seasons"]
    assert season["breaks"] == [{"from": "2025-05-01", "to": "2025-05-14"}]
