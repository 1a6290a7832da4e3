"""Seasons in parts, breaks over a range of days, and episodes moved with --shift.

Every reading pins its moment and zone: Stranger Things 5 as seen from New York on
December 1, 2025, between its first and second volumes.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from seasontrack.errors import InvalidInput
from seasontrack.inputs import episode_range, parse_break
from seasontrack.limits import MAX_EPISODES
from seasontrack.store import open_catalog, transaction
from tests.conftest import Run, add_weekly, dump

DEC_1 = ("--now", "2025-12-01T12:00", "--tz", "America/New_York")
SAMPLE = Path(__file__).parents[1] / "data" / "catalog.json"


def as_json(run: Run, *args: str) -> Any:
    return json.loads(run(*args, "--json").stdout)


@pytest.fixture
def stranger(run: Run) -> None:
    """Stranger Things 5 as Netflix released it: three parts at 17:00 Pacific."""
    run("show", "add", "Stranger Things", "--network", "Netflix")
    run(
        "season",
        "add",
        "Stranger Things",
        "5",
        "--premiere",
        "November 26, 2025",
        "--finale",
        "December 31, 2025",
        "--episodes",
        "8",
        "--time",
        "17:00",
        "--tz",
        "America/Los_Angeles",
    )
    for number, episodes, premiere, title in (
        ("1", "1-4", "November 26, 2025", "Volume 1"),
        ("2", "5-7", "December 25, 2025", "Volume 2"),
        ("3", "8", "December 31, 2025", "The Finale"),
    ):
        run(
            "part",
            "add",
            "Stranger Things",
            "5",
            number,
            "--episodes",
            episodes,
            "--premiere",
            premiere,
            "--title",
            title,
        )


# ---------------------------------------------------------------------------- Stranger Things 5


def test_upcoming_lists_the_parts_still_to_come(run: Run, stranger: None) -> None:
    lines = run("upcoming", "--episodes", *DEC_1).stdout.splitlines()
    assert lines[1].split() == [
        "Stranger",
        "Things",
        "S5E5-E7",
        "Volume",
        "2",
        "December",
        "25,",
        "2025",
        "20:00",
        "EST",
        "in",
        "3",
        "weeks",
        "airing,",
        "all",
        "at",
        "once",
    ]
    assert "S5E8 The Finale   December 31, 2025 20:00 EST" in lines[2]
    assert "finale" in lines[2]
    assert len(lines) == 3
    # Without --episodes, a line for the season's next release and one for each later part.
    nexts = run("upcoming", *DEC_1).stdout.splitlines()[1:]
    assert "S5E5-E7 Volume 2  December 25, 2025 20:00 EST" in nexts[0]
    assert "S5E8 The Finale   December 31, 2025 20:00 EST" in nexts[1]
    assert len(nexts) == 2


def test_upcoming_json_carries_each_part(run: Run, stranger: None) -> None:
    items = as_json(run, "upcoming", "--episodes", *DEC_1)
    assert [
        (i["first_episode"], i["last_episode"], i["date"]["text"], i["part"], i["part_title"])
        for i in items
    ] == [
        (5, 7, "December 25, 2025 20:00 EST", 2, "Volume 2"),
        (8, 8, "December 31, 2025 20:00 EST", 3, "The Finale"),
    ]
    assert [i["pattern"] for i in items] == ["all-at-once", "all-at-once"]
    assert [i["finale"] for i in items] == [False, True]


def test_the_feed_has_one_event_a_part_with_stable_uids(run: Run, stranger: None) -> None:
    ics = run("export", "--format", "ics").stdout_bytes
    found = {
        str(e["uid"]): (str(e["summary"]), e.decoded("dtstart").isoformat())
        for e in Calendar.from_ical(ics).walk("VEVENT")
    }
    assert sorted(found.values()) == [
        ("Stranger Things S5E1-E4 Volume 1 (premiere)", "2025-11-26T17:00:00-08:00"),
        ("Stranger Things S5E5-E7 Volume 2", "2025-12-25T17:00:00-08:00"),
        ("Stranger Things S5E8 The Finale (finale)", "2025-12-31T17:00:00-08:00"),
    ]
    # A part's title changes its summary, not its event.
    run("part", "edit", "Stranger Things", "5", "2", "--title", "Volume Two")
    again = Calendar.from_ical(run("export", "--format", "ics").stdout_bytes)
    assert {str(e["uid"]) for e in again.walk("VEVENT")} == set(found)


def test_countdown_next_calendar_and_remind_go_to_the_next_part(run: Run, stranger: None) -> None:
    assert run("next", "Stranger Things", *DEC_1).stdout == (
        "Stranger Things S5E5-E7 Volume 2 December 25, 2025 20:00 EST (in 3 weeks)\n"
    )
    data = as_json(run, "next", "Stranger Things", *DEC_1)
    assert (data["part"], data["part_title"], data["first_episode"]) == (2, "Volume 2", 5)
    countdown = run("countdown", "Stranger Things", *DEC_1).stdout.splitlines()
    assert countdown[0] == "Stranger Things S5E5-E7 Volume 2"
    assert as_json(run, "countdown", "Stranger Things", *DEC_1)["part_title"] == "Volume 2"
    assert run("calendar", "--month", "2025-12", *DEC_1).stdout.splitlines() == [
        "2025-12-25 Thu 20:00  Stranger Things S5E5-E7 Volume 2",
        "2025-12-31 Wed 20:00  Stranger Things S5E8 The Finale  finale",
    ]
    days = as_json(run, "calendar", "--month", "2025-12", *DEC_1)["days"]
    assert [d["releases"][0]["part"] for d in days] == [2, 3]
    # Each part is reminded on its own, like a premiere.
    reminders = run("remind", "--json", "--now", "2025-12-25T08:00").stdout.splitlines()
    (fields,) = [f for f in map(json.loads, reminders) if f["code"] == "S5E5-E7"]
    assert (
        fields["code"],
        fields["part"],
        fields["part_title"],
        fields["kind"],
        fields["release_kind"],
    ) == ("S5E5-E7", "2", "Volume 2", "release", "episode")
    line = run("remind", "--now", "2025-12-31T08:00", "--format", "{code} {part_title}").stdout
    assert line == "S5E8 The Finale\n"


def test_info_lists_a_seasons_parts(run: Run, stranger: None) -> None:
    page = run("info", "Stranger Things", "5", *DEC_1).stdout
    assert "Volume 2    E5-E7     December 25, 2025 20:00 EST (December 25, 2025 17:00 PST)" in (
        page
    )
    (season,) = as_json(run, "info", "Stranger Things", "5")["seasons"]
    assert [(p["number"], p["first_episode"], p["last_episode"]) for p in season["parts"]] == [
        (1, 1, 4),
        (2, 5, 7),
        (3, 8, 8),
    ]
    assert season["parts"][1]["title"] == "Volume 2"
    assert season["parts"][1]["premiere"]["start"] == "2025-12-25"
    assert season["parts"][1]["release"] == "all-at-once"
    assert season["breaks"] == []


def test_the_sample_catalog_holds_stranger_things_in_parts(run: Run) -> None:
    run("import", str(SAMPLE))
    items = as_json(run, "upcoming", "--episodes", *DEC_1)
    st5 = [i for i in items if i["show"] == "Stranger Things"]
    assert [(i["date"]["text"], i["part_title"]) for i in st5] == [
        ("December 25, 2025 20:00 EST", "Volume 2"),
        ("December 31, 2025 20:00 EST", "The Finale"),
    ]
    ics = Calendar.from_ical(
        run("export", "--format", "ics", "--show", "Stranger Things").stdout_bytes
    )
    fifth = [e for e in ics.walk("VEVENT") if " S5" in str(e["summary"])]
    assert len(fifth) == 3
    (season4,) = as_json(run, "info", "Stranger Things", "4")["seasons"]
    assert [
        (p["first_episode"], p["last_episode"], p["premiere"]["text"]) for p in season4["parts"]
    ] == [
        (1, 7, "May 27, 2022"),
        (8, 9, "July 1, 2022"),
    ]
    assert season4["notes"] is None


# ---------------------------------------------------------------------------- parts: checks


def test_overlapping_parts_are_refused_and_nothing_changes(
    run: Run, stranger: None, db: Path
) -> None:
    before = dump(db)
    overlap = run(
        "part",
        "add",
        "Stranger Things",
        "5",
        "4",
        "--episodes",
        "7-8",
        "--premiere",
        "2026",
        code=2,
    )
    assert overlap.stderr == (
        "Error: Stranger Things season 5: part 4 (E7-E8) overlaps part 2 (E5-E7)\n"
    )
    past = run("part", "edit", "Stranger Things", "5", "3", "--episodes", "8-9", code=2)
    assert "part 3 (E8-E9) goes past the season's 8 episodes" in past.stderr
    shrink = run("season", "edit", "Stranger Things", "5", "--episodes", "7", code=2)
    assert "part 3 (E8) goes past the season's 7 episodes" in shrink.stderr
    twice = run("part", "add", "Stranger Things", "5", "2", "--episodes", "9", code=2)
    assert "already has part 2" in twice.stderr
    for bad in ("7-5", "0-3", "5-", "a", "1-2-3", "99999999999"):
        result = run("part", "edit", "Stranger Things", "5", "2", "--episodes", bad, code=2)
        assert any(
            hint in result.stderr for hint in ("like 8 or 1-8", "count up from 1", "1 to 10,000")
        )
    wrong = run("part", "edit", "Stranger Things", "5", "2", "--release", "unknown", code=2)
    assert "is not one of: all-at-once, weekly" in wrong.stderr
    missing = run("part", "add", "Stranger Things", "5", "4", code=2)
    assert "--episodes A-B" in missing.stderr
    assert (
        "its parts: 1, 2, 3" in run("part", "rm", "Stranger Things", "5", "7", "-y", code=1).stderr
    )
    assert dump(db) == before


def test_a_part_is_edited_and_removed(run: Run, stranger: None) -> None:
    run("part", "edit", "Stranger Things", "5", "2", "--title", "")
    (item, _) = as_json(run, "upcoming", "--episodes", *DEC_1)
    assert (item["part"], item["part_title"]) == (2, None)
    assert "S5E5-E7 part 2" in run("upcoming", *DEC_1).stdout
    # Its own time and zone, and a new day.
    run(
        "part",
        "edit",
        "Stranger Things",
        "5",
        "2",
        "--premiere",
        "December 24, 2025 21:00",
        "--tz",
        "America/New_York",
    )
    (item, _) = as_json(run, "upcoming", "--episodes", *DEC_1)
    assert item["date"]["text"] == "December 24, 2025 21:00 EST"
    run("part", "rm", "Stranger Things", "5", "2", "--yes")
    # Its episodes follow the season's own schedule again (unknown: TBA).
    items = as_json(run, "upcoming", "--episodes", "--limit", "0", *DEC_1)
    assert [i["part"] for i in items if i["date"]["start"]] == [3]


def test_episodes_outside_every_part_follow_the_season(run: Run) -> None:
    add_weekly(run, "2030-01-03", 6)
    run("part", "add", "Weekly", "1", "1", "--episodes", "5-6", "--premiere", "2030-03-01")
    items = as_json(run, "upcoming", "--episodes", "--now", "2030-01-01", "--within", "400d")
    assert [
        (i["first_episode"], i["last_episode"], i["date"]["text"], i["part"]) for i in items
    ] == [
        (1, 1, "January 3, 2030 21:00 EST", None),
        (2, 2, "January 10, 2030 21:00 EST", None),
        (3, 3, "January 17, 2030 21:00 EST", None),
        (4, 4, "January 24, 2030 21:00 EST", None),
        (5, 6, "March 1, 2030 21:00 EST", 1),
    ]
    assert [i["pattern"] for i in items] == ["weekly"] * 4 + ["all-at-once"]


def test_a_weekly_part_comes_out_one_a_week_skipping_the_breaks(run: Run) -> None:
    run("show", "add", "Split")
    run(
        "season", "add", "Split", "1", "--episodes", "6", "--time", "20:00", "--tz", "Europe/London"
    )
    run("part", "add", "Split", "1", "1", "--episodes", "1-3", "--premiere", "2030-01-04")
    run(
        "part",
        "add",
        "Split",
        "1",
        "2",
        "--episodes",
        "4-6",
        "--premiere",
        "2030-04-05",
        "--release",
        "weekly",
    )
    run("season", "edit", "Split", "1", "--break", "2030-04-10..2030-04-14")
    items = as_json(
        run,
        "upcoming",
        "--episodes",
        "--now",
        "2030-01-01",
        "--within",
        "400d",
        "--tz",
        "Europe/London",
    )
    assert [(i["first_episode"], i["date"]["start"], i["part"]) for i in items] == [
        (1, "2030-01-04", 1),
        (4, "2030-04-05", 2),
        (5, "2030-04-19", 2),
        (6, "2030-04-26", 2),
    ]
    assert [i["date"]["at"][-14:] for i in items] == ["20:00:00+00:00", *["20:00:00+01:00"] * 3]


def test_an_undated_part_is_one_release(run: Run) -> None:
    run("show", "add", "Later")
    run("season", "add", "Later", "1", "--premiere", "2030-05-01", "--episodes", "6")
    run("season", "edit", "Later", "1", "--release", "all-at-once")
    run("part", "add", "Later", "1", "2", "--episodes", "4-6", "--title", "Part Two")
    export = json.loads(run("export").stdout)
    assert export["shows"][0]["seasons"][0]["parts"][0]["premiere"]["precision"] == "tba"
    releases = sqlite3.connect(Path(run("db", "path").stdout.strip())).execute(
        "SELECT first_episode, last_episode, precision, part, part_title FROM releases"
        " ORDER BY season_id, position"
    )
    assert releases.fetchall() == [(1, 3, "day", None, None), (4, 6, "tba", 2, "Part Two")]


def test_a_part_written_in_plain_sql_still_moves_the_releases(run: Run, db: Path) -> None:
    run("show", "add", "Plain")
    run("season", "add", "Plain", "1", "--premiere", "2030-05-01", "--episodes", "4")
    with open_catalog(db) as conn, transaction(conn):
        conn.execute(
            "INSERT INTO season_parts (season_id, number, first_episode, last_episode,"
            " premiere_precision, premiere_start) VALUES (1, 1, 3, 4, 'day', '2030-06-01')"
        )
    items = as_json(run, "upcoming", "--episodes", "--limit", "0", "--now", "2030-01-01")
    assert [(i["first_episode"], i["date"]["start"]) for i in items if i["part"]] == [
        (3, "2030-06-01")
    ]
    with open_catalog(db) as conn, transaction(conn):
        conn.execute("DELETE FROM season_parts")
    items = as_json(run, "upcoming", "--episodes", "--limit", "0", "--now", "2030-01-01")
    assert not any(i["part"] for i in items)


# ---------------------------------------------------------------------------- breaks, --shift


@pytest.fixture
def winter(run: Run) -> None:
    """A weekly Thursday 21:00 New York season from October 3, 2024, ten episodes, with a
    break from November 28 to December 31."""
    add_weekly(run, "2024-10-03", 10, "--break", "2024-11-28..2024-12-31")


def _days(run: Run) -> list[str]:
    items = as_json(
        run,
        "upcoming",
        "--episodes",
        "--limit",
        "0",
        "--now",
        "2024-10-01",
        "--tz",
        "America/New_York",
    )
    return [i["date"]["text"] for i in items]


def test_a_break_skips_every_week_in_it(run: Run, winter: None) -> None:
    days = _days(run)
    assert days[7] == "November 21, 2024 21:00 EST"
    assert days[8:] == ["January 2, 2025 21:00 EST", "January 9, 2025 21:00 EST"]
    lines = run(
        "upcoming",
        "--episodes",
        "--within",
        "120d",
        "--now",
        "2024-12-01",
        "--tz",
        "America/New_York",
    ).stdout.splitlines()
    assert "S1E9" in lines[1] and "January 2, 2025 21:00 EST" in lines[1]
    (season,) = as_json(run, "info", "Weekly")["seasons"]
    assert season["breaks"] == [{"from": "2024-11-28", "to": "2024-12-31"}]
    assert "a break from Nov 28, 2024 to Dec 31, 2024" in run("info", "Weekly").stdout
    run("season", "edit", "Weekly", "1", "--clear-breaks")
    assert _days(run)[8] == "November 28, 2024 21:00 EST"


def test_a_bad_break_is_refused_with_the_form(run: Run, winter: None, db: Path) -> None:
    before = dump(db)
    for bad in ("2024-12-31..2024-11-28", "2024-11-28", "2024-11..2024-12-31", "x..y", "..", ""):
        result = run("season", "edit", "Weekly", "1", "--break", bad, code=2)
        assert "--break 2024-11-28..2024-12-31" in result.stderr, bad
    assert dump(db) == before
    run("show", "add", "Binge")
    run("season", "add", "Binge", "1", "--premiere", "2030-01-01", "--release", "all-at-once")
    binge = run("season", "edit", "Binge", "1", "--break", "2030-02-01..2030-02-07", code=2)
    assert "--break is for weekly seasons" in binge.stderr


def test_shift_keeps_the_weekly_rhythm_from_the_new_date(run: Run, winter: None) -> None:
    run("episode", "add", "Weekly", "1", "3")
    # Without --shift only that episode moves.
    run("episode", "edit", "Weekly", "1", "3", "--airs", "2024-10-21")
    days = _days(run)
    assert days[2:4] == ["October 21, 2024 21:00 EDT", "October 24, 2024 21:00 EDT"]
    # With it, the later episodes are weekly from its new day, still skipping the break.
    run("episode", "edit", "Weekly", "1", "3", "--airs", "2024-10-21", "--shift")
    assert _days(run) == [
        "October 3, 2024 21:00 EDT",
        "October 10, 2024 21:00 EDT",
        "October 21, 2024 21:00 EDT",
        "October 28, 2024 21:00 EDT",
        "November 4, 2024 21:00 EST",
        "November 11, 2024 21:00 EST",
        "November 18, 2024 21:00 EST",
        "November 25, 2024 21:00 EST",
        "January 6, 2025 21:00 EST",
        "January 13, 2025 21:00 EST",
    ]
    (season,) = as_json(run, "info", "Weekly")["seasons"]
    assert season["episodes"][0]["resumes"] is True
    # Editing its title keeps the shift; a new date without --shift drops it.
    run("episode", "edit", "Weekly", "1", "3", "--title", "Moved")
    assert _days(run)[3] == "October 28, 2024 21:00 EDT"
    run("episode", "edit", "Weekly", "1", "3", "--airs", "2024-10-22")
    assert _days(run)[3] == "October 24, 2024 21:00 EDT"


def test_shift_needs_a_day_and_a_weekly_run(run: Run, winter: None, stranger: None) -> None:
    run("episode", "add", "Weekly", "1", "3")
    vague = run("episode", "edit", "Weekly", "1", "3", "--airs", "November 2024", "--shift", code=2)
    assert "--shift needs the episode's new day" in vague.stderr
    run("episode", "add", "Stranger Things", "5", "6")
    binge = run(
        "episode", "edit", "Stranger Things", "5", "6", "--airs", "2025-12-26", "--shift", code=2
    )
    assert "part 2 is not weekly" in binge.stderr


# ---------------------------------------------------------------------------- the catalog file


def test_parts_breaks_and_shifts_round_trip_through_export_and_import(
    run: Run, stranger: None, winter: None, tmp_path: Path
) -> None:
    run("episode", "add", "Weekly", "1", "3", "--title", "Early")
    run("episode", "edit", "Weekly", "1", "3", "--airs", "2024-10-21", "--shift")
    run("part", "edit", "Stranger Things", "5", "3", "--time", "18:00")
    exported = tmp_path / "catalog.json"
    run("export", "-o", str(exported))
    other = tmp_path / "other.db"
    assert "2 added" in run("import", str(exported), "--db", str(other)).stdout
    again = tmp_path / "again.json"
    run("export", "-o", str(again), "--db", str(other))
    assert again.read_bytes() == exported.read_bytes()
    assert "0 changed, 2 unchanged" in run("import", str(exported), "--db", str(other)).stdout
    # A file from before parts and breaks keeps the catalog's.
    data = json.loads(exported.read_text())
    for show in data["shows"]:
        for season in show["seasons"]:
            del season["parts"], season["breaks"]
            for episode in season["episodes"]:
                del episode["resumes"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data))
    run("import", str(old), "--db", str(other))
    (season,) = as_json(run, "info", "Stranger Things", "--db", str(other))["seasons"]
    assert len(season["parts"]) == 3
    (weekly,) = as_json(run, "info", "Weekly", "--db", str(other))["seasons"]
    assert weekly["breaks"] == [{"from": "2024-11-28", "to": "2024-12-31"}]


def test_a_file_with_bad_parts_or_breaks_imports_nothing(
    run: Run, tmp_path: Path, db: Path
) -> None:
    season = {
        "number": 1,
        "episode_count": 4,
        "release": "weekly",
        "premiere": {"precision": "day", "start": "2030-01-03"},
        "parts": [
            {"number": 1, "first_episode": 1, "last_episode": 3},
            {"number": 2, "first_episode": 3, "last_episode": 4},
        ],
    }
    show = {"title": "Bad", "seasons": [season]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"format": "seasontrack-catalog", "version": 1, "shows": [show]}))
    before = dump(db)
    result = run("import", str(path), code=2)
    assert "part 2 (E3-E4) overlaps part 1 (E1-E3)" in result.stderr
    season["parts"] = []
    season["breaks"] = [{"from": "2030-02-01", "to": "2030-01-01"}]
    path.write_text(json.dumps({"format": "seasontrack-catalog", "version": 1, "shows": [show]}))
    assert "ends before it starts" in run("import", str(path), code=2).stderr
    assert dump(db) == before


def test_the_csv_sheet_carries_breaks(run: Run, winter: None, tmp_path: Path) -> None:
    run("season", "edit", "Weekly", "1", "--break", "2025-02-13..2025-02-20")
    sheet = tmp_path / "seasons.csv"
    run("export", "-o", str(sheet))
    (row,) = csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8-sig")))
    assert row["breaks"] == "2024-11-28..2024-12-31; 2025-02-13..2025-02-20"
    other = tmp_path / "other.db"
    run("import", str(sheet), "--db", str(other))
    again = tmp_path / "again.csv"
    run("export", "-o", str(again), "--db", str(other))
    assert again.read_bytes() == sheet.read_bytes()


# ---------------------------------------------------------------------------- the parsers


@given(st.integers(1, MAX_EPISODES), st.integers(0, MAX_EPISODES), st.sampled_from(["", " "]))
def test_an_episode_range_reads_back(first: int, extra: int, pad: str) -> None:
    last = min(first + extra, MAX_EPISODES)
    assert episode_range(f"{pad}{first}{pad}-{pad}{last}{pad}") == (first, last)
    assert episode_range(str(first)) == (first, first)


@given(st.text(max_size=20))
def test_an_episode_range_is_read_or_refused_in_one_line(text: str) -> None:
    try:
        first, last = episode_range(text)
    except InvalidInput as exc:
        assert "\n" not in str(exc).replace(repr(text), "")
    else:
        assert 1 <= first <= last


@given(st.dates(date(1900, 1, 1), date(2200, 12, 31)), st.integers(0, 400))
def test_a_break_reads_back(first: date, days: int) -> None:
    last = date.fromordinal(min(first.toordinal() + days, date(2200, 12, 31).toordinal()))
    assert parse_break(f"{first}..{last}") == (first, last)
    if last > first:
        with pytest.raises(InvalidInput, match="ends before it starts"):
            parse_break(f"{last}..{first}")


@given(st.text(max_size=30))
def test_a_break_is_read_or_refused_with_the_form(text: str) -> None:
    try:
        first, last = parse_break(text)
    except InvalidInput as exc:
        assert "2024-11-28..2024-12-31" in str(exc)
    else:
        assert first <= last
