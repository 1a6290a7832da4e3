"""TMDB (https://developer.themoviedb.org): the official YouTube trailers and teasers of a
show and of its seasons. Needs an API key (``SEASONTRACK_TMDB_KEY`` or ``config set
tmdb.key``); the show is found by its TheTVDB or IMDb id."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from seasontrack.dates import PartialDate, Precision
from seasontrack.errors import NetworkError
from seasontrack.models import ShowLink, Trailer
from seasontrack.providers.http import Http

NAME = "TMDB"
KINDS = {"Trailer": "trailer", "Teaser": "teaser"}


class TMDB:
    def __init__(self, http: Http) -> None:
        self.http = http

    def find_id(self, link: ShowLink) -> int | None:
        """TMDB's id of the show, found from its TheTVDB id, else its IMDb id."""
        lookups = []
        if link.thetvdb_id is not None:
            lookups.append((str(link.thetvdb_id), "tvdb_id"))
        if link.imdb_id:
            lookups.append((link.imdb_id, "imdb_id"))
        for external, source in lookups:
            body = self.http.get_json(f"/find/{external}", {"external_source": source})
            with _shape("a find result"):
                results = (body or {}).get("tv_results") or []
                if results:
                    return int(results[0]["id"])
        return None

    def trailers(self, tmdb_id: int, season: int | None, network: str | None) -> list[Trailer]:
        path = f"/tv/{tmdb_id:d}" + (f"/season/{season:d}" if season is not None else "")
        body = self.http.get_json(path + "/videos")
        with _shape("videos"):
            return parse_videos(body or {}, season, network)


def parse_videos(body: dict[str, Any], season: int | None, network: str | None) -> list[Trailer]:
    """The official YouTube trailers and teasers among a ``/videos`` body's results."""
    found = []
    for item in body.get("results") or []:
        kind = KINDS.get(item.get("type", ""))
        key = item.get("key")
        if kind is None or item.get("site") != "YouTube" or not key or not item.get("official"):
            continue
        published = PartialDate(Precision.TBA)
        stamp = item.get("published_at")
        if isinstance(stamp, str) and len(stamp) >= 10:
            published = PartialDate(Precision.DAY, date.fromisoformat(stamp[:10]))
        found.append(
            Trailer(
                url=f"https://www.youtube.com/watch?v={key}",
                title=str(item.get("name") or "").strip() or None,
                kind=kind,
                # TMDB marks videos from the rights holder as official: the show's network.
                publisher=network,
                published=published,
                season=season,
            )
        )
    return found


@contextmanager
def _shape(what: str) -> Iterator[None]:
    try:
        yield
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise NetworkError(
            f"{NAME} sent {what} in a shape seasontrack does not know ({exc}); try again later"
        ) from None
