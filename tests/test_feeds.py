"""Calendar feeds and spreadsheets: ICS parsed back with icalendar, CSV round trips."""

from __future__ import annotations

import ast
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from tests.conftest import Run, dump, on_terminal


def events(ics: bytes) -> dict[str, dict[str, Any]]:
    calendar = Calendar.from_ical(ics)
    return {
        str(e["uid"]): {
            "summary": str(e["summary"]),
            "start": e.decoded("dtstart"),
            "sequence": int(e.get("sequence", 0)),
            "description": str(e.get("description", "")),
        }
        for e in calendar.walk("VEVENT")
    }


@pytest.fixture
def feed(run: Run, jessica: None) -> None:
    run("show", "add", "Weekly", "--network", "HBO")
    run(
        "season",
        "add",
        "Weekly",
        "1",
        "--premiere",
        "Sunday Jan 7, 2024 21:00",
        "--tz",
        "America/New_York",
        "--release",
        "weekly",
        "--episodes",
        "3",
    )
    run("show", "add", "Vague")
    run("season", "add", "Vague", "1", "--premiere", "March 2025")
    run("season", "add", "Vague", "2", "--premiere", "2026")


def test_ics_has_one_event_per_release_known_to_the_day(run: Run, feed: None) -> None:
    result = run("export", "--format", "ics")
    assert result.stderr == (
        "Left out 2 releases known only to the month, season or year, or TBA.\n"
    )
    found = events(result.stdout_bytes)
    summaries = sorted(e["summary"] for e in found.values())
    assert summaries == [
        "Jessica Jones S1 premiere",
        "Jessica Jones S2 premiere",
        "Weekly S1 premiere",
        "Weekly S1E2",
        "Weekly S1E3 (finale)",
    ]
    by_summary = {e["summary"]: e for e in found.values()}
    jj = by_summary["Jessica Jones S2 premiere"]
    assert str(jj["start"]) == "2018-03-08 00:01:00-08:00"  # timed, in its zone
    assert "Starring Krysten Ritter" in str(jj["description"])
    assert "Episodes 1 to 13, all at once" in str(jj["description"])
    first = by_summary["Jessica Jones S1 premiere"]["start"]
    assert type(first).__name__ == "date"  # all day
    calendar = Calendar.from_ical(result.stdout_bytes)
    assert {str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")} == {
        "America/Los_Angeles",
        "America/New_York",
    }


def test_ics_uids_are_stable_and_a_moved_date_bumps_sequence(run: Run, feed: None) -> None:
    before = events(run("export", "--format", "ics").stdout_bytes)
    assert before == events(run("export", "--format", "ics").stdout_bytes)
    run("season", "edit", "Jessica Jones", "2", "--premiere", "March 9, 2018")
    after = events(run("export", "--format", "ics").stdout_bytes)
    assert set(after) == set(before)
    moved = [uid for uid in after if after[uid]["start"] != before[uid]["start"]]
    assert [after[uid]["summary"] for uid in moved] == ["Jessica Jones S2 premiere"]
    assert after[moved[0]]["sequence"] == before[moved[0]]["sequence"] + 1
    # Editing what does not move a date leaves the sequence alone.
    run("season", "edit", "Jessica Jones", "2", "--synopsis", "A new case.")
    assert events(run("export", "--format", "ics").stdout_bytes) == after


def test_ics_escapes_commas_semicolons_and_newlines_in_titles(run: Run) -> None:
    title = "Law, Order; Special\nVictims"
    run("show", "add", title)
    run("season", "add", "Law,", "1", "--premiere", "2024-01-01")
    raw = run("export", "--format", "ics").stdout_bytes
    assert b"Law\\, Order\\; Special\\nVictims S1 premiere" in raw
    (event,) = events(raw).values()
    assert event["summary"] == f"{title} S1 premiere"


def test_ics_within_and_show_filters(run: Run, feed: None, tmp_path: Path) -> None:
    out = tmp_path / "tv.ics"
    run("export", "-o", str(out), "--within", "10d", "--now", "2024-01-10")
    assert sorted(e["summary"] for e in events(out.read_bytes()).values()) == ["Weekly S1E2"]
    only = events(run("export", "--format", "ics", "--show", "jessica").stdout_bytes)
    assert len(only) == 2
    assert "did you mean 'ics'" in run("export", "--format", "icss", code=2).stderr
    assert "no show called" in run("export", "--show", "Nope", code=1).stderr


def test_csv_opens_cleanly_and_round_trips(run: Run, feed: None, tmp_path: Path) -> None:
    sheet = tmp_path / "seasons.csv"
    run("export", "-o", str(sheet))
    raw = sheet.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with the BOM spreadsheets look for
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    jj = next(r for r in rows if r["show"] == "Jessica Jones" and r["season"] == "2")
    assert (jj["premiere"], jj["premiere_precision"], jj["release_time"], jj["release_tz"]) == (
        "2018-03-08",
        "day",
        "00:01",
        "America/Los_Angeles",
    )
    vague = next(r for r in rows if r["show"] == "Vague" and r["season"] == "1")
    assert (vague["premiere"], vague["premiere_precision"]) == ("2025-03-01", "month")
    other = tmp_path / "other.db"
    assert "3 added" in run("import", str(sheet), "--db", str(other)).stdout
    again = tmp_path / "again.csv"
    run("export", "-o", str(again), "--db", str(other))
    assert again.read_bytes() == raw
    before = dump(other)
    assert "0 added, 0 changed, 3 unchanged" in run("import", str(sheet), "--db", str(other)).stdout
    assert dump(other) == before


def test_csv_per_release(run: Run, feed: None) -> None:
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", "--episodes").stdout)))
    weekly = [r for r in rows if r["show"] == "Weekly"]
    assert [(r["episode"], r["release"], r["finale"]) for r in weekly] == [
        ("1", "2024-01-07T21:00:00-05:00", ""),
        ("2", "2024-01-14T21:00:00-05:00", ""),
        ("3", "2024-01-21T21:00:00-05:00", "yes"),
    ]


def test_a_minimal_sheet_imports(run: Run, tmp_path: Path) -> None:
    sheet = tmp_path / "mine.csv"
    sheet.write_text(
        "Show,Season,Premiere,Network\n"
        'Severance,2,"January 17, 2025",Apple TV+\n'
        "Severance,3,2026,Apple TV+\n"
        '"Law, Order",25,TBA,NBC\n',
        encoding="utf-8",
    )
    assert "2 added" in run("import", str(sheet)).stdout
    data = json.loads(run("info", "Severance", "--json").stdout)
    assert data["network"] == "Apple TV+"
    assert [s["premiere"]["text"] for s in data["seasons"]] == ["January 17, 2025", "2026"]


def test_bad_csv_rows_are_reported_with_line_numbers_and_nothing_is_written(
    run: Run, jessica: None, tmp_path: Path, db: Path
) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text(
        "show,season,premiere,network\n"
        "Good,1,2024-01-01,HBO\n"
        "Bad date,1,Marhc 2024,HBO\n"
        '"Multi\nline",x,2024,HBO\n'
        "Twice,1,2024,HBO\n"
        "Twice,1,2025,HBO\n",
        encoding="utf-8",
    )
    before = dump(db)
    result = run("import", str(sheet), code=2)
    lines = result.stderr.splitlines()
    assert lines[0] == f"Error: {sheet}: nothing was imported; fix these and try again:"
    assert lines[1].startswith(f"  {sheet}: line 3: can't read 'Marhc 2024' as a date")
    assert lines[2] == f"  {sheet}: line 4: season 'x' should be a number, like 2"
    assert lines[3] == f"  {sheet}: line 7: Twice season 1 appears twice"
    assert dump(db) == before
    header = tmp_path / "header.csv"
    header.write_text("title,premiere\nX,2024\n")
    assert (
        "line 1: the header needs the columns show and season"
        in run("import", str(header), code=2).stderr
    )


def test_import_dry_run_of_a_sheet(run: Run, jessica: None, tmp_path: Path, db: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("show,season,premiere\nJessica Jones,3,2019-06-14\nNew one,1,2027\n")
    before = dump(db)
    out = run("import", str(sheet), "--dry-run").stdout
    assert "1 added, 1 changed, 0 unchanged" in out
    assert "added: New one" in out and "changed: Jessica Jones" in out
    assert dump(db) == before


def modules_loaded_by(*args: str) -> tuple[str, list[str]]:
    """Run seasontrack in a fresh interpreter: what it printed, and every module it loaded."""
    probe = (
        "import sys\n"
        "from seasontrack.cli import main\n"
        f"sys.argv = ['seasontrack', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    loaded: list[str] = ast.literal_eval(done.stderr.strip().splitlines()[-1])
    # The probe works: it saw the command's own modules.
    assert "seasontrack.cli" in loaded and "typer" in loaded
    return done.stdout, loaded


def test_next_loads_neither_rich_nor_the_date_parser_nor_icalendar_nor_other_commands(
    db: Path, run: Run
) -> None:
    run("show", "add", "X")
    run("season", "add", "X", "1", "--premiere", "2030-01-01")
    out, loaded = modules_loaded_by("next", "X", "--field", "days", "--now", "2029-12-25T10:00")
    assert out == "7\n"
    heavy = [
        m
        for m in loaded
        if m.split(".")[0] in ("rich", "icalendar", "ijson", "httpx")
        or m == "dateutil.parser"
        # The catalog's records (shows with their seasons, people, trailers): `next` reads
        # releases only, and each frozen dataclass costs start-up time.
        or m in ("seasontrack.models.catalog", "seasontrack.schedule")
        or (
            m.startswith("seasontrack.cli.")
            and m not in ("seasontrack.cli.common", "seasontrack.cli.scripting")
        )
    ]
    assert heavy == []


def test_an_imported_episode_title_reaches_upcoming_without_moving_the_feed(
    run: Run, feed: None, tmp_path: Path
) -> None:
    before = events(run("export", "--format", "ics").stdout_bytes)
    document = json.loads(run("export").stdout)
    weekly = next(s for s in document["shows"] if s["title"] == "Weekly")
    weekly["seasons"][0]["episodes"] = [{"number": 2, "title": "The Second"}]
    changed = tmp_path / "titled.json"
    changed.write_text(json.dumps(document))
    assert "1 changed" in run("import", str(changed)).stdout
    rows = json.loads(run("upcoming", "--episodes", "--now", "2024-01-01", "--json").stdout)
    assert [r["episode_title"] for r in rows if r["show"] == "Weekly"] == [None, "The Second", None]
    after = events(run("export", "--format", "ics").stdout_bytes)
    assert {uid: e["sequence"] for uid, e in after.items()} == {
        uid: e["sequence"] for uid, e in before.items()
    }


def test_help_and_completion_load_no_service_store_or_drawing_module(db: Path) -> None:
    # `seasontrack --help` (and a shell completing a command's name) lists every command
    # from the registry, building none; the services, the store and Rich's views load only
    # when a command runs.
    out, loaded = modules_loaded_by("--help")
    assert "upcoming" in out
    heavy = [
        m
        for m in loaded
        if m.startswith(("seasontrack.services", "seasontrack.store", "seasontrack.render"))
        or m.startswith("seasontrack.models")
        or m == "seasontrack.schedule"
        # The list of commands comes from the registry: no command is built for it.
        or m.startswith("seasontrack.cli.")
    ]
    assert heavy == []


@pytest.mark.parametrize(
    "args",
    [
        ["next", "X", "--field", "days"],
        ["list"],
        ["info", "X"],
        ["info", "X", "--json"],
        ["upcoming"],
        ["remind", "--dry-run"],
        ["export", "--format", "ics"],
        ["cron"],
        ["--help"],
    ],
)
def test_commands_without_the_network_never_import_httpx(
    db: Path, run: Run, args: list[str]
) -> None:
    """httpx is for `fetch` and `sync` only; every other command starts without it."""
    run("show", "add", "X")
    _, loaded = modules_loaded_by(*args)
    network = [
        m for m in loaded if m.split(".")[0] == "httpx" or m.startswith("seasontrack.providers.")
    ]
    assert network == []


# ---------------------------------------------------------------------------- nothing passed on

FORMULAS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("https://example.org","click")',
    "@SUM(1)",
    "+1-2",
    "-2+3",
    "\tTabbed",
    "'Allo 'Allo!",
    "''Quoted twice",
    "'=Already quoted",
    "'+",
    "'",
]


def test_csv_export_neutralises_formulas_and_import_reads_them_back_exactly(
    run: Run, tmp_path: Path
) -> None:
    for number, title in enumerate(FORMULAS, start=1):
        run("show", "add", "--network", "@Network", "--country", "=US", "--", title)
        run("season", "add", "--premiere", "2030-01-05", "--", title, str(number))
    sheet = tmp_path / "formulas.csv"
    run("export", "--format", "csv", "-o", str(sheet))
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))

    # Every cell a spreadsheet would run starts with ' instead (OWASP's advice).
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    by_title = {row["show"] for row in rows}
    assert "'=cmd|' /C calc'!A0" in by_title
    assert "'Allo 'Allo!" in by_title  # an apostrophe before a letter is left alone
    assert "'''Quoted twice" in by_title
    assert {row["network"] for row in rows} == {"'@Network"}
    episodes = run("export", "--format", "csv", "--episodes").stdout
    assert "\n=" not in episodes and ",=" not in episodes and ",@" not in episodes

    other = tmp_path / "other.db"
    run("import", str(sheet), "--db", str(other))
    shows = json.loads(run("list", "--json", "--db", str(other)).stdout)
    assert sorted(s["title"] for s in shows) == sorted(t.strip() for t in FORMULAS)
    assert {s["network"] for s in shows} == {"@Network"}
    assert {s["country"] for s in shows} == {"=US"}


def test_a_hand_written_sheet_keeps_its_apostrophes(run: Run, tmp_path: Path) -> None:
    sheet = tmp_path / "mine.csv"
    sheet.write_text("show,season\n'Allo 'Allo!,1\n'Til Death,2\n")
    run("import", str(sheet))
    titles = sorted(s["title"] for s in json.loads(run("list", "--json").stdout))
    assert titles == ["'Allo 'Allo!", "'Til Death"]


ESCAPES = "Evil\x1b]52;c;cm0gLXJmIH4=\x07\x1b[31mRed\x9b2J"


def _export_on_a_terminal(db: Path, *args: str) -> bytes:
    command = [str(Path(sys.executable).parent / "seasontrack"), "export", "--db", str(db)]
    return on_terminal([*command, *args], {**os.environ, "TERM": "xterm-256color"})


@pytest.mark.parametrize("export_format", ["csv", "ics", "json"])
def test_export_to_a_terminal_shows_escape_codes_and_to_a_pipe_keeps_them(
    run: Run, db: Path, export_format: str
) -> None:
    run("show", "add", ESCAPES)
    run("season", "add", ESCAPES, "1", "--premiere", "2030-01-05 21:00 Europe/London")

    shown = _export_on_a_terminal(db, "--format", export_format)
    assert b"\x1b" not in shown
    assert "\u009b".encode() not in shown
    # Shown as escapes (JSON spells the first ones its own way); ICS folds long lines.
    assert b"\\x1b" in shown or b"\\u001b" in shown
    assert b"\\x9b" in shown

    command = Path(sys.executable).parent / "seasontrack"
    piped = subprocess.run(
        [str(command), "export", "--db", str(db), "--format", export_format],
        capture_output=True,
        check=True,
    ).stdout
    if export_format == "json":
        assert json.loads(piped)["shows"][0]["title"] == ESCAPES
    else:  # exact bytes (ICS escapes its ";" as "\;")
        assert ESCAPES.replace(";", "\\;" if export_format == "ics" else ";").encode() in piped
