"""Alerts beyond releases (issue 14): a season complete, a premiere dated, a season announced;
what a followed show alerts for; each once per channel, none older than the catch-up window,
nothing repeated after a move to another machine.

Now and the zone are pinned (the zone by the tests' fixture: New York); the moment a write is
recorded (a season's news) follows ``SEASONTRACK_NOW`` like every reading command's "now".
The notification service is a real HTTP server on 127.0.0.1 (Apprise's ``json://``).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from seasontrack.errors import InvalidInput
from seasontrack.inputs import alert_kinds
from seasontrack.models import ALERT_KINDS
from tests.conftest import Run, add_weekly, dump

PATH = "/hook/s3cr3t-t0ken-abcdef"
LINE = ("--format", "{kind} {message}")
COMPLETE = "complete Weekly S1 complete — all 2 out (March 13, 2018 21:00 EDT)"


@pytest.fixture
def hook(httpserver: HTTPServer) -> str:
    return httpserver.url_for(PATH).replace("http://", "json://")


def _posted(httpserver: HTTPServer) -> list[dict[str, str]]:
    return [json.loads(request.data) for request, _ in httpserver.log]


@pytest.fixture
def weekly(run: Run) -> None:
    """Weekly S1: two episodes, March 6 and 13, 2018 at 21:00 New York time; its releases
    reminded (7d, 1d, 0d) by 20:00 on March 13, an hour before it is complete."""
    add_weekly(run, "March 6, 2018", 2)


def _remind(run: Run, now: str, *args: str, code: int = 0) -> str:
    return run("remind", "--now", now, *args, code=code).stdout


def test_a_season_completing_alerts_once_on_every_channel_and_never_again(
    run: Run, weekly: None, hook: str, httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request(PATH).respond_with_data("ok")
    before = _remind(run, "2018-03-13T20:00", "--notify", hook, *LINE)
    assert "complete" not in before and "S1E2" in before
    # At the moment its last episode is out, once, on stdout and the notification service.
    assert _remind(run, "2018-03-13T21:30", "--notify", hook, *LINE) == COMPLETE + "\n"
    complete = [p for p in _posted(httpserver) if "complete" in p["title"]]
    assert [p["title"] for p in complete] == ["Weekly S1 complete"]
    assert "all 2 out" in complete[0]["message"]
    # Never again there, as lines or as JSON.
    assert _remind(run, "2018-03-14T09:00", "--notify", hook) == ""
    assert _remind(run, "2018-03-14T10:00", "--notify", hook, "--json") == ""
    # --exec is a channel of its own: it gets the alert once, with its kind.
    said = tmp_path / "said.txt"
    command = f"sh -c 'echo \"$SEASONTRACK_KIND $SEASONTRACK_MESSAGE\" >> {said}'"
    for now in ("2018-03-14T11:00", "2018-03-14T12:00", "2018-03-20T12:00"):
        _remind(run, now, "--notify", hook, "--exec", command)
    lines = said.read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line.startswith("complete")] == [COMPLETE]
    assert len([p for p in _posted(httpserver) if "complete" in p["title"]]) == 1


def test_a_season_out_all_at_once_is_told_by_its_release_alone(run: Run) -> None:
    run("show", "add", "Binge")
    run("season", "add", "Binge", "1", "--premiere", "2018-03-09 03:00", "--tz", "UTC")
    run("season", "edit", "Binge", "1", "--episodes", "8", "--release", "all-at-once")
    printed = _remind(run, "2018-03-09T09:00", *LINE)
    assert printed.splitlines() == [
        "release Binge S1E1-E8: March 8, 2018 22:00 EST (released yesterday)"
    ]


def test_a_premiere_firmed_up_alerts_dated_once_naming_both_values(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEASONTRACK_NOW", "2026-06-01 10:00")
    run("show", "add", "The Last of Us", "--network", "HBO")
    run("season", "add", "The Last of Us", "3", "--premiere", "2027")
    monkeypatch.setenv("SEASONTRACK_NOW", "2026-12-01 10:00")
    run("season", "edit", "The Last of Us", "3", "--premiere", "2027-04-12")
    monkeypatch.delenv("SEASONTRACK_NOW")
    records = [json.loads(line) for line in _remind(run, "2026-12-01 11:00", "--json").splitlines()]
    assert [(r["kind"], r["was"], r["when"], r["message"]) for r in records] == [
        ("dated", "2027", "April 12, 2027", "The Last of Us S3: now April 12, 2027 (was 2027)")
    ]
    assert records[0]["release_kind"] == ""
    assert _remind(run, "2026-12-01 12:00") == ""
    # The date's history, in info and its JSON.
    info = run("info", "The Last of Us", "3", "--now", "2026-12-02").stdout
    assert "was 2027 until December 1, 2026" in info
    season = json.loads(run("info", "The Last of Us", "3", "--json").stdout)["seasons"][0]
    assert [(h["was"]["text"], h["until"]) for h in season["premiere_history"]] == [
        ("2027", "2026-12-01T15:00:00+00:00")
    ]
    # A date that moves is news too, naming who said so when the catalog knows; one that only
    # gets vaguer is not.
    run(
        "source",
        "add",
        "The Last of Us",
        "https://example.com/tlou-delayed",
        "--season",
        "3",
        "--outlet",
        "Variety",
    )
    monkeypatch.setenv("SEASONTRACK_NOW", "2026-12-10 10:00")
    run("season", "edit", "The Last of Us", "3", "--premiere", "2027-04-19")
    monkeypatch.setenv("SEASONTRACK_NOW", "2026-12-11 10:00")
    run("season", "edit", "The Last of Us", "3", "--premiere", "April 2027")
    monkeypatch.delenv("SEASONTRACK_NOW")
    assert _remind(run, "2026-12-12 09:00") == (
        "The Last of Us S3: now April 19, 2027 (was April 12, 2027), per Variety\n"
    )
    info = run("info", "The Last of Us", "3", "--now", "2026-12-12").stdout
    assert "was April 19, 2027 until December 11, 2026" in info


def test_a_new_season_of_a_followed_show_is_announced_once(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEASONTRACK_NOW", "2026-01-01 10:00")
    run("show", "add", "Severance")
    run("season", "add", "Severance", "1", "--premiere", "2022-02-18")
    monkeypatch.setenv("SEASONTRACK_NOW", "2026-03-01 10:00")
    run("season", "add", "Severance", "3")
    monkeypatch.delenv("SEASONTRACK_NOW")
    assert _remind(run, "2026-03-01 12:00", *LINE) == (
        "announced Severance S3 announced: premiere TBA\n"
    )
    assert _remind(run, "2026-03-01 13:00") == ""


def test_a_show_followed_for_premieres_only_gets_no_episode_alerts(run: Run) -> None:
    add_weekly(run, "March 6, 2018", 3)
    run("follow", "Weekly", "--only", "premieres")
    said = []
    for day in range(26, 28 + 31):
        now = f"2018-02-{day}T12:00" if day <= 28 else f"2018-03-{day - 28:02d}T12:00"
        said += _remind(run, now, "--format", "{code} {release_kind} {lead}").splitlines()
    assert said == ["S1E1 premiere 7d", "S1E1 premiere 1d", "S1E1 premiere 0d"]
    # Running it again changes the choice: info and list --json show it.
    run("follow", "Weekly", "--only", "finales,complete")
    assert "alerts for finales, complete" in run("info", "Weekly").stdout
    listed = json.loads(run("list", "--json").stdout)
    assert listed[0]["alerts"] == ["finales", "complete"]
    run("follow", "Weekly", "--only", "premieres,finales,episodes,complete,dated,announced")
    assert json.loads(run("info", "Weekly", "--json").stdout)["alerts"] == [
        "premieres",
        "finales",
        "episodes",
        "complete",
        "dated",
        "announced",
    ]


def test_a_bad_kind_is_refused_with_what_was_meant(run: Run, weekly: None, db: Path) -> None:
    before = dump(db)
    refused = run("follow", "Weekly", "--only", "premieres,complte", code=2)
    assert "unknown kind 'complte' (did you mean 'complete'?)" in refused.stderr
    assert dump(db) == before


def test_a_failing_service_gets_a_season_alert_next_run_and_stdout_does_not_repeat_it(
    run: Run, weekly: None, hook: str, httpserver: HTTPServer
) -> None:
    httpserver.expect_request(PATH).respond_with_data("ok")
    _remind(run, "2018-03-13T20:00", "--notify", hook)
    httpserver.clear()
    httpserver.expect_request(PATH).respond_with_data("down", status=500)
    failed = run("remind", "--now", "2018-03-13T21:30", "--notify", hook, *LINE, code=5)
    assert failed.stdout == COMPLETE + "\n"
    assert "will retry" in failed.stderr and "s3cr3t" not in failed.stderr
    httpserver.clear()
    httpserver.expect_request(PATH).respond_with_data("ok")
    assert _remind(run, "2018-03-13T22:30", "--notify", hook) == ""
    assert [p["title"] for p in _posted(httpserver)] == ["Weekly S1 complete"]
    assert _remind(run, "2018-03-13T23:30", "--notify", hook) == ""
    assert len(httpserver.log) == 1


def test_a_bad_url_is_refused_before_a_season_alert_is_recorded(
    run: Run, weekly: None, db: Path
) -> None:
    before = dump(db)
    run("remind", "--now", "2018-03-13T21:30", "--notify", "nosuchservice://abc:def@x", code=2)
    assert dump(db) == before
    assert COMPLETE in _remind(run, "2018-03-13T21:30", *LINE)


def test_a_lead_added_later_never_reminds_of_releases_long_out(run: Run, weekly: None) -> None:
    # Reminded with the default leads up to March 7: S1E1 on its day, S1E2 a week before.
    assert _remind(run, "2018-03-07T09:00", "--format", "{code} {lead}").splitlines() == [
        "S1E1 0d",
        "S1E2 7d",
    ]
    # A 2h lead added two weeks later: S1E1 came due more than 14 days ago and S1E2, out,
    # was already reminded. (It used to print "released 2 weeks ago" and "released 7 days
    # ago".)
    later = ("--lead", "2h", "--format", "{kind} {code}")
    assert _remind(run, "2018-03-20T21:00", *later).splitlines() == ["complete S1"]
    # A first run on that day: only what came due within the catch-up window.
    assert _remind(run, "2018-03-20T21:00", *later, "--again").splitlines() == [
        "release S1E2",
        "complete S1",
    ]


def test_a_first_run_on_an_old_catalog_tells_no_history(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "v10.db"
    conn = sqlite3.connect(old)
    conn.executescript(
        (Path(__file__).parent / "data" / "catalogs" / "v10.sql").read_text(encoding="utf-8")
    )
    conn.close()
    # Opened (and migrated) long ago; the premieres moved and seasons came since, long ago too.
    monkeypatch.setenv("SEASONTRACK_NOW", "2025-01-01 10:00")
    run("season", "edit", "The Last of Us", "3", "--premiere", "2027-01", "--db", str(old))
    run("season", "add", "Stranger Things", "6", "--db", str(old))
    monkeypatch.delenv("SEASONTRACK_NOW")
    records = [
        json.loads(line)
        for line in _remind(run, "2025-12-20T12:00", "--json", "--db", str(old)).splitlines()
    ]
    # Only what came due within the last 14 days: no news of January, no season completed
    # years ago.
    assert {r["kind"] for r in records} <= {"release", "complete"}
    assert all(r["date"] >= "2025-12-06" for r in records if r["kind"] == "complete")


def test_a_catalog_moved_to_a_fresh_file_alerts_nothing_already_alerted(
    run: Run,
    weekly: None,
    hook: str,
    httpserver: HTTPServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    httpserver.expect_request(PATH).respond_with_data("ok")
    monkeypatch.setenv("SEASONTRACK_NOW", "2018-03-13 10:00")
    run("season", "add", "Weekly", "2", "--premiere", "2019")
    monkeypatch.setenv("SEASONTRACK_NOW", "2018-03-13 11:00")
    run("season", "edit", "Weekly", "2", "--premiere", "2019-03-05")
    monkeypatch.delenv("SEASONTRACK_NOW")
    said = _remind(run, "2018-03-13T21:30", "--notify", hook, *LINE)
    assert [line.split()[0] for line in said.splitlines()] == [
        "release",
        "release",
        "announced",
        "dated",
        "complete",
    ]
    posted = len(httpserver.log)
    exported = tmp_path / "catalog.json"
    run("export", "--format", "json", "-o", str(exported))
    fresh = tmp_path / "fresh.db"
    run("import", str(exported), "--db", str(fresh))
    for now in ("2018-03-13T21:30", "2018-03-14T09:00"):
        assert _remind(run, now, "--notify", hook, "--db", str(fresh)) == ""
    assert len(httpserver.log) == posted
    # The date's history came along.
    info = run("info", "Weekly", "2", "--db", str(fresh), "--now", "2018-03-14").stdout
    assert "was 2019 until March 13, 2018" in info
    # And exporting the fresh file gives the same alert log back.
    again = tmp_path / "again.json"
    run("export", "--format", "json", "-o", str(again), "--db", str(fresh))
    assert [json.loads(line.rstrip(",")).get("alert_log") for line in _shows(again)] == [
        json.loads(line.rstrip(",")).get("alert_log") for line in _shows(exported)
    ]


def _shows(path: Path) -> list[str]:
    return [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith('{"title"')
    ]


def test_an_import_that_dates_a_premiere_or_brings_a_season_alerts_once(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEASONTRACK_NOW", "2026-06-01 10:00")
    run("show", "add", "The Last of Us")
    run("season", "add", "The Last of Us", "3", "--premiere", "2027")
    monkeypatch.delenv("SEASONTRACK_NOW")
    update = {
        "format": "seasontrack-catalog",
        "version": 1,
        "shows": [
            {
                "title": "The Last of Us",
                "seasons": [
                    {"number": 3, "premiere": {"precision": "month", "start": "2027-04-01"}},
                    {"number": 4},
                ],
            }
        ],
    }
    file = tmp_path / "update.json"
    file.write_text(json.dumps(update), encoding="utf-8")
    run("import", str(file), "--now", "2026-12-01 10:00")
    assert _remind(run, "2026-12-01 11:00", *LINE).splitlines() == [
        "dated The Last of Us S3: now April 2027 (was 2027)",
        "announced The Last of Us S4 announced: premiere TBA",
    ]
    run("import", str(file), "--now", "2026-12-01 12:00")
    assert _remind(run, "2026-12-01 13:00") == ""


@given(st.text(max_size=60))
def test_any_kinds_text_is_read_in_order_or_refused_as_bad_input(text: str) -> None:
    try:
        kinds = alert_kinds(text)
    except InvalidInput as exc:
        assert "\n" not in str(exc)
        return
    named = {part.strip().lower() for part in text.split(",") if part.strip()}
    expected = tuple(kind for kind in ALERT_KINDS if kind in named)
    assert kinds == (None if expected == ALERT_KINDS else expected)
