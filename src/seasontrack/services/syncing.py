"""`sync`: refresh linked shows from the show source, asking only about those changed since
their last sync; each show is written in its own transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from seasontrack import store
from seasontrack.errors import NetworkError, NotFound
from seasontrack.models import PROVIDER_NAMES, ShowLink
from seasontrack.services.lookup import resolve_show
from seasontrack.services.online import MergeReport, merge
from seasontrack.services.sources import SHOWS, Sources, lookup_ids, remote_trailers
from seasontrack.store import transaction
from seasontrack.store.provider_links import ExternalIds

# A show synced this recently makes no request at all (unless --force).
FRESH_FOR = timedelta(hours=1)

Target = tuple[int, str, ShowLink]
# A show not linked yet that a watch history gave ids for: (show id, title, ids).
ToLink = tuple[int, str, ExternalIds]


@dataclass
class SyncPlan:
    """Which linked shows to ask about, and how."""

    targets: list[Target]
    # Synced within the last hour: no request.
    fresh: list[str] = field(default_factory=list)
    # To refetch whatever the updates map says (never synced, or --force).
    refetch: list[Target] = field(default_factory=list)
    # To refetch only if the updates map lists them as changed since their copy.
    check: list[Target] = field(default_factory=list)
    # How far back the updates map must reach for the shows to check.
    oldest: timedelta | None = None
    # Not linked yet, with ids from a watch history: looked up and linked.
    to_link: list[ToLink] = field(default_factory=list)


@dataclass
class SyncReport:
    # The show source's display name ("TVmaze").
    source: str
    shows: list[MergeReport] = field(default_factory=list)
    unchanged: int = 0
    fresh: int = 0
    gone: list[str] = field(default_factory=list)
    requests: int = 0
    # Shows linked now (by the ids a history gave), and those the show source did not know.
    linked: list[MergeReport] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def plan_sync(
    conn: sqlite3.Connection,
    titles: list[str],
    *,
    every: bool,
    force: bool,
    now: datetime,
    source: str = SHOWS,
) -> SyncPlan:
    if titles:
        ids = []
        for title in titles:
            ref = resolve_show(conn, title)
            if store.provider_links.get_provider_link(
                conn, ref.id
            ) is None and not store.provider_links.history_ids(conn, ref.id):
                raise NotFound(
                    f"{ref.title} is not linked to {PROVIDER_NAMES.get(source, source)} yet;"
                    f" link it with: seasontrack fetch {ref.title!r}"
                )
            ids.append(ref.id)
        targets = store.provider_links.linked_shows(conn, followed_only=False, show_ids=ids)
        to_link = store.provider_links.unlinked_with_history_ids(
            conn, followed_only=False, show_ids=ids
        )
    else:
        targets = store.provider_links.linked_shows(conn, followed_only=not every)
        to_link = store.provider_links.unlinked_with_history_ids(conn, followed_only=not every)
    plan = SyncPlan(targets, to_link=to_link)
    for target in targets:
        synced = target[2].synced_at
        if force or synced is None:
            plan.refetch.append(target)
        elif now - synced < FRESH_FOR:
            plan.fresh.append(target[1])
        else:
            plan.check.append(target)
    if plan.check:
        plan.oldest = max(now - t[2].synced_at for t in plan.check if t[2].synced_at is not None)
    return plan


def sync(
    conn: sqlite3.Connection,
    sources: Sources,
    plan: SyncPlan,
    now: datetime,
    today: date,
    *,
    advance: Callable[[str], None] | None = None,
) -> SyncReport:
    """Refresh the planned shows, each in its own transaction; a failure stops the sync and
    keeps the shows that finished."""
    shows = sources.shows
    report = SyncReport(shows.display, fresh=len(plan.fresh))
    _link(conn, sources, plan, now, today, report, advance)
    todo = list(plan.refetch)
    unchanged: list[int] = []
    if plan.check and plan.oldest is not None:
        changed_at = shows.updated_within(plan.oldest)
        if changed_at is None:
            # Not synced for longer than the updates map reaches: ask again.
            todo += plan.check
        else:
            for target in plan.check:
                link = target[2]
                stamp = changed_at.get(shows.link_id(link))
                if stamp is not None and (link.updated is None or stamp > link.updated):
                    todo.append(target)
                else:
                    unchanged.append(target[0])
    if unchanged:
        with transaction(conn):
            for show_id in unchanged:
                store.provider_links.set_synced(conn, show_id, now)
        report.unchanged = len(unchanged)
        if advance is not None:
            for _ in unchanged:
                advance("")
    finished = 0
    for show_id, title, link in todo:
        try:
            remote = shows.show(shows.link_id(link), today, fresh=True)
            if remote is None:
                report.gone.append(title)
                continue
            trailer_id, trailers = remote_trailers(conn, sources, remote, show_id)
        except NetworkError as exc:
            raise NetworkError(
                f"sync stopped at {title} ({finished} of {len(todo)} shows to refresh done,"
                f" kept): {exc}"
            ) from None
        with transaction(conn):
            merged = merge(conn, show_id, remote, now, trailers, trailer_id)
        report.shows.append(merged)
        finished += 1
        if advance is not None:
            advance(title)
    report.requests = sources.requests
    return report


def _link(
    conn: sqlite3.Connection,
    sources: Sources,
    plan: SyncPlan,
    now: datetime,
    today: date,
    report: SyncReport,
    advance: Callable[[str], None] | None,
) -> None:
    """Link the shows a watch history gave ids for: looked up by them, then recorded as
    `fetch` records a show, each in its own transaction."""
    shows = sources.shows
    for done, (show_id, title, ids) in enumerate(plan.to_link):
        try:
            found = lookup_ids(shows, *ids)
            remote = shows.show(found, today) if found is not None else None
        except NetworkError as exc:
            raise NetworkError(
                f"sync stopped at {title} ({done} of {len(plan.to_link)} shows to link done,"
                f" kept): {exc}"
            ) from None
        owner = (
            store.provider_links.show_for_tvmaze(conn, remote.link.tvmaze_id) if remote else None
        )
        if remote is None or owner is not None:
            report.unknown.append(title)
        else:
            with transaction(conn):
                report.linked.append(merge(conn, show_id, remote, now, [], None))
        if advance is not None:
            advance(title)
