"""The interface for people and scripts: following, progress, next, config, db, --plain."""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from pathlib import Path

import pytest

from tests.conftest import Run, dump

SEED_NOW = "2018-03-05 12:00"


def test_follow_and_unfollow_decide_what_is_reminded(run: Run, jessica: None) -> None:
    assert "Jessica" in run("remind", "--now", "2018-03-01T01:00", "--dry-run").stdout
    assert run("unfollow", "jessica").stdout == "No longer following Jessica Jones.\n"
    assert run("remind", "--now", "2018-03-01T01:00", "--dry-run").stdout == ""
    assert re.search(r"Following +no \(no reminders\)", run("info", "Jessica Jones").stdout)
    run("follow", "jessica")
    assert "Jessica" in run("remind", "--now", "2018-03-01T01:00", "--dry-run").stdout
    run("show", "add", "Skipped", "--no-follow")
    assert [s["followed"] for s in json.loads(run("list", "--json").stdout)] == [True, False]


def test_watched_progress_and_unwatched(run: Run, jessica: None) -> None:
    run("watched", "Jessica Jones", "1")
    run("watched", "Jessica Jones", "2", "1-8")
    run("unwatched", "Jessica Jones", "2", "8")
    (row,) = json.loads(run("list", "--json", "--now", "2018-03-10").stdout)
    assert row["progress"] == {
        "season": 2,
        "watched": 7,
        "released": 13,
        "episodes": 13,
        "text": "S2 7/13",
    }
    assert row["unwatched"] == [{"season": 2, "episodes": [8, 9, 10, 11, 12, 13]}]
    listing = run("list", "--unwatched", "--now", "2018-03-10").stdout
    assert "S2 7/13" in listing and "S2 E8-E13" in listing
    info = run("info", "Jessica Jones", "--now", "2018-03-10").stdout
    assert "Progress       S2 7/13  out and not seen: E8-E13" in info
    assert "Watched   7 of 13 (E1-E7)" in info
    # Before season 2 is out, nothing of it is waiting to be seen.
    assert run("list", "--unwatched", "--now", SEED_NOW).stdout == ""
    run("watched", "Jessica Jones", "2")
    assert run("list", "--unwatched", "--now", "2018-03-10").stdout == ""


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("watched", "Jessica Jones", "2", "14"), 2, "has 13 episodes, not 14"),
        (("watched", "Jessica Jones", "2", "8-3"), 2, "count up from 1"),
        (("watched", "Jessica Jones", "2", "x"), 2, "like 8 or 1-8"),
        (("watched", "Jessica Jones", "5"), 1, "has no season 5"),
        (("unfollow", "Nope"), 1, "no show called 'Nope'"),
    ],
)
def test_progress_errors_change_nothing(
    run: Run, jessica: None, db: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    before = dump(db)
    assert message in run(*args, code=code).stderr
    assert dump(db) == before


def test_next_prints_one_value_for_scripts(run: Run, jessica: None) -> None:
    def field(name: str) -> str:
        return str(run("next", "Jessica Jones", "--field", name, "--now", SEED_NOW).stdout)

    assert field("days") == "3\n"
    assert field("date") == "2018-03-08\n"
    assert field("time") == "03:01\n"
    assert field("datetime") == "2018-03-08T03:01:00-05:00\n"
    assert field("countdown") == "in 3 days\n"
    assert field("seconds") == f"{(2 * 24 + 15) * 3600 + 60}\n"
    assert field("code") == "S2E1-E13\n"
    whole = run("next", "Jessica Jones", "--now", SEED_NOW).stdout
    assert whole == "Jessica Jones S2E1-E13 March 8, 2018 03:01 EST (in 3 days)\n"
    assert "did you mean 'days'" in run("next", "Jessica Jones", "--field", "dayz", code=2).stderr
    assert run("next", "Jessica Jones", code=1).stdout == ""  # nothing still to come today
    run("season", "add", "Jessica Jones", "3", "--premiere", "2019")
    assert (
        run("next", "Jessica Jones", "--field", "precision", "--now", "2018-04-01").stdout
        == "year\n"
    )
    missing = run("next", "Jessica Jones", "--field", "date", "--now", "2018-04-01", code=1)
    assert missing.stdout == "" and "not known yet" in missing.stderr


def test_plain_output_is_tab_separated(run: Run, jessica: None) -> None:
    (row,) = [
        line.split("\t") for line in run("list", "--plain", "--now", SEED_NOW).stdout.splitlines()
    ]
    assert row == [
        "Jessica Jones",
        "Netflix",
        "ended",
        "S2",
        "",
        "S2E1-E13",
        "March 8, 2018 03:01 EST",
        "in 3 days",
        "",
    ]
    (upcoming,) = run("upcoming", "--plain", "--now", SEED_NOW).stdout.splitlines()
    assert upcoming.split("\t") == [
        "Jessica Jones",
        "S2E1-E13",
        "March 8, 2018 03:01 EST",
        "2018-03-08",
        "in 3 days",
        "premiere,finale",
    ]
    found = run("search", "Kilgrave", "--plain").stdout
    assert found == "cast\tJessica Jones\tDavid Tennant\tKilgrave\t2\n"
    cal = run("calendar", "--month", "2018-03", "--plain").stdout
    assert cal == "2018-03-08\t03:01\tJessica Jones\tS2E1-E13\tpremiere,finale\n"


def test_config_is_a_toml_file(run: Run, tmp_path: Path) -> None:
    run("config", "set", "remind.lead", "3d,0d")
    assert run("config", "get", "remind.lead").stdout == "3d,0d\n"
    assert run("config", "get", "remind.catch_up").stdout == "14d\n"
    path = tmp_path / "config" / "seasontrack" / "config.toml"
    import tomllib

    assert tomllib.loads(path.read_text()) == {"remind": {"lead": "3d,0d"}}
    listing = run("config", "list").stdout
    assert "remind.lead = 3d,0d" in listing and "remind.catch_up = 14d  (default)" in listing
    run("config", "unset", "remind.lead")
    assert run("config", "get", "remind.lead").stdout == "7d,1d,0d\n"
    assert "did you mean 'remind.lead'" in run("config", "set", "remind.leed", "1d", code=2).stderr
    assert "7d,1d,0d or 2h" in run("config", "set", "remind.lead", "soon", code=2).stderr
    path.write_text("this is [not toml")
    assert "is not valid TOML" in run("config", "list", code=2).stderr
    assert "is not valid TOML" in run("remind", code=2).stderr


def test_db_path_check_and_backup(run: Run, jessica: None, db: Path, tmp_path: Path) -> None:
    assert run("db", "path").stdout == f"{db}\n"
    check = run("db", "check").stdout
    assert check.startswith("ok: schema ") and "1 shows" in check
    copy = tmp_path / "copy.db"
    run("db", "backup", str(copy))
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT title FROM shows").fetchall() == [("Jessica Jones",)]
    assert "is the catalog itself" in run("db", "backup", str(db), code=2).stderr


def test_backup_is_consistent_while_another_process_writes(
    run: Run, jessica: None, db: Path, tmp_path: Path
) -> None:
    stop = threading.Event()

    def writer() -> None:
        conn = sqlite3.connect(db, timeout=10)
        n = 0
        while not stop.is_set():
            with conn:
                conn.execute("INSERT INTO people (name) VALUES (?)", (f"Extra {n}",))
            n += 1
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        for i in range(5):
            copy = tmp_path / f"copy{i}.db"
            run("db", "backup", str(copy))
            conn = sqlite3.connect(copy)
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            conn.close()
    finally:
        stop.set()
        thread.join()
