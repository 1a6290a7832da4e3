"""Provider responses for the tests: the recorded bodies in data/providers (see SOURCES.md),
and bodies composed from them in the same shapes, field for field.

TVmaze data is licensed CC BY-SA (credit: TVmaze, https://www.tvmaze.com).
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

DATA = Path(__file__).parent / "data" / "providers"
CACHE_CONTROL = {"Cache-Control": "public, max-age=3600"}


@cache
def _recorded(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def recorded(name: str) -> Any:
    """A recorded body, parsed afresh (callers may change it)."""
    return json.loads(_recorded(name))


def jessica_show_body() -> dict[str, Any]:
    """The recorded Jessica Jones body (TVmaze 1370, with its seasons embedded, 2017)."""
    body: dict[str, Any] = recorded(
        "tvmaze/singlesearch-shows-q-marvels-jessica-jones-embed-seasons.json"
    )
    return body


def episode(
    show: dict[str, Any],
    season: int,
    number: int | None,
    name: str,
    airdate: str,
    *,
    airtime: str = "",
    tz: str | None = None,
    episode_id: int | None = None,
) -> dict[str, Any]:
    """An episode in the shape of the recorded /episodebynumber body."""
    item: dict[str, Any] = recorded("tvmaze/shows-1370-episodebynumber-season-1-number-2.json")
    identity = episode_id or show["id"] * 1000 + season * 100 + (number or 99)
    slug = name.lower().replace(" ", "-")
    if airtime and tz:
        local = datetime.combine(date.fromisoformat(airdate), time.fromisoformat(airtime))
        stamp = local.replace(tzinfo=ZoneInfo(tz)).astimezone(UTC)
    else:
        stamp = datetime.combine(date.fromisoformat(airdate), time(12), tzinfo=UTC)
    item.update(
        id=identity,
        url=f"http://www.tvmaze.com/episodes/{identity}/{slug}",
        name=name,
        season=season,
        number=number,
        airdate=airdate,
        airtime=airtime,
        airstamp=stamp.isoformat(),
        summary=f"<p>{name}.</p>",
        _links={"self": {"href": f"http://api.tvmaze.com/episodes/{identity}"}},
    )
    return item


def cast_member(person: str, character: str, identity: int) -> dict[str, Any]:
    """A cast entry in the shape TVmaze embeds with embed[]=cast."""
    slug = person.lower().replace(" ", "-")
    return {
        "person": {
            "id": identity,
            "url": f"http://www.tvmaze.com/people/{identity}/{slug}",
            "name": person,
            "country": {"name": "United States", "code": "US", "timezone": "America/New_York"},
            "birthday": None,
            "deathday": None,
            "gender": None,
            "image": None,
            "_links": {"self": {"href": f"http://api.tvmaze.com/people/{identity}"}},
        },
        "character": {
            "id": identity + 500000,
            "url": f"http://www.tvmaze.com/characters/{identity + 500000}/{slug}",
            "name": character,
            "image": None,
            "_links": {"self": {"href": f"http://api.tvmaze.com/characters/{identity + 500000}"}},
        },
        "self": False,
        "voice": False,
    }


def season(
    show: dict[str, Any],
    number: int,
    premiere: str | None,
    end: str | None,
    order: int | None,
) -> dict[str, Any]:
    """A season in the shape of the recorded embedded seasons."""
    item: dict[str, Any] = copy.deepcopy(jessica_show_body()["_embedded"]["seasons"][0])
    identity = show["id"] * 100 + number
    item.update(
        id=identity,
        url=f"http://www.tvmaze.com/seasons/{identity}/season-{number}",
        number=number,
        episodeOrder=order,
        premiereDate=premiere,
        endDate=end,
        network=show["network"],
        webChannel=show["webChannel"],
        image=None,
        summary="",
        _links={"self": {"href": f"http://api.tvmaze.com/seasons/{identity}"}},
    )
    return item


JESSICA_S1_TITLES = [
    "AKA Ladies Night",
    "AKA Crush Syndrome",
    "AKA It's Called Whiskey",
    "AKA 99 Friends",
    "AKA The Sandwich Saved Me",
    "AKA You're a Winner!",
    "AKA Top Shelf Perverts",
    "AKA WWJD?",
    "AKA Sin Bin",
    "AKA 1,000 Cuts",
    "AKA I've Got the Blues",
    "AKA Take a Bloody Number",
    "AKA Smile",
]


def jessica_jones(
    *, s2_premiere: str = "2018-03-08", status: str = "Running", updated: int = 1520000000
) -> dict[str, Any]:
    """Jessica Jones as TVmaze would send it in March 2018 with seasons, episodes and cast
    embedded: the recorded 2017 body, season 2 dated, an announced season 3, and the
    recorded episodes 1x02 and 1x03 among composed ones."""
    show = jessica_show_body()
    recorded_seasons = show["_embedded"]["seasons"]
    announced = copy.deepcopy(recorded_seasons[1])
    announced.update(number=3, id=90003)
    second = copy.deepcopy(recorded_seasons[1])
    second.update(premiereDate=s2_premiere, endDate=s2_premiere, episodeOrder=13)
    episodes = []
    for number, title in enumerate(JESSICA_S1_TITLES, start=1):
        if number in (2, 3):
            episodes.append(
                recorded(f"tvmaze/shows-1370-episodebynumber-season-1-number-{number}.json")
            )
        else:
            episodes.append(episode(show, 1, number, title, "2015-11-20"))
    for number in range(1, 14):
        episodes.append(episode(show, 2, number, f"AKA Season Two {number}", s2_premiere))
    show.update(status=status, updated=updated)
    show["_embedded"] = {
        "seasons": [recorded_seasons[0], second, announced],
        "episodes": episodes,
        "cast": [
            cast_member("Krysten Ritter", "Jessica Jones", 17331),
            cast_member("Rachael Taylor", "Trish Walker", 20350),
            cast_member("Mike Colter", "Luke Cage", 4585),
        ],
    }
    return show


def network_show(
    identity: int,
    name: str,
    *,
    network: str = "BBC One",
    country: tuple[str, str, str] = ("United Kingdom", "GB", "Europe/London"),
    airtime: str = "19:00",
    premiered: str = "2030-01-05",
    episodes: list[tuple[int, int | None, str]] | None = None,
    status: str = "Running",
    updated: int = 1900000000,
    thetvdb: int | None = None,
    summary: str | None = None,
) -> dict[str, Any]:
    """A show on a broadcast network, in the shape of the recorded body; ``episodes`` are
    (season, number or None for a special, airdate)."""
    show = jessica_show_body()
    country_name, code, tz = country
    channel = {
        "id": identity % 97 + 1,
        "name": network,
        "country": {"name": country_name, "code": code, "timezone": tz},
    }
    if episodes is None:
        episodes = [(1, 1, "2030-01-05"), (1, 2, "2030-01-12"), (1, 3, "2030-01-19")]
    slug = name.lower().replace(" ", "-")
    show.update(
        id=identity,
        url=f"http://www.tvmaze.com/shows/{identity}/{slug}",
        name=name,
        genres=["Drama"],
        status=status,
        premiered=premiered,
        officialSite=f"https://www.example.org/{slug}",
        schedule={"time": airtime, "days": ["Saturday"]},
        network=channel,
        webChannel=None,
        externals={"tvrage": None, "thetvdb": thetvdb, "imdb": None},
        summary=summary if summary is not None else f"<p>{name}, a drama.</p>",
        updated=updated,
        _links={"self": {"href": f"http://api.tvmaze.com/shows/{identity}"}},
    )
    numbers = sorted({s for s, _, _ in episodes})
    seasons = []
    for number in numbers:
        days = sorted(d for s, n, d in episodes if s == number and n is not None)
        count = sum(1 for s, n, _ in episodes if s == number and n is not None)
        seasons.append(season(show, number, days[0], days[-1], count))
    show["_embedded"] = {
        "seasons": seasons,
        "episodes": [
            episode(show, s, n, f"{name} {s}x{n or 0}", d, airtime=airtime, tz=tz)
            for s, n, d in episodes
        ],
        "cast": [cast_member("Jodie Whittaker", "The Doctor", identity + 7)],
    }
    return show


def search_results(*shows: dict[str, Any]) -> list[dict[str, Any]]:
    """A /search/shows body: scored results, each show without its embedded parts."""
    return [
        {
            "score": round(20.0 - index * 1.5, 3),
            "show": {k: v for k, v in show.items() if k != "_embedded"},
        }
        for index, show in enumerate(shows)
    ]
