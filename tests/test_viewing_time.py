"""Your own viewing time (a show's offset), when a season is complete, honest day counts, and
one answer to "what comes next" from every command; with "now" and the zone pinned."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from seasontrack.cli import app
from seasontrack.clock import offset_text, parse_offset
from seasontrack.errors import DateInputError
from tests.conftest import Run, add_weekly, dump

SAMPLE = Path(__file__).parent.parent / "data" / "catalog.json"
LA = ("--now", "2018-03-01T12:00", "--tz", "America/Los_Angeles")


@pytest.fixture
def sample(run: Run) -> None:
    run("import", str(SAMPLE))


def as_json(run: Run, *args: str) -> Any:
    return json.loads(run(*args, "--json").stdout)


# ---------------------------------------------------------------------------- your time


def test_an_offset_moves_the_countdown_and_keeps_the_announced_time(run: Run, sample: None) -> None:
    run("show", "edit", "Jessica Jones", "--offset", "+1d")

    countdown = run("countdown", "Jessica Jones", *LA).stdout.splitlines()
    assert countdown[1] == "March 9, 2018 00:01 PST · announced for March 8, 2018 00:01 PST"
    assert countdown[2] == "7 days, 12 hours and 1 minute"
    assert run("next", "Jessica Jones", *LA).stdout == (
        "Jessica Jones S2E1-E13 March 9, 2018 00:01 PST (in 8 days)\n"
    )
    assert run("next", "Jessica Jones", "--field", "datetime", *LA).stdout == (
        "2018-03-09T00:01:00-08:00\n"
    )
    first = run("upcoming", *LA).stdout.splitlines()[1]
    assert re.split(r"\s{2,}", first)[:3] == [
        "Jessica Jones",
        "S2E1-E13",
        "March 9, 2018 00:01 PST",
    ]
    assert "your time" in first
    info = run("info", "Jessica Jones", "2", *LA).stdout
    assert "Your time      +1d from the announced times" in info
    assert (
        "Next           S2E1-E13 March 9, 2018 00:01 PST  (in 8 days)"
        " · announced for March 8, 2018 00:01 PST"
    ) in info
    assert "Premiere  March 9, 2018 00:01 PST · announced for March 8, 2018 00:01 PST" in info
    assert "Complete  all 13 out March 9, 2018 00:01 PST" in info

    for data in (
        as_json(run, "countdown", "Jessica Jones", *LA),
        as_json(run, "next", "Jessica Jones", *LA),
        as_json(run, "upcoming", *LA)[0],
        as_json(run, "info", "Jessica Jones", *LA)["next_release"],
        next(r for r in as_json(run, "list", *LA) if r["title"] == "Jessica Jones")["next_release"],
    ):
        assert data["date"]["at"] == "2018-03-09T00:01:00-08:00"
        assert data["seconds"] == (7 * 24 + 12) * 3600 + 60
        assert data["announced"]["at"] == "2018-03-08T00:01:00-08:00"
        assert data["complete"]["at"] == "2018-03-09T00:01:00-08:00"
    shown = as_json(run, "info", "Jessica Jones", "2", *LA)
    assert shown["offset"] == "+1d"
    # The season's own dates are the announced ones; its complete moment is at your time.
    (season,) = shown["seasons"]
    assert season["premiere"]["at"] == "2018-03-08T00:01:00-08:00"
    assert season["complete"]["at"] == "2018-03-09T00:01:00-08:00"


def test_a_day_moves_by_whole_days_and_a_vaguer_date_stays(run: Run) -> None:
    run("show", "add", "Later", "--offset", "+1d6h")
    run("season", "add", "Later", "1", "--premiere", "2030-05-01", "--episodes", "3")
    run("season", "add", "Later", "2", "--premiere", "June 2031")
    now = ("--now", "2030-01-01 00:00", "--within", "7300d")
    rows = as_json(run, "upcoming", *now)
    assert [(r["date"]["text"], (r["announced"] or {}).get("text")) for r in rows] == [
        ("May 2, 2030", "May 1, 2030"),
        ("June 2031", None),
    ]
    run("show", "edit", "Later", "--offset", "-3h")
    assert as_json(run, "upcoming", *now)[0]["date"]["text"] == "May 1, 2030"
    assert as_json(run, "upcoming", *now)[0]["announced"] is None
    run("show", "edit", "Later", "--offset", "-1d")
    assert as_json(run, "upcoming", *now)[0]["date"]["text"] == "April 30, 2030"
    run("show", "edit", "Later", "--offset", "0")
    assert as_json(run, "upcoming", *now)[0]["announced"] is None
    assert as_json(run, "info", "Later")["offset"] is None


def test_an_offset_reaches_calendar_reminders_and_the_feed(
    run: Run, sample: None, tmp_path: Path
) -> None:
    run("show", "edit", "Game of Thrones", "--offset", "+1d2h")
    calendar = run("calendar", "--month", "2019-05").stdout
    assert "2019-05-06 Mon 23:00  Game of Thrones S8E4" in calendar
    reminders = run("remind", "--now", "2019-04-08 08:00", "--dry-run").stdout
    assert "Game of Thrones S8E1: April 15, 2019 23:00 EDT (in 7 days)" in reminders
    feed = tmp_path / "feed.ics"
    run("export", "--format", "ics", "-o", str(feed), "--show", "Game of Thrones")
    assert "DTSTART;TZID=America/New_York:20190415T230000" in feed.read_text()


def test_an_offset_written_in_plain_sql_still_moves_the_releases(run: Run, db: Path) -> None:
    run("show", "add", "Plain")
    run("season", "add", "Plain", "1", "--premiere", "2030-05-01 21:00 ET")
    conn = sqlite3.connect(db)
    with conn:
        # No service call: the schema's trigger sees the write all the same.
        conn.execute("UPDATE shows SET offset_minutes = 60")
    conn.close()
    # The next write commits the derivation; a reader sees the index as the store keeps it.
    run("show", "add", "Other")
    rows = as_json(run, "upcoming", "--now", "2030-01-01 00:00")
    assert rows[0]["date"]["text"] == "May 1, 2030 22:00 EDT"


def test_a_bad_offset_is_exit_2_with_the_form_and_changes_nothing(
    run: Run, sample: None, db: Path
) -> None:
    before = dump(db)
    for bad in ("1x", "+", "d1", "+1h1d", "400d"):
        error = run("show", "edit", "Jessica Jones", "--offset", bad, code=2).stderr
        assert error.startswith("Error: --offset: ")
        assert "+1d, -3h or +1d6h" in error
    run("show", "add", "New", "--offset", "soon", code=2)
    assert dump(db) == before


def test_export_and_import_carry_the_offset(run: Run, sample: None, tmp_path: Path) -> None:
    run("show", "edit", "Jessica Jones", "--offset", "-2h30m")
    out = tmp_path / "catalog.json"
    run("export", "-o", str(out))
    fresh = tmp_path / "fresh.db"
    run("import", str(out), "--db", str(fresh))
    shown = as_json(run, "info", "Jessica Jones", "--db", str(fresh))
    assert shown["offset"] == "-2h30m"
    # A file that says nothing of offsets keeps the catalog's.
    run("import", str(SAMPLE), "--db", str(fresh))
    assert as_json(run, "info", "Jessica Jones", "--db", str(fresh))["offset"] == "-2h30m"


@given(
    st.integers(min_value=-365 * 24 * 60, max_value=365 * 24 * 60).map(
        lambda minutes: timedelta(minutes=minutes)
    )
)
def test_an_offset_reads_back_as_written(offset: timedelta) -> None:
    text = offset_text(offset)
    assert parse_offset(text) == offset
    assert parse_offset(f"  {text.upper()} ") == offset


@given(st.text(max_size=12))
def test_any_text_is_an_offset_or_a_one_line_error(text: str) -> None:
    try:
        offset = parse_offset(text)
    except DateInputError as exc:
        assert "\n" not in str(exc) and "+1d, -3h or +1d6h" in str(exc)
    else:
        assert abs(offset) <= timedelta(days=365)
        assert parse_offset(offset_text(offset)) == offset


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("+1d", 1440), ("-3h", -180), ("+1d6h", 1800), ("1d", 1440), ("0", 0), ("-0", 0)],
)
def test_the_offset_forms(text: str, minutes: int) -> None:
    assert parse_offset(text) == timedelta(minutes=minutes)


# ---------------------------------------------------------------------------- complete


def test_a_weekly_season_is_complete_at_its_last_slot_after_its_breaks(run: Run) -> None:
    skips = [f"--skip={day}" for day in ("2024-11-28", "2024-12-05", "2024-12-12")]
    skips += [f"--skip={day}" for day in ("2024-12-19", "2024-12-26")]
    add_weekly(run, "2024-10-03", 10, *skips)
    now = ("--now", "2024-10-01 12:00")
    schedule = as_json(run, "upcoming", "--episodes", "--limit", "0", *now)
    assert schedule[8]["date"]["text"] == "January 2, 2025 21:00 EST"
    assert "Complete  all 10 out January 9, 2025 21:00 EST" in run("info", "Weekly").stdout
    assert run("next", "Weekly", "--field", "complete", *now).stdout == (
        "January 9, 2025 21:00 EST\n"
    )
    assert as_json(run, "next", "Weekly", *now)["complete"]["at"] == "2025-01-09T21:00:00-05:00"
    (season,) = as_json(run, "info", "Weekly")["seasons"]
    assert season["complete"]["at"] == "2025-01-09T21:00:00-05:00"
    (item,) = as_json(run, "upcoming", "--complete", *now)
    assert (item["season"], item["episode_count"], item["countdown"]) == (1, 10, "in 3 months")
    assert item["complete"]["text"] == "January 9, 2025 21:00 EST"
    line = run("upcoming", "--complete", *now).stdout.splitlines()[1]
    assert re.split(r"\s{2,}", line)[:3] == [
        "Weekly",
        "S1 (10 episodes)",
        "January 9, 2025 21:00 EST",
    ]


def test_an_all_at_once_season_is_complete_at_its_premiere(run: Run, sample: None) -> None:
    info = run("info", "Jessica Jones", "2").stdout
    assert "Complete  all 13 out March 8, 2018 03:01 EST" in info
    (season,) = as_json(run, "info", "Jessica Jones", "2")["seasons"]
    assert season["complete"]["at"] == "2018-03-08T00:01:00-08:00"
    assert run("next", "Jessica Jones", "--field", "complete", "--now", "2018-03-05").stdout == (
        "March 8, 2018 03:01 EST\n"
    )


def test_a_known_finale_settles_when_a_season_is_complete(run: Run, sample: None) -> None:
    # Stranger Things 5: episodes 2-8 have no dates of their own, but its finale is known.
    info = run("info", "Stranger Things", "5").stdout
    assert "Complete  all 8 out December 31, 2025 20:00 EST" in info


def test_a_season_is_complete_at_an_unknown_moment_when_its_episodes_are_unknown(
    run: Run,
) -> None:
    run("show", "add", "Vague")
    run("season", "add", "Vague", "1", "--premiere", "2030-05-01", "--release", "weekly")
    run("season", "add", "Vague", "2", "--premiere", "2031-05-01", "--episodes", "6")
    now = ("--now", "2030-01-01")
    seasons = as_json(run, "info", "Vague")["seasons"]
    assert [s["complete"]["precision"] for s in seasons] == ["tba", "tba"]
    assert "Complete  unknown" in run("info", "Vague", "1").stdout
    error = run("next", "Vague", "--field", "complete", *now, code=1).stderr
    assert "not known yet" in error
    assert as_json(run, "next", "Vague", *now)["complete"]["precision"] == "tba"
    assert as_json(run, "upcoming", "--complete", *now) == []
    listed = as_json(run, "upcoming", "--complete", "--announced", *now)
    assert [(r["season"], r["countdown"]) for r in listed] == [(1, "TBA"), (2, "TBA")]


# ---------------------------------------------------------------------------- honest numbers


def test_days_count_to_the_earliest_moment_it_can_still_come_out(run: Run) -> None:
    run("show", "add", "March")
    run("season", "add", "March", "1", "--premiere", "March 2018")
    now = ("--now", "2018-03-10 12:00")

    def field(name: str, *at: str) -> str:
        return str(run("next", "March", "--field", name, *(at or now)).stdout.strip())

    assert field("days") == "0"
    assert field("days_latest") == "21"
    assert field("precision") == "month"
    assert field("days", "--now", "2018-02-10 12:00") == "19"
    assert field("days_latest", "--now", "2018-02-10 12:00") == "49"
    figures = as_json(run, "next", "March", *now)["figures"]
    assert figures == {
        "days": {"value": 0, "exact": False},
        "days_latest": {"value": 21, "exact": False},
        "hours": {"value": 0, "exact": False},
        "seconds": {"value": 0, "exact": False},
    }


def test_figures_of_a_release_known_to_the_minute_are_exact(run: Run, sample: None) -> None:
    figures = as_json(run, "next", "Jessica Jones", "--now", "2018-03-05 12:00")["figures"]
    assert figures["days"] == {"value": 3, "exact": True}
    assert figures["days_latest"] == {"value": 3, "exact": True}
    assert figures["hours"] == {"value": 63, "exact": True}


@pytest.mark.parametrize(
    ("premiere", "precision"),
    [
        ("2018", "year"),
        ("late 2018", "third"),
        ("Q4 2018", "quarter"),
        ("fall 2018", "season"),
        ("October 2018", "month"),
        ("October 19, 2018", "day"),
        ("October 19, 2018 00:01 PT", "minute"),
    ],
)
def test_precision_prints_the_name_of_the_dates_precision(
    run: Run, premiere: str, precision: str
) -> None:
    run("show", "add", "Precise")
    run("season", "add", "Precise", "1", "--premiere", premiere)
    out = run("next", "Precise", "--field", "precision", "--now", "2018-01-01").stdout
    assert out == precision + "\n"


# ---------------------------------------------------------------------------- one answer


def _named(release: dict[str, Any] | None) -> tuple[object, ...] | None:
    if release is None:
        return None
    return (
        release["season"],
        release["first_episode"],
        release["last_episode"],
        release["date"]["text"],
        release["airing"],
    )


def _anyhow(*args: str) -> Result:
    """A run that may exit 1 (nothing to come)."""
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code in (0, 1), result.stderr
    return result


def _answers(run: Run, title: str, *now: str) -> list[tuple[object, ...] | None]:
    """What list, info, next, countdown and upcoming each name as the show's next release."""
    listed = next(r for r in as_json(run, "list", *now) if r["title"] == title)
    found = _anyhow("next", title, "--json", *now)
    counted = _anyhow("countdown", title, "--json", *now)
    lines = as_json(run, "upcoming", "--announced", "--limit", "0", *now)
    return [
        _named(listed["next_release"]),
        _named(as_json(run, "info", title, *now)["next_release"]),
        _named(json.loads(found.stdout)) if found.exit_code == 0 else None,
        _named(json.loads(counted.stdout)) if counted.exit_code == 0 else None,
        _named(next((r for r in lines if r["show"] == title), None)),
    ]


def test_every_command_names_the_same_next_release(run: Run, sample: None) -> None:
    now = ("--now", "2025-12-01T12:00", "--tz", "America/New_York")
    answers = _answers(run, "Stranger Things", *now)
    # Volume 1 (E1-E4) is out; Volume 2 (E5-E7) is next, at 5 pm Pacific on Christmas Day.
    assert answers == [(5, 5, 7, "December 25, 2025 20:00 EST", True)] * 5
    titles = [r["title"] for r in as_json(run, "list")]
    for moment in ("2010-01-01T00:00", "2018-03-05T12:00", "2019-04-20T12:00", "2022-06-01T12:00"):
        for title in titles:
            answers = _answers(run, title, "--now", moment, "--tz", "America/New_York")
            assert answers == [answers[0]] * 5, (title, moment, answers)


def test_undated_episodes_are_out_once_a_later_one_is(run: Run) -> None:
    run("show", "add", "Gaps")
    run("season", "add", "Gaps", "1", "--premiere", "2030-05-01", "--episodes", "4")
    run("episode", "add", "Gaps", "1", "3", "--airs", "2030-05-15")
    run("episode", "add", "Gaps", "1", "4", "--airs", "2030-05-22")
    before = _answers(run, "Gaps", "--now", "2030-05-10")
    assert before == [(1, 2, 2, "TBA", True)] * 5
    after = _answers(run, "Gaps", "--now", "2030-05-16")
    assert after == [(1, 4, 4, "May 22, 2030", True)] * 5


def test_a_season_is_over_once_a_later_one_has_begun(run: Run) -> None:
    run("show", "add", "Seasons")
    run("season", "add", "Seasons", "0", "--premiere", "2030-04-01", "--episodes", "2")
    run("season", "add", "Seasons", "1", "--premiere", "April 2030", "--episodes", "4")
    run("season", "add", "Seasons", "2", "--premiere", "2031-05-01", "--episodes", "2")
    run("season", "edit", "Seasons", "2", "--release", "weekly")

    def undated(moment: str) -> list[tuple[int, int]]:
        rows = as_json(run, "upcoming", "--announced", "--now", moment)
        return [(r["season"], r["first_episode"]) for r in rows if r["date"]["start"] is None]

    assert _answers(run, "Seasons", "--now", "2031-01-01") == [(2, 1, 1, "May 1, 2031", False)] * 5
    assert undated("2031-01-01") == [(0, 2), (1, 2)]
    # Season 2 has begun: season 1's undated episodes are out; specials come out whenever.
    assert _answers(run, "Seasons", "--now", "2031-05-03") == [(2, 2, 2, "May 8, 2031", True)] * 5
    assert undated("2031-05-03") == [(0, 2)]


# ---------------------------------------------------------------------------- listing


def test_upcoming_announced_lists_seasons_without_a_date_last(run: Run, sample: None) -> None:
    now = ("--now", "2025-12-01T12:00")
    run("show", "add", "Severance")
    run("season", "add", "Severance", "3")
    dated = [(r["show"], r["season"]) for r in as_json(run, "upcoming", *now)]
    assert dated == [("Stranger Things", 5), ("Stranger Things", 5), ("The Last of Us", 3)]
    rows = as_json(run, "upcoming", "--announced", *now)
    assert [(r["show"], r["season"], r["date"]["precision"]) for r in rows] == [
        ("Stranger Things", 5, "minute"),
        ("Stranger Things", 5, "minute"),
        ("The Last of Us", 3, "year"),
        ("Severance", 3, "tba"),
    ]
    # Within 30 days: what is dated within them, then what has no date at all.
    within = as_json(run, "upcoming", "--announced", "--within", "30d", *now)
    assert [r["show"] for r in within] == ["Stranger Things", "Severance"]  # not the finale
    text = run("upcoming", "--announced", *now).stdout.splitlines()
    assert text[-1].split() == ["Severance", "S3", "TBA", "TBA", "premiere"]


def test_list_says_which_filter_matched_nothing(run: Run, sample: None, db: Path) -> None:
    assert run("list", "--status", "airing").stderr == "No shows with status airing\n"
    assert run("list", "--status", "airing", "--network", "hbo").stderr == (
        "No shows with status airing on hbo\n"
    )
    empty = db.parent / "empty.db"
    assert "No shows yet" in run("list", "--db", str(empty)).stderr
