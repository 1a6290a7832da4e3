"""The link a notification shows for a season: what a reminder and an alert point to."""

from __future__ import annotations

import sqlite3

from seasontrack import store


def season_links(
    conn: sqlite3.Connection, seasons: list[tuple[int, int]]
) -> dict[tuple[int, int], str]:
    """The link a notification shows for each (show id, season): the newest trailer of the
    season, else its newest source, else the same of its show; left out when none."""
    if not seasons:
        return {}
    show_ids = sorted({show_id for show_id, _ in seasons})
    trailers = store.links.trailers_of_shows(conn, show_ids)
    sources = store.links.sources_of_shows(conn, show_ids)
    linked = {}
    for show_id, season in set(seasons):
        # Oldest first, as the store gives them: the last one of a kind is the newest.
        kinds = [
            [(t.season, t.url) for _, t in trailers.get(show_id, []) if t.url],
            [(s.season, s.url) for _, s in sources.get(show_id, [])],
        ]
        picks = [
            url
            for wanted in (season, None)
            for offered in kinds
            for number, url in reversed(offered)
            if number == wanted and url
        ]
        if picks:
            linked[(show_id, season)] = picks[0]
    return linked
