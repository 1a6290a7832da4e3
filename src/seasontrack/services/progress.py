"""Following shows and keeping track of the episodes seen."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, tzinfo

from seasontrack.countdown import day_zone_for, window
from seasontrack.errors import InvalidInput
from seasontrack.models import Season, ShowRef
from seasontrack.schedule import episode_count, season_schedule
from seasontrack.services.catalog import resolve_show, season_row
from seasontrack.store import queries, transaction


def set_following(conn: sqlite3.Connection, name: str, follow: bool) -> ShowRef:
    with transaction(conn):
        ref = resolve_show(conn, name)
        queries.set_followed(conn, ref.id, follow)
    return ref


def parse_episodes(text: str) -> tuple[int, int]:
    """'8' or '1-8' as the first and last episode."""
    first, _, last = text.strip().partition("-")
    try:
        low, high = int(first), int(last or first)
    except ValueError:
        raise InvalidInput(
            f"episode {text!r} is not a number or a range; write it like 8 or 1-8"
        ) from None
    if low < 1 or high < low:
        raise InvalidInput(f"episodes {text!r} should count up from 1, like 1-8")
    return low, high


def set_watched(
    conn: sqlite3.Connection,
    name: str,
    season: int,
    episodes: str | None,
    watched: bool,
) -> tuple[ShowRef, int, int]:
    """Mark episodes (a number, a range, or the whole season) as seen or not seen.

    Returns the show and the first and last episode marked.
    """
    with transaction(conn):
        ref = resolve_show(conn, name)
        row_id = season_row(conn, ref, season)
        known = episode_count(queries.get_season(conn, row_id))
        if episodes is None:
            if known == 0:
                raise InvalidInput(
                    f"{ref.title} season {season} has no episode count; say which episodes"
                    f" (like 1-8), or set it with `seasontrack season edit ... --episodes N`"
                )
            first, last = 1, known
        else:
            first, last = parse_episodes(episodes)
            if known and last > known:
                raise InvalidInput(f"{ref.title} season {season} has {known} episodes, not {last}")
        queries.set_watched(conn, row_id, range(first, last + 1), watched)
    return ref, first, last


@dataclass(frozen=True)
class Progress:
    """Where a viewer is in a season: "S2 8/13", and what is out but not yet seen."""

    season: int
    watched: int
    total: int
    released: int
    unwatched_released: tuple[int, ...]

    def label(self) -> str:
        return f"S{self.season} {self.watched}/{self.total}"


def released_episodes(season: Season, now: datetime, user_zone: tzinfo) -> list[int]:
    """The episodes of ``season`` that are out at ``now``."""
    day_zone = day_zone_for(season.release_tz, user_zone)
    released = []
    for release in season_schedule(season):
        span = window(release.when, day_zone)
        if span is not None and span.earliest <= now:
            released.append(release.number)
    return released


def show_progress(
    seasons: tuple[Season, ...] | list[Season], now: datetime, user_zone: tzinfo
) -> Progress | None:
    """Progress in the latest season that has episodes out (or any seen).

    None for a show of which nothing is marked watched: not everyone keeps track.
    """
    if not any(season.watched for season in seasons):
        return None
    for season in sorted(seasons, key=lambda s: s.number, reverse=True):
        total = episode_count(season)
        if total == 0:
            continue
        released = released_episodes(season, now, user_zone)
        if not released and not season.watched:
            continue
        seen = set(season.watched)
        return Progress(
            season=season.number,
            watched=len(seen),
            total=total,
            released=len(released),
            unwatched_released=tuple(n for n in released if n not in seen),
        )
    return None


def unwatched(
    seasons: tuple[Season, ...] | list[Season], now: datetime, user_zone: tzinfo
) -> list[tuple[int, tuple[int, ...]]]:
    """For each season, the episodes that are out and not seen (seasons with none left out).

    Once a show has anything marked watched, the seasons before the first one marked are
    taken as behind the viewer: people start keeping track in the middle of a show.
    """
    started = [season.number for season in seasons if season.watched]
    first = min(started, default=None)
    found = []
    for season in seasons:
        if first is not None and season.number < first:
            continue
        seen = set(season.watched)
        missing = tuple(n for n in released_episodes(season, now, user_zone) if n not in seen)
        if missing:
            found.append((season.number, missing))
    return found
