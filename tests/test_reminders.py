"""`remind` as cron runs it: a week of hourly runs, gaps, postponements, failures, two at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import Run, add_weekly, dump

NEW_YORK = ZoneInfo("America/New_York")
BIN = Path(sys.executable).parent


def hourly(start: str, hours: int) -> list[str]:
    first = datetime.fromisoformat(start)
    return [(first + timedelta(hours=h)).isoformat(timespec="minutes") for h in range(hours)]


@pytest.fixture
def week(run: Run) -> None:
    """Releases in the week of March 5, 2018, in New York's zone (the tests' zone)."""
    run("show", "add", "Jessica Jones", "--network", "Netflix")
    run(
        "season",
        "add",
        "Jessica Jones",
        "2",
        "--premiere",
        "March 8, 2018 00:01 PST",
        "--release",
        "all-at-once",
        "--episodes",
        "13",
    )
    add_weekly(run, "March 6, 2018", 2)
    run("show", "add", "Not followed", "--no-follow")
    run("season", "add", "Not followed", "1", "--premiere", "March 7, 2018")
    run("show", "add", "Vague")
    run("season", "add", "Vague", "1", "--premiere", "March 2018")


def test_a_week_of_hourly_runs_reminds_each_release_and_lead_once(run: Run, week: None) -> None:
    said: list[tuple[str, str]] = []
    for now in hourly("2018-02-26T00:30", 24 * 17):
        result = run("remind", "--now", now, "--format", "{code} {show} {lead} {countdown}")
        said += [(now, line) for line in result.stdout.splitlines()]
    assert said == [
        ("2018-02-27T00:30", "S1E1 Weekly 7d in 7 days"),
        ("2018-03-01T00:30", "S2E1-E13 Jessica Jones 7d in 7 days"),
        ("2018-03-05T00:30", "S1E1 Weekly 1d tomorrow 21:00"),
        ("2018-03-06T00:30", "S1E1 Weekly 0d today 21:00"),
        ("2018-03-06T00:30", "S1E2 Weekly 7d in 7 days"),
        ("2018-03-07T00:30", "S2E1-E13 Jessica Jones 1d tomorrow 03:01"),
        ("2018-03-08T00:30", "S2E1-E13 Jessica Jones 0d in 2 h 31 min"),
        ("2018-03-12T00:30", "S1E2 Weekly 1d tomorrow 21:00"),
        ("2018-03-13T00:30", "S1E2 Weekly 0d today 21:00"),
        # Its last episode out, the weekly season is complete (a season out all at once is
        # told whole by its release): an alert of its own kind, once, with no lead.
        ("2018-03-13T21:30", "S1 Weekly  30 min ago"),
    ]


def test_nothing_due_prints_nothing_and_exits_0_or_1_with_exit_code(run: Run, week: None) -> None:
    result = run("remind", "--now", "2018-01-01")
    assert (result.stdout, result.stderr) == ("", "")
    run("remind", "--now", "2018-01-01", "--exit-code", code=1)
    assert run("remind", "--now", "2018-03-01T01:00", "--exit-code").stdout != ""


def test_a_machine_that_was_off_catches_up_once(run: Run, week: None) -> None:
    result = run("remind", "--now", "2018-03-10T09:00", "--format", "{code} {lead} {countdown}")
    # Each release once, with its latest lead, however many leads it missed.
    assert result.stdout.splitlines() == [
        "S1E1 0d released 4 days ago",
        "S2E1-E13 0d released 2 days ago",
        "S1E2 7d in 3 days",
    ]
    assert run("remind", "--now", "2018-03-10T10:00").stdout == ""
    # Beyond the catch-up window, an old release is not reminded.
    run("show", "add", "Old")
    run("season", "add", "Old", "1", "--premiere", "2018-02-01")
    assert "Old" not in run("remind", "--now", "2018-03-10T11:00").stdout
    assert "Old" in run("remind", "--now", "2018-03-10T11:00", "--catch-up", "60d").stdout


def test_a_postponed_release_is_reminded_again_for_its_new_date(run: Run, week: None) -> None:
    assert "Jessica" in run("remind", "--now", "2018-03-01T01:00").stdout
    run("season", "edit", "Jessica Jones", "2", "--premiere", "March 16, 2018 00:01 PST")
    again = run("remind", "--now", "2018-03-09T01:00", "--format", "{show} {when} {lead}")
    assert [line for line in again.stdout.splitlines() if "Jessica" in line] == [
        "Jessica Jones March 16, 2018 03:01 EDT 7d"
    ]


def test_dry_run_records_nothing_and_again_ignores_the_record(
    run: Run, week: None, db: Path
) -> None:
    before = dump(db)
    first = run("remind", "--now", "2018-03-01T01:00", "--dry-run").stdout
    assert first == run("remind", "--now", "2018-03-01T01:00", "--dry-run").stdout != ""
    assert dump(db) == before
    assert run("remind", "--now", "2018-03-01T01:00").stdout == first
    assert run("remind", "--now", "2018-03-01T01:00").stdout == ""
    assert run("remind", "--now", "2018-03-01T01:00", "--again").stdout == first


def test_json_lines_and_format_fields(run: Run, week: None) -> None:
    lines = run("remind", "--now", "2018-03-01T01:00", "--json").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert records[-1] == {
        "show": "Jessica Jones",
        "season": "2",
        "episodes": "E1-E13",
        "code": "S2E1-E13",
        "title": "",
        "when": "March 8, 2018 03:01 EST",
        "date": "2018-03-08",
        "time": "03:01",
        "countdown": "in 7 days",
        "lead": "7d",
        "network": "Netflix",
        # The alert's kind; what the release is, apart.
        "kind": "release",
        "release_kind": "premiere",
        "was": "",
        "source": "",
        # Its trailer has no link and it has no source.
        "link": "",
        "part": "",
        "part_title": "",
        "message": "Jessica Jones S2E1-E13: March 8, 2018 03:01 EST (in 7 days)",
    }
    bad = run("remind", "--now", "2018-03-01T01:00", "--format", "{shwo} {season}", code=2)
    assert "unknown field {shwo} (did you mean 'show'?)" in bad.stderr
    attribute = run("remind", "--format", "{show.__class__}", code=2)
    assert "unknown field" in attribute.stderr
    assert "bad lead" not in run("remind", "--lead", "3x", code=2).stderr
    assert "7d,1d,0d or 2h" in run("remind", "--lead", "3x", code=2).stderr


def test_leads_come_from_the_option_or_the_settings(run: Run, week: None) -> None:
    assert run("remind", "--now", "2018-03-01T01:00", "--lead", "2d").stdout == ""
    run("config", "set", "remind.lead", "9d")
    assert (
        "Weekly" in run("remind", "--now", "2018-02-25T01:00", "--format", "{show} {lead}").stdout
    )


def test_exec_gets_fields_in_its_environment_and_failures_are_retried(
    run: Run, week: None, tmp_path: Path
) -> None:
    log = tmp_path / "log.jsonl"
    script = tmp_path / "notify.py"
    script.write_text(
        "import json, os, sys\n"
        f"with open({str(log)!r}, 'a') as f:\n"
        "    fields = {k: v for k, v in os.environ.items() if k.startswith('SEASONTRACK_')}\n"
        "    f.write(json.dumps(fields) + '\\n')\n"
        "sys.exit(int(os.environ.get('FAIL', '0')))\n"
    )
    command = f"{sys.executable} {script}"
    os.environ["FAIL"] = "1"
    try:
        failed = run("remind", "--now", "2018-03-01T01:00", "--exec", command, code=5)
    finally:
        del os.environ["FAIL"]
    assert failed.stdout == ""
    assert "exited 1 for Jessica Jones S2E1-E13; will retry next run" in failed.stderr
    delivered = run("remind", "--now", "2018-03-01T02:00", "--exec", command)
    assert delivered.stdout == ""
    runs = [json.loads(line) for line in log.read_text().splitlines()]
    jessica = [r for r in runs if r["SEASONTRACK_SHOW"] == "Jessica Jones"]
    assert len(jessica) == 2  # once failed, once delivered
    assert jessica[-1]["SEASONTRACK_WHEN"] == "March 8, 2018 03:01 EST"
    assert jessica[-1]["SEASONTRACK_LEAD"] == "7d"
    assert run("remind", "--now", "2018-03-01T03:00", "--exec", command).stdout == ""
    assert len(log.read_text().splitlines()) == len(runs)


def test_exec_passes_hostile_titles_intact_and_runs_none_of_them(run: Run, tmp_path: Path) -> None:
    hostile = 'Bob\'s "Show" $(touch PWNED) `touch PWNED2`; rm -rf x\nsecond line'
    run("show", "add", hostile)
    run("season", "add", "Bob's", "1", "--premiere", "March 8, 2018")
    out = tmp_path / "seen.txt"
    script = tmp_path / "record.py"
    script.write_text(f"import os\nopen({str(out)!r}, 'w').write(os.environ['SEASONTRACK_SHOW'])\n")
    run("remind", "--now", "2018-03-08T01:00", "--exec", f"{sys.executable} {script}")
    assert out.read_text() == hostile
    assert not list(Path.cwd().glob("PWNED*")) and not list(tmp_path.glob("PWNED*"))
    # Printed, the same title cannot break the line or drive the terminal.
    printed = run("remind", "--now", "2018-03-08T01:00", "--again").stdout
    assert printed == (
        'Bob\'s "Show" $(touch PWNED) `touch PWNED2`; rm -rf x\\nsecond line S1:'
        " March 8, 2018 (out today)\n"
    )


def test_two_reminds_at_once_send_each_reminder_once(db: Path, run: Run, tmp_path: Path) -> None:
    shows = [
        {
            "title": f"Show {i:03d}",
            "seasons": [{"number": 1, "premiere": {"precision": "day", "start": "2018-03-08"}}],
        }
        for i in range(150)
    ]
    catalog = tmp_path / "many.json"
    catalog.write_text(json.dumps({"format": "seasontrack-catalog", "version": 1, "shows": shows}))
    run("import", str(catalog))
    command = [str(BIN / "seasontrack"), "remind", "--now", "2018-03-05T12:00"]
    processes = [
        subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], [err for _, err in outputs]
    lines = [line for out, _ in outputs for line in out.splitlines()]
    assert len(lines) == 150
    assert len(set(lines)) == 150


def test_cron_line_install_and_uninstall(
    run: Run, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    line = run("cron").stdout.strip()
    assert line.startswith("0 * * * * SEASONTRACK_DB=")
    assert str(db.resolve()) in line
    assert line.endswith("remind # seasontrack remind")
    program = line.split()[6]
    assert Path(program).is_absolute() and Path(program).exists()

    store = tmp_path / "crontab.txt"
    store.write_text("MAILTO=me@example.org\n@daily backup\n")
    fake = tmp_path / "bin" / "crontab"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\nif [ "$1" = "-l" ]; then cat {store}; else cat > {store}; fi\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    run("cron", "--install")
    assert run("cron", "--install").stdout == "Already in your crontab.\n"
    assert store.read_text() == f"MAILTO=me@example.org\n@daily backup\n{line}\n"
    run("cron", "--uninstall")
    assert store.read_text() == "MAILTO=me@example.org\n@daily backup\n"
    assert "nothing to remove" in run("cron", "--uninstall").stdout


def test_a_run_stopped_half_way_gives_back_what_it_did_not_print(
    run: Run, week: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from seasontrack.clock import Clock
    from seasontrack.services.reminders import Reminder

    now = ("--now", "2018-03-06T00:30", "--format", "{code} {show} {lead}")
    printed = Reminder.fields

    def stop_at_the_second(self: Reminder, clock: Clock) -> dict[str, str]:
        if calls:
            raise KeyboardInterrupt
        calls.append(self)
        return printed(self, clock)

    calls: list[Reminder] = []
    monkeypatch.setattr(Reminder, "fields", stop_at_the_second)
    assert run("remind", *now, code=130).stdout.splitlines() == ["S1E1 Weekly 0d"]
    monkeypatch.setattr(Reminder, "fields", printed)
    # The first was printed and stays sent; the others come at the next run, once.
    assert run("remind", *now).stdout.splitlines() == [
        "S2E1-E13 Jessica Jones 7d",
        "S1E2 Weekly 7d",
    ]
    assert run("remind", *now).stdout == ""
