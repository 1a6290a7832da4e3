"""What `export` writes of each show: the catalog file's JSON, one function per noun.

These shapes are the file format `import` reads back (see :mod:`seasontrack.catalog_file.reading`)
and part of the scripting interface (README, "JSON output"): fields may be added, never
renamed or removed. Dates are objects with their precision (see ``PartialDate.to_json``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from seasontrack.clock import offset_text
from seasontrack.models import (
    ALERT_KINDS,
    Credit,
    Episode,
    Fact,
    Part,
    Season,
    SeasonNews,
    SentAlert,
    Show,
    ShowLink,
    Source,
    Trailer,
)

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
        "breaks": [
            {"from": first.isoformat(), "to": last.isoformat()} for first, last in season.breaks
        ],
        "parts": [part_json(p) for p in season.parts],
        "episodes": [episode_json(e) for e in season.episodes],
        "watched": list(season.watched),
        "watched_on": [
            {"episode": number, "date": day.isoformat()} for number, day in season.watched_on
        ],
        # Derived, not read back: when all its episodes are out, at the viewer's time.
        "complete": season.complete.to_json(),
    }


def part_json(part: Part) -> JSON:
    """A part as recorded; ``release_time`` and ``release_tz`` null: the season's."""
    return {
        "number": part.number,
        "first_episode": part.first_episode,
        "last_episode": part.last_episode,
        "premiere": part.premiere_moment.to_json(),
        "release": part.release_pattern,
        "release_time": part.release_time.strftime("%H:%M") if part.release_time else None,
        "release_tz": part.release_tz,
        "title": part.title,
    }


def episode_json(episode: Episode) -> JSON:
    """An episode as recorded; ``airs`` is its own date (null: the schedule's applies);
    ``resumes``: the weekly rhythm of the later episodes restarts from it (``--shift``)."""
    return {
        "number": episode.number,
        "title": episode.title,
        "airs": episode.airs.to_json() if episode.airs.start else None,
        "director": episode.director,
        "writer": episode.writer,
        "resumes": episode.resumes,
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
        "offset": offset_text(show.offset) if show.offset else None,
        # What it alerts for (`follow --only`): every kind unless chosen.
        "alerts": list(show.alerts or ALERT_KINDS),
        "seasons": [season_json(s) for s in show.seasons],
        "cast": [cast_json(c) for c in show.credits if c.role == "cast"],
        "crew": [crew_json(c) for c in show.credits if c.role == "crew"],
        "trailers": [trailer_json(t) for t in show.trailers],
        "sources": [source_json(s) for s in show.sources],
    }


def sequences_json(by_season: Mapping[int, Mapping[str, int]]) -> list[JSON]:
    """A show's calendar feed events that have moved, each with its SEQUENCE: "event" is
    the release's first episode ("0" for none) or "complete". Import restores them, so a
    catalog moved to a new machine does not rewind subscribed calendars."""
    return [
        {"season": season, "event": event, "sequence": sequence}
        for season, events in sorted(by_season.items())
        for event, sequence in sorted(events.items())
    ]


def link_ids(link: ShowLink) -> JSON:
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


def synced(link: ShowLink) -> str | None:
    return link.synced_at.isoformat() if link.synced_at else None


def link_json(link: ShowLink, facts: Iterable[Fact]) -> JSON:
    """A show's link to the providers and where its facts came from, as export writes them
    (and import reads them back), so that a restored catalog syncs as before."""
    return link_ids(link) | {
        "premiered": link.premiered,
        "updated": link.updated,
        "synced_at": synced(link),
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


def alert_log_json(news: Iterable[SeasonNews], sent: Iterable[SentAlert]) -> JSON:
    """A show's alert log, as export writes it (and import reads it back): its seasons' news
    (each premiere's history among it) and the alerts already delivered, on each channel, so
    that a catalog restored elsewhere alerts nothing twice."""
    return {
        "news": [
            {
                "season": item.season,
                "kind": item.kind,
                "noticed_at": item.noticed_at,
                "was": item.was.to_json() if item.was is not None else None,
                "now": item.now.to_json(),
            }
            for item in news
        ],
        "sent": [item._asdict() for item in sent],
    }
