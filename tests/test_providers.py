"""The provider seam: looking a show up by its TheTVDB or IMDb id, the registry, and the
chooser the fetch service calls when a search leaves several shows.

TVmaze and TMDB are served by a real HTTP server on 127.0.0.1 (see tests/providers.py).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import ClassVar

import pytest
from pytest_httpserver import HTTPServer

from seasontrack.models import ShowLink
from seasontrack.providers import Match, RemoteShow
from seasontrack.providers.protocol import ExternalSource, ShowSource, TrailerSource
from seasontrack.providers.tmdb import TMDB
from seasontrack.providers.tvmaze import TVmaze, parse_show
from seasontrack.services.fetching import Choice, Chooser, Fetched
from tests.conftest import Run
from tests.providers import CACHE_CONTROL, network_show, search_results

NOW = datetime(2029, 12, 29, 17, 0, tzinfo=UTC)
TODAY = date(2029, 12, 29)


@pytest.fixture
def catalog(db: Path) -> Iterator[sqlite3.Connection]:
    from seasontrack.store import open_catalog

    with open_catalog(db) as conn:
        yield conn


def _tvmaze(cache: Path | None = None) -> ShowSource:
    from seasontrack.providers import registry

    return registry.show_source("tvmaze", cache)


def _fetch(
    conn: sqlite3.Connection, query: str, choose: Chooser, *, shows: str = "tvmaze"
) -> Fetched:
    """The fetch service, as `fetch QUERY` calls it, with ``choose`` as its chooser."""
    from seasontrack.services import fetching, sources

    with sources.open_sources("fetch", shows=shows, trailers=None) as providers:
        return fetching.fetch(conn, providers, NOW, TODAY, query=query, choose=choose)


# ---------------------------------------------------------------------------- look-up by id


def test_a_tvmaze_lookup_by_thetvdb_id_reads_the_redirect_in_one_request(
    tvmaze: HTTPServer,
) -> None:
    tvmaze.expect_request("/lookup/shows", query_string={"thetvdb": "121361"}).respond_with_data(
        "", status=301, headers={"Location": tvmaze.url_for("/shows/82")}
    )
    source = _tvmaze()
    try:
        assert source.lookup("thetvdb", "121361") == 82
        assert source.requests == 1
    finally:
        source.close()
    # The redirect is read, not followed: the show itself is not fetched.
    assert [request.path for request, _ in tvmaze.log] == ["/lookup/shows"]


def test_a_tvmaze_lookup_of_an_unknown_imdb_id_is_none(tvmaze: HTTPServer) -> None:
    tvmaze.expect_request("/lookup/shows", query_string={"imdb": "tt0000001"}).respond_with_data(
        "", status=404
    )
    source = _tvmaze()
    try:
        assert source.lookup("imdb", "tt0000001") is None
    finally:
        source.close()


def test_a_lookup_redirect_is_kept_in_the_cache_for_its_max_age(
    tvmaze: HTTPServer, tmp_path: Path
) -> None:
    tvmaze.expect_request("/lookup/shows", query_string={"imdb": "tt0944947"}).respond_with_data(
        "", status=301, headers={"Location": "/shows/82", **CACHE_CONTROL}
    )
    for _ in range(2):
        source = _tvmaze(tmp_path / "http-cache")
        try:
            assert source.lookup("imdb", "tt0944947") == 82
        finally:
            source.close()
    assert len(tvmaze.log) == 1


def test_a_lookup_redirect_elsewhere_is_a_network_error(tvmaze: HTTPServer) -> None:
    from seasontrack.errors import NetworkError

    tvmaze.expect_request("/lookup/shows").respond_with_data(
        "", status=302, headers={"Location": "/maintenance"}
    )
    source = _tvmaze()
    try:
        with pytest.raises(NetworkError, match="TVmaze sent the thetvdb look-up in a shape"):
            source.lookup("thetvdb", "1")
    finally:
        source.close()


def test_tmdb_looks_a_show_up_by_imdb_id_and_supplies_trailers(
    tvmaze: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from seasontrack.errors import InvalidInput
    from seasontrack.providers import registry

    monkeypatch.setenv("SEASONTRACK_TMDB_KEY", "0123456789abcdef")
    tvmaze.expect_request(
        "/3/find/tt0944947",
        query_string={"external_source": "imdb_id", "api_key": "0123456789abcdef"},
    ).respond_with_json({"movie_results": [], "tv_results": [{"id": 1399, "name": "Thrones"}]})
    tvmaze.expect_request("/3/find/tt0000001").respond_with_json(
        {"movie_results": [], "tv_results": []}
    )
    tmdb = registry.trailer_source("tmdb", None)
    assert tmdb is not None
    try:
        assert tmdb.lookup("imdb", "tt0944947") == 1399
        assert tmdb.lookup("imdb", "tt0000001") is None
        assert tmdb.link_id(ShowLink(tvmaze_id=82, tmdb_id=1399)) == 1399
    finally:
        tmdb.close()
    # It is no show source; and without a key it cannot be used: no trailers, no error.
    with pytest.raises(InvalidInput, match="the provider 'tmdb' does not supply shows"):
        registry.show_source("tmdb", None)
    monkeypatch.delenv("SEASONTRACK_TMDB_KEY")
    assert registry.trailer_source("tmdb", None) is None


# ---------------------------------------------------------------------------- the chooser


def _doctor_who(tvmaze: HTTPServer) -> None:
    classic = network_show(210, "Doctor Who", premiered="1963-11-23", status="Ended")
    revival = network_show(2103, "Doctor Who", premiered="2030-01-05")
    tvmaze.expect_request("/search/shows", query_string={"q": "Doctor Who"}).respond_with_json(
        search_results(classic, revival), headers=CACHE_CONTROL
    )
    tvmaze.expect_request("/shows/2103").respond_with_json(revival, headers=CACHE_CONTROL)


def test_the_chooser_is_called_with_the_matches_and_its_choice_is_recorded(
    run: Run, tvmaze: HTTPServer, catalog: sqlite3.Connection
) -> None:
    _doctor_who(tvmaze)
    asked: list[Choice] = []

    def second(choice: Choice) -> Match:
        asked.append(choice)
        return choice.matches[1]

    fetched = _fetch(catalog, "Doctor Who", second)
    [choice] = asked
    assert choice.query == "Doctor Who" and choice.named and choice.source == "TVmaze"
    assert [m.label() for m in choice.matches] == [
        "Doctor Who (1963, BBC One, GB, Ended, TVmaze 210)",
        "Doctor Who (2030, BBC One, GB, Running, TVmaze 2103)",
    ]
    assert (fetched.source, fetched.source_id, fetched.report.created) == ("TVmaze", 2103, True)
    assert not fetched.trailers
    data = json.loads(run("info", "Doctor Who", "--json").stdout)
    assert data["online"]["tvmaze_id"] == 2103


def test_a_single_show_with_the_name_asked_for_needs_no_chooser(
    tvmaze: HTTPServer, catalog: sqlite3.Connection
) -> None:
    body = network_show(2103, "Doctor Who")
    other = network_show(99001, "Doctor Who Confidential")
    tvmaze.expect_request("/search/shows").respond_with_json(search_results(other, body))
    tvmaze.expect_request("/shows/2103").respond_with_json(body)

    def never(choice: Choice) -> Match:
        raise AssertionError(f"asked to choose among {choice.matches}")

    fetched = _fetch(catalog, "Doctor Who", never)
    assert fetched.source_id == 2103


# ---------------------------------------------------------------------------- the registry


class Listings:
    """A show source that is not TVmaze: it knows the shows it is given (in TVmaze's shape,
    the shape tests/providers.py composes) and counts what it is asked."""

    name = "listings"
    display = "Listings"
    shows: ClassVar[dict[int, RemoteShow]] = {}
    asked: ClassVar[list[str]] = []

    @property
    def requests(self) -> int:
        return len(self.asked)

    def close(self) -> None:
        self.asked.append("close")

    def link_id(self, link: ShowLink) -> int:
        return link.tvmaze_id

    def lookup(self, source: ExternalSource, value: str) -> int | None:
        self.asked.append(f"lookup {source} {value}")
        return next((i for i, r in self.shows.items() if str(r.link.thetvdb_id) == value), None)

    def search(self, query: str) -> list[Match]:
        self.asked.append(f"search {query}")
        return [
            Match(self.display, i, r.show.title, r.link.premiered, r.show.network, None, None)
            for i, r in self.shows.items()
            if query.casefold() in r.show.title.casefold()
        ]

    def show(self, show_id: int, today: date, *, fresh: bool = False) -> RemoteShow | None:
        self.asked.append(f"show {show_id}")
        return self.shows.get(show_id)

    def updated_within(self, span: timedelta) -> dict[int, int] | None:
        self.asked.append(f"updates {span.days}d")
        return {i: r.link.updated or 0 for i, r in self.shows.items()}


def connect(cache: Path | None) -> Listings:
    """What the registry calls: this module is the provider module of ``listings``."""
    return Listings()


def test_a_provider_in_the_registry_is_used_by_fetch_and_sync_with_no_other_change(
    run: Run, catalog: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    from seasontrack.providers import registry
    from seasontrack.services import sources, syncing

    monkeypatch.setitem(registry.PROVIDERS, "listings", __name__)
    first = parse_show(network_show(7001, "Night Watch", premiered="2028-03-01"), TODAY)
    second = parse_show(network_show(7002, "Night Watch", premiered="2031-03-01"), TODAY)
    monkeypatch.setattr(Listings, "shows", {7001: first, 7002: second})
    monkeypatch.setattr(Listings, "asked", [])
    static: ShowSource = Listings()  # the class meets the protocol (checked by mypy)
    assert isinstance(static, ShowSource) and not isinstance(static, TrailerSource)

    chosen: list[list[str]] = []

    def latest(choice: Choice) -> Match:
        chosen.append([m.label() for m in choice.matches])
        return max(choice.matches, key=lambda m: m.premiered or 0)

    fetched = _fetch(catalog, "Night Watch", latest, shows="listings")
    assert chosen == [
        ["Night Watch (2028, BBC One, Listings 7001)", "Night Watch (2031, BBC One, Listings 7002)"]
    ]
    assert (fetched.source, fetched.source_id) == ("Listings", 7002)
    assert Listings.asked == ["search Night Watch", "show 7002", "close"]
    data = json.loads(run("info", "Night Watch", "--json").stdout)
    assert data["online"]["tvmaze_id"] == 7002  # the show source's id in the provider link

    # Three days later the same source refreshes it: asked for its updates, then the show.
    later = NOW + timedelta(days=3)
    plan = syncing.plan_sync(
        catalog,
        [],
        every=True,
        force=False,
        now=later,
        source="listings",
    )
    Listings.shows[7002] = parse_show(
        network_show(7002, "Night Watch", premiered="2031-03-01", updated=1900000500), TODAY
    )
    with sources.open_sources("sync", shows="listings", trailers=None) as providers:
        report = syncing.sync(catalog, providers, plan, later, TODAY)
    assert report.source == "Listings" and [m.title for m in report.shows] == ["Night Watch"]
    assert Listings.asked[-3:] == ["updates 3d", "show 7002", "close"]


def test_an_unknown_provider_name_is_an_input_error() -> None:
    from seasontrack.errors import InvalidInput
    from seasontrack.providers import registry

    with pytest.raises(InvalidInput, match="no provider called 'nope'; known: tvmaze, tmdb"):
        registry.connect("nope", None)


def _the_providers_meet_their_protocols(
    tvmaze: TVmaze, tmdb: TMDB
) -> tuple[ShowSource, TrailerSource]:
    """Never called: mypy checks here that TVmaze is a show source and TMDB a trailer source."""
    return tvmaze, tmdb


@pytest.mark.parametrize(
    ("episodes", "named"),
    [
        ([(1, 1, "9999-01-05")], "the date 9999-01-05, outside the years 1900 to 2200"),
        ([(1, 10**12, "2030-01-05")], "an episode number 1000000000000, outside 1 to 10,000"),
        ([(123456, 1, "2030-01-05")], "a season number 123456, outside 0 to 9,999"),
    ],
)
def test_a_provider_value_beyond_the_bounds_is_refused_naming_it(
    run: Run, tvmaze: HTTPServer, episodes: list[tuple[int, int | None, str]], named: str
) -> None:
    # The bounds of typed input hold for what a provider sends: refused with exit 2 naming
    # the bound (README, "Bounds"), nothing stored, never a traceback further on.
    body = network_show(7003, "Far Future", episodes=episodes)
    tvmaze.expect_request("/shows/7003").respond_with_json(body)
    failed = run("fetch", "--tvmaze", "7003", code=2)
    assert named in failed.stderr and failed.stderr.count("\n") == 1
    assert "Far Future" not in run("list", "--plain").stdout
