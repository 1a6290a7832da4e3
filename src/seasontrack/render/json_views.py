"""The JSON shapes of what the reading commands show: releases with their countdowns, the show
list, search results, calendars, and `info`'s additions to a show.

Plain dict builders: no Rich here, so ``--json`` never loads it. These shapes are the
scripting interface (README, "JSON output"): fields may be added, never renamed or removed.
A show itself is written as the catalog file writes it (``seasontrack.catalog_file.writing``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
from seasontrack.dates import PartialDate
from seasontrack.models import ALERT_KINDS, Release, Show, ShowLink, ShowRef

if TYPE_CHECKING:
    from seasontrack.services.alerts import EarlierPremiere
    from seasontrack.services.histories import HistoryReport
    from seasontrack.services.progress import Progress
    from seasontrack.services.reading import ShowSummary
    from seasontrack.services.search import SearchResult
    from seasontrack.services.stats import WatchStats
    from seasontrack.services.timeline import CalendarDay, Upcoming
    from seasontrack.store.seasons import CompleteRow

JSON = dict[str, Any]


def upcoming_json(item: Upcoming, clock: Clock) -> JSON:
    """A release still to come, whether its season is already under way, and when that
    season is complete."""
    return release_json(item.release, clock) | {
        "airing": item.airing,
        "complete": local_json(item.complete, item.release.release_tz, clock),
    }


def local_json(when: PartialDate, release_tz: str | None, clock: Clock) -> JSON:
    """A date in the user's zone (a time-precise one moved there; others as they are)."""
    return clock.view(when, release_tz).local.to_json()


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
        "part": release.part,
        "part_title": release.part_title,
        # The moment as announced, when the show's offset moved ``date`` to the user's time.
        "announced": (
            local_json(release.announced, release.release_tz, clock) if release.announced else None
        ),
    }


def completing_json(item: CompleteRow, clock: Clock) -> JSON:
    """`upcoming --complete`: a season not yet complete, and when all of it is out."""
    view = clock.view(item.complete, item.release_tz)
    return {
        "show": item.show,
        "network": item.network,
        "season": item.season,
        "episode_count": item.episodes,
        "complete": view.local.to_json(),
        "countdown": view.countdown,
        "seconds": view.seconds,
        "exact": view.exact,
        "airing": item.airing,
    }


def next_json(item: Upcoming, clock: Clock) -> JSON:
    """`next --json`: the release, and the figures `next --field` prints, each saying
    whether it is exact (a release known only to the month has no exact day count)."""
    view = clock.view(item.release.when, item.release.release_tz)
    seconds = view.seconds

    def figure(value: int | None, exact: bool) -> JSON:
        return {"value": value, "exact": value is not None and exact}

    return upcoming_json(item, clock) | {
        "figures": {
            "days": figure(view.days, view.days_exact),
            "days_latest": figure(view.days_latest, view.days_exact),
            "hours": figure(seconds // 3600 if seconds is not None else None, view.exact),
            "seconds": figure(seconds, view.exact),
        }
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
        "alerts": list(summary.alerts or ALERT_KINDS),
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
    history: Mapping[int, Sequence[EarlierPremiere]] | None = None,
) -> JSON:
    """`info --json`: the show as the catalog file has it, its next release and its link; with
    ``season``, that season and the show-wide entries that hold for it too. Each season has
    its earlier premieres (``history``), as ``premiere_history``."""
    data = show_json(show)
    for item in data["seasons"]:
        item["premiere_history"] = [
            {"was": earlier.was.to_json(), "until": earlier.until.isoformat()}
            for earlier in (history or {}).get(item["number"], ())
        ]
    data["next_release"] = upcoming_json(next_release, clock) if next_release else None
    data["online"] = online_json(*online) if online else None
    if season is not None:
        data["seasons"] = [s for s in data["seasons"] if s["number"] == season]
        for key in ("cast", "crew", "trailers", "sources"):
            data[key] = [item for item in data[key] if item["season"] in (None, season)]
    return data


def history_json(report: HistoryReport) -> JSON:
    """`import --json` of a watch history: every show, how it was matched (or why not), and
    the export's files read, ignored and rows skipped."""
    from seasontrack.services.histories import HOW

    return {
        "format": report.format,
        "source": report.source,
        "dry_run": report.dry_run,
        "offline": report.offline,
        "shows": [
            {
                "name": s.name,
                "title": s.title,
                "matched_by": s.how,
                "tvmaze_id": s.tvmaze_id,
                "created": s.created,
                "episodes": s.episodes,
                "marked": s.marked,
                "followed": s.followed,
                "unmatched_reason": s.reason,
            }
            for s in report.shows
        ],
        "matched": {how: report.matched_by(how) for how in HOW},
        "unmatched": [s.title or s.name for s in report.unmatched],
        "episodes_marked": report.marked,
        "files_read": report.read,
        "files_ignored": report.ignored,
        "rows_skipped": report.skipped,
        "requests": report.requests,
    }


def stats_json(stats: WatchStats) -> JSON:
    """`stats --json`: each month with anything watched, and the total."""

    def amounts(episodes: int, minutes: int, untimed: int) -> JSON:
        return {
            "episodes": episodes,
            "hours": round(minutes / 60, 1),
            "minutes": minutes,
            "without_runtime": untimed,
        }

    return {
        "year": stats.year,
        "months": [
            {"month": m.month.strftime("%Y-%m")}
            | amounts(m.episodes, m.minutes, m.untimed)
            | {"started": m.started, "finished": m.finished}
            for m in stats.months
        ],
        "total": amounts(stats.episodes, stats.minutes, stats.untimed)
        | {"started": stats.started, "finished": stats.finished},
        "undated": stats.undated,
    }
