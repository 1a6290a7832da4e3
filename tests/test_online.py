"""`fetch` and `sync` against a real HTTP server on 127.0.0.1 serving TVmaze's (and TMDB's)
recorded or composed responses: what a user sees, what is kept, and what it costs."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from pytest_httpserver import HTTPServer

from tests.conftest import Run, dump
from tests.providers import (
    CACHE_CONTROL,
    jessica_jones,
    network_show,
    recorded,
    search_results,
)

SHOW_PATH = "/shows/{}"


def serve_show(server: HTTPServer, body: dict[str, Any]) -> None:
    server.expect_request(SHOW_PATH.format(body["id"])).respond_with_json(
        body, headers=CACHE_CONTROL
    )


def serve_search(server: HTTPServer, query: str, *shows: dict[str, Any]) -> None:
    server.expect_request("/search/shows", query_string={"q": query}).respond_with_json(
        search_results(*shows), headers=CACHE_CONTROL
    )


def requests(server: HTTPServer) -> list[str]:
    return [unquote(request.full_path.rstrip("?")) for request, _ in server.log]


def info_json(run: Run, title: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(run("info", title, "--json").stdout)
    return data


# ---------------------------------------------------------------------------- fetch


def test_the_seed_show_fetched_is_one_show_with_your_facts_kept_and_differences_listed(
    run: Run, jessica: None, tvmaze: HTTPServer, db: Path
) -> None:
    body = jessica_jones(s2_premiere="2018-03-09")
    other = network_show(99001, "Jessica", premiered="2019-01-05")
    serve_search(tvmaze, "Jessica Jones", body, other)
    serve_show(tvmaze, body)

    result = run("fetch", "Jessica Jones", "--now", "2018-03-05 12:00")

    out = result.stdout
    assert out.startswith("Updated Jessica Jones from TVmaze (id 1370).\n")
    assert "kept yours: S2 premiere: yours March 8, 2018, TVmaze March 9, 2018" in out
    assert "kept yours: status: yours ended, TVmaze returning" in out
    assert "Trailers skipped: no TMDB key" in result.stderr
    assert len(tvmaze.log) == 2  # the search, then the show with everything embedded
    shows = json.loads(run("list", "--json").stdout)
    assert [s["title"] for s in shows] == ["Jessica Jones"]
    # Your date still drives the countdown.
    countdown = run("countdown", "Jessica Jones", "--now", "2018-03-05 12:00").stdout
    assert "2 days, 15 hours and 1 minute" in countdown
    data = info_json(run, "Jessica Jones")
    assert data["status"] == "ended"
    assert data["summary"].startswith("Haunted by a traumatic past")
    assert "<p>" not in data["summary"]
    assert data["online"]["tvmaze_id"] == 1370
    assert data["online"]["imdb_id"] == "tt2357547"
    assert "S2 premiere: yours March 8, 2018, TVmaze March 9, 2018" in data["online"]["differences"]
    season_one = next(s for s in data["seasons"] if s["number"] == 1)
    assert [e["title"] for e in season_one["episodes"]][:3] == [
        "AKA Ladies Night",
        "AKA Crush Syndrome",
        "AKA It's Called Whiskey",
    ]
    # TVmaze's S2 episode dates contradict your premiere: left out, so they cannot move it.
    season_two = next(s for s in data["seasons"] if s["number"] == 2)
    assert [e["airs"] for e in season_two["episodes"]] == [None] * 13
    assert [s["number"] for s in data["seasons"]] == [1, 2, 3]
    people = [c["person"] for c in data["cast"]]
    assert people.count("Krysten Ritter") == 1 and "Mike Colter" in people
    info = run("info", "Jessica Jones").stdout
    assert "Differences" in info and "status: yours ended, TVmaze returning" in info
    assert "TVmaze (CC BY-SA 4.0)" in info
    assert "http://www.tvmaze.com/shows/1370/marvels-jessica-jones" in info

    # Fetching again changes nothing and lists the same differences.
    before = dump(db)
    again = run("fetch", "Jessica Jones", "--now", "2018-03-05 12:00").stdout
    assert again.startswith("Jessica Jones already agrees with TVmaze (id 1370).")
    assert "kept yours: S2 premiere" in again
    assert dump(db) == before


def test_fetch_of_a_known_id_is_one_request_and_a_repeat_is_served_from_the_cache(
    run: Run, tvmaze: HTTPServer
) -> None:
    serve_show(tvmaze, jessica_jones())
    out = run("fetch", "--tvmaze", "1370", "--now", "2018-03-05 12:00").stdout
    assert out.startswith("Added Marvel's Jessica Jones from TVmaze (id 1370).")
    assert "26 new episodes, 3 cast added" in out
    assert requests(tvmaze) == ["/shows/1370?embed[]=seasons&embed[]=episodes&embed[]=cast"]
    user_agent = tvmaze.log[0][0].headers["User-Agent"]
    assert user_agent.startswith("seasontrack/0.1.0")
    # Once linked, the name is enough, and within max-age the cache answers.
    run("fetch", "Marvel's Jessica Jones", "--now", "2018-03-05 12:00")
    run("fetch", "--tvmaze", "1370", "--now", "2018-03-05 12:00")
    assert len(tvmaze.log) == 1


def test_a_web_channel_show_has_days_without_times(run: Run, tvmaze: HTTPServer) -> None:
    serve_show(tvmaze, jessica_jones())
    run("fetch", "--tvmaze", "1370")
    data = info_json(run, "Marvel's Jessica Jones")
    assert data["network"] == "Netflix" and data["country"] == "US"
    two = next(s for s in data["seasons"] if s["number"] == 2)
    assert two["premiere"]["precision"] == "day" and two["release_time"] is None
    assert two["release"] == "all-at-once" and two["episode_count"] == 13
    assert {e["airs"]["text"] for e in two["episodes"]} == {"March 8, 2018"}
    three = next(s for s in data["seasons"] if s["number"] == 3)
    assert three["premiere"]["precision"] == "tba"  # announced: no dates yet
    upcoming = run("upcoming", "--now", "2018-03-01 12:00", "--within", "30d").stdout
    assert "Marvel's Jessica Jones  S2E1-E13  March 8, 2018" in upcoming


def test_a_network_show_airs_at_its_networks_time_in_its_countrys_zone(
    run: Run, tvmaze: HTTPServer
) -> None:
    serve_show(tvmaze, network_show(2103, "Doctor Who"))
    run("fetch", "--tvmaze", "2103")
    # 19:00 in London is 14:00 in New York (the user's zone here).
    out = run("upcoming", "--episodes", "--now", "2030-01-01 12:00").stdout
    assert "Doctor Who  S1E1 Doctor Who 1x1  January 5, 2030 14:00 EST" in out
    data = info_json(run, "Doctor Who")
    assert data["country"] == "GB" and data["network"] == "BBC One"
    assert data["seasons"][0]["release_time"] == "19:00"
    assert data["seasons"][0]["release_tz"] == "Europe/London"
    assert data["seasons"][0]["episodes"][0]["airs"]["at"] == "2030-01-05T19:00:00+00:00"
    assert data["online"]["official_site"] == "https://www.example.org/doctor-who"


def test_several_matches_piped_exit_2_with_the_list_and_same_names_stay_distinct(
    run: Run, tvmaze: HTTPServer
) -> None:
    classic = network_show(210, "Doctor Who", premiered="1963-11-23", status="Ended")
    classic["_embedded"]["episodes"] = []
    classic["_embedded"]["seasons"] = []
    revival = network_show(2103, "Doctor Who", premiered="2030-01-05")
    serve_search(tvmaze, "Doctor Who", classic, revival)
    serve_show(tvmaze, classic)
    serve_show(tvmaze, revival)

    failed = run("fetch", "Doctor Who", code=2)
    assert "1. Doctor Who (1963, BBC One, GB, Ended, TVmaze 210)" in failed.stderr
    assert "2. Doctor Who (2030, BBC One, GB, Running, TVmaze 2103)" in failed.stderr
    assert "choose one with --pick N" in failed.stderr
    assert failed.stdout == ""

    assert run("fetch", "Doctor Who", "--year", "1963").stdout.startswith(
        "Added Doctor Who from TVmaze (id 210)."
    )
    second = run("fetch", "Doctor Who", "--pick", "2").stdout
    assert second.startswith("Added Doctor Who (2030) from TVmaze (id 2103).")
    titles = [s["title"] for s in json.loads(run("list", "--json").stdout)]
    assert titles == ["Doctor Who", "Doctor Who (2030)"]


def test_a_show_tvmaze_does_not_know_is_exit_1_with_the_closest_names(
    run: Run, tvmaze: HTTPServer, db: Path
) -> None:
    serve_search(tvmaze, "Jessica Jnes", jessica_jones())
    serve_search(tvmaze, "Zzyzx")
    before = dump(db)
    near = run("fetch", "Jessica Jnes", code=1).stderr
    assert near == (
        "Error: TVmaze has no show called 'Jessica Jnes'; closest: Marvel's Jessica Jones"
        " (2015, Netflix, US, Running, TVmaze 1370) (choose one with --pick N or --tvmaze ID)\n"
    )
    assert run("fetch", "Zzyzx", code=1).stderr == "Error: TVmaze knows no show called 'Zzyzx'\n"
    assert dump(db) == before


def test_an_unknown_id_is_a_404_with_an_empty_body_and_exit_1(
    run: Run, tvmaze: HTTPServer, db: Path
) -> None:
    tvmaze.expect_request("/shows/999999").respond_with_data("", status=404)
    before = dump(db)
    assert run("fetch", "--tvmaze", "999999", code=1).stderr == (
        "Error: TVmaze has no show with id 999999\n"
    )
    assert dump(db) == before


def test_dry_run_prints_what_would_change_and_writes_nothing(
    run: Run, jessica: None, tvmaze: HTTPServer, db: Path
) -> None:
    serve_show(tvmaze, jessica_jones())
    before = dump(db)
    out = run("fetch", "Jessica Jones", "--tvmaze", "1370", "--dry-run").stdout
    assert out.startswith("Would update Jessica Jones from TVmaze (id 1370).")
    assert out.endswith("Nothing written (--dry-run).\n")
    assert dump(db) == before


def test_provider_html_becomes_plain_text_and_is_never_read_as_markup(
    run: Run, tvmaze: HTTPServer
) -> None:
    body = network_show(
        77, "Markup", summary="<p>Fish &amp; chips [bold]loud[/bold]<br>on <i>Fridays</i>.</p>"
    )
    serve_show(tvmaze, body)
    run("fetch", "--tvmaze", "77")
    assert info_json(run, "Markup")["summary"] == "Fish & chips [bold]loud[/bold]\n\non Fridays."
    assert "Fish & chips [bold]loud[/bold]" in run("info", "Markup").stdout


def test_specials_are_kept_apart_as_season_0(run: Run, tvmaze: HTTPServer) -> None:
    body = network_show(
        82,
        "Specials",
        episodes=[(1, 1, "2030-01-05"), (1, 2, "2030-01-12"), (1, None, "2030-01-08")],
    )
    serve_show(tvmaze, body)
    out = run("fetch", "--tvmaze", "82").stdout
    assert "1 special kept apart as season 0" in out
    data = info_json(run, "Specials")
    seasons = {s["number"]: s for s in data["seasons"]}
    assert [e["number"] for e in seasons[1]["episodes"]] == [1, 2]
    assert seasons[0]["episodes"][0]["title"] == "Specials 1x0"


# ---------------------------------------------------------------------------- failures


RawServer = Callable[[bytes | None], int]


@pytest.fixture
def raw_server() -> Iterator[RawServer]:
    """Servers on 127.0.0.1 for what a well-behaved server library will not do: each takes one
    connection and reads the request; then it sends the bytes given and hangs up, or, given
    None, sends nothing and holds the connection until the client gives up (a hang)."""
    threads: list[threading.Thread] = []

    def start(answer: bytes | None) -> int:
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen()

        def serve() -> None:
            with listener:
                conn, _ = listener.accept()
                with conn:
                    conn.recv(65536)
                    if answer is not None:
                        conn.sendall(answer)
                        return  # and hang up, the answer cut off
                    conn.settimeout(10)
                    with contextlib.suppress(OSError):
                        while conn.recv(65536):
                            pass

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        threads.append(thread)
        return int(listener.getsockname()[1])

    yield start
    for thread in threads:
        thread.join(timeout=10)


def _cut_off() -> bytes:
    """A whole show promised by Content-Length, and a third of it sent."""
    body = json.dumps(jessica_jones()).encode()
    head = (
        "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=UTF-8\r\n"
        f"Content-Length: {len(body)}\r\nCache-Control: public, max-age=3600\r\n\r\n"
    ).encode()
    return head + body[: len(body) // 3]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        ("5xx", "TVmaze answered HTTP 503 SERVICE UNAVAILABLE"),
        ("hang", "did not answer within 0.5 s"),
        ("truncated", "broke off the answer"),
        ("not json", "sent a body that is not JSON"),
        ("refused", "cannot connect to TVmaze at 127.0.0.1"),
        ("429 forever", "kept answering 429 Too Many Requests (4 tries)"),
        ("offline", "offline (--offline or SEASONTRACK_OFFLINE=1): fetch needs the network"),
        ("wrong shape", "TVmaze sent show 1370 in a shape seasontrack does not know"),
    ],
)
def test_every_network_failure_exits_4_with_one_line_and_the_catalog_unchanged(
    run: Run,
    jessica: None,
    tvmaze: HTTPServer,
    db: Path,
    monkeypatch: pytest.MonkeyPatch,
    failure: str,
    message: str,
    raw_server: RawServer,
) -> None:
    monkeypatch.setenv("SEASONTRACK_TIMEOUT", "0.5")
    path = "/shows/1370"
    if failure == "5xx":
        tvmaze.expect_request(path).respond_with_data("oops", status=503)
    elif failure == "hang":
        port = raw_server(None)
        monkeypatch.setenv("SEASONTRACK_TVMAZE_URL", f"http://127.0.0.1:{port}")
    elif failure == "truncated":
        port = raw_server(_cut_off())
        monkeypatch.setenv("SEASONTRACK_TVMAZE_URL", f"http://127.0.0.1:{port}")
    elif failure == "not json":
        tvmaze.expect_request(path).respond_with_data("<html>maintenance</html>")
    elif failure == "refused":
        monkeypatch.setenv("SEASONTRACK_TVMAZE_URL", f"http://127.0.0.1:{_free_port()}")
    elif failure == "429 forever":
        tvmaze.expect_request(path).respond_with_data("", status=429, headers={"Retry-After": "0"})
    elif failure == "offline":
        monkeypatch.setenv("SEASONTRACK_OFFLINE", "1")
    elif failure == "wrong shape":
        tvmaze.expect_request(path).respond_with_json({"id": 1370, "seasons": "many"})
    before = dump(db)
    result = run("fetch", "Jessica Jones", "--tvmaze", "1370", code=4)
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""
    assert dump(db) == before
    if failure == "429 forever":
        assert len(tvmaze.log) == 4
    if failure == "offline":
        assert tvmaze.log == []


def test_429_then_success_waits_as_told_and_retries(run: Run, tvmaze: HTTPServer) -> None:
    tvmaze.expect_oneshot_request("/shows/1370").respond_with_data(
        "", status=429, headers={"Retry-After": "1"}
    )
    serve_show(tvmaze, jessica_jones())
    started = time.monotonic()
    run("fetch", "--tvmaze", "1370")
    assert time.monotonic() - started >= 1.0
    assert [response.status_code for _, response in tvmaze.log] == [429, 200]
    assert info_json(run, "Marvel's Jessica Jones")["online"]["tvmaze_id"] == 1370


def test_offline_flag_refuses_sync_at_once(run: Run, tvmaze: HTTPServer) -> None:
    assert "offline" in run("sync", "--offline", code=4).stderr
    assert tvmaze.log == []


# ---------------------------------------------------------------------------- sync


def _events(ics: bytes) -> dict[str, int]:
    from icalendar import Calendar

    calendar = Calendar.from_ical(ics)
    return {
        str(event["SUMMARY"]): int(event.get("SEQUENCE", 0)) for event in calendar.walk("VEVENT")
    }


def test_sync_after_tvmaze_moves_a_date_updates_it_reminds_again_and_bumps_the_sequence(
    run: Run, tvmaze: HTTPServer
) -> None:
    first = network_show(2103, "Doctor Who", updated=1900000000)
    serve_show(tvmaze, first)
    run("fetch", "--tvmaze", "2103", "--now", "2029-12-29 12:00")
    reminded = run("remind", "--now", "2029-12-29 13:00").stdout
    assert "Doctor Who S1E1: January 5, 2030 14:00 EST (in 7 days)" in reminded
    sequence_before = _events(run("export", "--format", "ics").stdout_bytes)

    moved = network_show(
        2103,
        "Doctor Who",
        updated=1900003600,
        episodes=[(1, 1, "2030-01-06"), (1, 2, "2030-01-12"), (1, 3, "2030-01-19")],
    )
    tvmaze.clear()
    tvmaze.expect_request("/updates/shows", query_string={"since": "day"}).respond_with_json(
        {"2103": 1900003600, "1": 1800000000}
    )
    serve_show(tvmaze, moved)
    out = run("sync", "--now", "2029-12-29 15:00").stdout
    assert "Doctor Who:" in out
    assert "changed: S1 premiere: January 5, 2030 → January 6, 2030" in out
    assert (
        "changed: S1E1 airs: January 5, 2030 19:00 Europe/London → January 6, 2030 19:00"
        " Europe/London" in out
    )
    assert "Synced 1 show: 1 updated, 0 unchanged; 0 new episodes, 1 moved date" in out
    assert requests(tvmaze) == [
        "/updates/shows?since=day",
        "/shows/2103?embed[]=seasons&embed[]=episodes&embed[]=cast",
    ]
    # The new date is a new release: reminded again when its 7-day lead comes; and the moved
    # premiere is news of its own (a `dated` alert), naming where the date came from.
    again = run("remind", "--now", "2029-12-30 09:00").stdout
    assert again == (
        "Doctor Who S1E1: January 6, 2030 14:00 EST (in 7 days)\n"
        "Doctor Who S1: now January 6, 2030 (was January 5, 2030), per TVmaze\n"
    )
    sequence_after = _events(run("export", "--format", "ics").stdout_bytes)
    premiere = "Doctor Who S1 premiere"
    assert sequence_after[premiere] > sequence_before[premiere]


def _link_many(db: Path, count: int, now: str) -> None:
    """``count`` shows recorded and linked through the fetch service, as `fetch` leaves them."""
    from datetime import date, datetime

    from seasontrack.providers.tvmaze import parse_show
    from seasontrack.services import online
    from seasontrack.store import open_catalog

    at = datetime.fromisoformat(now)
    with open_catalog(db) as conn:
        for index in range(count):
            body = network_show(5000 + index, f"Show {index:03d}", updated=1900000000)
            online.record(conn, parse_show(body, date(2030, 1, 1)), at)


def test_sync_of_200_linked_shows_with_3_changed_makes_at_most_4_requests(
    run: Run, tvmaze: HTTPServer, db: Path
) -> None:
    _link_many(db, 200, "2029-12-30T12:00:00+00:00")
    changed = [5007, 5100, 5199]
    stamps = {str(5000 + i): 1900000000 for i in range(200)}
    for identity in changed:
        stamps[str(identity)] = 1900007200
        serve_show(
            tvmaze,
            network_show(
                identity,
                f"Show {identity - 5000:03d}",
                updated=1900007200,
                episodes=[(1, 1, "2030-01-05"), (1, 2, "2030-01-12"), (1, 3, "2030-01-26")],
            ),
        )
    tvmaze.expect_request("/updates/shows", query_string={"since": "day"}).respond_with_json(stamps)
    out = run("sync", "--now", "2029-12-30 09:00").stdout
    assert len(tvmaze.log) == 4
    assert "Synced 200 shows: 3 updated, 197 unchanged; 0 new episodes, 3 moved dates," in out
    assert "(4 requests)" in out
    # Within the hour: no request at all.
    calm = run("sync", "--now", "2029-12-30 09:30").stdout
    assert "All 200 shows were synced within the last hour; nothing asked" in calm
    assert len(tvmaze.log) == 4


def test_sync_force_refetches_and_never_overwrites_your_typed_facts(
    run: Run, tvmaze: HTTPServer
) -> None:
    serve_show(tvmaze, network_show(2103, "Doctor Who", updated=1900000000))
    run("fetch", "--tvmaze", "2103", "--now", "2029-12-29 12:00")
    # You correct a date TVmaze gave: from now on it is yours.
    run("episode", "edit", "Doctor Who", "1", "2", "--airs", "2030-01-13 19:00 Europe/London")
    tvmaze.clear()
    serve_show(
        tvmaze,
        network_show(
            2103,
            "Doctor Who",
            updated=1900000100,
            status="Ended",
            episodes=[(1, 1, "2030-01-05"), (1, 2, "2030-01-14"), (1, 3, "2030-01-19")],
        ),
    )
    out = run("sync", "Doctor Who", "--force", "--now", "2029-12-29 12:10").stdout
    assert "status: returning → ended" in out
    assert (
        "kept yours: S1E2 airs: yours January 13, 2030 19:00 Europe/London, TVmaze"
        " January 14, 2030 19:00 Europe/London" in out
    )
    data = info_json(run, "Doctor Who")
    assert data["seasons"][0]["episodes"][1]["airs"]["start"] == "2030-01-13"
    assert data["status"] == "ended"
    assert data["online"]["differences"] == [
        "S1E2 airs: yours January 13, 2030 19:00 Europe/London, TVmaze January 14, 2030"
        " 19:00 Europe/London"
    ]


def test_a_failed_sync_keeps_the_shows_that_finished_and_leaves_the_rest(
    run: Run, tvmaze: HTTPServer, db: Path
) -> None:
    _link_many(db, 3, "2029-12-30T12:00:00+00:00")
    tvmaze.expect_request("/updates/shows").respond_with_json(
        {"5000": 1900009999, "5001": 1900009999, "5002": 1900009999}
    )
    serve_show(
        tvmaze,
        network_show(5000, "Show 000", updated=1900009999, episodes=[(1, 1, "2030-02-02")]),
    )
    tvmaze.expect_request("/shows/5001").respond_with_data("", status=502)
    failed = run("sync", "--now", "2029-12-30 09:00", code=4)
    assert failed.stderr.startswith("Error: sync stopped at Show 001 (1 of 3 shows to refresh done")
    assert "HTTP 502" in failed.stderr
    first = info_json(run, "Show 000")
    assert first["seasons"][0]["premiere"]["start"] == "2030-02-02"
    assert info_json(run, "Show 002")["seasons"][0]["premiere"]["start"] == "2030-01-05"


def test_sync_names_only_linked_shows(run: Run, jessica: None, tvmaze: HTTPServer) -> None:
    failed = run("sync", "Jessica Jones", code=1)
    assert "Jessica Jones is not linked to TVmaze yet" in failed.stderr
    assert "No linked shows to sync" in run("sync").stderr
    assert tvmaze.log == []


def test_quiet_sync_prints_nothing(run: Run, tvmaze: HTTPServer) -> None:
    serve_show(tvmaze, network_show(2103, "Doctor Who"))
    run("fetch", "--tvmaze", "2103", "--now", "2029-12-29 12:00")
    tvmaze.expect_request("/updates/shows").respond_with_json({})
    result = run("sync", "--quiet", "--now", "2029-12-29 14:00")
    assert result.stdout == "" and result.stderr == ""


# ---------------------------------------------------------------------------- TMDB


def test_tmdb_trailers_are_recorded_once_with_a_key(
    run: Run, tvmaze: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("config", "set", "tmdb.key", "0123456789abcdef")
    serve_show(tvmaze, network_show(82, "Thrones", thetvdb=121361, network="HBO"))
    tvmaze.expect_request(
        "/3/find/121361", query_string={"external_source": "tvdb_id", "api_key": "0123456789abcdef"}
    ).respond_with_json({"movie_results": [], "tv_results": [{"id": 1399, "name": "Thrones"}]})
    tvmaze.expect_request("/3/tv/1399/videos").respond_with_json(
        recorded("tmdb/tv-1399-videos.json")
    )
    tvmaze.expect_request("/3/tv/1399/season/1/videos").respond_with_json(
        recorded("tmdb/tv-1399-season-1-videos.json")
    )
    first = run("fetch", "--tvmaze", "82")
    assert "trailers added" in first.stdout and "Trailers skipped" not in first.stderr
    trailers = info_json(run, "Thrones")["trailers"]
    assert {t["kind"] for t in trailers} == {"trailer", "teaser"}
    assert all(t["url"].startswith("https://www.youtube.com/watch?v=") for t in trailers)
    assert any(t["season"] == 1 for t in trailers)
    assert all(t["publisher"] == "HBO" for t in trailers)
    run("sync", "--force", "--now", "2030-01-01 12:00")
    assert len(info_json(run, "Thrones")["trailers"]) == len(trailers)


# ---------------------------------------------------------------------------- cron


def test_the_cron_line_syncs_before_it_reminds(run: Run) -> None:
    line = run("cron").stdout.strip()
    sync_at, remind_at = line.index(" sync --quiet;"), line.index(" remind #")
    assert sync_at < remind_at


def test_the_sample_catalogs_imported_jessica_jones_is_merged_not_duplicated(
    run: Run, tvmaze: HTTPServer
) -> None:
    sample = Path(__file__).parent.parent / "data" / "catalog.json"
    run("import", str(sample))
    before = {s["title"]: s for s in json.loads(run("list", "--json").stdout)}
    body = jessica_jones(s2_premiere="2018-03-09")
    serve_search(tvmaze, "Marvel's Jessica Jones", body)
    serve_show(tvmaze, body)
    out = run("fetch", "Marvel's Jessica Jones", "--now", "2018-03-05 12:00").stdout
    assert out.startswith("Updated Jessica Jones from TVmaze (id 1370).")
    # They came from the file, and say so.
    assert "kept yours: S2 premiere: yours (imported) March 8, 2018, TVmaze March 9, 2018" in out
    after = {s["title"]: s for s in json.loads(run("list", "--json").stdout)}
    assert sorted(after) == sorted(before)
    data = info_json(run, "Jessica Jones")
    # The imported facts stand: the summary, status and season 3's date are the file's.
    assert data["summary"].startswith("Marvel series on Netflix")
    assert data["status"] == "ended"
    three = next(s for s in data["seasons"] if s["number"] == 3)
    assert three["premiere"]["start"] == "2019-06-14"


def test_sync_asks_the_updates_map_as_far_back_as_the_oldest_last_sync(
    run: Run, tvmaze: HTTPServer
) -> None:
    serve_show(tvmaze, network_show(2103, "Doctor Who"))
    run("fetch", "--tvmaze", "2103", "--now", "2029-12-20 12:00")
    tvmaze.clear()
    tvmaze.expect_request("/updates/shows", query_string={"since": "week"}).respond_with_json(
        {"2103": 1900000000}
    )
    out = run("sync", "--now", "2029-12-24 12:00").stdout
    assert out == (
        "Synced 1 show: 0 updated, 1 unchanged; 0 new episodes, 0 moved dates,"
        " 0 status changes (1 request).\n"
    )
    assert requests(tvmaze) == ["/updates/shows?since=week"]


def test_sync_without_a_tmdb_key_hints_once_and_a_bad_timeout_is_an_input_error(
    run: Run, tvmaze: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve_show(tvmaze, network_show(2103, "Doctor Who"))
    run("fetch", "--tvmaze", "2103", "--now", "2029-12-20 12:00")
    result = run("sync", "--force", "--now", "2029-12-20 12:30")
    assert result.stderr.count("Trailers skipped: no TMDB key") == 1
    monkeypatch.setenv("SEASONTRACK_TIMEOUT", "soon")
    failed = run("sync", "--force", "--now", "2029-12-20 12:40", code=2)
    assert "SEASONTRACK_TIMEOUT='soon' is not a number of seconds" in failed.stderr


def test_a_failed_sync_in_the_cron_line_never_stops_the_reminders(
    run: Run, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import subprocess
    import sys

    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    run("show", "add", "Severance")
    run("season", "add", "Severance", "2", "--premiere", "2025-01-17")
    line = run("cron").stdout.strip()
    command = line.split(" ", 5)[5].split(" # ")[0]  # what cron hands to the shell
    env = {**os.environ, "SEASONTRACK_OFFLINE": "1", "SEASONTRACK_NOW": "2025-01-16 09:00"}
    done = subprocess.run(
        ["sh", "-c", command], env=env, capture_output=True, text=True, check=False
    )
    assert "Error: offline" in done.stderr
    assert "Severance S2: January 17, 2025 (tomorrow)" in done.stdout
    assert done.returncode == 0


# ---------------------------------------------------------------------------- the HTTP layer


def _http(server: HTTPServer, sleeps: list[float], tmp_path: Path) -> Any:
    from seasontrack.providers.http import Http, RateLimit

    return Http(
        "TVmaze",
        server.url_for("/").rstrip("/"),
        rate=RateLimit(20, 10.0),
        cache=tmp_path / "http-cache",
        sleep=sleeps.append,
    )


def test_without_retry_after_a_429_backs_off_2_then_4_seconds(
    tvmaze: HTTPServer, tmp_path: Path
) -> None:
    for _ in range(2):
        tvmaze.expect_oneshot_request("/shows/1").respond_with_data("", status=429)
    tvmaze.expect_request("/shows/1").respond_with_json({"id": 1})
    sleeps: list[float] = []
    with _http(tvmaze, sleeps, tmp_path) as http:
        assert http.get_json("/shows/1") == {"id": 1}
    assert sleeps == [2.0, 4.0]
    assert http.requests == 3


def test_the_cache_keeps_a_response_for_its_max_age_only(
    tvmaze: HTTPServer, tmp_path: Path
) -> None:
    tvmaze.expect_request("/kept").respond_with_json([1], headers=CACHE_CONTROL)
    tvmaze.expect_request("/uncached").respond_with_json([2], headers={"Cache-Control": "no-store"})
    with _http(tvmaze, [], tmp_path) as http:
        for _ in range(3):
            assert http.get_json("/kept") == [1]
            assert http.get_json("/uncached") == [2]
        assert http.get_json("/kept", fresh=True) == [1]
    assert requests(tvmaze) == ["/kept", "/uncached", "/uncached", "/uncached", "/kept"]


def test_the_rate_limit_waits_once_twenty_calls_fill_ten_seconds() -> None:
    from seasontrack.providers.http import RateLimit

    now = [0.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    limit = RateLimit(20, 10.0, sleep=sleep, clock=lambda: now[0])
    for _ in range(20):
        limit.wait()
        now[0] += 0.1
    assert waits == []
    limit.wait()
    assert waits == [pytest.approx(8.0)]


def test_an_exported_catalog_keeps_its_links_and_differences_when_imported_elsewhere(
    run: Run, jessica: None, tvmaze: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = jessica_jones(s2_premiere="2018-03-09")
    serve_show(tvmaze, body)
    run("fetch", "--tvmaze", "1370", "--now", "2018-03-05 12:00")
    linked = info_json(run, "Jessica Jones")["online"]
    exported = tmp_path / "catalog.json"
    run("export", "-o", str(exported))

    monkeypatch.setenv("SEASONTRACK_DB", str(tmp_path / "elsewhere.db"))
    assert "1 added" in run("import", str(exported)).stdout
    restored = info_json(run, "Jessica Jones")["online"]
    assert restored == linked
    assert "S2 premiere: yours March 8, 2018, TVmaze March 9, 2018" in restored["differences"]
    # Importing the same file again changes nothing, links included.
    assert "0 changed, 1 unchanged" in run("import", str(exported)).stdout
    # The link is live: a forced sync of the restored show asks TVmaze for that id.
    run("sync", "Jessica Jones", "--force", "--now", "2018-03-05 12:00")
    assert requests(tvmaze)[-1].startswith("/shows/1370?")


def test_an_import_that_links_a_tvmaze_show_twice_is_refused_whole(
    run: Run, tvmaze: HTTPServer, tmp_path: Path, db: Path
) -> None:
    serve_show(tvmaze, jessica_jones())
    run("fetch", "--tvmaze", "1370", "--now", "2018-03-05 12:00")
    document = json.loads(run("export").stdout)
    document["shows"][0]["title"] = "Another Title"
    clash = tmp_path / "clash.json"
    clash.write_text(json.dumps(document))
    before = dump(db)
    result = run("import", str(clash), code=2)
    assert "TVmaze show 1370 is already linked to" in result.stderr
    assert dump(db) == before


def test_a_season_or_episode_you_removed_stays_removed_until_you_add_it_back(
    run: Run, tvmaze: HTTPServer
) -> None:
    serve_show(tvmaze, jessica_jones())
    title = "Marvel's Jessica Jones"
    run("fetch", "--tvmaze", "1370", "--now", "2018-03-05 12:00")
    run("season", "rm", title, "3", "--yes")
    run("episode", "rm", title, "1", "13", "--yes")

    out = run("sync", title, "--force", "--now", "2018-03-05 12:10").stdout
    assert "1 unchanged; 0 new episodes" in out
    data = info_json(run, title)
    assert [s["number"] for s in data["seasons"]] == [1, 2]
    assert [e["number"] for e in data["seasons"][0]["episodes"]] == list(range(1, 13))

    # Added back by hand, TVmaze may fill them again.
    run("season", "add", title, "3")
    run("episode", "add", title, "1", "13")
    run("sync", title, "--force", "--now", "2018-03-05 12:20")
    data = info_json(run, title)
    assert [s["number"] for s in data["seasons"]] == [1, 2, 3]
    assert data["seasons"][0]["episodes"][12]["title"] == "AKA Smile"


def test_each_of_your_facts_says_whether_you_typed_it_or_imported_it(
    run: Run, jessica: None, tvmaze: HTTPServer, tmp_path: Path
) -> None:
    # Typed in by hand (the seed's facts), then a file changes season 2's finale.
    sheet = tmp_path / "fix.csv"
    sheet.write_text(
        "show,season,premiere,premiere_precision,finale,finale_precision\n"
        "Jessica Jones,2,2018-03-08,day,2018-03-10,day\n"
    )
    run("import", str(sheet))
    body = jessica_jones(s2_premiere="2018-03-09")
    serve_show(tvmaze, body)
    run("fetch", "--tvmaze", "1370", "--now", "2018-03-05 12:00")
    differences = info_json(run, "Jessica Jones")["online"]["differences"]
    assert differences == [
        "status: yours ended, TVmaze returning",
        "S2 premiere: yours March 8, 2018, TVmaze March 9, 2018",
        "S2 finale: yours (imported) March 10, 2018, TVmaze March 9, 2018",
    ]
    # Typed again by hand, the finale is typed; TVmaze's value is still shown beside it.
    run("season", "edit", "Jessica Jones", "2", "--finale", "2018-03-11")
    differences = info_json(run, "Jessica Jones")["online"]["differences"]
    assert differences[-1] == "S2 finale: yours March 11, 2018, TVmaze March 9, 2018"


def test_a_value_tvmaze_gave_that_you_change_by_hand_is_yours_at_once(
    run: Run, tvmaze: HTTPServer
) -> None:
    serve_show(tvmaze, jessica_jones(s2_premiere="2018-03-09"))
    title = "Marvel's Jessica Jones"
    run("fetch", "--tvmaze", "1370", "--now", "2018-03-05 12:00")
    run("season", "edit", title, "2", "--premiere", "2018-03-08")
    # No sync needed: info already shows your value against TVmaze's.
    differences = info_json(run, title)["online"]["differences"]
    assert "S2 premiere: yours March 8, 2018, TVmaze March 9, 2018" in differences


def test_a_season_on_another_network_than_its_show_is_recorded_as_such(
    run: Run, tvmaze: HTTPServer
) -> None:
    # A show that moved: season 2 is on a streaming service (a web channel).
    body = network_show(
        4401,
        "Moved Show",
        episodes=[(1, 1, "2030-01-05"), (1, 2, "2030-01-12"), (2, 1, "2031-02-01")],
    )
    body["_embedded"]["seasons"][1]["network"] = None
    body["_embedded"]["seasons"][1]["webChannel"] = {"id": 1, "name": "Netflix", "country": None}
    serve_show(tvmaze, body)
    run("fetch", "--tvmaze", "4401", "--now", "2029-12-29 12:00")
    seasons = info_json(run, "Moved Show")["seasons"]
    assert [(s["number"], s["network"]) for s in seasons] == [(1, None), (2, "Netflix")]
    rows = json.loads(
        run("upcoming", "--network", "Netflix", "--json", "--now", "2030-06-01").stdout
    )
    assert [(r["show"], r["season"], r["network"]) for r in rows] == [("Moved Show", 2, "Netflix")]


def _read_until(fd: int, wanted: bytes, seen: bytearray, deadline: float) -> bytes:
    """Read a terminal's output until ``wanted`` shows (or the time is up)."""
    import select

    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the process closed its side
                break
            if not chunk:
                break
            seen.extend(chunk)
    return bytes(seen)


def test_on_a_terminal_fetch_asks_which_show_and_takes_the_answer(
    tvmaze: HTTPServer, db: Path
) -> None:
    # A true process on a pseudo-terminal, as a person runs it.
    import pty
    import subprocess
    import sys

    classic = network_show(210, "Doctor Who", premiered="1963-11-23", status="Ended")
    revival = network_show(2103, "Doctor Who", premiered="2030-01-05")
    serve_search(tvmaze, "Doctor Who", classic, revival)
    serve_show(tvmaze, revival)
    main_fd, child_fd = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "NO_COLOR": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "seasontrack", "fetch", "Doctor Who", "--now", "2029-12-29"],
        stdin=child_fd,
        stdout=child_fd,
        stderr=child_fd,
        env=env,
        close_fds=True,
    )
    os.close(child_fd)
    seen = bytearray()
    deadline = time.monotonic() + 20
    try:
        out = _read_until(main_fd, b"Which one (1-2)", seen, deadline)
        assert b"1. Doctor Who (1963, BBC One, GB, Ended, TVmaze 210)" in out
        os.write(main_fd, b"3\n")
        _read_until(main_fd, b"Choose 1 to 2.", seen, deadline)
        os.write(main_fd, b"2\n")
        out = _read_until(main_fd, b"from TVmaze (id 2103)", seen, deadline)
        assert process.wait(timeout=20) == 0
    finally:
        process.kill()
        os.close(main_fd)
    assert b"Choose 1 to 2." in out
    assert b"Added Doctor Who from TVmaze (id 2103)." in out
    assert [r.url for r, _ in tvmaze.log if r.path.startswith("/shows/")] == [
        tvmaze.url_for("/shows/2103") + "?embed[]=seasons&embed[]=episodes&embed[]=cast"
    ]
