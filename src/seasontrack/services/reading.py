"""Questions asked of the catalog: the show list with each show's next release, and search."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, replace
from datetime import datetime, tzinfo

from seasontrack import store
from seasontrack.inputs import choose, required_text
from seasontrack.models import SHOW_STATUSES, ShowRef
from seasontrack.services.progress import (
    Progress,
    progress_of,
    season_facts_by_show,
    unwatched_of,
)
from seasontrack.services.timeline import Upcoming, check_network, next_by_show
from seasontrack.store.credits import CreditMatch
from seasontrack.store.search import EpisodeMatch


@dataclass(frozen=True)
class ShowSummary:
    id: int
    title: str
    network: str | None
    country: str | None
    status: str
    latest_season: int | None
    next_release: Upcoming | None
    followed: bool = True
    progress: Progress | None = None
    # Per season, the episodes that are out and not yet seen.
    unwatched: tuple[tuple[int, tuple[int, ...]], ...] = ()


def list_shows(
    conn: sqlite3.Connection,
    now: datetime,
    user_zone: tzinfo,
    *,
    status: str | None = None,
    network: str | None = None,
    only_unwatched: bool = False,
) -> list[ShowSummary]:
    if status is not None:
        status = choose(status, SHOW_STATUSES, "status")
    if network is not None:
        network = check_network(conn, network)
    rows = store.shows.list_show_rows(conn, status=status, network=network)
    latest = store.shows.latest_season_numbers(conn)
    upcoming = next_by_show(conn, now, user_zone)
    # Progress only for the shows the user keeps track of (anything marked watched).
    facts = season_facts_by_show(conn, store.seasons.shows_with_watched(conn), now, user_zone)
    summaries = []
    for row in rows:
        own = facts.get(row.id, [])
        # Unfollowed shows are ones the user no longer watches: nothing of theirs is "to see".
        missing = tuple(unwatched_of(own)) if row.followed and own else ()
        if only_unwatched and not missing:
            continue
        summaries.append(
            ShowSummary(
                id=row.id,
                title=row.title,
                network=row.network,
                country=row.country,
                status=row.status,
                latest_season=latest.get(row.id),
                next_release=upcoming.get(row.id),
                followed=row.followed,
                progress=progress_of(own),
                unwatched=missing,
            )
        )
    return summaries


@dataclass(frozen=True)
class SearchResult:
    text: str
    shows: list[ShowRef]
    credits: list[CreditMatch]
    episodes: list[EpisodeMatch] = field(default_factory=list)
    # Whether some kind had more matches than the limit.
    cut: bool = False
    # When nothing matched: " (did you mean 'X'?)", or "".
    suggestion: str = ""

    @property
    def empty(self) -> bool:
        return not self.shows and not self.credits and not self.episodes

    def __bool__(self) -> bool:
        return not self.empty


# How many matches of each kind `search` shows unless told otherwise.
SEARCH_LIMIT = 50


def search(conn: sqlite3.Connection, text: str, *, limit: int = SEARCH_LIMIT) -> SearchResult:
    """Shows, people, characters and episodes whose names have the words of ``text``, best
    first, at most ``limit`` of each kind (0: all).

    The full-text index answers first, matching whole words, then the last word as the start
    of one; failing both, names that contain ``text`` anywhere, ignoring case (no episodes);
    failing that too, the result is empty and suggests the closest show or person.
    """
    wanted = required_text(text, "the search text")
    wanted_rows = limit + 1 if limit else -1
    for prefix in (False, True):
        query = store.search.words_query(wanted, prefix=prefix)
        if query is None:
            break
        shows = store.search.match_shows(conn, query, wanted_rows)
        credits = store.search.match_credits(conn, query, wanted_rows)
        episodes = store.search.match_episodes(conn, query, wanted_rows)
        if shows or credits or episodes:
            return _at_most(wanted, limit, shows, credits, episodes)
    result = _at_most(
        wanted,
        limit,
        store.shows.search_shows(conn, wanted),
        store.credits.search_credits(conn, wanted),
        [],
    )
    if result:
        return result
    from seasontrack.inputs import did_you_mean  # only a search that found nothing needs it

    names = {name: ref.title for name, ref in store.shows.all_show_names(conn)}
    names.update((name, name) for name in store.credits.person_names(conn))
    return replace(result, suggestion=did_you_mean(wanted, names))


def _at_most(
    text: str,
    limit: int,
    shows: list[ShowRef],
    credits: list[CreditMatch],
    episodes: list[EpisodeMatch],
) -> SearchResult:
    if not limit:
        return SearchResult(text, shows, credits, episodes)
    cut = any(len(found) > limit for found in (shows, credits, episodes))
    return SearchResult(text, shows[:limit], credits[:limit], episodes[:limit], cut=cut)
