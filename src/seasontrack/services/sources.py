"""The providers a command talks to, chosen by name from the registry: a show source (TVmaze
unless asked otherwise) and, when one can be used, a trailer source (TMDB, with a key).

Services see the providers only through :mod:`seasontrack.providers.protocol`; no service
imports a provider's class.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from seasontrack import store

if TYPE_CHECKING:
    from seasontrack.models import ShowLink, Trailer
    from seasontrack.providers import RemoteShow
    from seasontrack.providers.protocol import Provider, ShowSource, TrailerSource

SHOWS = "tvmaze"
TRAILERS = "tmdb"


@dataclass
class Sources:
    shows: ShowSource
    trailers: TrailerSource | None

    @property
    def requests(self) -> int:
        return sum(p.requests for p in (self.shows, self.trailers) if p is not None)


@contextmanager
def open_sources(
    what: str, *, shows: str = SHOWS, trailers: str | None = TRAILERS
) -> Iterator[Sources]:
    """The providers for one command (``what``), by their registry names; refuses at once
    when offline. No trailer source when ``trailers`` is None or it cannot be used now."""
    from seasontrack.providers import registry
    from seasontrack.providers.http import cache_dir, check_online

    check_online(what)
    cache = cache_dir()
    with ExitStack() as stack:
        show_source = registry.show_source(shows, cache)
        stack.callback(show_source.close)
        trailer_source = registry.trailer_source(trailers, cache) if trailers else None
        if trailer_source is not None:
            stack.callback(trailer_source.close)
        yield Sources(show_source, trailer_source)


def find_id(provider: Provider, link: ShowLink) -> int | None:
    """The provider's id of a show, looked up by its TheTVDB id, else its IMDb id."""
    return lookup_ids(provider, link.thetvdb_id, link.imdb_id)


def lookup_ids(provider: Provider, thetvdb_id: int | None, imdb_id: str | None) -> int | None:
    """The provider's id of the show with this TheTVDB id, else this IMDb id."""
    if thetvdb_id is not None:
        found = provider.lookup("thetvdb", str(thetvdb_id))
        if found is not None:
            return found
    if imdb_id:
        return provider.lookup("imdb", imdb_id)
    return None


def remote_trailers(
    conn: sqlite3.Connection, sources: Sources, remote: RemoteShow, show_id: int | None
) -> tuple[int | None, list[Trailer]]:
    """The trailer source's id for the show and its official trailers (and each season's);
    none without a trailer source, or when it does not know the show."""
    trailers = sources.trailers
    if trailers is None:
        return None, []
    known = store.provider_links.get_provider_link(conn, show_id) if show_id is not None else None
    linked = trailers.link_id(known) if known is not None else None
    source_id = linked or find_id(trailers, remote.link)
    if source_id is None:
        return None, []
    network = remote.show.network
    found = trailers.trailers(source_id, None, network)
    for season in remote.show.seasons:
        if season.number > 0:
            found += trailers.trailers(source_id, season.number, network)
    return source_id, found
