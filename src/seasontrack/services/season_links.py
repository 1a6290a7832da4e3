"""The link shown for a season: what a reminder, an alert and a calendar event point to."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING

from seasontrack import store

if TYPE_CHECKING:
    from seasontrack.models import Source, Trailer


def season_link(trailers: Sequence[Trailer], sources: Sequence[Source], season: int) -> str | None:
    """The season's newest trailer, else its newest source, else the same of its show; only
    a web address (http or https). ``trailers`` and ``sources`` are a show's, oldest first,
    as the store gives them. None when there is none."""
    for wanted in (season, None):
        trailer_urls = [t.url for t in trailers if t.season == wanted and _web(t.url)]
        source_urls = [s.url for s in sources if s.season == wanted and _web(s.url)]
        if trailer_urls or source_urls:
            return (trailer_urls or source_urls)[-1]
    return None


def _web(url: str | None) -> bool:
    return url is not None and url.lower().startswith(("http://", "https://"))


def season_links(
    conn: sqlite3.Connection, seasons: list[tuple[int, int]]
) -> dict[tuple[int, int], str]:
    """The link a notification shows for each (show id, season) (:func:`season_link`); left
    out when none."""
    if not seasons:
        return {}
    show_ids = sorted({show_id for show_id, _ in seasons})
    trailers = store.links.trailers_of_shows(conn, show_ids)
    sources = store.links.sources_of_shows(conn, show_ids)
    linked = {}
    for show_id, season in set(seasons):
        link = season_link(
            [t for _, t in trailers.get(show_id, [])],
            [s for _, s in sources.get(show_id, [])],
            season,
        )
        if link is not None:
            linked[(show_id, season)] = link
    return linked
