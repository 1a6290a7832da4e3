"""TVmaze (https://www.tvmaze.com/api): search, a show with everything in one request, the
look-up by TheTVDB or IMDb id, and the map of recently updated shows. Data from TVmaze is
licensed CC BY-SA. Meets :class:`~seasontrack.providers.protocol.ShowSource`.

Times: a network show's ``airtime`` is wall-clock time in its network's country's zone; a
web-channel show has none (``""``); ``airstamp`` is the instant.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from seasontrack.dates import DateInputError, PartialDate, Precision
from seasontrack.errors import InvalidInput, NetworkError
from seasontrack.limits import MAX_EPISODES, MAX_SEASON, MAX_YEAR, MIN_YEAR
from seasontrack.models import TBA, Credit, Episode, Season, Show, ShowLink
from seasontrack.providers import (
    TVMAZE_URL,
    TVMAZE_URL_ENV,
    EpisodeExtra,
    Match,
    RemoteShow,
    base_url,
)
from seasontrack.providers.http import Http, HttpProvider, RateLimit
from seasontrack.providers.protocol import ExternalSource
from seasontrack.providers.text import plain_text

NAME = "TVmaze"
SHOW_EMBEDS = ["seasons", "episodes", "cast"]
# TVmaze's statuses, as the catalog's (a running show is refined by its dates, below).
STATUSES = {
    "running": "returning",
    "ended": "ended",
    "to be determined": "returning",
    "in development": "announced",
}
# The spans /updates/shows can be asked for, shortest first.
WINDOWS = (("day", timedelta(days=1)), ("week", timedelta(days=7)), ("month", timedelta(days=30)))
# Where /lookup/shows redirects: the show's own resource.
SHOW_PATH = re.compile(r"/shows/(\d+)/?$")


def connect(cache: Path | None) -> TVmaze:
    # TVmaze: "at least 20 calls every 10 seconds per IP address".
    return TVmaze(
        Http(NAME, base_url(TVMAZE_URL_ENV, TVMAZE_URL), rate=RateLimit(20, 10.0), cache=cache)
    )


class TVmaze(HttpProvider):
    name = "tvmaze"
    display = NAME

    def link_id(self, link: ShowLink) -> int:
        return link.tvmaze_id

    def lookup(self, source: ExternalSource, value: str) -> int | None:
        """TVmaze's id of the show with this TheTVDB or IMDb id: /lookup/shows answers with a
        redirect to the show (read, not followed: one request), or 404."""
        location = self.http.get_location(
            "/lookup/shows",
            {source: value},
            expected=lambda to: SHOW_PATH.search(urlsplit(to).path),
        )
        if location is None:
            return None
        with _shape(f"the {source} look-up"):
            found = SHOW_PATH.search(urlsplit(location).path)
            if found is None:
                raise ValueError(f"a redirect to {location}")
            return int(found.group(1))

    def search(self, query: str) -> list[Match]:
        found = self.http.get_json("/search/shows", {"q": query})
        with _shape("search results"):
            return [_match(_dict(item)["show"]) for item in _list(found or [])]

    def show(self, show_id: int, today: date, *, fresh: bool = False) -> RemoteShow | None:
        """The show with its seasons, episodes and cast (one request); None if TVmaze has
        no show with that id."""
        body = self.http.get_json(f"/shows/{show_id:d}", {"embed[]": SHOW_EMBEDS}, fresh=fresh)
        if body is None:
            return None
        with _shape(f"show {show_id}"):
            return parse_show(_dict(body), today)

    def updated_within(self, span: timedelta) -> dict[int, int] | None:
        """Show id -> Unix time of its last update, for shows updated in the last day, week
        or month (the shortest that covers ``span``); None beyond a month."""
        since = next((name for name, window in WINDOWS if span <= window), None)
        if since is None:
            return None
        body = self.http.get_json("/updates/shows", {"since": since}, fresh=True)
        with _shape("updates"):
            return {int(k): int(v) for k, v in _dict(body or {}).items()}


@contextmanager
def _shape(what: str) -> Iterator[None]:
    try:
        yield
    except (KeyError, TypeError, ValueError, AttributeError, DateInputError) as exc:
        raise NetworkError(
            f"{NAME} sent {what} in a shape seasontrack does not know ({type(exc).__name__}:"
            f" {exc}); try again later, or report it"
        ) from None


def _dict(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, got {type(value).__name__}")
    return value


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value.strip() or None


def _int(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a number, got {type(value).__name__}")
    return value


def _day(value: Any) -> date | None:
    text = _text(value)
    if not text:
        return None
    day = date.fromisoformat(text)
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise InvalidInput(
            f"{NAME} gives the date {text}, outside the years {MIN_YEAR} to {MAX_YEAR} a"
            " catalog holds; nothing was recorded"
        )
    return day


def _bounded(value: int, what: str, low: int, high: int) -> int:
    """``value``, a number the catalog holds; the bounds are those of typed input."""
    if not low <= value <= high:
        raise InvalidInput(
            f"{NAME} gives {what} {value}, outside {low} to {high:,}, the bound a catalog"
            " holds; nothing was recorded"
        )
    return value


def _web(value: Any) -> str | None:
    text = _text(value)
    if text and text.lower().startswith(("http://", "https://")):
        return text
    return None


def _channel(show: Mapping[str, Any]) -> tuple[str | None, str | None, str | None]:
    """Network (or web channel) name, country code, and that country's zone."""
    channel = show.get("network") or show.get("webChannel")
    if not channel:
        return None, None, None
    channel = _dict(channel)
    country = _dict(channel["country"]) if channel.get("country") else {}
    return _text(channel.get("name")), _text(country.get("code")), _text(country.get("timezone"))


def _match(raw: Any) -> Match:
    show = _dict(raw)
    network, country, _ = _channel(show)
    premiered = _day(show.get("premiered"))
    return Match(
        provider=NAME,
        id=int(show["id"]),
        name=str(show["name"]).strip(),
        premiered=premiered.year if premiered else None,
        network=network,
        country=country,
        status=_text(show.get("status")),
    )


def _airs(airdate: date | None, airtime: str | None, tz: str | None) -> PartialDate:
    if airdate is None:
        return TBA
    if airtime and tz:
        at = time.fromisoformat(airtime).replace(second=0, microsecond=0)
        return PartialDate(Precision.MINUTE, airdate, at, tz)
    return PartialDate(Precision.DAY, airdate)


def _day_date(day: date | None) -> PartialDate:
    return PartialDate(Precision.DAY, day) if day else TBA


def parse_show(body: Mapping[str, Any], today: date) -> RemoteShow:
    """A ``/shows/:id?embed[]=seasons&embed[]=episodes&embed[]=cast`` body, in the catalog's
    terms. Specials (episodes with no number) are kept apart, as season 0."""
    network, country, tz = _channel(body)
    embedded = _dict(body.get("_embedded") or {})
    by_season: dict[int, list[Episode]] = {}
    times: dict[int, set[str]] = {}
    extras: list[EpisodeExtra] = []
    specials: list[tuple[date | None, Episode, dict[str, Any]]] = []
    for raw in _list(embedded.get("episodes") or []):
        item = _dict(raw)
        airtime = _text(item.get("airtime"))
        airs = _airs(_day(item.get("airdate")), airtime, tz)
        number = _int(item.get("number"))
        episode = Episode(number=number or 0, title=_text(item.get("name")), airs=airs)
        if number is None or number < 1:
            specials.append((airs.start, episode, item))
            continue
        _bounded(number, "an episode number", 1, MAX_EPISODES)
        season_number = _bounded(int(item["season"]), "a season number", 0, MAX_SEASON)
        by_season.setdefault(season_number, []).append(episode)
        times.setdefault(season_number, set()).add(airtime or "")
        extras.append(_extra(item, season_number, number))
    seasons: list[Season] = []
    for raw in _list(embedded.get("seasons") or []):
        item = _dict(raw)
        number = _bounded(int(item["number"]), "a season number", 0, MAX_SEASON)
        episodes = tuple(sorted(by_season.pop(number, []), key=lambda e: e.number))
        seasons.append(
            _season(item, number, episodes, times.get(number, set()), tz, show_network=network)
        )
    for number, listed in by_season.items():
        # Episodes of a season the seasons list does not name (should not happen).
        seasons.append(_season({}, number, tuple(listed), times.get(number, set()), tz))
    if specials:
        _bounded(len(specials), "a count of specials", 0, MAX_EPISODES)
        specials.sort(key=lambda s: (s[0] is None, s[0] or date.min))
        numbered = []
        for index, (_, episode, item) in enumerate(specials, start=1):
            numbered.append(Episode(number=index, title=episode.title, airs=episode.airs))
            extras.append(_extra(item, 0, index))
        seasons.append(Season(number=0, episodes=tuple(numbered), episode_count=len(numbered)))
    seasons.sort(key=lambda s: s.number)
    credits = []
    for billing, raw in enumerate(_list(embedded.get("cast") or []), start=1):
        item = _dict(raw)
        person = _text(_dict(item["person"]).get("name"))
        character = _text(_dict(item["character"]).get("name")) if item.get("character") else None
        if person:
            credits.append(Credit(person=person, role="cast", character=character, billing=billing))
    externals = _dict(body.get("externals") or {})
    premiered = _day(body.get("premiered"))
    show = Show(
        title=str(body["name"]).strip(),
        network=network,
        country=country,
        status=_status(_text(body.get("status")), seasons, today),
        summary=plain_text(_text(body.get("summary"))),
        seasons=tuple(seasons),
        credits=tuple(credits),
    )
    link = ShowLink(
        tvmaze_id=int(body["id"]),
        thetvdb_id=_int(externals.get("thetvdb")),
        imdb_id=_text(externals.get("imdb")),
        url=_web(body.get("url")),
        official_site=_web(body.get("officialSite")),
        genres=tuple(str(g) for g in _list(body.get("genres") or [])),
        premiered=premiered.year if premiered else None,
        updated=_int(body.get("updated")),
    )
    return RemoteShow(
        show=show,
        link=link,
        provider=TVmaze.name,
        provider_display=TVmaze.display,
        extras=tuple(extras),
        specials=len(specials),
    )


def _extra(item: Mapping[str, Any], season: int, number: int) -> EpisodeExtra:
    return EpisodeExtra(
        season=season,
        number=number,
        airstamp=_text(item.get("airstamp")),
        runtime=_int(item.get("runtime")),
        tvmaze_id=_int(item.get("id")),
    )


def _season(
    item: Mapping[str, Any],
    number: int,
    episodes: tuple[Episode, ...],
    airtimes: set[str],
    tz: str | None,
    *,
    show_network: str | None = None,
) -> Season:
    days = {e.airs.start for e in episodes if e.airs.start is not None}
    if len(days) == 1 and len(episodes) > 1:
        pattern = "all-at-once"
    elif len(days) > 1:
        pattern = "weekly"
    else:
        pattern = "unknown"
    release_time = release_tz = None
    if len(airtimes) == 1 and tz:
        (airtime,) = airtimes
        if airtime:
            release_time, release_tz = time.fromisoformat(airtime).replace(second=0), tz
    premiere = _day_date(_day(item.get("premiereDate")))
    finale = _day_date(_day(item.get("endDate")))
    season_network = _channel(item)[0] if item else None
    if premiere.start is None and days:
        premiere = _day_date(min(days))
    return Season(
        number=number,
        premiere=premiere,
        finale=finale,
        episode_count=_int(item.get("episodeOrder")) or (len(episodes) or None),
        release_pattern=pattern,
        release_time=release_time,
        release_tz=release_tz,
        # Only a season elsewhere than the show (a move, a revival) names its own network.
        network=season_network if season_network != show_network else None,
        episodes=episodes,
    )


def _status(status: str | None, seasons: list[Season], today: date) -> str:
    mapped = STATUSES.get((status or "").casefold(), "announced")
    if mapped != "returning" or (status or "").casefold() != "running":
        return mapped
    # Running: airing while its latest season has started and has not finished.
    dated = [s for s in seasons if s.number > 0 and s.premiere.start is not None]
    if dated:
        latest = max(dated, key=lambda s: s.number)
        start, end = latest.premiere.start, latest.finale.end
        if start is not None and start <= today and (end is None or end >= today):
            return "airing"
    return mapped
