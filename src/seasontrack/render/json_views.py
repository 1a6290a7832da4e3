"""The JSON shapes of what the reading commands show: releases with their countdowns, the show
list, search results, calendars, and `info`'s additions to a show.

Plain dict builders: no Rich here, so ``--json`` never loads it. These shapes are the
scripting interface (README, "JSON output"): fields may be added, never renamed or removed.
A show itself is written as the catalog file writes it (``seasontrack.catalog_file.writing``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from seasontrack.catalog_file.writing import (
    cast_json,
    crew_json,
    link_ids,
    show_json,
    synced,
)
from seasontrack.clock import Clock
from seasontrack.models import Release, Show, ShowLink, ShowRef

if TYPE_CHECKING:
    from seasontrack.services.progress import Progress
    from seasontrack.services.reading import ShowSummary
    from seasontrack.services.search import SearchResult
    from seasontrack.services.timeline import CalendarDay, Upcoming

JSON = dict[str, Any]


def upcoming_json(item: Upcoming, clock: Clock) -> JSON:
    """A release still to come, and whether its season is already under way."""
    return release_json(item.release, clock) | {"airing": item.airing}


def release_json(release: Release, clock: Clock) -> JSON:
    """A release: its date in the user's zone and its countdown from now."""
    view = clock.view(release.when, release.release_tz)
    return {
        "show": release.show,
        "network": release.network,
        "season": release.season,
        "first_episode": release.first_episode,
        "last_episode": release.last_episode,
        "episode_title": release.episode_title,
        "date": view.local.to_json(),
        "countdown": view.countdown,
        "seconds": view.seconds,
        "exact": view.exact,
        "pattern": release.pattern,
        "premiere": release.premiere,
        "finale": release.finale,
    }


def countdown_json(item: Upcoming, clock: Clock) -> JSON:
    """`countdown --json`: the release, and the time left split up, to its earliest and
    latest moments."""
    view = clock.view(item.release.when, item.release.release_tz)
    remaining = view.remaining
    return upcoming_json(item, clock) | {
        "remaining": (
            {
                "days": remaining.days,
                "hours": remaining.hours,
                "minutes": remaining.minutes,
                "seconds": remaining.seconds,
            }
            if remaining
            else None
        ),
        "latest_seconds": view.latest_seconds,
    }


def summary_json(summary: ShowSummary, clock: Clock) -> JSON:
    return {
        "title": summary.title,
        "network": summary.network,
        "country": summary.country,
        "status": summary.status,
        "latest_season": summary.latest_season,
        "next_release": (
            upcoming_json(summary.next_release, clock) if summary.next_release else None
        ),
        "followed": summary.followed,
        "progress": progress_json(summary.progress),
        "unwatched": [{"season": n, "episodes": list(eps)} for n, eps in summary.unwatched],
    }


def progress_json(progress: Progress | None) -> JSON | None:
    if progress is None:
        return None
    return {
        "season": progress.season,
        "watched": progress.watched,
        "released": progress.released,
        "episodes": progress.total,
        "text": progress.label(),
    }


def show_ref_json(ref: ShowRef) -> JSON:
    return {"title": ref.title}


def search_json(result: SearchResult) -> JSON:
    return {
        "query": result.text,
        "shows": [show_ref_json(ref) for ref in result.shows],
        "credits": [
            {"show": match.show, "role": match.credit.role}
            | (cast_json(match.credit) if match.credit.role == "cast" else crew_json(match.credit))
            for match in result.credits
        ],
        "episodes": [
            {"show": m.show, "season": m.season, "number": m.number, "title": m.title}
            for m in result.episodes
        ],
    }


def calendar_json(
    first: date, last: date, days: list[CalendarDay], vague: list[Release], clock: Clock
) -> JSON:
    """The days from ``first`` to ``last`` that have releases, and the releases in that range
    known only to the month, quarter, season or year."""
    return {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "days": [
            {
                "date": day.day.isoformat(),
                "releases": [release_json(r, clock) for r in day.releases],
            }
            for day in days
        ],
        "undated": [release_json(r, clock) for r in vague],
    }


def online_json(link: ShowLink, differences: list[str]) -> JSON:
    """A linked show's ids at the providers, its last sync, and where TVmaze differs from the
    user's facts (which stand). TVmaze's data is CC BY-SA: ``credit`` says so, with ``url``."""
    return link_ids(link) | {
        "synced_at": synced(link),
        "differences": differences,
        "credit": "Data from TVmaze (https://www.tvmaze.com), CC BY-SA 4.0",
    }


def info_json(
    show: Show,
    next_release: Upcoming | None,
    online: tuple[ShowLink, list[str]] | None,
    season: int | None,
    clock: Clock,
) -> JSON:
    """`info --json`: the show as the catalog file has it, its next release and its link; with
    ``season``, that season and the show-wide entries that hold for it too."""
    data = show_json(show)
    data["next_release"] = upcoming_json(next_release, clock) if next_release else None
    data["online"] = online_json(*online) if online else None
    if season is not None:
        data["seasons"] = [s for s in data["seasons"] if s["number"] == season]
        for key in ("cast", "crew", "trailers", "sources"):
            data[key] = [item for item in data[key] if item["season"] in (None, season)]
    return data
