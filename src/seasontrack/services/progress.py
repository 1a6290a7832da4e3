"""Following shows and keeping track of the episodes seen."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from seasontrack import store
from seasontrack.countdown import ReleaseView
from seasontrack.errors import InvalidInput
from seasontrack.services.lookup import resolve_show, season_row
from seasontrack.store import transaction

if TYPE_CHECKING:
    from seasontrack.models import Release, ShowRef


def set_following(
    conn: sqlite3.Connection,
    name: str,
    follow: bool,
    *,
    alerts: tuple[str, ...] | None = None,
    choose: bool = False,
) -> ShowRef:
    """Follow the show or not; with ``choose``, also set what it alerts for (``alerts``,
    None: every kind)."""
    with transaction(conn):
        ref = resolve_show(conn, name)
        store.shows.set_followed(conn, ref.id, follow)
        if choose:
            store.alerts.set_alerts(conn, ref.id, alerts)
    return ref


def set_watched(
    conn: sqlite3.Connection,
    name: str,
    season: int,
    episodes: str | None,
    watched: bool,
    *,
    today: date | None = None,
    on: date | None = None,
) -> tuple[ShowRef, int, int]:
    """Mark episodes (a number, a range, or the whole season) as seen or not seen.

    Seen ``on`` that day (which replaces the day a mark had), else ``today`` (a mark
    already there keeps its day, or takes today's if it is later). Returns the show and
    the first and last episode marked.
    """
    with transaction(conn):
        ref = resolve_show(conn, name)
        row_id = season_row(conn, ref, season)
        # One season's schedule: the show list, which counts in SQL, needs none of it.
        from seasontrack.schedule import episode_count

        known = episode_count(store.seasons.get_season(conn, row_id))
        if episodes is None:
            if known == 0:
                raise InvalidInput(
                    f"{ref.title} season {season} has no episode count; say which episodes"
                    f" (like 1-8), or set it with `seasontrack season edit ... --episodes N`"
                )
            first, last = 1, known
        else:
            from seasontrack.inputs import episode_range  # only marking pays for the checks

            first, last = episode_range(episodes, "episode")
            if known and last > known:
                raise InvalidInput(f"{ref.title} season {season} has {known} episodes, not {last}")
        numbers = range(first, last + 1)
        if watched:
            day = on or today
            store.watched.mark_watched(
                conn, row_id, dict.fromkeys(numbers, day), overwrite=on is not None
            )
        else:
            store.watched.set_watched(conn, row_id, numbers, False)
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


@dataclass(frozen=True)
class SeasonFacts:
    """What progress is worked out from: a season's size, what is out, what was seen."""

    number: int
    total: int
    released: tuple[int, ...]
    watched: tuple[int, ...]


def progress_of(seasons: list[SeasonFacts]) -> Progress | None:
    """Progress in the latest season that has episodes out (or any seen).

    None for a show of which nothing is marked watched: not everyone keeps track.
    """
    if not any(season.watched for season in seasons):
        return None
    for season in sorted(seasons, key=lambda s: s.number, reverse=True):
        if season.total == 0 or (not season.released and not season.watched):
            continue
        seen = set(season.watched)
        return Progress(
            season=season.number,
            watched=len(seen),
            total=season.total,
            released=len(season.released),
            unwatched_released=tuple(n for n in season.released if n not in seen),
        )
    return None


def unwatched_of(seasons: list[SeasonFacts]) -> list[tuple[int, tuple[int, ...]]]:
    """For each season, the episodes that are out and not seen (seasons with none left out).

    Once a show has anything marked watched, the seasons before the first one marked are
    taken as behind the viewer: people start keeping track in the middle of a show.
    """
    first = min((season.number for season in seasons if season.watched), default=None)
    found = []
    for season in sorted(seasons, key=lambda s: s.number):
        if first is not None and season.number < first:
            continue
        seen = set(season.watched)
        missing = tuple(n for n in season.released if n not in seen)
        if missing:
            found.append((season.number, missing))
    return found


def finished_of(seasons: list[SeasonFacts]) -> bool:
    """Whether every episode out has been seen (of a show started, with episodes out), by
    the rule of :func:`unwatched_of`."""
    return (
        any(season.watched for season in seasons)
        and any(season.released for season in seasons)
        and not unwatched_of(seasons)
    )


def show_progress(
    conn: sqlite3.Connection, show_id: int, now: datetime, user_zone: tzinfo
) -> Progress | None:
    """A show's progress, read as the show list reads it (from the stored releases)."""
    return progress_of(season_facts_by_show(conn, [show_id], now, user_zone).get(show_id, []))


def season_facts_by_show(
    conn: sqlite3.Connection, show_ids: list[int], now: datetime, user_zone: tzinfo
) -> dict[int, list[SeasonFacts]]:
    """Progress facts for many shows from the stored releases, without reading episodes."""
    sizes, released, watched, shows = store.releases.progress_rows(conn, show_ids, now)
    out: dict[int, set[int]] = {}
    for season_id, first, last, unsure in released:
        if unsure is not None and not _out(unsure.release, now, user_zone):
            continue
        out.setdefault(season_id, set()).update(range(first, last + 1))
    facts: dict[int, list[SeasonFacts]] = {}
    for season_id, (show_id, number, total) in shows.items():
        facts.setdefault(show_id, []).append(
            SeasonFacts(
                number=number,
                total=max(total or 0, sizes.get(season_id) or 0),
                released=tuple(sorted(out.get(season_id, ()))),
                watched=tuple(watched.get(season_id, ())),
            )
        )
    return facts


def progress_by_show(
    conn: sqlite3.Connection, show_ids: list[int], now: datetime, user_zone: tzinfo
) -> dict[int, Progress]:
    """Each show's progress, as :func:`progress_of` gives it, from counts the store makes
    (the show list of a big catalog reads no episode numbers). ``show_ids`` are shows with
    episodes marked watched (the others have no progress). Its ``unwatched_released``
    is left empty: which episodes those are is asked of one show (:func:`show_progress`)."""
    found = _progress_from_counts(conn, show_ids, now, user_zone, from_watched=True)
    # Progress is in the highest season watched or a later one, unless none of those has
    # an episode count: those shows look at all their seasons.
    rest = [show_id for show_id in show_ids if show_id not in found]
    if rest:
        found |= _progress_from_counts(conn, rest, now, user_zone, from_watched=False)
    return found


def _progress_from_counts(
    conn: sqlite3.Connection,
    show_ids: list[int],
    now: datetime,
    user_zone: tzinfo,
    *,
    from_watched: bool,
) -> dict[int, Progress]:
    seasons, unsettled = store.releases.progress_counts(
        conn, show_ids, now, from_watched=from_watched
    )
    extra: dict[int, int] = {}
    for season_id, first, last, stored in unsettled:
        if _out(stored.release, now, user_zone):
            extra[season_id] = extra.get(season_id, 0) + last - first + 1
    by_show: dict[int, list[store.releases.SeasonCounts]] = {}
    for season in seasons:
        by_show.setdefault(season.show_id, []).append(season)
    found = {}
    for show_id, own in by_show.items():
        # Counted from the watched marks, a show has some, if not in the season that holds
        # its progress (the latest one out, above the one watched last).
        if not from_watched and not any(season.watched for season in own):
            continue
        for season in sorted(own, key=lambda s: s.number, reverse=True):
            total = max(season.episode_count or 0, season.size or 0)
            out = season.out + extra.get(season.season_id, 0)
            if total == 0 or (not out and not season.watched):
                continue
            found[show_id] = Progress(season.number, season.watched, total, out, ())
            break
    return found


def _out(release: Release, now: datetime, user_zone: tzinfo) -> bool:
    return ReleaseView(release.when, release.release_tz, now, user_zone).out
