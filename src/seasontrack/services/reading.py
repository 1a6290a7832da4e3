"""Questions asked of the catalog: the show list with each show's next premiere, and search."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from seasontrack.dates import PartialDate, zone
from seasontrack.errors import InvalidInput
from seasontrack.models import SHOW_STATUSES, Season, ShowRef
from seasontrack.services.inputs import choose, did_you_mean, required_text
from seasontrack.store import queries
from seasontrack.store.queries import CreditMatch


@dataclass(frozen=True)
class NextRelease:
    """A season's premiere that has not passed (or whose date is not known yet)."""

    season: int
    when: PartialDate


@dataclass(frozen=True)
class ShowSummary:
    id: int
    title: str
    network: str | None
    country: str | None
    status: str
    latest_season: Season | None
    next_premiere: NextRelease | None


def is_past(season: Season, when: PartialDate, now: datetime) -> bool:
    """Whether ``when`` is certainly over at ``now``; a TBA date never is.

    A release at this very minute is not past yet. A date without a time is over when
    its last day has ended in the season's zone (else in the zone ``now`` is given in).
    """
    instant = when.instant()
    if instant is not None:
        return instant < now
    if when.end is None:
        return False
    local_now = now.astimezone(zone(season.release_tz)) if season.release_tz else now
    return when.end < local_now.date()


def next_premiere(seasons: list[Season] | tuple[Season, ...], now: datetime) -> NextRelease | None:
    """The soonest premiere still to come; failing that, a season announced without a date."""
    upcoming = [
        (s, s.premiere_moment)
        for s in seasons
        if s.premiere.start is not None and not is_past(s, s.premiere_moment, now)
    ]
    if upcoming:
        season, when = min(upcoming, key=lambda pair: pair[1].sort_key())
        return NextRelease(season.number, when)
    # A season announced without a date is next only if it comes after every dated one.
    last_dated = max((s.number for s in seasons if s.premiere.start is not None), default=-1)
    undated = [s for s in seasons if s.premiere.start is None and s.number > last_dated]
    if undated:
        first = min(undated, key=lambda s: s.number)
        return NextRelease(first.number, first.premiere)
    return None


def list_shows(
    conn: sqlite3.Connection,
    now: datetime,
    *,
    status: str | None = None,
    network: str | None = None,
) -> list[ShowSummary]:
    if status is not None:
        status = choose(status, SHOW_STATUSES, "status")
    if network is not None:
        network = required_text(network, "a network")
    rows = queries.list_show_rows(conn, status=status, network=network)
    if network is not None and not rows:
        known = queries.network_names(conn)
        if not any(n.casefold() == network.casefold() for n in known):
            raise InvalidInput(f"no show is on {network!r}{did_you_mean(network, known)}")
    seasons = queries.list_seasons(conn, [row.id for row in rows])
    summaries = []
    for row in rows:
        own = seasons.get(row.id, [])
        summaries.append(
            ShowSummary(
                id=row.id,
                title=row.title,
                network=row.network,
                country=row.country,
                status=row.status,
                latest_season=own[-1] if own else None,
                next_premiere=next_premiere(own, now),
            )
        )
    return summaries


@dataclass(frozen=True)
class SearchResult:
    text: str
    shows: list[ShowRef]
    credits: list[CreditMatch]

    @property
    def empty(self) -> bool:
        return not self.shows and not self.credits


def search(conn: sqlite3.Connection, text: str) -> SearchResult:
    """Shows, people and characters whose name contains ``text``, ignoring case."""
    wanted = required_text(text, "the search text")
    return SearchResult(
        text=wanted,
        shows=queries.search_shows(conn, wanted),
        credits=queries.search_credits(conn, wanted),
    )
