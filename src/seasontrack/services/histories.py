"""Bringing a watch history in (`import` of a TV Time or Trakt export): each show matched to
TVmaze and recorded as `fetch` records it, its episodes marked watched on the day they were.

Matching: a show already in the catalog (by the ids TVmaze gave it or a history gave it, or
by title or alias) is that show, never a second one; a linked one needs no request. Else a
show with a TheTVDB or IMDb id is looked up on TVmaze (one request), and a show with only a
name, or whose ids TVmaze does not know, goes through `fetch`'s search and its rule: taken
only when exactly one result bears the name. A show not matched (or every show, offline) is
recorded by its name with its watched episodes and its ids, for `fetch` or `sync` to link
later.

Every request is made before the first write, and the writes are one transaction: a provider
failure leaves the catalog as it was. An episode TVmaze does not know stays watched under its
number. Importing the same history again changes nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from seasontrack import store
from seasontrack.errors import NotFound
from seasontrack.histories import HISTORY_FORMATS, HistoryShow, WatchHistory
from seasontrack.models import Season, Show
from seasontrack.services.fetching import choose_match, match_names
from seasontrack.services.online import existing_show, merge
from seasontrack.store import transaction

if TYPE_CHECKING:
    from seasontrack.providers import RemoteShow
    from seasontrack.providers.protocol import ExternalSource, ShowSource

# How a show was matched, as the summary names it.
HOW = {"thetvdb": "TheTVDB id", "imdb": "IMDb id", "title": "title"}
# Requests a show to look up may cost: the look-up or search, then the show itself.
REQUESTS_PER_SHOW = 2


@dataclass
class ShowOutcome:
    """What became of one show of the history."""

    # As the history names it.
    name: str
    # The catalog show it is now (None when not recorded: a dry run of a new show).
    title: str | None = None
    # How it was matched to TVmaze ("thetvdb", "imdb", "title"); None: not matched.
    how: str | None = None
    tvmaze_id: int | None = None
    # Whether it is new to the catalog.
    created: bool = False
    # Episodes the history has watched, and marks added or dated by this import.
    episodes: int = 0
    marked: int = 0
    # What the history says of following it (None: nothing).
    followed: bool | None = None
    # Why it was not matched.
    reason: str | None = None


@dataclass
class HistoryReport:
    # The export's kind ("tvtime", "trakt"), and the file given.
    format: str
    source: str
    offline: bool = False
    dry_run: bool = False
    shows: list[ShowOutcome] = field(default_factory=list)
    read: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    requests: int = 0

    @property
    def matched(self) -> list[ShowOutcome]:
        return [s for s in self.shows if s.how is not None]

    @property
    def unmatched(self) -> list[ShowOutcome]:
        return [s for s in self.shows if s.how is None]

    @property
    def marked(self) -> int:
        return sum(s.marked for s in self.shows)

    @property
    def kind(self) -> str:
        """The export's kind as a user reads it ("TV Time export")."""
        return HISTORY_FORMATS[self.format]

    def matched_by(self, how: str) -> int:
        return sum(1 for s in self.shows if s.how == how)


@dataclass
class _Plan:
    """A show of the history, where it goes, and what TVmaze said of it."""

    item: HistoryShow
    outcome: ShowOutcome
    show_id: int | None = None
    remote: RemoteShow | None = None


def to_look_up(conn: sqlite3.Connection, history: WatchHistory) -> int:
    """How many of the history's shows need TVmaze (not already linked in the catalog)."""
    return sum(1 for item in history.shows if _linked(conn, _in_catalog(conn, item)) is None)


def import_history(
    conn: sqlite3.Connection,
    history: WatchHistory,
    source: str,
    *,
    shows: ShowSource | None,
    now: datetime,
    today: date,
    zone: tzinfo,
    dry_run: bool = False,
    advance: Callable[[str], None] | None = None,
) -> HistoryReport:
    """Match every show of ``history`` (through ``shows``; None: offline) and record them
    all in one transaction (rolled back for a dry run)."""
    report = HistoryReport(
        history.format,
        source,
        offline=shows is None,
        dry_run=dry_run,
        read=list(history.read),
        ignored=list(history.ignored),
        skipped=list(history.skipped),
    )
    plans = []
    for item in history.shows:
        plans.append(_plan(conn, shows, item, today))
        if advance is not None:
            advance(item.label)
    report.shows = [plan.outcome for plan in plans]
    report.requests = shows.requests if shows is not None else 0
    try:
        with transaction(conn):
            for plan in plans:
                _record(conn, plan, now, zone)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


class _DryRun(Exception):
    """Rolls a dry run's transaction back once its report is made."""


# ---------------------------------------------------------------------------- matching


def _in_catalog(conn: sqlite3.Connection, item: HistoryShow) -> tuple[int, str] | None:
    """The catalog show the history's show is, and how it was known: by the ids TVmaze or a
    history gave it, else by its title or an alias."""
    found = store.provider_links.show_by_ids(conn, item.thetvdb_id, item.imdb_id)
    if found is not None:
        return found
    if item.name:
        named = store.shows.find_shows_by_name(conn, item.name)
        if len(named) == 1:
            return named[0].id, "title"
    return None


def _linked(conn: sqlite3.Connection, known: tuple[int, str] | None) -> int | None:
    """TVmaze's id of a catalog show, when it is linked."""
    if known is None:
        return None
    link = store.provider_links.get_provider_link(conn, known[0])
    return link.tvmaze_id if link is not None else None


def _plan(
    conn: sqlite3.Connection, shows: ShowSource | None, item: HistoryShow, today: date
) -> _Plan:
    outcome = ShowOutcome(item.label, episodes=len(item.watches), followed=item.follow)
    known = _in_catalog(conn, item)
    show_id = known[0] if known is not None else None
    linked = _linked(conn, known)
    if known is not None and linked is not None:
        outcome.how, outcome.tvmaze_id = known[1], linked
        return _Plan(item, outcome, show_id)
    if shows is None:
        outcome.reason = "offline"
        return _Plan(item, outcome, show_id)
    tvmaze_id, how, reason = _find(conn, shows, item)
    if tvmaze_id is None:
        outcome.reason = reason
        return _Plan(item, outcome, show_id)
    owner = store.provider_links.show_for_tvmaze(conn, tvmaze_id)
    if owner is not None:
        outcome.how, outcome.tvmaze_id = how, tvmaze_id
        return _Plan(item, outcome, owner)
    remote = shows.show(tvmaze_id, today)
    if remote is None:
        outcome.reason = f"{shows.display} has no show with id {tvmaze_id}"
        return _Plan(item, outcome, show_id)
    outcome.how, outcome.tvmaze_id = how, tvmaze_id
    return _Plan(item, outcome, show_id, remote)


def _find(
    conn: sqlite3.Connection, shows: ShowSource, item: HistoryShow
) -> tuple[int | None, str | None, str | None]:
    """TVmaze's id of the show and how it was found, or why it was not."""
    ids: tuple[tuple[ExternalSource, object], ...] = (
        ("thetvdb", item.thetvdb_id),
        ("imdb", item.imdb_id),
    )
    for source, value in ids:
        if value is not None:
            found = shows.lookup(source, str(value))
            if found is not None:
                return found, source, None
    if not item.name:
        return None, None, f"{shows.display} knows none of its ids, and it has no name"
    query = item.name
    try:
        chosen = choose_match(
            shows.search(query),
            query,
            match_names(conn, query),
            year=None,
            pick=None,
            source=shows.display,
        )
    except NotFound as exc:
        return None, None, str(exc)
    if not isinstance(chosen, list):
        return chosen.id, "title", None
    named = [m for m in chosen if m.name.casefold() == query.casefold()]
    if item.year is not None:
        same_year = [m for m in named if m.premiered == item.year]
        if len(same_year) == 1:
            return same_year[0].id, "title", None
    if named:
        listed = "; ".join(m.label() for m in named[:5])
        return None, None, f"{len(named)} {shows.display} shows are called {query!r}: {listed}"
    closest = "; ".join(m.label() for m in chosen[:3])
    return None, None, f"{shows.display} has no show called exactly {query!r} (closest: {closest})"


# ---------------------------------------------------------------------------- recording


def _record(conn: sqlite3.Connection, plan: _Plan, now: datetime, zone: tzinfo) -> None:
    item, outcome = plan.item, plan.outcome
    show_id = plan.show_id
    if plan.remote is not None:
        remote = plan.remote
        # An earlier show of this history may have linked it already.
        owner = store.provider_links.show_for_tvmaze(conn, remote.link.tvmaze_id)
        target = owner if owner is not None else show_id
        if target is None:
            target = existing_show(conn, remote, item.name)
        merged = merge(conn, target, remote, now, [], None)
        outcome.created = merged.created
        show_id = store.provider_links.show_for_tvmaze(conn, remote.link.tvmaze_id)
    if show_id is None:
        show_id = _by_name(conn, item)
        outcome.created = show_id is None
        if show_id is None:
            follow = item.follow if item.follow is not None else True
            show_id = store.shows.insert_show(conn, Show(title=item.label, followed=follow))
            store.facts.set_entered_by(conn, show_id, "imported")
    outcome.title = store.shows.get_shows(conn, [show_id], seasons=False)[0].title
    if item.follow is not None:
        store.shows.set_followed(conn, show_id, item.follow)
    store.provider_links.set_history_ids(conn, show_id, item.thetvdb_id, item.imdb_id)
    by_season: dict[int, dict[int, date | None]] = {}
    for (season, episode), watch in sorted(item.watches.items()):
        by_season.setdefault(season, {})[episode] = watch.day(zone)
    for number, days in by_season.items():
        row = store.seasons.season_id(conn, show_id, number)
        if row is None:
            # An episode the provider does not know stays watched under its number.
            row = store.seasons.insert_season(conn, show_id, Season(number=number))
        outcome.marked += store.watched.mark_watched(conn, row, days)


def _by_name(conn: sqlite3.Connection, item: HistoryShow) -> int | None:
    """The catalog show with the history's name (one recorded earlier in this import, say)."""
    found = store.shows.find_shows_by_name(conn, item.label)
    return found[0].id if found else None
