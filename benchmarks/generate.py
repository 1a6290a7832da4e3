"""Write a synthetic seasontrack catalog, in the JSON format that `seasontrack export` writes.

The default size is 10,000 shows, 50,000 seasons, 500,000 episodes and 200,000 credits;
``--shows N`` scales every count with N. The same ``--seed`` gives a byte-identical file.
Dates are spread around a fixed reference moment, 2026-06-01 12:00 New York time: most seasons
are in the past, some are airing, some are coming soon, and some are known only to the month,
quarter, third of a year or year, or not at all (TBA).

All names are clearly fake ("Show 00042", "Actor 00001", "Network 03"), and every link is on
example.org. The file is written one show at a time, so the whole catalog never sits in
memory. Only the standard library is used.

    python benchmarks/generate.py -o catalog.json              # the full 10,000-show catalog
    python benchmarks/generate.py --shows 100 -o small.json     # a 100-show catalog
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from calendar import month_name
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as wall_time
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

REFERENCE_DAY = date(2026, 6, 1)
DEFAULT_SHOWS = 10_000
DEFAULT_SEED = 20260601
SEASONS_PER_SHOW = 5
EPISODES_PER_SEASON = 10
CREDITS_PER_SHOW = 20

# The show that `info`, `next` and the benchmark's other one-show commands ask about. It is
# made to be airing at the reference moment, so that it always has a next release.
FEATURED_SHOW = 42

Json = dict[str, Any]

THIRD_NAMES = {1: "early", 5: "mid", 9: "late"}
# The abbreviations seasontrack shows in place of a zone's name (others show the IANA name).
ABBREVIATIONS = {
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "CST": "America/Chicago",
    "CDT": "America/Chicago",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
    "BST": "Europe/London",
    "CET": "Europe/Berlin",
    "CEST": "Europe/Berlin",
    "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney",
    "JST": "Asia/Tokyo",
    "KST": "Asia/Seoul",
}


@dataclass(frozen=True)
class Network:
    name: str
    country: str
    zone: str
    slots: tuple[str, ...]
    streamer: bool


def _networks() -> list[Network]:
    homes = [
        ("US", "America/New_York", ("20:00", "21:00", "22:00")),
        ("US", "America/Los_Angeles", ("20:00", "21:00")),
        ("US", "America/Chicago", ("19:00", "21:00")),
        ("GB", "Europe/London", ("20:00", "21:00", "21:30")),
        ("DE", "Europe/Berlin", ("20:15", "21:45")),
        ("JP", "Asia/Tokyo", ("23:00", "21:00", "00:30")),
        ("AU", "Australia/Sydney", ("19:30", "20:30")),
        ("KR", "Asia/Seoul", ("22:00", "20:50")),
    ]
    networks = []
    for index in range(24):
        country, zone, slots = homes[index % len(homes)]
        networks.append(Network(f"Network {index + 1:02d}", country, zone, slots, index % 3 == 0))
    return networks


NETWORKS = _networks()

ADJECTIVES = (
    "Silent",
    "Broken",
    "Golden",
    "Last",
    "Hidden",
    "Northern",
    "Long",
    "Burning",
    "Quiet",
    "Second",
    "Crimson",
    "Distant",
    "Frozen",
    "Lucky",
    "Final",
    "Paper",
)
NOUNS = (
    "Harbor",
    "Signal",
    "Winter",
    "Orchard",
    "Station",
    "Promise",
    "Bridge",
    "Engine",
    "Garden",
    "Witness",
    "Tide",
    "Letter",
    "Frontier",
    "Lantern",
    "Verdict",
    "Archive",
)
FIRST_NAMES = (
    "Ada",
    "Bram",
    "Cass",
    "Dov",
    "Esme",
    "Finn",
    "Greta",
    "Hal",
    "Ines",
    "Joss",
    "Kit",
    "Lior",
    "Mara",
    "Nico",
    "Oona",
    "Pell",
)
LAST_NAMES = (
    "Vale",
    "Quill",
    "Marsh",
    "Thorne",
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Sato",
    "Reyes",
    "Hale",
    "Novak",
    "Brandt",
    "Ashby",
    "Kovacs",
    "Ferro",
    "Wilde",
)
CREW_JOBS = ("writer", "director", "producer", "composer", "editor", "director of photography")

# What a show's latest season is doing at the reference moment, with its weight. About one
# show in ten has a release within the 30 days after the reference moment.
STATES = (
    ("past", 62),
    ("airing", 4),
    ("soon", 6),
    ("later", 18),
    ("vague", 10),
)


# ---------------------------------------------------------------------------- dates


def tba() -> Json:
    return {
        "text": "TBA",
        "precision": "tba",
        "start": None,
        "end": None,
        "time": None,
        "tz": None,
        "at": None,
    }


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period(precision: str, day: date) -> Json:
    """A date known to the day, month, quarter, third of a year or year that holds ``day``."""
    if precision == "day":
        start, end = day, day
        text = f"{month_name[day.month]} {day.day}, {day.year}"
    else:
        if precision == "month":
            first_month, months = day.month, 1
            text = f"{month_name[day.month]} {day.year}"
        elif precision == "quarter":
            first_month, months = (day.month - 1) // 3 * 3 + 1, 3
            text = f"Q{(day.month - 1) // 3 + 1} {day.year}"
        elif precision == "third":
            first_month, months = (day.month - 1) // 4 * 4 + 1, 4
            text = f"{THIRD_NAMES[first_month]} {day.year}"
        elif precision == "year":
            first_month, months = 1, 12
            text = str(day.year)
        else:
            raise ValueError(precision)
        start = date(day.year, first_month, 1)
        end = _add_months(start, months) - timedelta(days=1)
    return {
        "text": text,
        "precision": precision,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "time": None,
        "tz": None,
        "at": None,
    }


def minute(day: date, at: str, zone: str) -> Json:
    """A date known to the minute, at wall time ``at`` in the IANA ``zone``."""
    instant = datetime.combine(day, wall_time.fromisoformat(at), tzinfo=ZoneInfo(zone))
    abbreviation = instant.tzname()
    shown = abbreviation if ABBREVIATIONS.get(abbreviation or "") == zone else zone
    return {
        "text": f"{month_name[day.month]} {day.day}, {day.year} {at} {shown}",
        "precision": "minute",
        "start": day.isoformat(),
        "end": day.isoformat(),
        "time": at,
        "tz": zone,
        "at": instant.isoformat(),
    }


# ---------------------------------------------------------------------------- counts


def exact_counts(
    rng: random.Random,
    size: int,
    total: int,
    draw: Callable[[], int],
    low: int,
    high: int,
) -> list[int]:
    """``size`` counts drawn with ``draw``, then nudged one at a time to add up to ``total``."""
    counts = [min(high, max(low, draw())) for _ in range(size)]
    if not low * size <= total <= high * size:
        raise ValueError(f"cannot split {total} into {size} counts of {low} to {high}")
    difference = total - sum(counts)
    step = 1 if difference > 0 else -1
    while difference:
        index = rng.randrange(size)
        value = counts[index] + step
        if low <= value <= high:
            counts[index] = value
            difference -= step
    return counts


# ---------------------------------------------------------------------------- one show


class ShowMaker:
    """Makes one show at a time; all randomness comes from one seeded generator."""

    def __init__(self, rng: random.Random, shows: int) -> None:
        self.rng = rng
        self.actor_pool = max(50, shows * 3)
        self.crew_pool = max(20, shows)
        self.stats = {"shows": 0, "seasons": 0, "episodes": 0, "cast": 0, "crew": 0}
        self.stats.update({"trailers": 0, "sources": 0, "followed": 0})

    def show(self, index: int, season_count: int, episode_counts: list[int], credits: int) -> Json:
        rng = self.rng
        network = rng.choice(NETWORKS)
        state = "airing" if index == FEATURED_SHOW else self._state()
        title = f"Show {index:05d}"
        seasons = self._seasons(network, state, episode_counts)
        cast_count = round(credits * 0.7)
        status = {
            "past": rng.choice(("ended", "ended", "cancelled", "returning")),
            "airing": "airing",
            "soon": "returning" if season_count > 1 else "announced",
            "later": rng.choice(("returning", "in production")),
            "vague": "returning" if season_count > 1 else "announced",
        }[state]
        followed = rng.random() < 0.3
        show: Json = {
            "title": title,
            "aliases": [f"Project {index:05d}"] if rng.random() < 0.05 else [],
            "network": network.name,
            "country": network.country,
            "status": status,
            "summary": (
                f"A synthetic {rng.choice(('drama', 'comedy', 'thriller', 'anthology'))} about"
                f" the {rng.choice(ADJECTIVES).lower()} {rng.choice(NOUNS).lower()}, made up"
                " for seasontrack's benchmarks."
            ),
            "followed": followed,
            "seasons": seasons,
            "cast": self._cast(len(seasons), cast_count),
            "crew": self._crew(len(seasons), credits - cast_count),
            "trailers": self._trailers(index, network, seasons),
            "sources": self._sources(index, seasons),
        }
        self.stats["shows"] += 1
        self.stats["seasons"] += len(seasons)
        self.stats["episodes"] += sum(len(s["episodes"]) for s in seasons)
        self.stats["cast"] += len(show["cast"])
        self.stats["crew"] += len(show["crew"])
        self.stats["trailers"] += len(show["trailers"])
        self.stats["sources"] += len(show["sources"])
        self.stats["followed"] += followed
        return show

    def _state(self) -> str:
        names = [name for name, _ in STATES]
        weights = [weight for _, weight in STATES]
        return self.rng.choices(names, weights)[0]

    def _seasons(self, network: Network, state: str, episode_counts: list[int]) -> list[Json]:
        rng = self.rng
        count = len(episode_counts)
        # Premiere days from the latest season back, a year or so apart.
        latest = self._latest_premiere(state, episode_counts[-1])
        days = [latest]
        for episodes in reversed(episode_counts[:-1]):
            # Earlier seasons are over by the reference moment.
            over = REFERENCE_DAY - timedelta(weeks=episodes + 2)
            days.append(min(days[-1] - timedelta(days=rng.randrange(280, 520)), over))
        days.reverse()
        seasons = []
        for number, (day, episodes) in enumerate(zip(days, episode_counts, strict=True), 1):
            last = number == count
            seasons.append(self._season(network, number, day, episodes, state if last else "past"))
        return seasons

    def _latest_premiere(self, state: str, episodes: int) -> date:
        rng = self.rng
        if state == "past":
            return REFERENCE_DAY - timedelta(days=rng.randrange(episodes * 7 + 14, 8 * 365))
        if state == "airing":
            weeks = rng.randrange(0, max(1, episodes - 2))
            return REFERENCE_DAY - timedelta(days=weeks * 7 + rng.randrange(1, 7))
        if state == "soon":
            return REFERENCE_DAY + timedelta(days=rng.randrange(0, 30))
        return REFERENCE_DAY + timedelta(days=rng.randrange(31, 600))

    def _season(self, network: Network, number: int, day: date, episodes: int, state: str) -> Json:
        rng = self.rng
        if state == "airing":
            pattern = "weekly"
        elif network.streamer:
            pattern = rng.choices(("all-at-once", "weekly", "unknown"), (70, 20, 10))[0]
        else:
            pattern = rng.choices(("weekly", "all-at-once", "unknown"), (80, 8, 12))[0]
        if state == "vague":
            precision = rng.choices(
                ("month", "quarter", "third", "year", "tba"), (35, 20, 10, 15, 20)
            )[0]
        elif state == "later":
            precision = rng.choices(("minute", "day", "month", "quarter"), (45, 25, 20, 10))[0]
        elif state in ("soon", "airing"):
            precision = (
                "minute" if state == "airing" else rng.choices(("minute", "day"), (80, 20))[0]
            )
        else:
            precision = rng.choices(("minute", "day", "month"), (65, 30, 5))[0]
        if pattern == "unknown" and precision == "minute":
            precision = "day"
        release_time: str | None = None
        release_tz: str | None = None
        if precision == "minute":
            if pattern == "all-at-once":
                release_time, release_tz = "00:01", "America/Los_Angeles"
            else:
                release_time, release_tz = rng.choice(network.slots), network.zone
        premiere_episodes = 1
        if pattern == "weekly" and episodes >= 4 and rng.random() < 0.15:
            premiere_episodes = 2
        skips: list[str] = []
        precise = precision in ("minute", "day")
        if pattern == "weekly" and precise and episodes >= 6 and rng.random() < 0.1:
            # A mid-season break of one or two weeks.
            first = rng.randrange(2, episodes - 2)
            skips = [
                (day + timedelta(weeks=first + k)).isoformat() for k in range(rng.randint(1, 2))
            ]

        if precision == "tba":
            premiere = tba()
        elif precision == "minute":
            assert release_time is not None and release_tz is not None
            premiere = minute(day, release_time, release_tz)
        else:
            premiere = period(precision, day)

        if pattern == "all-at-once" or not precise:
            finale = premiere if pattern == "all-at-once" else tba()
        elif pattern == "weekly":
            slots = episodes - premiere_episodes + 1 + len(skips)
            last_day = day + timedelta(weeks=slots - 1)
            if release_time is not None and release_tz is not None:
                finale = minute(last_day, release_time, release_tz)
            else:
                finale = period("day", last_day)
        else:
            finale = period("day", day + timedelta(days=rng.randrange(30, 120)))

        past = state == "past"
        season: Json = {
            "number": number,
            "premiere": premiere,
            "finale": finale,
            "episode_count": episodes,
            "release": pattern,
            "release_time": release_time,
            "release_tz": release_tz,
            "synopsis": (
                f"Season {number}: the {rng.choice(ADJECTIVES).lower()}"
                f" {rng.choice(NOUNS).lower()} comes back to haunt everyone."
                if rng.random() < 0.4
                else None
            ),
            "notes": "Synthetic season for benchmarks" if rng.random() < 0.05 else None,
            "premiere_episodes": premiere_episodes,
            "skips": skips,
            "episodes": self._episodes(episodes, day, pattern, precise, past),
            "watched": (
                list(range(1, rng.randint(1, episodes) + 1)) if past and rng.random() < 0.3 else []
            ),
        }
        return season

    def _episodes(
        self, count: int, premiere: date, pattern: str, precise: bool, past: bool
    ) -> list[Json]:
        rng = self.rng
        episodes = []
        for number in range(1, count + 1):
            airs = None
            if pattern == "weekly" and precise and number > 2 and rng.random() < 0.01:
                # Moved two days early, as for a big sports weekend.
                airs = period("day", premiere + timedelta(weeks=number - 1, days=-2))
            credited = past and rng.random() < 0.5
            episodes.append(
                {
                    "number": number,
                    "title": f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}",
                    "airs": airs,
                    "director": (f"Crew {rng.randrange(self.crew_pool):05d}" if credited else None),
                    "writer": f"Crew {rng.randrange(self.crew_pool):05d}" if credited else None,
                }
            )
        return episodes

    def _cast(self, seasons: int, count: int) -> list[Json]:
        rng = self.rng
        regulars = min(count, rng.randint(3, 8))
        # Regulars are credited season by season; the rest are whole-show guests.
        slots = [(s, r) for s in range(1, seasons + 1) for r in range(regulars)][:count]
        guests = count - len(slots)
        people = rng.sample(range(self.actor_pool), min(self.actor_pool, regulars + guests))
        characters = [
            f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(len(people))
        ]
        # Listed as export lists them: whole-show credits first, then season by season.
        cast: list[Json] = []
        for guest in range(regulars, min(len(people), regulars + guests)):
            cast.append(
                {
                    "person": f"Actor {people[guest]:05d}",
                    "character": characters[guest],
                    "season": None,
                    "billing": None,
                    "status": "confirmed",
                    "arrival": None,
                    "note": "Recurring guest" if rng.random() < 0.1 else None,
                }
            )
        for season, regular in slots:
            cast.append(
                {
                    "person": f"Actor {people[regular]:05d}",
                    "character": characters[regular] if rng.random() > 0.02 else None,
                    "season": season,
                    "billing": regular + 1 if regular < 4 else None,
                    "status": "rumoured" if rng.random() < 0.02 else "confirmed",
                    "arrival": (
                        "new" if season == 1 else rng.choice(("returning", "returning", None))
                    ),
                    "note": None,
                }
            )
        return cast

    def _crew(self, seasons: int, count: int) -> list[Json]:
        rng = self.rng
        if count <= 0:
            return []
        people = rng.sample(range(self.crew_pool), min(self.crew_pool, count))
        crew: list[Json] = [
            {
                "person": f"Crew {people[0]:05d}",
                "job": "showrunner",
                "season": None,
                "status": "confirmed",
                "note": None,
            }
        ]
        for person in people[1:count]:
            crew.append(
                {
                    "person": f"Crew {person:05d}",
                    "job": rng.choice(CREW_JOBS),
                    "season": rng.randint(1, seasons) if rng.random() < 0.7 else None,
                    "status": "rumoured" if rng.random() < 0.02 else "confirmed",
                    "note": None,
                }
            )
        crew.sort(key=lambda credit: -1 if credit["season"] is None else credit["season"])
        return crew

    def _trailers(self, index: int, network: Network, seasons: list[Json]) -> list[Json]:
        rng = self.rng
        if rng.random() >= 0.12:
            return []
        season = seasons[-1]
        start = season["premiere"]["start"]
        published = (
            period("day", date.fromisoformat(start) - timedelta(days=rng.randrange(14, 90)))
            if start
            else tba()
        )
        trailers = []
        for kind in ("teaser", "trailer")[: rng.randint(1, 2)]:
            url = f"https://example.org/trailers/show-{index:05d}-s{season['number']}-{kind}"
            trailers.append(
                {
                    "url": url if rng.random() < 0.9 else None,
                    "title": f"Season {season['number']} {kind}",
                    "kind": kind,
                    "publisher": network.name,
                    "published": published,
                    "note": None,
                    "season": season["number"],
                }
            )
        return trailers

    def _sources(self, index: int, seasons: list[Json]) -> list[Json]:
        rng = self.rng
        if rng.random() >= 0.1:
            return []
        season = seasons[-1]["number"]
        published = REFERENCE_DAY - timedelta(days=rng.randrange(1, 400))
        return [
            {
                "url": f"https://example.org/news/show-{index:05d}-season-{season}",
                "outlet": "Example News",
                "title": f"Show {index:05d} season {season}: everything we know",
                "published": period("day", published),
                "season": season,
            }
        ]


# ---------------------------------------------------------------------------- the file


def write_catalog(out: TextIO, shows: int, seed: int) -> dict[str, int]:
    """Write the catalog to ``out`` one show at a time; returns what it holds."""
    rng = random.Random(seed)
    season_counts = exact_counts(
        rng,
        shows,
        shows * SEASONS_PER_SHOW,
        lambda: rng.choices(range(1, 13), (14, 12, 12, 11, 10, 9, 8, 7, 6, 5, 3, 3))[0],
        1,
        12,
    )
    total_seasons = sum(season_counts)
    episode_counts = exact_counts(
        rng,
        total_seasons,
        total_seasons * EPISODES_PER_SEASON,
        lambda: rng.choice((6, 8, 8, 10, 10, 10, 12, 13, 16, 22)),
        2,
        26,
    )
    credit_counts = exact_counts(
        rng, shows, shows * CREDITS_PER_SHOW, lambda: int(rng.gauss(20, 6)), 4, 40
    )
    maker = ShowMaker(rng, shows)
    out.write('{"format": "seasontrack-catalog", "version": 1, "shows": [\n')
    position = 0
    for index in range(shows):
        seasons = season_counts[index]
        show = maker.show(
            index, seasons, episode_counts[position : position + seasons], credit_counts[index]
        )
        position += seasons
        out.write(json.dumps(show, ensure_ascii=False))
        out.write(",\n" if index < shows - 1 else "\n")
    out.write("]}\n")
    return maker.stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shows",
        type=int,
        default=DEFAULT_SHOWS,
        help=(
            f"how many shows (default {DEFAULT_SHOWS}); seasons, episodes and credits scale"
            f" with it ({SEASONS_PER_SHOW}, {SEASONS_PER_SHOW * EPISODES_PER_SEASON} and"
            f" {CREDITS_PER_SHOW} a show)"
        ),
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
    )
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    if args.shows < 1:
        parser.error("--shows must be 1 or more")
    started = time.perf_counter()
    if args.output is None:
        stats = write_catalog(sys.stdout, args.shows, args.seed)
    else:
        partial = args.output.with_name(args.output.name + ".part")
        with partial.open("w", encoding="utf-8", newline="\n") as out:
            stats = write_catalog(out, args.shows, args.seed)
        partial.replace(args.output)
    elapsed = time.perf_counter() - started
    summary = ", ".join(f"{value:,} {key}" for key, value in stats.items())
    print(f"generated {summary} in {elapsed:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
