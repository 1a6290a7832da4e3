"""upcoming, countdown, calendar and episodes, with "now" and the zone pinned."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run, add_weekly, dump

SEED_NOW = "2018-03-05 12:00"  # New York, the tests' zone


def as_json(run: Run, *args: str) -> Any:
    return json.loads(run(*args, "--json").stdout)


def test_seed_countdown_reads_two_days_fifteen_hours_one_minute(run: Run, jessica: None) -> None:
    out = run("countdown", "Jessica Jones", "--now", SEED_NOW).stdout
    assert out.splitlines() == [
        "Jessica Jones S2E1-E13",
        "March 8, 2018 03:01 EST (March 8, 2018 00:01 PST)",
        "2 days, 15 hours and 1 minute",
    ]
    data = as_json(run, "countdown", "Jessica Jones", "2", "--now", SEED_NOW)
    assert data["remaining"] == {"days": 2, "hours": 15, "minutes": 1, "seconds": 0}
    assert data["seconds"] == ((2 * 24 + 15) * 60 + 1) * 60


def test_00_01_pacific_is_09_01_in_berlin(run: Run, jessica: None) -> None:
    out = run("countdown", "Jessica Jones", "--now", "2018-03-05 18:00", "--tz", "Europe/Berlin")
    assert "March 8, 2018 09:01 CET (March 8, 2018 00:01 PST)" in out.stdout
    assert "2 days, 15 hours and 1 minute" in out.stdout


def test_now_and_zone_come_from_the_environment_too(
    run: Run, jessica: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEASONTRACK_NOW", "2018-03-05 18:00")
    monkeypatch.setenv("SEASONTRACK_TZ", "Europe/Berlin")
    assert "2 days, 15 hours and 1 minute" in run("countdown", "Jessica Jones").stdout


def test_upcoming_lists_soonest_first_with_countdowns(run: Run, jessica: None) -> None:
    run("show", "add", "Daredevil", "--network", "Netflix")
    run("season", "add", "Daredevil", "3", "--premiere", "October 19, 2018")
    run("show", "add", "Later", "--network", "HBO")
    run("season", "add", "Later", "1", "--premiere", "May 2018")
    run("season", "add", "Later", "2", "--premiere", "2019")
    run("season", "add", "Later", "3")
    rows = as_json(run, "upcoming", "--now", SEED_NOW, "--announced")
    assert [(r["show"], r["season"], r["countdown"]) for r in rows] == [
        ("Jessica Jones", 2, "in 3 days"),
        ("Later", 1, "in ~2 months (May 2018)"),
        ("Daredevil", 3, "in 7 months"),
        ("Later", 2, "2019 (date TBA)"),
        ("Later", 3, "TBA"),
    ]
    # A season announced without a date is listed only with --announced.
    assert [r["season"] for r in as_json(run, "upcoming", "--now", SEED_NOW)][-1] == 2
    text = run("upcoming", "--now", SEED_NOW).stdout
    assert "Jessica Jones  S2E1-E13  March 8, 2018 03:01 EST  in 3 days" in text


def test_upcoming_within_until_and_network(run: Run, jessica: None) -> None:
    run("show", "add", "Daredevil", "--network", "Netflix")
    run("season", "add", "Daredevil", "3", "--premiere", "October 19, 2018")
    run("show", "add", "Westworld", "--network", "HBO")
    run("season", "add", "Westworld", "2", "--premiere", "April 22, 2018 21:00 ET")

    def shows(*args: str) -> list[str]:
        return [r["show"] for r in as_json(run, "upcoming", "--now", SEED_NOW, *args)]

    assert shows("--within", "30d") == ["Jessica Jones"]
    assert shows("--within", "7w") == ["Jessica Jones", "Westworld"]
    assert shows("--until", "April 2018") == ["Jessica Jones", "Westworld"]
    assert shows("--until", "2018-04-22") == ["Jessica Jones", "Westworld"]
    assert shows("--until", "2018-04-21") == ["Jessica Jones"]
    assert shows("--network", "hbo") == ["Westworld"]
    assert "did you mean 'HBO'" in run("upcoming", "--network", "HBX", code=2).stderr
    assert "30d, 2w or 12h" in run("upcoming", "--within", "a month", code=2).stderr
    assert "not both" in run("upcoming", "--within", "3d", "--until", "2019", code=2).stderr


def test_an_airing_weekly_season_shows_its_next_episode(run: Run) -> None:
    run("show", "add", "True Detective", "--network", "HBO")
    run(
        "season",
        "add",
        "True Detective",
        "4",
        "--premiere",
        "Sunday Jan 14, 2024 21:00",
        "--tz",
        "America/New_York",
        "--release",
        "weekly",
        "--episodes",
        "6",
    )
    run("episode", "add", "True Detective", "4", "3", "--title", "Part 3")
    rows = as_json(run, "upcoming", "--now", "2024-01-25 12:00")
    assert [(r["first_episode"], r["airing"], r["countdown"]) for r in rows] == [
        (3, True, "in 3 days")
    ]
    assert rows[0]["episode_title"] == "Part 3"
    every = as_json(run, "upcoming", "--now", "2024-01-25 12:00", "--episodes")
    assert [r["first_episode"] for r in every] == [3, 4, 5, 6]
    assert every[-1]["finale"] is True
    # Once the finale is out, nothing of the season is upcoming.
    assert as_json(run, "upcoming", "--now", "2024-02-18 22:00") == []
    listing = as_json(run, "list", "--now", "2024-01-25 12:00")[0]["next_release"]
    assert (listing["first_episode"], listing["countdown"]) == (3, "in 3 days")


def test_a_release_at_this_very_minute_is_out_now(run: Run, jessica: None) -> None:
    at = "2018-03-08 03:01"
    (row,) = as_json(run, "upcoming", "--now", at, "--within", "1d")
    assert row["countdown"] == "now"
    assert "Out now!" in run("countdown", "Jessica Jones", "--now", at).stdout
    assert as_json(run, "upcoming", "--now", "2018-03-08 03:02", "--within", "1d") == []


def test_countdown_to_an_imprecise_date_gives_an_honest_range(run: Run) -> None:
    run("show", "add", "Vague")
    run("season", "add", "Vague", "1", "--premiere", "April 2018")
    out = run("countdown", "Vague", "--now", SEED_NOW).stdout
    # Real time: the clocks go forward on March 11, so April 1 is an hour nearer than it looks.
    assert out.splitlines()[-1] == "26 days and 11 hours to 56 days, 10 hours and 59 minutes"
    data = as_json(run, "countdown", "Vague", "--now", SEED_NOW)
    assert data["exact"] is False
    assert data["countdown"] == "in ~4 weeks (April 2018)"


def test_countdown_errors(run: Run, jessica: None) -> None:
    assert (
        "no release still to come"
        in run("countdown", "Jessica Jones", "1", "--now", SEED_NOW, code=1).stderr
    )
    assert "has no season 9" in run("countdown", "Jessica Jones", "9", code=1).stderr
    run("show", "add", "Unknown")
    run("season", "add", "Unknown", "1")
    assert "Date TBA" in run("countdown", "Unknown").stdout


def test_live_countdown_reaches_zero_and_stops(
    run: Run, jessica: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [1000.0]
    naps: list[float] = []

    def sleep(seconds: float) -> None:
        naps.append(seconds)
        clock[0] += seconds

    monkeypatch.setattr("seasontrack.cli.timeline.time.monotonic", lambda: clock[0])
    monkeypatch.setattr("seasontrack.cli.timeline.time.sleep", sleep)
    result = run("countdown", "Jessica Jones", "--live", "--now", "2018-03-08T03:00:57.500")
    assert "Out now!" in result.stdout
    assert sum(naps) == pytest.approx(2.5)
    assert len(naps) == 3  # 0.5 s to the next whole second, then one tick a second


def test_live_countdown_in_a_real_process_ends_by_itself(db: Path, run: Run, jessica: None) -> None:
    started = time.monotonic()
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "seasontrack"),
            "countdown",
            "Jessica Jones",
            "--live",
            "--now",
            "2018-03-08T03:00:58",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ.copy(),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Out now!" in done.stdout
    assert time.monotonic() - started < 30


def test_episodes_add_edit_and_remove(run: Run, jessica: None, db: Path) -> None:
    run(
        "episode",
        "add",
        "Jessica Jones",
        "2",
        "1",
        "--title",
        "AKA Start at the Beginning",
        "--director",
        "Anna Foerster",
    )
    run("episode", "edit", "Jessica Jones", "2", "1", "--writer", "Melissa Rosenberg")
    (season,) = as_json(run, "info", "Jessica Jones", "2")["seasons"]
    assert season["episodes"] == [
        {
            "number": 1,
            "title": "AKA Start at the Beginning",
            "airs": None,
            "director": "Anna Foerster",
            "writer": "Melissa Rosenberg",
            "resumes": False,
        },
    ]
    before = dump(db)
    assert (
        "already has episode 1" in run("episode", "add", "Jessica Jones", "2", "1", code=2).stderr
    )
    assert (
        "no episode 5"
        in run("episode", "edit", "Jessica Jones", "2", "5", "--title", "x", code=1).stderr
    )
    assert "has no season 7" in run("episode", "add", "Jessica Jones", "7", "1", code=1).stderr
    assert dump(db) == before
    run("episode", "rm", "Jessica Jones", "2", "1", "--yes")
    (season,) = as_json(run, "info", "Jessica Jones", "2")["seasons"]
    assert season["episodes"] == []


def test_an_episode_moved_by_its_own_date_moves_in_upcoming(run: Run) -> None:
    add_weekly(run, "2024-01-07", 3)
    run("episode", "add", "Weekly", "1", "2", "--airs", "2024-01-16 20:00")
    rows = as_json(run, "upcoming", "--now", "2024-01-08", "--episodes")
    assert [(r["first_episode"], r["date"]["text"]) for r in rows] == [
        (2, "January 16, 2024 20:00 EST"),
        (3, "January 21, 2024 21:00 EST"),
    ]


def test_season_schedule_options(run: Run) -> None:
    add_weekly(run, "Sunday Jan 7, 2024", 5, "--premiere-episodes", "2", "--skip", "2024-01-21")
    rows = as_json(run, "upcoming", "--now", "2024-01-01", "--episodes")
    assert [(r["first_episode"], r["last_episode"], r["date"]["start"]) for r in rows] == [
        (1, 2, "2024-01-07"),
        (3, 3, "2024-01-14"),
        (4, 4, "2024-01-28"),
        (5, 5, "2024-02-04"),
    ]
    assert (
        "is a Monday" in run("season", "edit", "Weekly", "1", "--skip", "2024-01-22", code=2).stderr
    )
    run("season", "edit", "Weekly", "1", "--unskip", "2024-01-21")
    rows = as_json(run, "upcoming", "--now", "2024-01-01", "--episodes")
    assert rows[-1]["date"]["start"] == "2024-01-28"
    info = run("info", "Weekly").stdout
    assert "weekly, Sundays at 21:00 America/New_York (2-episode premiere)" in info


def test_calendar_lists_the_days_and_marks_premieres_and_finales(run: Run) -> None:
    add_weekly(run, "Sunday Feb 25, 2024", 3)
    run("show", "add", "Vague")
    run("season", "add", "Vague", "1", "--premiere", "March 2024")
    data = as_json(run, "calendar", "--month", "2024-03", "--now", "2024-03-01")
    assert data["from"] == "2024-03-01" and data["to"] == "2024-03-31"
    assert [(d["date"], [r["first_episode"] for r in d["releases"]]) for d in data["days"]] == [
        ("2024-03-03", [2]),
        ("2024-03-10", [3]),
    ]
    assert data["days"][-1]["releases"][0]["finale"] is True
    assert [r["show"] for r in data["undated"]] == ["Vague"]
    two = as_json(run, "calendar", "--month", "2024-02", "--months", "2", "--now", "2024-03-01")
    assert two["days"][0]["releases"][0]["premiere"] is True
    assert two["to"] == "2024-03-31"
    plain = run("calendar", "--month", "2024-02", "--months", "2", "--now", "2024-03-01").stdout
    assert "2024-02-25 Sun 21:00  Weekly S1E1  premiere" in plain
    assert "2024-03-10 Sun 21:00  Weekly S1E3  finale" in plain
    assert "--month 'March' is not a month" in run("calendar", "--month", "March", code=2).stderr


def test_piped_calendar_keeps_one_release_per_line_whatever_the_title(run: Run) -> None:
    hostile = "Two\nLines\tand \x1b[31mred"
    run("show", "add", hostile)
    run("season", "add", hostile, "1", "--premiere", "March 5, 2024 21:00", "--tz", "UTC")
    plain = run("calendar", "--month", "2024-03", "--now", "2024-03-01", "--tz", "UTC").stdout
    assert plain.splitlines() == [
        "2024-03-05 Tue 21:00  Two\\nLines\\tand \\x1b[31mred S1  premiere"
    ]


def test_piped_calendar_lines_up_releases_known_only_to_the_day(run: Run) -> None:
    run("show", "add", "Timed")
    run("season", "add", "Timed", "1", "--premiere", "March 5, 2024 21:00", "--tz", "UTC")
    run("show", "add", "Dated")
    run("season", "add", "Dated", "1", "--premiere", "March 5, 2024")
    plain = run("calendar", "--month", "2024-03", "--now", "2024-03-01", "--tz", "UTC").stdout
    assert plain.splitlines() == [
        "2024-03-05 Tue 21:00  Timed S1  premiere",
        "2024-03-05 Tue        Dated S1  premiere",
    ]


def test_a_zone_whose_old_offset_had_seconds_shows_old_releases_to_the_minute(run: Run) -> None:
    # Africa/Monrovia was 44 minutes 30 seconds behind UTC until 1972.
    run("show", "add", "Trek")
    run("season", "add", "Trek", "1", "--premiere", "September 8, 1966 20:30", "--tz", "UTC")
    zone = ("--tz", "Africa/Monrovia", "--now", "1966-09-01")
    assert "September 8, 1966 19:45" in run("info", "Trek", *zone).stdout
    assert "September 8, 1966 19:45 Africa/Monrovia" in run("upcoming", *zone).stdout
    calendar = run("calendar", "--month", "1966-09", *zone).stdout
    assert calendar.splitlines() == ["1966-09-08 Thu 19:45  Trek S1  premiere"]


def test_calendar_days_follow_the_users_zone(run: Run) -> None:
    run("show", "add", "Late")
    run(
        "season",
        "add",
        "Late",
        "1",
        "--premiere",
        "March 31, 2024 23:30",
        "--tz",
        "America/New_York",
    )
    new_york = as_json(run, "calendar", "--month", "2024-03", "--now", "2024-03-01")
    assert [d["date"] for d in new_york["days"]] == ["2024-03-31"]
    berlin = as_json(run, "calendar", "--month", "2024-04", "--tz", "Europe/Berlin")
    assert [d["date"] for d in berlin["days"]] == ["2024-04-01"]


def test_calendar_grid_on_a_terminal_highlights_today(jessica: None) -> None:
    from datetime import date

    from rich.console import Console

    from seasontrack.cli.common import catalog, clock
    from seasontrack.render.base import Screen
    from seasontrack.render.timeline import calendar_view
    from seasontrack.services.timeline import calendar

    screen = Screen()
    screen.console = Console(force_terminal=True, width=120, color_system="standard")
    screen.fancy = True
    at = clock("2018-03-08 12:00", "America/New_York")
    with catalog(None) as conn:
        days, vague = calendar(
            conn, date(2018, 3, 1), date(2018, 3, 31), at.zone.tzinfo, at.zone.name
        )
    with screen.console.capture() as captured:
        calendar_view(screen, [(2018, 3)], days, vague, at)
    out = captured.get()
    assert "March 2018" in out
    assert "\x1b[1;7m 8 \x1b[0m" in out  # today, bold and reversed
    assert "\x1b[1;7mJessica" not in out  # only the day's number
    assert "Jessica Jones" in out and "▶◼" in out


def test_vague_dates_do_not_push_dated_releases_off_a_limited_list(run: Run) -> None:
    for i in range(3):
        run("show", "add", f"Someday {i}")
        run("season", "add", f"Someday {i}", "1", "--premiere", "2018")
    run("show", "add", "Tomorrow")
    run("season", "add", "Tomorrow", "1", "--premiere", "March 6, 2018")
    rows = as_json(run, "upcoming", "--now", SEED_NOW, "--limit", "2")
    assert rows[0]["show"] == "Tomorrow"
    assert (
        "(the first 2; --limit 0 shows all)"
        in run("upcoming", "--now", SEED_NOW, "--limit", "2").stderr
    )


def test_a_limited_list_is_the_start_of_the_whole_list(run: Run) -> None:
    # Enough dated releases to fill each limit, with vague and TBA ones that sort among
    # them, after them, and last.
    premieres = {
        "Sixth": "March 6, 2018",
        "Tenth": "March 10, 2018 21:00 ET",
        "This March": "March 2018",
        "Twentieth": "March 20, 2018",
        "Spring": "spring 2018",
        "April": "April 20, 2018",
        "Next Year": "2019",
        "Some Day": "",
    }
    for title, premiere in premieres.items():
        run("show", "add", title)
        run("season", "add", title, "1", *(["--premiere", premiere] if premiere else []))
    every = ("upcoming", "--now", SEED_NOW, "--announced")
    whole = [r["show"] for r in as_json(run, *every, "--limit", "0")]
    assert whole[0] == "Sixth" and whole[-1] == "Some Day" and len(whole) == len(premieres)
    for limit in range(1, len(premieres) + 1):
        shown = as_json(run, *every, "--limit", str(limit))
        assert [r["show"] for r in shown] == whole[:limit]
    # Without --announced, the season announced without a date is not listed.
    dated = [r["show"] for r in as_json(run, "upcoming", "--now", SEED_NOW, "--limit", "0")]
    assert dated == whole[:-1]
