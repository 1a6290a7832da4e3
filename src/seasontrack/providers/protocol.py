"""What the services ask of a provider, as protocols: every provider, a show source, a
trailer source.

A provider module (``tvmaze.py``, ``tmdb.py``) defines a class meeting :class:`ShowSource`
or :class:`TrailerSource` and a ``connect(cache)`` function returning it (or None when it
cannot be used now, e.g. no API key); :mod:`.registry` names the module. The services see
only these protocols, never a provider's class.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

if TYPE_CHECKING:
    from seasontrack.models import ShowLink, Trailer
    from seasontrack.providers import Match, RemoteShow

# The other databases' ids a provider can look a show up by.
ExternalSource = Literal["thetvdb", "imdb"]
EXTERNAL_SOURCES: tuple[ExternalSource, ...] = ("thetvdb", "imdb")


@runtime_checkable
class Provider(Protocol):
    """What the services need to know of any provider."""

    # Its key in the registry, and the origin its facts are stored under ("tvmaze").
    name: str
    # How messages name it ("TVmaze").
    display: str

    @property
    def requests(self) -> int:
        """HTTP requests made so far."""
        ...

    def close(self) -> None: ...

    def link_id(self, link: ShowLink) -> int | None:
        """The provider's id of the show in a catalog provider link, if it is there."""
        ...

    def lookup(self, source: ExternalSource, value: str) -> int | None:
        """The provider's id of the show with this TheTVDB or IMDb id; None if unknown."""
        ...


@runtime_checkable
class ShowSource(Provider, Protocol):
    """A provider of shows with their seasons, episodes and cast.

    Its ids sit in a provider link's ``tvmaze_id``: the one show-source id the catalog keeps
    (``show_links.tvmaze_id``), which `sync`, the facts and export/import key on.
    """

    def link_id(self, link: ShowLink) -> int:
        """The provider's id of the show: a show source's is in every provider link."""
        ...

    def search(self, query: str) -> list[Match]:
        """The shows whose name is like ``query``, best first."""
        ...

    def show(self, show_id: int, today: date, *, fresh: bool = False) -> RemoteShow | None:
        """The show with everything the catalog keeps; None if there is no such show.
        ``fresh`` skips cached answers."""
        ...

    def updated_within(self, span: timedelta) -> dict[int, int] | None:
        """Show id -> Unix time of its last update, for every show updated in the last
        ``span``; None when the provider cannot tell that far back."""
        ...


@runtime_checkable
class TrailerSource(Provider, Protocol):
    """A provider of a show's trailers (found by its id from :meth:`Provider.lookup`)."""

    def trailers(self, show_id: int, season: int | None, network: str | None) -> list[Trailer]:
        """The show's official trailers and teasers, or one season's."""
        ...


@runtime_checkable
class Paced(Protocol):
    """A provider that says how fast it may be asked: a long run of requests can be
    estimated up front."""

    @property
    def pace(self) -> tuple[int, float]:
        """At most this many requests (first) in this many seconds (second)."""
        ...

    def seconds_for(self, requests: int) -> float:
        """About how long ``requests`` more requests take."""
        ...
