"""`search`: the shows, people, characters and episodes whose names have the words a user
typed, best first; kept apart from the other reading services so that a search loads no
schedule, countdown or progress code."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from seasontrack import store
from seasontrack.inputs import required_text

if TYPE_CHECKING:
    from seasontrack.models import ShowRef
    from seasontrack.store.credits import CreditMatch
    from seasontrack.store.search import EpisodeMatch


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
    wanted = required_text(text, "the search text", stored=False)
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
