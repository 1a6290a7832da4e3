"""Calendar feeds people subscribe to: which events (--followed, --only, --past, --future),
how they read (--all-day, CATEGORIES, URL, `complete` events), and a SEQUENCE that rises only
for the events that moved, kept across export and import. Parsed back with icalendar, as a
subscriber's calendar reads them."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from tests.conftest import Run, add_weekly

NOW = ("--now", "2024-01-10 12:00")


def feed(run: Run, *args: str) -> dict[str, dict[str, Any]]:
    """The events of `export --format ics ARGS`, by summary."""
    calendar = Calendar.from_ical(run("export", "--format", "ics", *args).stdout_bytes)
    found = {}
    for event in calendar.walk("VEVENT"):
        categories = event.get("categories")
        found[str(event["summary"])] = {
            "uid": str(event["uid"]),
            "start": event.decoded("dtstart"),
            "sequence": int(event.get("sequence", 0)),
            "categories": [str(c) for c in categories.cats] if categories else [],
            "url": str(event.get("url", "")),
        }
    return found


@pytest.fixture
def shows(run: Run) -> None:
    """A weekly season of a followed show, an all-at-once one of a show not followed."""
    add_weekly(run, "2024-01-07", 4)
    run("show", "edit", "Weekly", "--network", "HBO")
    run("follow", "Weekly")
    run("show", "add", "Binge", "--network", "Netflix")
    run("season", "add", "Binge", "1", "--premiere", "2024-03-01", "--episodes", "8")
    run("season", "edit", "Binge", "1", "--release", "all-at-once")
    run("unfollow", "Binge")


def test_without_options_the_feed_holds_every_release_and_no_complete_event(
    run: Run, shows: None
) -> None:
    assert sorted(feed(run, *NOW)) == [
        "Binge S1 premiere",
        "Weekly S1 premiere",
        "Weekly S1E2",
        "Weekly S1E3",
        "Weekly S1E4 (finale)",
    ]


def test_only_followed_kinds_and_a_window(run: Run, shows: None) -> None:
    assert sorted(feed(run, "--followed", *NOW)) == [
        "Weekly S1 premiere",
        "Weekly S1E2",
        "Weekly S1E3",
        "Weekly S1E4 (finale)",
    ]
    assert sorted(feed(run, "--only", "premieres,finales", *NOW)) == [
        "Binge S1 premiere",
        "Weekly S1 premiere",
        "Weekly S1E4 (finale)",
    ]
    assert sorted(feed(run, "--only", "episodes", *NOW)) == ["Weekly S1E2", "Weekly S1E3"]
    # A week back to a week ahead of Jan 10: the episodes of Jan 7 and Jan 14.
    assert sorted(feed(run, "--past", "1w", "--future", "7d", *NOW)) == [
        "Weekly S1 premiere",
        "Weekly S1E2",
    ]
    assert sorted(feed(run, "--past", "0d", *NOW)) == [
        "Binge S1 premiere",
        "Weekly S1E2",
        "Weekly S1E3",
        "Weekly S1E4 (finale)",
    ]
    assert sorted(feed(run, "--future", "3d", *NOW)) == ["Weekly S1 premiere"]


def test_complete_events_say_when_a_whole_season_is_out(run: Run, shows: None) -> None:
    found = feed(run, "--only", "complete", *NOW)
    assert sorted(found) == ["Binge S1 complete — all 8 out", "Weekly S1 complete — all 4 out"]
    weekly = found["Weekly S1 complete — all 4 out"]
    assert weekly["start"] == datetime.fromisoformat("2024-01-28T21:00:00-05:00")
    assert found["Binge S1 complete — all 8 out"]["start"] == date(2024, 3, 1)
    # Its own event: never the UID of a release.
    releases = feed(run, *NOW)
    assert weekly["uid"] not in {e["uid"] for e in releases.values()}
    assert sorted(feed(run, "--only", "complete,premieres", "--followed", *NOW)) == [
        "Weekly S1 complete — all 4 out",
        "Weekly S1 premiere",
    ]


def test_all_day_events_are_dates_on_the_readers_day(run: Run, shows: None) -> None:
    found = feed(run, "--all-day", "--tz", "Europe/Berlin", *NOW)
    # 21:00 in New York is 03:00 the next day in Berlin.
    assert found["Weekly S1 premiere"]["start"] == date(2024, 1, 8)
    assert all(type(e["start"]) is date for e in found.values())
    timed = feed(run, *NOW)["Weekly S1 premiere"]["start"]
    assert isinstance(timed, datetime)


def test_events_carry_the_network_and_a_web_link(run: Run, shows: None) -> None:
    run("source", "add", "Weekly", "https://example.org/weekly")
    run("trailer", "add", "Weekly", "https://example.org/weekly-s1-trailer", "--season", "1")
    run("source", "add", "Binge", "https://example.org/binge")
    found = feed(run, *NOW)
    assert found["Weekly S1E2"]["categories"] == ["HBO"]
    assert found["Binge S1 premiere"]["categories"] == ["Netflix"]
    # The season's trailer before the show's source.
    assert found["Weekly S1E2"]["url"] == "https://example.org/weekly-s1-trailer"
    assert found["Binge S1 premiere"]["url"] == "https://example.org/binge"


def test_a_skip_week_raises_the_sequence_of_the_moved_episodes_only(run: Run, shows: None) -> None:
    before = feed(run, "--only", "premieres,finales,episodes,complete", *NOW)
    run("season", "edit", "Weekly", "1", "--skip", "2024-01-21")
    after = feed(run, "--only", "premieres,finales,episodes,complete", *NOW)
    assert {s: e["uid"] for s, e in after.items()} == {s: e["uid"] for s, e in before.items()}
    moved = {s for s in after if after[s]["start"] != before[s]["start"]}
    assert moved == {"Weekly S1E3", "Weekly S1E4 (finale)", "Weekly S1 complete — all 4 out"}
    for summary, event in after.items():
        assert event["sequence"] == before[summary]["sequence"] + (summary in moved), summary
    # Moving it back moves them again.
    run("season", "edit", "Weekly", "1", "--unskip", "2024-01-21")
    again = feed(run, "--only", "premieres,finales,episodes,complete", *NOW)
    assert again["Weekly S1E3"]["sequence"] == 2
    assert again["Weekly S1E2"]["sequence"] == 0


def test_sequences_survive_export_and_import_into_a_fresh_catalog(
    run: Run, shows: None, tmp_path: Path
) -> None:
    run("season", "edit", "Weekly", "1", "--skip", "2024-01-21")
    run("season", "edit", "Binge", "1", "--premiere", "2024-03-08")
    before = feed(run, "--only", "premieres,finales,episodes,complete", *NOW)
    assert before["Weekly S1E4 (finale)"]["sequence"] == 1
    saved = tmp_path / "catalog.json"
    run("export", "-o", str(saved))
    weekly = next(s for s in json.loads(saved.read_text())["shows"] if s["title"] == "Weekly")
    assert {"season": 1, "event": "4", "sequence": 1} in weekly["feed_sequences"]
    assert {"season": 1, "event": "complete", "sequence": 1} in weekly["feed_sequences"]
    fresh = tmp_path / "fresh.db"
    run("import", str(saved), "--db", str(fresh))
    restored = feed(run, "--only", "premieres,finales,episodes,complete", "--db", str(fresh), *NOW)
    assert restored == before
    # Exported again, the same; imported again, nothing rises.
    again = tmp_path / "again.json"
    run("export", "-o", str(again), "--db", str(fresh))
    assert again.read_text() == saved.read_text()
    run("import", str(saved), "--db", str(fresh))
    assert feed(run, "--only", "premieres,finales,episodes,complete", "--db", str(fresh), *NOW) == (
        before
    )


def test_an_old_catalog_keeps_its_seasons_revision_as_each_events_sequence(
    run: Run, shows: None, db: Path
) -> None:
    # A catalog of before m018: a season's revision was every event's SEQUENCE.
    before = feed(run, *NOW)
    from seasontrack.store.migrations import MIGRATIONS, m018_feed_sequences

    # The schema version just before m018 (the migrations after it run again too).
    version = MIGRATIONS.index(m018_feed_sequences.migrate)
    conn = sqlite3.connect(db)
    conn.executescript(
        "DROP TRIGGER restored_sequences_stale; DROP TABLE restored_sequences;"
        " DROP INDEX releases_by_show; ALTER TABLE releases DROP COLUMN sequence;"
        " ALTER TABLE seasons DROP COLUMN complete_sequence;"
        " UPDATE seasons SET revision = 3;"
        f" PRAGMA user_version = {version};"
    )
    conn.close()
    after = feed(run, *NOW)
    assert {s: e["sequence"] for s, e in after.items()} == {s: 3 for s in before}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--only", "premiere"], "did you mean 'premieres'?"),
        (["--only", "dated"], "is not one of: premieres, finales, episodes, complete"),
        (["--only", ","], "--only names no kind"),
        (["--past", "30dys"], "did you mean '30days'?"),
        (["--future", "soon"], "--future: can't read 'soon' as a span of time"),
        (["--within", "7d", "--future", "7d"], "give --within, or --past and --future"),
    ],
)
def test_bad_kinds_and_spans_are_one_line_and_exit_2(
    run: Run, shows: None, args: list[str], message: str
) -> None:
    result = run("export", "--format", "ics", *args, code=2)
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


@pytest.mark.parametrize(
    "args",
    [["--followed"], ["--only", "complete"], ["--past", "30d"], ["--future", "1w"], ["--all-day"]],
)
@pytest.mark.parametrize("export_format", ["json", "csv"])
def test_feed_options_are_for_ics_only(
    run: Run, shows: None, args: list[str], export_format: str
) -> None:
    result = run("export", "--format", export_format, *args, code=2)
    assert f"{args[0]} is for ics" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_window_and_the_kinds_are_chosen_by_the_stores_index(
    run: Run, shows: None, db: Path
) -> None:
    from datetime import UTC

    from seasontrack import store
    from seasontrack.store import open_catalog

    with open_catalog(db) as conn:
        ids = [row.id for row in store.shows.list_show_rows(conn)]
        statements: list[str] = []
        conn.set_trace_callback(statements.append)
        found = store.releases.feed_releases(
            conn,
            ids,
            since=datetime(2024, 1, 13, tzinfo=UTC),
            until=datetime(2024, 1, 25, tzinfo=UTC),
            kinds=store.releases.FeedKinds(premieres=False),
        )
        conn.set_trace_callback(None)
        # Only what the window and the kinds let through leaves the store.
        assert [(r.release.show, r.release.first_episode) for r, _ in found] == [
            ("Weekly", 2),
            ("Weekly", 3),
        ]
        (query,) = [s for s in statements if "feed" not in s and "sequence" in s]
        plan = " ".join(str(row[-1]) for row in conn.execute("EXPLAIN QUERY PLAN " + query))
    assert "releases_by_show (show_id=? AND ends_at>?)" in plan


KIND_OF = {
    "premieres": lambda summary: "premiere" in summary,
    "finales": lambda summary: "finale" in summary,
    "episodes": lambda summary: (
        "premiere" not in summary and "finale" not in summary and "complete" not in summary
    ),
    "complete": lambda summary: "complete" in summary,
}


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.sampled_from(sorted(KIND_OF)), min_size=1, max_size=6),
    st.sampled_from([str.lower, str.upper, str.title]),
    st.sampled_from([",", ", ", " ,"]),
)
def test_any_comma_list_of_kinds_gives_exactly_those_events(
    run: Run, shows: None, kinds: list[str], case: Any, comma: str
) -> None:
    # Weekly's: each release is one kind (Binge's all-at-once premiere is its finale too).
    found = feed(run, "--followed", "--only", comma.join(case(kind) for kind in kinds), *NOW)
    assert found
    for summary in found:
        assert any(KIND_OF[kind](summary) for kind in kinds), summary
    every = feed(run, "--followed", "--only", ",".join(KIND_OF), *NOW)
    assert {s for s in every if any(KIND_OF[kind](s) for kind in kinds)} == set(found)
