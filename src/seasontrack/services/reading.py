"""Questions asked of the catalog: the show list with each show's next release (search is in
:mod:`seasontrack.services.search`)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, tzinfo

from seasontrack import store
from seasontrack.models import SHOW_STATUSES
from seasontrack.services.progress import (
    Progress,
    finished_of,
    progress_by_show,
    progress_of,
    season_facts_by_show,
    unwatched_of,
)
from seasontrack.services.timeline import Upcoming, check_network, next_by_show


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
    # What it alerts for (`follow --only`; None: every kind).
    alerts: tuple[str, ...] | None = None
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
    only_finished: bool = False,
    with_unwatched: bool = True,
) -> list[ShowSummary]:
    """The shows, by title, each with its latest season, next release and progress, and
    (``with_unwatched``, or when a filter needs them) the episodes out and not yet seen."""
    if status is not None:
        # Only a list given --status pays for the input checks.
        from seasontrack.inputs import choose

        status = choose(status, SHOW_STATUSES, "status")
    if network is not None:
        network = check_network(conn, network)
    rows = store.shows.list_show_rows(conn, status=status, network=network)
    latest = store.shows.latest_season_numbers(conn)
    upcoming = next_by_show(conn, now, user_zone)
    # Progress only for the shows the user keeps track of (anything marked watched).
    started = store.watched.shows_with_watched(conn)
    if not (with_unwatched or only_unwatched or only_finished):
        progress = progress_by_show(conn, started, now, user_zone)
        return [_summary(row, latest, upcoming, progress.get(row.id)) for row in rows]
    facts = season_facts_by_show(conn, started, now, user_zone)
    summaries = []
    for row in rows:
        own = facts.get(row.id, [])
        # Unfollowed shows are ones the user no longer watches: nothing of theirs is "to see".
        missing = tuple(unwatched_of(own)) if row.followed and own else ()
        if only_unwatched and not missing:
            continue
        if only_finished and not finished_of(own):
            continue
        summaries.append(_summary(row, latest, upcoming, progress_of(own), missing))
    return summaries


def _summary(
    row: store.shows.ShowRow,
    latest: dict[int, int],
    upcoming: dict[int, Upcoming],
    progress: Progress | None,
    unwatched: tuple[tuple[int, tuple[int, ...]], ...] = (),
) -> ShowSummary:
    return ShowSummary(
        id=row.id,
        title=row.title,
        network=row.network,
        country=row.country,
        status=row.status,
        latest_season=latest.get(row.id),
        next_release=upcoming.get(row.id),
        followed=row.followed,
        alerts=row.alerts,
        progress=progress,
        unwatched=unwatched,
    )
