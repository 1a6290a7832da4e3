"""TMDB (https://developer.themoviedb.org): the official YouTube trailers and teasers of a
show and of its seasons. Needs an API key (``SEASONTRACK_TMDB_KEY`` or ``config set
tmdb.key``); the show is found by its TheTVDB or IMDb id (``/find``).

TMDB is a trailer source (:class:`~seasontrack.providers.protocol.TrailerSource`), not a show
source, on purpose:

- the catalog keeps one show-source id per show, ``show_links.tvmaze_id`` (NOT NULL, UNIQUE),
  on which `sync`, the facts and export/import key: a show found on TMDB alone has no place
  to be recorded without a schema change;
- ``/tv/{id}`` holds no episodes (one more request per season), and TMDB episodes have an
  ``air_date`` but no time or zone, so the release times the catalog keeps would be lost;
- ``/tv/changes`` lists changed ids without when they changed, at most 14 days back, so
  `sync` could not tell a changed show from one it already has.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from seasontrack.dates import PartialDate, Precision
from seasontrack.errors import NetworkError
from seasontrack.models import ShowLink, Trailer
from seasontrack.providers import TMDB_KEY_ENV, TMDB_URL, TMDB_URL_ENV, base_url
from seasontrack.providers.http import Http, HttpProvider, RateLimit
from seasontrack.providers.protocol import ExternalSource

NAME = "TMDB"
KINDS = {"Trailer": "trailer", "Teaser": "teaser"}
# /find's name for each external id.
FIND_SOURCES: dict[ExternalSource, str] = {"thetvdb": "tvdb_id", "imdb": "imdb_id"}


def api_key() -> str | None:
    """The TMDB API key: ``SEASONTRACK_TMDB_KEY``, else the ``tmdb.key`` setting."""
    from seasontrack import settings

    return (os.environ.get(TMDB_KEY_ENV) or settings.get("tmdb.key")).strip() or None


def connect(cache: Path | None) -> TMDB | None:
    """The TMDB client; None without an API key."""
    key = api_key()
    if key is None:
        return None
    # A v4 read token goes in a header; a v3 key in the query.
    bearer = len(key) > 40
    return TMDB(
        Http(
            NAME,
            base_url(TMDB_URL_ENV, TMDB_URL),
            rate=RateLimit(40, 1.0),
            params={} if bearer else {"api_key": key},
            headers={"Authorization": f"Bearer {key}"} if bearer else None,
            cache=cache,
        )
    )


class TMDB(HttpProvider):
    name = "tmdb"
    display = NAME

    def link_id(self, link: ShowLink) -> int | None:
        return link.tmdb_id

    def lookup(self, source: ExternalSource, value: str) -> int | None:
        """TMDB's id of the show with this TheTVDB or IMDb id (``/find``)."""
        body = self.http.get_json(f"/find/{value}", {"external_source": FIND_SOURCES[source]})
        with _shape("a find result"):
            results = (body or {}).get("tv_results") or []
            return int(results[0]["id"]) if results else None

    def trailers(self, show_id: int, season: int | None, network: str | None) -> list[Trailer]:
        path = f"/tv/{show_id:d}" + (f"/season/{season:d}" if season is not None else "")
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
