"""The JSON shapes of seasontrack's nouns: one function per noun, shared by every command.

These shapes are the scripting interface (README, "JSON output"): fields may be added,
never renamed or removed. Dates are objects with their precision (see ``PartialDate.to_json``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from seasontrack.clock import Clock
from seasontrack.countdown import day_zone_for, window
from seasontrack.models import (
    Credit,
    Episode,
    Fact,
    Release,
    Season,
    Show,
    ShowLink,
    ShowRef,
    Source,
    Trailer,
)

if TYPE_CHECKING:
    # Only the shapes of the services' results: serialize sits below the services that use
    # it (export writes show_json), so it must not import them at run time.
    from seasontrack.services.progress import Progress
    from seasontrack.services.reading import SearchResult, ShowSummary
    from seasontrack.services.timeline import CalendarDay, Upcoming

FORMAT_NAME = "seasontrack-catalog"
FORMAT_VERSION = 1

JSON = dict[str, Any]


def season_json(season: Season) -> JSON:
    return {
        "number": season.number,
        "premiere": season.premiere_moment.to_json(),
        "finale": season.finale_moment.to_json(),
        "episode_count": season.episode_count,
        "release": season.release_pattern,
        "release_time": season.release_time.strftime("%H:%M") if season.release_time else None,
        "release_tz": season.release_tz,
        "synopsis": season.synopsis,
        "notes": season.notes,
        "network": season.network,
        "premiere_episodes": season.premiere_episodes,
        "skips": [day.isoformat() for day in season.skips],
        "episodes": [episode_json(e) for e in season.episodes],
        "watched": list(season.watched),
    }


def episode_json(episode: Episode) -> JSON:
    """An episode as recorded; ``airs`` is its own date (null: the schedule's applies)."""
    return {
        "number": episode.number,
        "title": episode.title,
        "airs": episode.airs.to_json() if episode.airs.start else None,
        "director": episode.director,
        "writer": episode.writer,
    }


def cast_json(credit: Credit) -> JSON:
    return {
        "person": credit.person,
        "character": credit.character,
        "season": credit.season,
        "billing": credit.billing,
        "status": credit.status,
        "arrival": credit.arrival,
        "note": credit.note,
    }


def crew_json(credit: Credit) -> JSON:
    return {
        "person": credit.person,
        "job": credit.job,
        "season": credit.season,
        "status": credit.status,
        "note": credit.note,
    }


def trailer_json(trailer: Trailer) -> JSON:
    return {
        "url": trailer.url,
        "title": trailer.title,
        "kind": trailer.kind,
        "publisher": trailer.publisher,
        "published": trailer.published.to_json(),
        "note": trailer.note,
        "season": trailer.season,
    }


def source_json(source: Source) -> JSON:
    return {
        "url": source.url,
        "outlet": source.outlet,
        "title": source.title,
        "published": source.published.to_json(),
        "season": source.season,
    }


def show_json(show: Show) -> JSON:
    """A show with everything the catalog knows of it: the unit of export and `info --json`."""
    return {
        "title": show.title,
        "aliases": list(show.aliases),
        "network": show.network,
        "country": show.country,
        "status": show.status,
        "summary": show.summary,
        "followed": show.followed,
        "seasons": [season_json(s) for s in show.seasons],
        "cast": [cast_json(c) for c in show.credits if c.role == "cast"],
        "crew": [crew_json(c) for c in show.credits if c.role == "crew"],
        "trailers": [trailer_json(t) for t in show.trailers],
        "sources": [source_json(s) for s in show.sources],
    }


def upcoming_json(item: Upcoming, clock: Clock) -> JSON:
    """A release still to come, and whether its season is already under way."""
    return release_json(item.release, clock) | {"airing": item.airing}


def release_json(release: Release, clock: Clock) -> JSON:
    """A release: its date in the user's zone and its countdown from now."""
    span = window(release.when, day_zone_for(release.release_tz, clock.zone.tzinfo))
    return {
        "show": release.show,
        "network": release.network,
        "season": release.season,
        "first_episode": release.first_episode,
        "last_episode": release.last_episode,
        "episode_title": release.episode_title,
        "date": clock.local(release.when).to_json(),
        "countdown": clock.countdown(release.when, release.release_tz),
        "seconds": (
            max(0, int((span.earliest - clock.now).total_seconds())) if span is not None else None
        ),
        "exact": span.exact if span is not None else False,
        "pattern": release.pattern,
        "premiere": release.premiere,
        "finale": release.finale,
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


def _link_ids(link: ShowLink) -> JSON:
    """Who a linked show is at the providers."""
    return {
        "tvmaze_id": link.tvmaze_id,
        "thetvdb_id": link.thetvdb_id,
        "imdb_id": link.imdb_id,
        "tmdb_id": link.tmdb_id,
        "url": link.url,
        "official_site": link.official_site,
        "genres": list(link.genres),
    }


def _synced(link: ShowLink) -> str | None:
    return link.synced_at.isoformat() if link.synced_at else None


def link_json(link: ShowLink, facts: Iterable[Fact]) -> JSON:
    """A show's link to the providers and where its facts came from, as export writes them
    (and import reads them back), so that a restored catalog syncs as before."""
    return _link_ids(link) | {
        "premiered": link.premiered,
        "updated": link.updated,
        "synced_at": _synced(link),
        "facts": [
            {
                "subject": fact.subject,
                "field": fact.field,
                "origin": fact.origin,
                "value": fact.value,
                "offered": fact.offered,
                "offered_by": fact.offered_by,
            }
            for fact in facts
        ],
    }


def online_json(link: ShowLink, differences: list[str]) -> JSON:
    """A linked show's ids at the providers, its last sync, and where TVmaze differs from the
    user's facts (which stand). TVmaze's data is CC BY-SA: ``credit`` says so, with ``url``."""
    return _link_ids(link) | {
        "synced_at": _synced(link),
        "differences": differences,
        "credit": "Data from TVmaze (https://www.tvmaze.com), CC BY-SA 4.0",
    }
