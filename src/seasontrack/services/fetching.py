"""`fetch`: find a show at the show source, choose among the matches, and record it.

The choosing a person does is the caller's: :func:`fetch` calls a :data:`Chooser` with a
:class:`Choice` when the search leaves more than one show (a pick list on a terminal, an
error when piped). Every request is made before the catalog is written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from seasontrack import store
from seasontrack.errors import InvalidInput, NotFound
from seasontrack.services.online import MergeReport, existing_show, record
from seasontrack.services.sources import Sources, lookup_ids, remote_trailers

if TYPE_CHECKING:
    from seasontrack.providers import Match, RemoteShow
    from seasontrack.providers.protocol import ShowSource


@dataclass(frozen=True)
class Choice:
    """Search results to choose from, numbered from 1 in this order."""

    query: str
    matches: list[Match]
    # Whether any of them bears the name asked for (or the catalog show's title or alias).
    named: bool
    # The show source's display name ("TVmaze").
    source: str


Chooser = Callable[[Choice], "Match"]


@dataclass(frozen=True)
class Fetched:
    report: MergeReport
    # The show source's display name and its id of the show.
    source: str
    source_id: int
    # Whether a trailer source was asked.
    trailers: bool


def fetch(
    conn: sqlite3.Connection,
    sources: Sources,
    now: datetime,
    today: date,
    *,
    query: str | None,
    source_id: int | None = None,
    year: int | None = None,
    pick: int | None = None,
    choose: Chooser,
    dry_run: bool = False,
) -> Fetched:
    """Find the show (by the show source's id, else by the linked catalog show ``query``
    names, else by searching for ``query``) and record it, in one transaction."""
    shows = sources.shows
    if source_id is None and query is not None and year is None and pick is None:
        # A show already linked needs no search: one request. Nor does one a watch
        # history gave ids for: a look-up.
        source_id = linked_id_for(conn, shows, query) or history_id_for(conn, shows, query)
    if source_id is None:
        if query is None:
            raise InvalidInput("give a show's name, or the show source's id")
        source_id = search(conn, shows, query, year=year, pick=pick, choose=choose).id
    remote = get_remote(shows, source_id, today, fresh=False)
    known = existing_show(conn, remote, query)
    trailer_id, trailers = remote_trailers(conn, sources, remote, known)
    report = record(
        conn, remote, now, query=query, trailers=trailers, tmdb_id=trailer_id, dry_run=dry_run
    )
    return Fetched(report, shows.display, source_id, sources.trailers is not None)


def search(
    conn: sqlite3.Connection,
    shows: ShowSource,
    query: str,
    *,
    year: int | None,
    pick: int | None,
    choose: Chooser,
) -> Match:
    """The search result the user means: the only one with the name asked for, the
    ``pick``-th, or the one ``choose`` takes when that is unclear."""
    matches = shows.search(query)
    names = match_names(conn, query)
    chosen = choose_match(matches, query, names, year=year, pick=pick, source=shows.display)
    if isinstance(chosen, list):
        named = any(m.name.casefold() in names for m in chosen)
        return choose(Choice(query, chosen, named, shows.display))
    return chosen


def match_names(conn: sqlite3.Connection, query: str) -> set[str]:
    """The names a search result may have to be the show the user means: the query, and the
    title and aliases of the catalog show it names."""
    names = {query.strip().casefold()}
    for ref in store.shows.find_shows_by_name(conn, query.strip()):
        show = store.shows.get_shows(conn, [ref.id], seasons=False)[0]
        names |= {show.title.casefold(), *(a.casefold() for a in show.aliases)}
    return names


def linked_id_for(conn: sqlite3.Connection, shows: ShowSource, query: str) -> int | None:
    """The show source's id of the catalog show ``query`` names exactly, when it is linked."""
    found = store.shows.find_shows_by_name(conn, query.strip())
    if len(found) != 1:
        return None
    link = store.provider_links.get_provider_link(conn, found[0].id)
    return shows.link_id(link) if link else None


def history_id_for(conn: sqlite3.Connection, shows: ShowSource, query: str) -> int | None:
    """The show source's id of the catalog show ``query`` names exactly, when it is not
    linked yet and a watch history gave ids for it: looked up by them."""
    found = store.shows.find_shows_by_name(conn, query.strip())
    if len(found) != 1 or store.provider_links.get_provider_link(conn, found[0].id):
        return None
    ids = store.provider_links.history_ids(conn, found[0].id)
    return lookup_ids(shows, *ids) if ids is not None else None


def choose_match(
    matches: list[Match],
    query: str,
    names: set[str],
    *,
    year: int | None,
    pick: int | None,
    source: str,
) -> Match | list[Match]:
    """The search result the user means, or the list to choose from when that is unclear.

    Raises NotFound when nothing fits: no result has the query's name (the closest offered
    are named), or none is from ``year``.
    """
    listed = [m for m in matches if year is None or m.premiered == year]
    if not matches:
        raise NotFound(f"{source} knows no show called {query!r}")
    if not listed:
        years = ", ".join(m.label() for m in matches[:5])
        raise NotFound(f"{source} has no {query!r} from {year}; it offered: {years}")
    if pick is not None:
        if not 1 <= pick <= len(listed):
            raise InvalidInput(f"--pick {pick}: choose 1 to {len(listed)}")
        return listed[pick - 1]
    exact = [m for m in listed if m.name.casefold() in names]
    if len(exact) == 1:
        return exact[0]
    return exact or listed


def get_remote(shows: ShowSource, source_id: int, today: date, *, fresh: bool) -> RemoteShow:
    remote = shows.show(source_id, today, fresh=fresh)
    if remote is None:
        raise NotFound(f"{shows.display} has no show with id {source_id}")
    return remote
