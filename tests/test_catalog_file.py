"""The catalog file at its hard edges: a read-only folder, a full disk, a long import holding
the lock, a `remind` killed half-way, damage in the middle of the file, and the copies kept
before upgrades and imports that `db restore` puts back."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import Run, add_weekly, dump

SAMPLE = Path(__file__).parent.parent / "data" / "catalog.json"
CATALOGS = Path(__file__).parent / "data" / "catalogs"


def seasontrack(
    *args: str, prefix: tuple[str, ...] = (), limit: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    """seasontrack as a process of its own, with this test's environment."""
    return subprocess.run(
        [*prefix, sys.executable, "-m", "seasontrack", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        preexec_fn=limit,
        timeout=120,
        check=False,
    )


def without_root() -> tuple[str, ...]:
    """What runs a process without root's power to write anywhere, so that a read-only
    folder is read-only to it too (an ordinary user needs nothing)."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("as root, a read-only folder needs setpriv to drop the power to write")
    return (setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner")


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Callable[[Path], None]]:
    """Makes a file or folder read-only for the test; writable again afterwards."""
    changed: list[Path] = []

    def make(path: Path) -> None:
        path.chmod(0o555 if path.is_dir() else 0o444)
        changed.append(path)

    yield make
    for path in changed:
        path.chmod(0o755 if path.is_dir() else 0o644)


def close_cleanly(db: Path) -> None:
    """What the last writer's exit does: fold the WAL into the file and remove it."""
    conn = sqlite3.connect(db)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()
    assert not Path(f"{db}-wal").exists() and not Path(f"{db}-shm").exists()


READING = [
    ("list", "--now", "2018-03-05 12:00"),
    ("upcoming", "--now", "2018-03-05 12:00", "--within", "400d"),
    ("next", "Jessica Jones", "--now", "2018-03-05 12:00", "--field", "days"),
    ("info", "Jessica Jones", "2"),
    ("search", "kilgrave"),
    ("remind", "--dry-run", "--now", "2019-04-07 08:00"),
    ("export",),
    ("db", "check"),
]


# ---------------------------------------------------------------------------- read-only


def test_a_catalog_in_a_read_only_folder_is_read_and_not_written(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_only: Callable[[Path], None]
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    db = folder / "catalog.db"
    monkeypatch.setenv("SEASONTRACK_DB", str(db))
    run("import", str(SAMPLE))
    expected = {args: run(*args).stdout for args in READING}
    close_cleanly(db)
    before = db.read_bytes()
    read_only(folder)
    prefix = without_root()
    # As the last writer left it (no -wal, no -shm), and as a reader left it (both there).
    for state in ("closed", "read"):
        for args in READING:
            result = seasontrack(*args, prefix=prefix)
            assert (result.returncode, result.stderr) == (0, ""), (state, args)
            assert result.stdout == expected[args], (state, args)
        folder.chmod(0o755)
        run("list")
        assert Path(f"{db}-shm").exists()
        folder.chmod(0o555)

    for args in (("show", "add", "New"), ("watched", "Jessica Jones", "2"), ("remind",)):
        result = seasontrack(*args, prefix=prefix)
        assert result.returncode == 3, args
        assert result.stderr == (
            f"Error: the folder {folder} is read-only, so this command cannot change the"
            f" catalog {db} (SQLite writes catalog.db-wal beside it); reading commands still"
            " work\n"
        )
    assert db.read_bytes() == before


def test_a_read_only_catalog_file_is_read_and_not_written(
    run: Run, db: Path, read_only: Callable[[Path], None]
) -> None:
    run("import", str(SAMPLE))
    expected = run("list", "--now", "2018-03-05 12:00").stdout
    close_cleanly(db)
    read_only(db)
    prefix = without_root()
    listed = seasontrack("list", "--now", "2018-03-05 12:00", prefix=prefix)
    assert (listed.returncode, listed.stdout, listed.stderr) == (0, expected, "")
    added = seasontrack("show", "add", "New", prefix=prefix)
    assert added.returncode == 3
    assert added.stderr == (
        f"Error: the catalog {db} is read-only, so this command cannot change it; reading"
        " commands still work\n"
    )


# ---------------------------------------------------------------------------- full disk


def test_a_backup_to_a_full_disk_names_the_copy_and_leaves_nothing_behind(
    run: Run, db: Path, tmp_path: Path
) -> None:
    run("import", str(SAMPLE))
    out = tmp_path / "out"
    out.mkdir()
    target = out / "copy.db"

    def full_after_64_kb() -> None:
        # Writes past this size fail as on a full disk (the write that crosses it is cut short).
        limit = 64 * 1024 + 512
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    result = seasontrack("db", "backup", str(target), limit=full_after_64_kb)
    assert (result.returncode, result.stdout) == (2, "")
    # (A real full disk says "the disk is full"; a file-size limit is an I/O error to SQLite.)
    assert result.stderr.startswith(f"Error: cannot write {target}: ")
    assert str(db) not in result.stderr and result.stderr.count("\n") == 1
    assert list(out.iterdir()) == []


# ---------------------------------------------------------------------------- locks


@pytest.fixture
def locked(db: Path) -> Iterator[Callable[[float], None]]:
    """Hold the write lock, as a long import does; ``release_after(s)`` lets it go then."""
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    timers: list[threading.Timer] = []

    def release_after(seconds: float) -> None:
        timer = threading.Timer(seconds, lambda: holder.execute("ROLLBACK"))
        timers.append(timer)
        timer.start()

    yield release_after
    for timer in timers:
        timer.join()
    if holder.in_transaction:
        holder.execute("ROLLBACK")
    holder.close()


def test_remind_waits_for_a_long_import_and_reads_without_the_lock_when_nothing_is_due(
    run: Run, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_weekly(run, "March 6, 2018", 2)
    monkeypatch.setattr("seasontrack.store.files.BUSY_TIMEOUT_MS", 100)
    monkeypatch.setattr("seasontrack.store.connection.CRON_TIMEOUT_MS", 20_000)
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    try:
        holder.execute("BEGIN IMMEDIATE")
        # Nothing due: an answer at once, from what the catalog held before the import.
        started = time.monotonic()
        assert run("remind", "--now", "2018-01-01").stdout == ""
        assert time.monotonic() - started < 5
        # An edit gives up after the usual wait.
        assert "locked by another seasontrack" in run("show", "add", "Y", code=3).stderr
        # Something due: remind waits until the import is done, then reminds.
        threading.Timer(1.0, lambda: holder.execute("ROLLBACK")).start()
        due = run("remind", "--now", "2018-03-06T00:30", "--format", "{code} {lead}")
        assert due.stdout.splitlines() == ["S1E1 0d", "S1E2 7d"]
    finally:
        time.sleep(0.1)
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()


# ---------------------------------------------------------------------------- claims


def test_claims_of_a_remind_killed_in_exec_go_stale_by_the_clock_it_ran_on(
    run: Run, db: Path
) -> None:
    add_weekly(run, "March 6, 2018", 2)
    killed = seasontrack(
        "remind", "--now", "2018-03-06T00:30", "--exec", 'sh -c "kill -KILL $PPID"'
    )
    assert killed.returncode == -signal.SIGKILL
    # Ten minutes later on that clock, the claims are still the killed run's: its channel
    # (--exec) sends nothing; printing is another channel, with its own record.
    echo = ["--exec", 'sh -c "echo $SEASONTRACK_CODE $SEASONTRACK_LEAD"']
    assert seasontrack("remind", "--now", "2018-03-06T00:40", *echo).stdout == ""
    assert "stale claim" not in run("db", "check", "--now", "2018-03-06T00:40").stdout
    # Two hours later they are stale: db check says so, and the next remind sends them.
    check = run("db", "check", "--now", "2018-03-06T02:30").stdout.splitlines()
    assert check[1:] == [
        "stale claim: Weekly S1E1 (2018-03-06 21:00 EST) on exec, lead 0d, 1d, 7d:"
        " claimed 2018-03-06 00:30 EST by a remind that stopped; the next remind sends it",
        "stale claim: Weekly S1E2 (2018-03-13 21:00 EDT) on exec, lead 7d: claimed"
        " 2018-03-06 00:30 EST by a remind that stopped; the next remind sends it",
    ]
    late = seasontrack("remind", "--now", "2018-03-06T02:30", *echo)
    assert late.stdout.splitlines() == ["S1E1 0d", "S1E2 7d"]
    assert "stale claim" not in run("db", "check", "--now", "2018-03-06T02:30").stdout


# ---------------------------------------------------------------------------- damage

MARKER = "a summary to find in the file"


def many_shows(tmp_path: Path, count: int = 600) -> Path:
    shows = [
        {
            "title": f"Show {i:03d}",
            "network": "Netflix",
            "summary": (MARKER if i == count * 3 // 4 else "Another show.") + " " * 200,
            "seasons": [
                {
                    "number": 1,
                    # Those of the first half come out in 2030, the others came out in 2020.
                    "premiere": {"precision": "day", "start": f"{2030 - i // 300 * 10}-01-05"},
                }
            ],
        }
        for i in range(count)
    ]
    path = tmp_path / "many.json"
    path.write_text(json.dumps({"format": "seasontrack-catalog", "version": 1, "shows": shows}))
    return path


def damage_page_of(db: Path, text: str) -> None:
    """Overwrite the header of the page that holds ``text``, as a bad disk block would."""
    close_cleanly(db)
    data = bytearray(db.read_bytes())
    page = data.index(text.encode()) // 4096
    assert page > 0
    data[page * 4096 : page * 4096 + 8] = b"\xff" * 8
    db.write_bytes(bytes(data))


def test_a_damaged_page_mid_file_is_found_and_nothing_writes_into_it(
    run: Run, db: Path, tmp_path: Path
) -> None:
    run("import", str(many_shows(tmp_path)))
    damage_page_of(db, MARKER)
    before = db.read_bytes()

    # What upcoming reads is elsewhere in the file: it still answers.
    upcoming = run("upcoming", "--now", "2030-01-01", "--plain", "--limit", "0").stdout
    assert len(upcoming.splitlines()) == 300
    listed = run("list", code=3).stderr
    assert listed.startswith(f"Error: the catalog {db} is damaged (")
    assert "`seasontrack db restore FILE` puts one back" in listed
    assert listed.count("\n") == 1
    check = run("db", "check", code=3)
    assert check.stdout.startswith("damaged: schema ")

    for args in (("show", "add", "New"), ("follow", "Show 000"), ("import", str(SAMPLE))):
        refused = run(*args, code=3).stderr
        assert refused.startswith(f"Error: the catalog {db} is damaged ("), args
        assert "nothing was written" in refused and "db restore" in refused
    assert db.read_bytes() == before


def test_a_file_that_is_not_a_catalog_is_still_called_so(run: Run, db: Path) -> None:
    db.write_bytes(b"these are my notes, not a database\n" * 100)
    assert run("list", code=3).stderr == (
        f"Error: {db} is not a seasontrack catalog (file is not a database)\n"
    )


def test_a_catalog_whose_header_is_damaged_says_so_and_how_to_restore(
    run: Run, db: Path, tmp_path: Path
) -> None:
    run("show", "add", "X")
    copy = tmp_path / "copy.db"
    run("db", "backup", str(copy))
    close_cleanly(db)
    data = bytearray(db.read_bytes())
    data[16:24] = b"\xff" * 8  # page size and format numbers
    db.write_bytes(bytes(data))
    stderr = run("list", code=3).stderr
    assert stderr.startswith(f"Error: the catalog {db} is damaged (")
    assert stderr.endswith(
        "; `seasontrack db backups` lists the copies kept before imports and upgrades, and"
        " `seasontrack db restore FILE` puts one back\n"
    )
    # What cannot be read at all is replaced as a file, and kept as it was.
    restored = run("db", "restore", str(copy), "--yes").stdout.splitlines()
    assert restored[1].endswith("-restore-damaged.db.")
    assert titles(run) == ["X"]
    run("show", "add", "Y")
    assert titles(run) == ["X", "Y"]


# ---------------------------------------------------------------------------- copies


def extra(tmp_path: Path, title: str) -> Path:
    path = tmp_path / f"{title}.json"
    path.write_text(
        json.dumps({"format": "seasontrack-catalog", "version": 1, "shows": [{"title": title}]})
    )
    return path


def kept(run: Run) -> list[list[str]]:
    return [line.split("\t") for line in run("db", "backups").stdout.splitlines()]


def titles(run: Run, *args: str) -> list[str]:
    return [show["title"] for show in json.loads(run("list", "--json", *args).stdout)]


def test_an_import_keeps_a_copy_and_db_restore_puts_it_back(
    run: Run, db: Path, tmp_path: Path
) -> None:
    run("import", str(SAMPLE))
    # Nothing to lose before the first import: no copy.
    assert run("db", "backups").stderr.startswith("No copies kept yet")
    run("show", "add", "Mine")
    run("import", str(extra(tmp_path, "Extra")))
    run("import", str(extra(tmp_path, "Extra")))  # changes nothing: no copy
    [[copy, made, why]] = kept(run)
    assert why == "before import"
    assert made.endswith(" EST") or made.endswith(" EDT")
    backups = tmp_path / "data" / "seasontrack" / "backups"
    assert Path(copy).parent.parent == backups
    assert Path(copy).name.endswith("-import.db")
    conn = sqlite3.connect(copy)
    assert ("Mine",) in conn.execute("SELECT title FROM shows").fetchall()
    assert ("Extra",) not in conn.execute("SELECT title FROM shows").fetchall()
    conn.close()

    assert "add --yes" in run("db", "restore", copy, code=2).stderr
    restored = run("db", "restore", copy, "--yes").stdout.splitlines()
    assert restored[0] == f"Restored {db} from {copy} (7 shows, schema {schema()})."
    assert "Extra" not in titles(run) and "Mine" in titles(run)
    # The catalog as it was before the restore is kept too, so a restore can be undone.
    assert [why for _, _, why in kept(run)] == ["before restore", "before import"]
    assert restored[1] == f"The catalog as it was is kept in {kept(run)[0][0]}."
    run("show", "add", "After the restore")
    assert "After the restore" in titles(run)


def schema() -> int:
    from seasontrack.store.migrations import SCHEMA_VERSION

    return SCHEMA_VERSION


def test_the_last_five_copies_are_kept(run: Run, tmp_path: Path) -> None:
    run("show", "add", "First")
    for n in range(7):
        run("import", str(extra(tmp_path, f"Extra {n}")))
    copies = kept(run)
    assert len(copies) == 5
    made = [when for _, when, _ in copies]
    assert made == sorted(made, reverse=True)
    newest = sqlite3.connect(copies[0][0])
    assert newest.execute("SELECT count(*) FROM shows").fetchone() == (7,)
    newest.close()


def test_each_catalog_keeps_its_own_copies(run: Run, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere" / "catalog.db"
    run("show", "add", "Here")
    run("show", "add", "There", "--db", str(other))
    run("import", str(extra(tmp_path, "One")))
    run("import", str(extra(tmp_path, "Two")), "--db", str(other))
    [[here, _, _]] = kept(run)
    [[there, _, _]] = [
        line.split("\t") for line in run("db", "backups", "--db", str(other)).stdout.splitlines()
    ]
    assert here != there


def test_restore_refuses_what_is_not_a_sound_catalog_of_this_version(
    run: Run, db: Path, tmp_path: Path
) -> None:
    run("import", str(SAMPLE))
    before = dump(db)
    notes = tmp_path / "notes.db"
    notes.write_text("not a database")
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.close()
    newer = tmp_path / "newer.db"
    run("db", "backup", str(newer))
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {schema() + 1}")
    conn.close()
    damaged = tmp_path / "damaged.db"
    run("db", "backup", str(damaged))
    data = bytearray(damaged.read_bytes())
    page = data.index(b"Kilgrave") // 4096
    data[page * 4096 : page * 4096 + 8] = b"\xff" * 8
    damaged.write_bytes(bytes(data))

    for path, says in (
        (notes, f"Error: {notes} is not a seasontrack catalog (not an SQLite file)\n"),
        (other, f"Error: {other} is an SQLite file but not a seasontrack catalog\n"),
        (newer, f"Error: {newer} was written by a newer seasontrack (schema {schema() + 1};"),
        (damaged, f"Error: {damaged} is damaged ("),
        (tmp_path / "missing.db", f"Error: {tmp_path / 'missing.db'}: no such file\n"),
        (db, f"Error: {db} is the catalog itself; give a copy of it\n"),
    ):
        assert run("db", "restore", str(path), "--yes", code=2).stderr.startswith(says), path
    assert dump(db) == before


def test_an_upgrade_keeps_a_copy_of_the_catalog_as_it_was(run: Run, db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.executescript((CATALOGS / "v9.sql").read_text(encoding="utf-8"))
    conn.close()
    run("list")
    [[copy, _, why]] = kept(run)
    assert why == "before upgrade from schema 9"
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA user_version").fetchone() == (9,)
    conn.close()
    run("list")
    assert len(kept(run)) == 1
