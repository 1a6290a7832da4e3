"""Online providers of show metadata: TVmaze (shows, seasons, episodes, cast) and TMDB (trailers).

The clients turn provider JSON into the catalog's dataclasses; they never touch the catalog.
What the services ask of them is in :mod:`.protocol`; :mod:`.registry` names them. This
package's ``__init__`` imports nothing heavy: httpx is imported by :mod:`.http`, which only
the commands that use the network load.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from seasontrack.models import Show, ShowLink

OFFLINE_ENV = "SEASONTRACK_OFFLINE"
TIMEOUT_ENV = "SEASONTRACK_TIMEOUT"
TVMAZE_URL_ENV = "SEASONTRACK_TVMAZE_URL"
TMDB_URL_ENV = "SEASONTRACK_TMDB_URL"
TMDB_KEY_ENV = "SEASONTRACK_TMDB_KEY"
TVMAZE_URL = "https://api.tvmaze.com"
TMDB_URL = "https://api.themoviedb.org/3"

TVMAZE_CREDIT = "Data from TVmaze (https://www.tvmaze.com), licensed CC BY-SA 4.0"


def offline_requested() -> bool:
    """Whether ``SEASONTRACK_OFFLINE`` asks every network command to refuse."""
    return os.environ.get(OFFLINE_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def base_url(env: str, default: str) -> str:
    return (os.environ.get(env) or default).rstrip("/")


@dataclass(frozen=True)
class EpisodeExtra:
    """What TVmaze says of an episode beyond the catalog's columns."""

    season: int
    number: int
    airstamp: str | None = None
    runtime: int | None = None
    tvmaze_id: int | None = None


@dataclass(frozen=True)
class RemoteShow:
    """A show as a provider describes it, in the catalog's terms."""

    show: Show
    link: ShowLink
    # Which provider describes it: its name in the facts it writes ("tvmaze") and the name a
    # user reads ("TVmaze").
    provider: str
    provider_display: str
    extras: tuple[EpisodeExtra, ...] = ()
    specials: int = 0


@dataclass(frozen=True)
class Match:
    """One search result: enough to tell same-name shows apart."""

    # The provider's display name ("TVmaze") and its id of the show.
    provider: str
    id: int
    name: str
    premiered: int | None
    network: str | None
    country: str | None
    status: str | None

    def label(self) -> str:
        parts = [
            str(self.premiered) if self.premiered else "year unknown",
            self.network or "network unknown",
            self.country or "",
            self.status or "",
            f"{self.provider} {self.id}",
        ]
        return f"{self.name} (" + ", ".join(p for p in parts if p) + ")"
