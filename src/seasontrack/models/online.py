"""What the online providers told about a show, and where each of its facts came from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ShowLink:
    """A catalog show's identity at the providers, and what TVmaze last told about it."""

    tvmaze_id: int
    thetvdb_id: int | None = None
    imdb_id: str | None = None
    tmdb_id: int | None = None
    url: str | None = None
    official_site: str | None = None
    genres: tuple[str, ...] = ()
    premiered: int | None = None
    # TVmaze's `updated` (Unix time) of the copy last recorded.
    updated: int | None = None
    # When seasontrack last asked TVmaze about it (the injectable now, UTC).
    synced_at: datetime | None = None


@dataclass(frozen=True)
class Fact:
    """Where one fact of a show came from.

    ``subject`` is ``""`` for the show, ``"S2"`` for a season, ``"S2E3"`` for an episode.
    A provider's fact keeps the ``value`` it wrote: when the catalog no longer holds that
    value, the user changed it, and it is the user's. A user's fact (``typed`` or
    ``imported``) keeps a provider's different value in ``offered``, to show the difference.
    """

    subject: str
    field: str
    origin: str
    value: str | None = None
    offered: str | None = None
    offered_by: str | None = None

    def where(self) -> str:
        return f"{self.subject} {self.field}" if self.subject else self.field
