"""`import` of a watch history from TV Time or Trakt, against a real HTTP server on 127.0.0.1
answering in TVmaze's shapes: the right shows, the right episodes watched on the right days,
what was not matched, a second import that changes nothing, and the offline way."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from seasontrack.histories import read_history, recognise
from tests.conftest import Run, dump
from tests.histories import (
    follow,
    seen,
    trakt_listed,
    trakt_show,
    trakt_watched,
    tvtime_folder,
    watch,
    write_csv,
    write_json,
    zipped,
)
from tests.providers import CACHE_CONTROL, jessica_jones, network_show, search_results

NOW = "2024-06-01 12:00"
GOT_TVDB = 121361
HBO = ("United States", "US", "America/New_York")


def game_of_thrones() -> dict[str, Any]:
    return network_show(
        82,
        "Game of Thrones",
        network="HBO",
        country=HBO,
        airtime="21:00",
        premiered="2011-04-17",
        status="Ended",
        thetvdb=GOT_TVDB,
        episodes=[(1, 1, "2011-04-17"), (1, 2, "2011-04-24"), (1, 3, "2011-05-01")],
    )


def doctor_who() -> dict[str, Any]:
    return network_show(
        2103,
        "Doctor Who",
        premiered="2005-03-26",
        episodes=[(1, 1, "2005-03-26"), (1, 2, "2005-04-02"), (1, 3, "2005-04-09")],
    )


def serve_lookup(server: HTTPServer, source: str, value: str, show_id: int | None) -> None:
    """TVmaze's /lookup/shows: a redirect to the show, or 404 with an empty body."""
    handler = server.expect_request("/lookup/shows", query_string={source: value})
    if show_id is None:
        handler.respond_with_data("", status=404)
    else:
        handler.respond_with_data(
            "", status=301, headers={"Location": server.url_for(f"/shows/{show_id}")}
        )


def serve_show(server: HTTPServer, body: dict[str, Any]) -> None:
    server.expect_request(f"/shows/{body['id']}").respond_with_json(body, headers=CACHE_CONTROL)


def serve_search(server: HTTPServer, query: str, *shows: dict[str, Any]) -> None:
    server.expect_request("/search/shows", query_string={"q": query}).respond_with_json(
        search_results(*shows), headers=CACHE_CONTROL
    )


def season_of(run: Run, title: str, number: int) -> dict[str, Any]:
    data = json.loads(run("info", title, "--json").stdout)
    season: dict[str, Any] = next(s for s in data["seasons"] if s["number"] == number)
    return season


def days(season: dict[str, Any]) -> dict[int, str]:
    return {item["episode"]: item["date"] for item in season["watched_on"]}


def tvtime_export(tmp_path: Path) -> Path:
    """Game of Thrones by its TheTVDB id (and once by name), Jessica Jones by name only."""
    folder = tvtime_folder(
        tmp_path / "tvtime",
        {
            "tracking-prod-records-v2.csv": [
                watch("watch-episode", GOT_TVDB, "Game of Thrones", 1, 1, "2019-05-10 20:00:00"),
                # 01:30 UTC is still May 12 in New York, the tests' zone.
                watch("watch-episode", GOT_TVDB, "Game of Thrones", 1, 2, "2019-05-13 01:30:45"),
                watch("rewatch-episode", GOT_TVDB, "Game of Thrones", 1, 1, "2020-01-05 22:00:00"),
                follow(GOT_TVDB, "Game of Thrones"),
                {"key": "watch-movie-17", "s_id": "", "series_name": "A Film"},
            ],
            # The same show by name only: one show with the rows above.
            "seen_episode.csv": [
                seen("Game of Thrones", 1, 3, "2019-05-14 20:00:00"),
                seen("Marvel's Jessica Jones", 1, 1, "2019-06-01 19:00:00"),
                seen("Marvel's Jessica Jones", 1, 2, "2019-06-02 19:00:00"),
            ],
            "comments.csv": [],
        },
    )
    (folder / "user.json").write_text("{}", encoding="utf-8")
    return zipped(folder, tmp_path / "tvtime.zip", inside="tvtime-export/")


def serve_tvtime(server: HTTPServer) -> None:
    serve_lookup(server, "thetvdb", str(GOT_TVDB), 82)
    serve_show(server, game_of_thrones())
    serve_search(server, "Marvel's Jessica Jones", jessica_jones())
    serve_show(server, jessica_jones())


# ---------------------------------------------------------------------------- TV Time


def test_a_tv_time_export_brings_its_shows_with_their_episodes_watched_and_dated(
    run: Run, tvmaze: HTTPServer, tmp_path: Path, db: Path
) -> None:
    export = tvtime_export(tmp_path)
    serve_tvtime(tvmaze)

    out = run("import", str(export), "--now", NOW).stdout

    assert out.startswith(
        f"Imported TV Time export {export}: 2 shows, 5 episodes newly marked watched.\n"
    )
    assert "  matched on TVmaze: 1 by TheTVDB id, 1 by title (2 new to the catalog)\n" in out
    assert "  files ignored: tvtime-export/comments.csv, tvtime-export/user.json\n" in out
    assert "unmatched" not in out
    # One look-up and one search, then each show with everything in one request.
    assert len(tvmaze.log) == 4
    titles = [s["title"] for s in json.loads(run("list", "--json").stdout)]
    assert titles == ["Game of Thrones", "Marvel's Jessica Jones"]

    got = season_of(run, "Game of Thrones", 1)
    assert got["watched"] == [1, 2, 3]
    # A rewatch counts from its day; days are the user's (New York's).
    assert days(got) == {1: "2020-01-05", 2: "2019-05-12", 3: "2019-05-14"}
    jessica = season_of(run, "Marvel's Jessica Jones", 1)
    assert jessica["watched"] == [1, 2]
    assert days(jessica) == {1: "2019-06-01", 2: "2019-06-02"}
    assert "Watched   3 of 3 (E1-E3), last on January 5, 2020" in run("info", "game").stdout
    data = json.loads(run("info", "Game of Thrones", "--json").stdout)
    assert data["online"]["tvmaze_id"] == 82 and data["followed"] is True

    # The same export again: nothing changes, and nothing is asked.
    before = dump(db)
    again = run("import", str(export), "--now", NOW).stdout
    assert "0 episodes newly marked watched" in again
    assert dump(db) == before
    assert len(tvmaze.log) == 4


def test_the_unpacked_folder_reads_like_the_zip_and_json_gives_the_same_summary(
    run: Run, tvmaze: HTTPServer, tmp_path: Path
) -> None:
    export = tvtime_export(tmp_path)
    serve_tvtime(tvmaze)
    summary = json.loads(run("import", str(tmp_path / "tvtime"), "--json", "--now", NOW).stdout)
    assert summary["format"] == "tvtime"
    assert summary["matched"] == {"thetvdb": 1, "imdb": 0, "title": 1}
    assert summary["unmatched"] == []
    assert summary["episodes_marked"] == 5
    assert summary["files_read"] == ["seen_episode.csv", "tracking-prod-records-v2.csv"]
    assert summary["files_ignored"] == ["comments.csv", "user.json"]
    got = next(s for s in summary["shows"] if s["title"] == "Game of Thrones")
    assert got | {"marked": 3} == {
        "name": "Game of Thrones",
        "title": "Game of Thrones",
        "matched_by": "thetvdb",
        "tvmaze_id": 82,
        "created": True,
        "episodes": 3,
        "marked": 3,
        "followed": True,
        "unmatched_reason": None,
    }
    # The zip of the same files now changes nothing.
    again = json.loads(run("import", str(export), "--json", "--now", NOW).stdout)
    assert again["episodes_marked"] == 0


def test_a_lookup_404_falls_back_to_the_name_and_unmatched_shows_are_listed_and_kept(
    run: Run, tvmaze: HTTPServer, tmp_path: Path
) -> None:
    export = tvtime_folder(
        tmp_path / "tvtime",
        {
            "tracking-prod-records.csv": [
                {
                    "series_id": 78804,
                    "series_name": "Doctor Who",
                    "season_number": 1,
                    "episode_number": 1,
                    "watch_date": "2021-02-03 20:00:00",
                },
                {
                    "series_id": 99999,
                    "series_name": "Zzyzx Road",
                    "season_number": 2,
                    "episode_number": 5,
                    "watch_date": "2021-02-04 20:00:00",
                },
            ]
        },
    )
    serve_lookup(tvmaze, "thetvdb", "78804", None)
    classic = network_show(210, "Doctor Who", premiered="1963-11-23", status="Ended")
    serve_search(tvmaze, "Doctor Who", classic, doctor_who())
    serve_lookup(tvmaze, "thetvdb", "99999", None)
    serve_search(tvmaze, "Zzyzx Road")

    out = run("import", str(export), "--now", NOW).stdout

    assert (
        "  unmatched: 2, kept by name; link each with: seasontrack fetch TITLE --tvmaze ID\n" in out
    )
    assert (
        "    Doctor Who: 2 TVmaze shows are called 'Doctor Who': Doctor Who (1963, BBC One, GB,"
        " Ended, TVmaze 210); Doctor Who (2005, BBC One, GB, Running, TVmaze 2103)\n"
    ) in out
    assert "    Zzyzx Road: TVmaze knows no show called 'Zzyzx Road'\n" in out
    # Kept by name with what was watched, for fetch to link.
    assert season_of(run, "Zzyzx Road", 2)["watched"] == [5]
    serve_show(tvmaze, network_show(99001, "Zzyzx", premiered="2019-01-05"))
    linked = run("fetch", "Zzyzx Road", "--tvmaze", "99001", "--now", NOW).stdout
    assert linked.startswith("Updated Zzyzx Road from TVmaze (id 99001).")
    assert season_of(run, "Zzyzx Road", 2)["watched"] == [5]
    # Again: the linked show needs no request, and the answers about the other (the
    # look-up's 404 too) come from the cache.
    asked = len(tvmaze.log)
    again = run("import", str(export), "--now", NOW).stdout
    assert "  unmatched: 1, kept by name" in again
    assert len(tvmaze.log) == asked


def test_a_lookup_404_falls_back_to_the_name_which_tvmaze_knows(
    run: Run, tvmaze: HTTPServer, tmp_path: Path
) -> None:
    export = tvtime_folder(
        tmp_path / "tvtime",
        {"tracking-prod-records-v2.csv": [watch("watch-episode", 1, "Doctor Who", 1, 2, "")]},
    )
    serve_lookup(tvmaze, "thetvdb", "1", None)
    serve_search(tvmaze, "Doctor Who", doctor_who())
    serve_show(tvmaze, doctor_who())
    summary = json.loads(run("import", str(export), "--json", "--now", NOW).stdout)
    assert summary["matched"] == {"thetvdb": 0, "imdb": 0, "title": 1}
    season = season_of(run, "Doctor Who", 1)
    # No day in the export: watched all the same.
    assert season["watched"] == [2] and season["watched_on"] == []


def test_a_tv_time_show_archived_is_unfollowed(
    run: Run, tvmaze: HTTPServer, tmp_path: Path
) -> None:
    run("show", "add", "Game of Thrones")
    export = tvtime_folder(
        tmp_path / "tvtime",
        {"tracking-prod-records-v2.csv": [follow(GOT_TVDB, "Game of Thrones", archived=True)]},
    )
    serve_lookup(tvmaze, "thetvdb", str(GOT_TVDB), 82)
    serve_show(tvmaze, game_of_thrones())
    out = run("import", str(export), "--now", NOW).stdout
    assert "(0 new to the catalog)" in out
    data = json.loads(run("list", "--json").stdout)
    assert [(s["title"], s["followed"]) for s in data] == [("Game of Thrones", False)]


# ---------------------------------------------------------------------------- Trakt


def test_a_trakt_export_with_imdb_ids_brings_its_shows_and_its_watchlist_is_followed(
    run: Run, tvmaze: HTTPServer, tmp_path: Path, db: Path
) -> None:
    who = trakt_show("Doctor Who", 2005, trakt=56, imdb="tt0436992")
    got = trakt_show("Game of Thrones", 2011, trakt=1390, imdb="tt0944947")
    folder = tmp_path / "trakt"
    write_json(
        folder / "watched-shows.json",
        [
            trakt_watched(
                who,
                {
                    1: [
                        (1, 1, "2024-03-01T20:15:00.000Z"),
                        # 01:00 UTC on March 3 is March 2 in New York.
                        (2, 2, "2024-03-03T01:00:00.000Z"),
                        (3, 0, "2024-03-03T02:00:00.000Z"),
                    ]
                },
            )
        ],
    )
    write_json(folder / "watchlist-shows.json", [trakt_listed(got), trakt_listed(who, 2)])
    write_json(folder / "watched-movies.json", [{"plays": 1, "movie": {"title": "A Film"}}])
    serve_lookup(tvmaze, "imdb", "tt0436992", 2103)
    serve_show(tvmaze, doctor_who())
    serve_lookup(tvmaze, "imdb", "tt0944947", 82)
    serve_show(tvmaze, game_of_thrones())

    out = run("import", str(folder), "--now", NOW).stdout

    assert out.startswith(f"Imported Trakt export {folder}: 2 shows, 2 episodes newly marked")
    assert "matched on TVmaze: 2 by IMDb id (2 new to the catalog)" in out
    assert "files ignored: watched-movies.json" in out
    who_season = season_of(run, "Doctor Who", 1)
    # An episode with no plays was not watched.
    assert who_season["watched"] == [1, 2]
    assert days(who_season) == {1: "2024-03-01", 2: "2024-03-02"}
    assert "Watched   2 of 3 (E1-E2), last on March 2, 2024" in run("info", "Doctor Who").stdout
    shows = {s["title"]: s["followed"] for s in json.loads(run("list", "--json").stdout)}
    assert shows == {"Doctor Who": True, "Game of Thrones": True}
    assert season_of(run, "Game of Thrones", 1)["watched"] == []

    before = dump(db)
    run("import", str(folder), "--now", NOW)
    assert dump(db) == before


def test_one_trakt_file_is_recognised_by_its_content(
    run: Run, tvmaze: HTTPServer, tmp_path: Path
) -> None:
    export = write_json(
        tmp_path / "history.json",
        [trakt_watched(trakt_show("Doctor Who", 2005, trakt=56, tvdb=78804), {1: [(3, 1, "")]})],
    )
    assert recognise(export, None) == "trakt"
    serve_lookup(tvmaze, "thetvdb", "78804", 2103)
    serve_show(tvmaze, doctor_who())
    summary = json.loads(run("import", str(export), "--json", "--now", NOW).stdout)
    assert summary["format"] == "trakt" and summary["matched"]["thetvdb"] == 1
    assert season_of(run, "Doctor Who", 1)["watched"] == [3]


# ---------------------------------------------------------------------------- offline


def test_offline_keeps_everything_for_sync_and_fetch_to_link_later(
    run: Run, tvmaze: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = tvtime_export(tmp_path)
    out = run("import", str(export), "--offline", "--now", NOW).stdout
    assert "offline: 2 shows kept by name with their ids" in out
    assert tvmaze.log == []
    got = season_of(run, "Game of Thrones", 1)
    assert got["watched"] == [1, 2, 3]
    assert days(got) == {1: "2020-01-05", 2: "2019-05-12", 3: "2019-05-14"}
    assert json.loads(run("info", "Game of Thrones", "--json").stdout)["online"] is None

    # SEASONTRACK_OFFLINE does the same; nothing new to mark.
    monkeypatch.setenv("SEASONTRACK_OFFLINE", "1")
    assert "0 episodes newly marked" in run("import", str(export), "--now", NOW).stdout
    monkeypatch.delenv("SEASONTRACK_OFFLINE")

    # sync links the show by the TheTVDB id the history gave: a look-up, then the show.
    serve_tvtime(tvmaze)
    synced = run("sync", "--now", NOW).stdout
    assert "Game of Thrones: linked to TVmaze by the ids its history gave." in synced
    assert [r.path for r, _ in tvmaze.log] == ["/lookup/shows", "/shows/82"]
    data = json.loads(run("info", "Game of Thrones", "--json").stdout)
    assert data["online"]["tvmaze_id"] == 82
    got = next(s for s in data["seasons"] if s["number"] == 1)
    assert got["watched"] == [1, 2, 3]
    assert got["episodes"][0]["title"] == "Game of Thrones 1x1"
    # A show with a name only is linked by fetch, which searches by its name.
    run("fetch", "Marvel's Jessica Jones", "--now", NOW)
    assert season_of(run, "Marvel's Jessica Jones", 1)["watched"] == [1, 2]
    # An online import now finds both linked: no request, nothing changed.
    asked = len(tvmaze.log)
    assert "0 episodes newly marked" in run("import", str(export), "--now", NOW).stdout
    assert len(tvmaze.log) == asked


def test_fetch_of_a_show_kept_offline_looks_it_up_by_its_history_id(
    run: Run, tvmaze: HTTPServer, tmp_path: Path
) -> None:
    run("import", str(tvtime_export(tmp_path)), "--offline", "--now", NOW)
    serve_lookup(tvmaze, "thetvdb", str(GOT_TVDB), 82)
    serve_show(tvmaze, game_of_thrones())
    out = run("fetch", "Game of Thrones", "--now", NOW).stdout
    assert out.startswith("Updated Game of Thrones from TVmaze (id 82).")
    assert [r.path for r, _ in tvmaze.log] == ["/lookup/shows", "/shows/82"]


# ---------------------------------------------------------------------------- failures


def test_a_provider_failure_is_exit_4_with_nothing_written(
    run: Run, tvmaze: HTTPServer, tmp_path: Path, db: Path
) -> None:
    run("show", "add", "Something")
    before = dump(db)
    export = tvtime_export(tmp_path)
    serve_lookup(tvmaze, "thetvdb", str(GOT_TVDB), 82)
    tvmaze.expect_request("/shows/82").respond_with_data("busy", status=503)
    failed = run("import", str(export), "--now", NOW, code=4)
    assert failed.stderr.startswith("Error: TVmaze answered HTTP 503")
    assert failed.stdout == ""
    assert dump(db) == before


def test_a_dry_run_looks_everything_up_writes_nothing_and_the_real_run_asks_again_for_nothing(
    run: Run, tvmaze: HTTPServer, tmp_path: Path, db: Path
) -> None:
    export = tvtime_export(tmp_path)
    serve_tvtime(tvmaze)
    before = dump(db)
    out = run("import", str(export), "--dry-run", "--now", NOW).stdout
    assert out.startswith(f"Would import TV Time export {export}: 2 shows, 5 episodes newly")
    assert out.endswith("Nothing written (--dry-run).\n")
    assert dump(db) == before
    assert len(tvmaze.log) == 4
    # The look-ups are kept: the import itself makes no request.
    run("import", str(export), "--now", NOW)
    assert len(tvmaze.log) == 4
    assert season_of(run, "Game of Thrones", 1)["watched"] == [1, 2, 3]


@pytest.mark.parametrize(
    ("files", "given", "message"),
    [
        (
            {"notes.txt": "hello"},
            None,
            "not a watch history: expected a TV Time export (files such as"
            " tracking-prod-records-v2.csv, tracking-prod-records.csv or seen_episode.csv) or"
            " Trakt JSON",
        ),
        (
            {"tracking-prod-records.csv": "series_id,series_name\n1,A\n"},
            None,
            "tracking-prod-records.csv: expected the columns series_id, series_name,"
            " season_number, episode_number, watch_date; missing season_number,"
            " episode_number, watch_date",
        ),
        (
            {"seen_episode.csv": b"tv_show_name,episode_season_number\n\xff\xfe\n"},
            None,
            "seen_episode.csv: not UTF-8 text",
        ),
        ({"watched.json": "{"}, "trakt", "watched.json: not JSON"),
        ({"sheet.csv": "show,season\nA,1\n"}, "tvtime", "no file of a TV Time export in it"),
    ],
)
def test_an_unreadable_or_unrecognised_export_is_exit_2_naming_what_was_expected(
    run: Run,
    tmp_path: Path,
    db: Path,
    files: dict[str, str | bytes],
    given: str | None,
    message: str,
) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    for name, content in files.items():
        target = folder / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    export = zipped(folder, tmp_path / "export.zip")
    before = dump(db)
    args = ["import", str(export), "--offline"] + (["--from", given] if given else [])
    failed = run(*args, code=2)
    assert message in failed.stderr and failed.stderr.count("\n") == 1
    assert dump(db) == before


def test_from_names_the_format_and_a_bad_one_is_refused(run: Run, tmp_path: Path) -> None:
    sheet = tmp_path / "shows.txt"
    sheet.write_text("show,season\nSeverance,2\n", encoding="utf-8")
    assert "1 added" in run("import", str(sheet), "--from", "csv").stdout
    failed = run("import", str(sheet), "--from", "tv-time", code=2)
    assert "--from 'tv-time' is not one of: tvtime, trakt, seasontrack, csv" in failed.stderr


# ---------------------------------------------------------------------------- the readers


def test_every_tv_time_layout_is_read_and_a_show_by_id_and_by_name_is_one(tmp_path: Path) -> None:
    folder = tvtime_folder(
        tmp_path / "old",
        {
            "tracking-prod-records.csv": [
                {
                    "series_id": 81189,
                    "series_name": "Breaking Bad",
                    "season_number": 1,
                    "episode_number": 1,
                    "watch_date": "2015-01-02 03:04:05",
                }
            ],
            "seen_episode_2.csv": [seen("breaking bad", 1, 2, "2015-01-03")],
            "rewatched_episode.csv": [seen("Breaking Bad", 1, 1, "2016-07-08 09:10:11")],
            "followed_tv_show.csv": [
                {"tv_show_id": 81189, "tv_show_name": "Breaking Bad", "active": 1, "archived": 0},
                {"tv_show_id": 73255, "tv_show_name": "House", "active": 1, "archived": 1},
            ],
            "user_tv_show_data.csv": [
                {"tv_show_id": 79349, "tv_show_name": "Dexter", "is_followed": 0}
            ],
        },
    )
    history = read_history(folder, "tvtime")
    assert sorted(history.read) == [
        "followed_tv_show.csv",
        "rewatched_episode.csv",
        "seen_episode_2.csv",
        "tracking-prod-records.csv",
        "user_tv_show_data.csv",
    ]
    shows = {show.label: show for show in history.shows}
    assert list(shows) == ["Breaking Bad", "Dexter", "House"]
    bad = shows["Breaking Bad"]
    assert bad.thetvdb_id == 81189 and bad.follow is True
    assert sorted(bad.watches) == [(1, 1), (1, 2)]
    assert str(bad.watches[(1, 1)].at) == "2016-07-08 09:10:11+00:00"
    assert str(bad.watches[(1, 2)].at) == "2015-01-03"
    assert shows["House"].follow is False
    assert shows["Dexter"].follow is False and shows["Dexter"].thetvdb_id == 79349


def test_a_bad_row_is_skipped_and_said_and_the_rest_is_read(tmp_path: Path) -> None:
    folder = tvtime_folder(
        tmp_path / "tvtime",
        {
            "seen_episode.csv": [
                seen("Severance", 1, 1, "2022-02-18 10:00:00"),
                {"tv_show_name": "Severance", "episode_season_number": "one"},
                {"tv_show_name": "", "episode_season_number": 1, "episode_number": 2},
            ]
        },
    )
    history = read_history(folder, "tvtime")
    assert [sorted(s.watches) for s in history.shows] == [[(1, 1)]]
    assert history.skipped == [
        "tvtime: seen_episode.csv: line 3: episode_season_number 'one' is not a number from 0"
        " to 9999",
        "tvtime: seen_episode.csv: line 4: no show id and no show name",
    ]


def test_a_lone_tv_time_file_is_recognised_by_its_columns(tmp_path: Path) -> None:
    renamed = write_csv(
        tmp_path / "my-history.csv",
        ["tv_show_name", "episode_season_number", "episode_number", "created_at"],
        [seen("Severance", 1, 1, "2022-02-18 10:00:00")],
    )
    assert recognise(renamed, None) == "tvtime"
    plain = write_csv(tmp_path / "seasons.csv", ["show", "season"], [{"show": "A", "season": 1}])
    assert recognise(plain, None) is None


def test_a_long_run_of_look_ups_is_estimated_at_tvmazes_pace() -> None:
    from seasontrack.providers.http import RateLimit
    from seasontrack.render.histories import estimate_line

    pace = RateLimit(20, 10.0)
    assert pace.seconds_for(20) == 0
    assert pace.seconds_for(30) == 10
    seconds = pace.seconds_for(4000)
    assert seconds == 1990
    assert estimate_line(2000, 4000, seconds, (pace.calls, pace.period)) == (
        "Looking up 2000 shows on TVmaze: up to 4000 requests, about 33 minutes (TVmaze"
        " allows about 20 requests every 10 seconds). Answers are kept in the cache, so"
        " running it again after Ctrl-C is quick."
    )


def test_hostile_values_are_skipped_or_refused_never_a_traceback(
    run: Run, tmp_path: Path, db: Path
) -> None:
    folder = tvtime_folder(
        tmp_path / "tvtime",
        {
            "tracking-prod-records-v2.csv": [
                watch("watch-episode", 1, "Big\nNumbers\t\x1b[31m", 1, 1, "2020-01-01"),
                {
                    "key": "watch-episode-x",
                    "s_id": "99999999999999999999999",
                    "series_name": "Huge Id",
                    "season_number": "\u00b2",
                    "episode_number": 1,
                },
                {
                    "key": "watch-episode-y",
                    "s_id": 5,
                    "series_name": "Far",
                    "season_number": 1,
                    "episode_number": 10**12,
                },
            ]
        },
    )
    history = read_history(folder, "tvtime")
    assert [s.name for s in history.shows] == ["Big Numbers \x1b[31m"]
    assert len(history.skipped) == 2
    run("import", str(folder), "--offline")
    listed = run("list", "--plain").stdout
    assert listed.startswith("Big Numbers \\x1b[31m\t") and "\x1b" not in listed
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000, encoding="utf-8")
    before = dump(db)
    failed = run("import", str(deep), "--offline", code=2)
    assert (
        failed.stderr.startswith("Error: ")
        and "deep.json: at byte 8: nested deeper" in failed.stderr
    )
    assert failed.stderr.count("\n") == 1
    assert dump(db) == before
