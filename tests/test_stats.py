"""What you watched and when: `watched --on`, `stats`, `list --finished`, and the days kept
through export and import."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer

from tests.conftest import Run, dump
from tests.test_histories import NOW, serve_tvtime, tvtime_export


def test_watched_is_dated_today_or_on_the_day_given(run: Run, jessica: None) -> None:
    out = run("watched", "Jessica Jones", "1", "1-3", "--now", "2024-03-01 23:30").stdout
    assert out == "Watched Jessica Jones S1E1-E3.\n"
    out = run("watched", "Jessica Jones", "1", "3", "--on", "March 2, 2024").stdout
    assert out == "Watched Jessica Jones S1E3 on March 2, 2024.\n"
    info = run("info", "Jessica Jones", "1").stdout
    assert "Watched   3 of 13 (E1-E3), last on March 2, 2024" in info
    season = json.loads(run("info", "Jessica Jones", "--json").stdout)["seasons"][0]
    assert season["watched_on"] == [
        {"episode": 1, "date": "2024-03-01"},
        {"episode": 2, "date": "2024-03-01"},
        {"episode": 3, "date": "2024-03-02"},
    ]
    # Marked again later without a day: the later day (today) counts.
    run("watched", "Jessica Jones", "1", "1", "--now", "2024-05-05 10:00")
    assert "last on May 5, 2024" in run("info", "Jessica Jones", "1").stdout
    # --on sets the day by hand, even an earlier one.
    run("watched", "Jessica Jones", "1", "1", "--on", "2024-01-01")
    assert "last on March 2, 2024" in run("info", "Jessica Jones", "1").stdout
    run("unwatched", "Jessica Jones", "1", "3")
    assert "last on March 1, 2024" in run("info", "Jessica Jones", "1").stdout


def test_watched_on_a_day_to_come_or_not_a_day_is_refused(
    run: Run, jessica: None, db: Path
) -> None:
    before = dump(db)
    failed = run("watched", "Jessica Jones", "1", "1", "--on", "2030-01-01", "--now", NOW, code=2)
    assert failed.stderr == "Error: --on '2030-01-01' is after today (2024-06-01)\n"
    failed = run("watched", "Jessica Jones", "1", "1", "--on", "March 2024", code=2)
    assert "not a day; write it like 2024-03-02" in failed.stderr
    assert dump(db) == before


def stats_of(run: Run, *args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(run("stats", "--json", "--now", NOW, *args).stdout)
    return data


def test_stats_count_episodes_and_hours_per_month_and_shows_started_and_finished(
    run: Run, tvmaze: HTTPServer, tmp_path: Path
) -> None:
    serve_tvtime(tvmaze)
    run("import", str(tvtime_export(tmp_path)), "--now", NOW)
    run("show", "add", "Typed")
    run("season", "add", "Typed", "1", "--episodes", "4")
    run("watched", "Typed", "1", "1-2", "--on", "2019-05-20")
    run("watched", "Typed", "1", "3", "--on", "2019-05-21")
    # Anything else seen before days were kept: counted apart.
    run("show", "add", "Old")
    run("season", "add", "Old", "1", "--episodes", "1")
    undated = tmp_path / "undated.json"
    export = json.loads(run("export", "--show", "Old").stdout)
    export["shows"][0]["seasons"][0]["watched"] = [1]
    undated.write_text(json.dumps(export), encoding="utf-8")
    run("import", str(undated))

    stats = stats_of(run)
    months = {m["month"]: m for m in stats["months"]}
    assert list(months) == ["2019-05", "2019-06", "2020-01"]
    # Game of Thrones E2 and E3 (60 min each on TVmaze) and three Typed (no runtime).
    assert months["2019-05"] == {
        "month": "2019-05",
        "episodes": 5,
        "hours": 2.0,
        "minutes": 120,
        "without_runtime": 3,
        "started": ["Game of Thrones", "Typed"],
        "finished": [],
    }
    assert months["2019-06"]["episodes"] == 2 and months["2019-06"]["hours"] == 2.0
    assert months["2019-06"]["started"] == ["Marvel's Jessica Jones"]
    # Every released episode seen; its last one (a rewatch) in January 2020.
    assert months["2020-01"]["finished"] == ["Game of Thrones"]
    assert stats["total"]["episodes"] == 8 and stats["total"]["minutes"] == 300
    assert stats["undated"] == 1

    in_2020 = stats_of(run, "--year", "2020")
    assert [m["month"] for m in in_2020["months"]] == ["2020-01"]
    assert in_2020["total"]["started"] == [] and in_2020["total"]["finished"] == ["Game of Thrones"]
    text = run("stats", "--now", NOW).stdout
    assert text.splitlines()[:2] == [
        "Month         Episodes  Hours  Started  Finished",
        "May 2019      5         2.0    2        0",
    ]
    assert "Total         8         5.0    3        1" in text
    assert "Finished: Game of Thrones (January 2020)" in text
    assert "3 episodes with no known runtime: counted, without hours." in text
    assert "1 episode marked watched without a day: not counted here." in text

    assert run("list", "--finished", "--plain", "--now", NOW).stdout.startswith(
        "Game of Thrones\tHBO\tended"
    )
    titles = [s["title"] for s in json.loads(run("list", "--finished", "--json").stdout)]
    assert titles == ["Game of Thrones"]


def test_stats_with_nothing_dated_say_so(run: Run) -> None:
    result = run("stats", "--year", "2023")
    assert result.stdout == ""
    assert result.stderr.startswith("Nothing watched with a day in 2023.")
    assert stats_of(run)["months"] == []


def test_list_finished_and_unwatched_exclude_each_other(run: Run) -> None:
    failed = run("list", "--finished", "--unwatched", code=2)
    assert "--unwatched and --finished exclude each other" in failed.stderr
    assert run("list", "--finished").stderr == "No show with every episode out seen.\n"


def test_a_season_with_no_episode_count_but_episodes_watched_lists(run: Run) -> None:
    run("show", "add", "Counted Later")
    run("season", "add", "Counted Later", "1")
    run("watched", "Counted Later", "1", "1-3")
    assert "Counted Later" in run("list").stdout


def test_export_and_import_keep_the_days_episodes_were_watched(
    run: Run, jessica: None, tmp_path: Path
) -> None:
    run("watched", "Jessica Jones", "2", "1-2", "--on", "2018-03-09")
    exported = tmp_path / "catalog.json"
    run("export", "-o", str(exported))
    other = tmp_path / "other.db"
    run("import", str(exported), "--db", str(other))
    season = next(
        s
        for s in json.loads(run("info", "Jessica Jones", "--json", "--db", str(other)).stdout)[
            "seasons"
        ]
        if s["number"] == 2
    )
    assert season["watched"] == [1, 2]
    assert season["watched_on"] == [
        {"episode": 1, "date": "2018-03-09"},
        {"episode": 2, "date": "2018-03-09"},
    ]
    assert "1 unchanged" in run("import", str(exported), "--db", str(other)).stdout
