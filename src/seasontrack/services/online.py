"""Filling and refreshing the catalog from TVmaze (and trailers from TMDB).

The catalog stays the user's: each fact keeps where it came from (see
:class:`seasontrack.models.Fact`). A provider fills what is empty and replaces only its own
older values; where the user's value and the provider's differ, the user's stays and the
difference is reported. Every request is made before the writes, so a network failure
leaves the catalog as it was; `sync` writes each show in its own transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from seasontrack import store
from seasontrack.errors import InvalidInput, NetworkError, NotFound
from seasontrack.inputs import clean_credit, clean_trailer
from seasontrack.models import PROVIDER_NAMES, TBA, Fact, Season, Show, ShowLink, Trailer
from seasontrack.services import facts as facts_of
from seasontrack.services.lookup import resolve_show
from seasontrack.store import transaction

if TYPE_CHECKING:
    from seasontrack.providers import Match, RemoteShow
    from seasontrack.providers.http import Http
    from seasontrack.providers.tmdb import TMDB
    from seasontrack.providers.tvmaze import TVmaze

PROVIDER = "tvmaze"
# A show synced this recently makes no request at all (unless --force).
FRESH_FOR = timedelta(hours=1)
# The windows TVmaze's /updates/shows can be asked for.
WINDOWS = (("day", timedelta(days=1)), ("week", timedelta(days=7)), ("month", timedelta(days=30)))


# ---------------------------------------------------------------------------- the providers


@dataclass
class Providers:
    tvmaze: TVmaze
    tmdb: TMDB | None
    clients: list[Http]

    @property
    def requests(self) -> int:
        return sum(c.requests for c in self.clients)


def tmdb_key() -> str | None:
    """The TMDB API key: ``SEASONTRACK_TMDB_KEY``, else the ``tmdb.key`` setting."""
    import os

    from seasontrack import settings
    from seasontrack.providers import TMDB_KEY_ENV

    return (os.environ.get(TMDB_KEY_ENV) or settings.get("tmdb.key")).strip() or None


@contextmanager
def open_providers(what: str) -> Iterator[Providers]:
    """The provider clients for one command; refuses at once when offline."""
    from seasontrack.providers import (
        TMDB_URL,
        TMDB_URL_ENV,
        TVMAZE_URL,
        TVMAZE_URL_ENV,
        base_url,
    )
    from seasontrack.providers.http import Http, RateLimit, cache_dir, check_online
    from seasontrack.providers.tmdb import TMDB
    from seasontrack.providers.tvmaze import TVmaze

    check_online(what)
    cache = cache_dir()
    # TVmaze: "at least 20 calls every 10 seconds per IP address".
    tv_http = Http(
        "TVmaze", base_url(TVMAZE_URL_ENV, TVMAZE_URL), rate=RateLimit(20, 10.0), cache=cache
    )
    clients = [tv_http]
    tmdb = None
    key = tmdb_key()
    if key is not None:
        # A v4 read token goes in a header; a v3 key in the query.
        bearer = len(key) > 40
        tmdb_http = Http(
            "TMDB",
            base_url(TMDB_URL_ENV, TMDB_URL),
            rate=RateLimit(40, 1.0),
            params={} if bearer else {"api_key": key},
            headers={"Authorization": f"Bearer {key}"} if bearer else None,
            cache=cache,
        )
        clients.append(tmdb_http)
        tmdb = TMDB(tmdb_http)
    try:
        yield Providers(TVmaze(tv_http), tmdb, clients)
    finally:
        for client in clients:
            client.close()


# ---------------------------------------------------------------------------- reports


@dataclass
class MergeReport:
    title: str
    created: bool = False
    changes: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)
    new_episodes: int = 0
    moved: int = 0
    status_change: str | None = None
    cast_added: int = 0
    trailers_added: int = 0
    specials: int = 0

    @property
    def changed(self) -> bool:
        return bool(
            self.created
            or self.changes
            or self.added
            or self.new_episodes
            or self.cast_added
            or self.trailers_added
        )


# ---------------------------------------------------------------------------- choosing a show


def match_names(conn: sqlite3.Connection, query: str) -> set[str]:
    """The names a search result may have to be the show the user means: the query, and the
    title and aliases of the catalog show it names."""
    names = {query.strip().casefold()}
    for ref in store.shows.find_shows_by_name(conn, query.strip()):
        show = store.shows.get_shows(conn, [ref.id], seasons=False)[0]
        names |= {show.title.casefold(), *(a.casefold() for a in show.aliases)}
    return names


def linked_id_for(conn: sqlite3.Connection, query: str) -> int | None:
    """The TVmaze id of the catalog show ``query`` names exactly, when it is linked."""
    found = store.shows.find_shows_by_name(conn, query.strip())
    if len(found) != 1:
        return None
    link = store.provider_links.get_provider_link(conn, found[0].id)
    return link.tvmaze_id if link else None


def choose_match(
    matches: list[Match], query: str, names: set[str], *, year: int | None, pick: int | None
) -> Match | list[Match]:
    """The search result the user means, or the list to choose from when that is unclear.

    Raises NotFound when nothing fits: no result has the query's name (the closest offered
    are named), or none is from ``year``.
    """
    listed = [m for m in matches if year is None or m.premiered == year]
    if not matches:
        raise NotFound(f"TVmaze knows no show called {query!r}")
    if not listed:
        years = ", ".join(m.label() for m in matches[:5])
        raise NotFound(f"TVmaze has no {query!r} from {year}; it offered: {years}")
    if pick is not None:
        if not 1 <= pick <= len(listed):
            raise InvalidInput(f"--pick {pick}: choose 1 to {len(listed)}")
        return listed[pick - 1]
    exact = [m for m in listed if m.name.casefold() in names]
    if len(exact) == 1:
        return exact[0]
    return exact or listed


def not_known(query: str, listed: list[Match]) -> NotFound:
    closest = "; ".join(m.label() for m in listed[:5])
    return NotFound(
        f"TVmaze has no show called {query!r}; closest: {closest}"
        " (choose one with --pick N or --tvmaze ID)"
    )


def get_remote(providers: Providers, tvmaze_id: int, today: date, *, fresh: bool) -> RemoteShow:
    remote = providers.tvmaze.show(tvmaze_id, today, fresh=fresh)
    if remote is None:
        raise NotFound(f"TVmaze has no show with id {tvmaze_id}")
    return remote


def remote_trailers(
    conn: sqlite3.Connection, providers: Providers, remote: RemoteShow, show_id: int | None
) -> tuple[int | None, list[Trailer]]:
    """TMDB's id for the show and its official trailers (and each season's); none without
    a key, or when TMDB does not know the show."""
    if providers.tmdb is None:
        return None, []
    known = store.provider_links.get_provider_link(conn, show_id) if show_id is not None else None
    tmdb_id = known.tmdb_id if known and known.tmdb_id else providers.tmdb.find_id(remote.link)
    if tmdb_id is None:
        return None, []
    network = remote.show.network
    found = providers.tmdb.trailers(tmdb_id, None, network)
    for season in remote.show.seasons:
        if season.number > 0:
            found += providers.tmdb.trailers(tmdb_id, season.number, network)
    return tmdb_id, found


# ---------------------------------------------------------------------------- fetch


class _DryRun(Exception):
    """Rolls a dry run's transaction back once its report is made."""


def existing_show(conn: sqlite3.Connection, remote: RemoteShow, query: str | None) -> int | None:
    """The catalog show the remote one is: linked by id, else named by the user's query or by
    the provider's title (a show linked to another TVmaze id is a different show)."""
    linked = store.provider_links.show_for_tvmaze(conn, remote.link.tvmaze_id)
    if linked is not None:
        return linked
    for name in (query, remote.show.title):
        if not name:
            continue
        for ref in store.shows.find_shows_by_name(conn, name.strip()):
            if store.provider_links.get_provider_link(conn, ref.id) is None:
                return ref.id
    return None


def record(
    conn: sqlite3.Connection,
    remote: RemoteShow,
    now: datetime,
    *,
    query: str | None = None,
    trailers: list[Trailer] | None = None,
    tmdb_id: int | None = None,
    dry_run: bool = False,
) -> MergeReport:
    """Link and merge the remote show into the catalog, in one transaction."""
    report: MergeReport | None = None
    try:
        with transaction(conn):
            show_id = existing_show(conn, remote, query)
            report = merge(conn, show_id, remote, now, trailers or [], tmdb_id)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    assert report is not None
    return report


def _new_title(conn: sqlite3.Connection, remote: RemoteShow) -> str:
    """The provider's title, or with its year when another show has it ("Doctor Who (2005)")."""
    title = remote.show.title
    candidates = [title]
    if remote.link.premiered:
        candidates.append(f"{title} ({remote.link.premiered})")
    candidates.append(f"{title} (TVmaze {remote.link.tvmaze_id})")
    for candidate in candidates:
        if store.shows.name_owner(conn, candidate) is None:
            return candidate
    raise InvalidInput(f"the title {title!r} and its variants are all taken in the catalog")


# ---------------------------------------------------------------------------- merging


class _Facts:
    """Decides, fact by fact, whether the provider's value goes in, and records why."""

    def __init__(
        self, known: dict[tuple[str, str], Fact], report: MergeReport, entered_by: str
    ) -> None:
        self.known = known
        # Where the user's facts without a row came from: how the show came.
        self.entered_by = entered_by
        self.report = report
        self.write: list[Fact] = []
        self.drop: list[tuple[str, str]] = []

    def take(self, subject: str, name: str, current: str | None, offered: str | None) -> bool:
        """Whether to set the provider's value (``offered``) in place of ``current``."""
        if offered is None:
            return False
        fact = self.known.get((subject, name))
        where = f"{subject} {name}" if subject else name
        own = fact is not None and fact.origin in PROVIDER_NAMES and fact.value == current
        if current is None or own:
            if fact is None or fact.origin != PROVIDER or fact.value != offered:
                self.write.append(Fact(subject, name, PROVIDER, value=offered))
            if current is not None and current != offered:
                self.report.changes.append(f"{where}: {current} → {offered}")
                return True
            return current is None
        # The user's value stands.
        if current == offered:
            if fact is not None and (
                fact.origin in PROVIDER_NAMES or fact.origin == self.entered_by
            ):
                self.drop.append((subject, name))
            elif fact is not None and fact.offered is not None:
                # Agreed now; the row still says the fact came another way than its show.
                self.write.append(Fact(subject, name, fact.origin))
            return False
        user_fact = fact is not None and fact.origin not in PROVIDER_NAMES
        origin = fact.origin if fact is not None and user_fact else self.entered_by
        if fact is None or fact.offered != offered or fact.origin != origin:
            self.write.append(Fact(subject, name, origin, offered=offered, offered_by=PROVIDER))
        self.report.differences.append(
            facts_of.difference(where, origin, current, PROVIDER, offered)
        )
        return False


def merge(
    conn: sqlite3.Connection,
    show_id: int | None,
    remote: RemoteShow,
    now: datetime,
    trailers: list[Trailer],
    tmdb_id: int | None,
) -> MergeReport:
    """Write ``remote`` into the catalog show ``show_id`` (a new show when None), inside the
    caller's transaction."""
    offered = remote.show
    created = show_id is None
    if show_id is None:
        title = _new_title(conn, remote)
        show_id = store.shows.insert_show(conn, Show(title=title))
        current = Show(title=title, id=show_id)
    else:
        current = store.shows.get_show(conn, show_id)
    report = MergeReport(title=current.title, created=created, specials=remote.specials)
    facts = _Facts(
        store.facts.get_facts(conn, show_id), report, store.facts.entered_by(conn, show_id)
    )

    updated = current
    for name in facts_of.SHOW_FIELDS:
        mine, theirs = getattr(current, name), getattr(offered, name)
        if name == "status" and created:
            mine = None
        if facts.take("", name, mine, theirs):
            updated = replace(updated, **{name: theirs})
            if name == "status" and not created:
                report.status_change = f"{mine} → {theirs}"
    if created:
        report.changes.clear()
    if updated != current or created:
        store.shows.update_show(conn, show_id, updated)

    for season in offered.seasons:
        _merge_season(conn, show_id, season, remote, facts, report, created)

    mine_cast = {
        (c.person.casefold(), (c.character or "").casefold())
        for c in current.credits
        if c.role == "cast"
    }
    for credit in offered.credits:
        if (credit.person.casefold(), (credit.character or "").casefold()) in mine_cast:
            continue
        store.credits.insert_credit(conn, show_id, None, clean_credit(credit))
        report.cast_added += 1

    for trailer in trailers:
        season_row = None
        if trailer.season is not None:
            season_row = store.seasons.season_id(conn, show_id, trailer.season)
            if season_row is None:
                continue
        cleaned = clean_trailer(trailer)
        # A provider adds what is missing; it never rewrites a trailer already recorded.
        _, new = store.links.upsert_trailer(conn, show_id, season_row, cleaned, replace=False)
        report.trailers_added += new

    store.facts.set_facts(conn, show_id, facts.write)
    store.facts.delete_facts(conn, show_id, facts.drop)
    store.provider_links.set_provider_link(
        conn, show_id, replace(remote.link, synced_at=now, tmdb_id=tmdb_id)
    )
    return report


def _merge_season(
    conn: sqlite3.Connection,
    show_id: int,
    offered: Season,
    remote: RemoteShow,
    facts: _Facts,
    report: MergeReport,
    created: bool,
) -> None:
    subject = f"S{offered.number}"
    if (subject, store.facts.REMOVED) in facts.known:
        return  # the user removed this season
    row = store.seasons.season_id(conn, show_id, offered.number)
    if row is None:
        fields = replace(offered, episodes=())
        row = store.seasons.save_season(conn, show_id, fields)
        for name, value in facts_of.season_facts(offered).items():
            facts.take(subject, name, None, value)
        if not created:
            report.added.append(f"season {offered.number}")
        current = fields
        moved = False
    else:
        current = store.seasons.get_season(conn, row)
        fields = current
        moved = False
        for name, theirs in facts_of.season_facts(offered).items():
            mine = facts_of.season_facts(current).get(name)
            if facts.take(subject, name, mine, theirs):
                fields = _set_season_fact(fields, offered, name)
                moved = moved or (name in ("premiere", "finale") and mine is not None)
        if fields != current:
            store.seasons.save_season(conn, show_id, fields, row)
            current = store.seasons.get_season(conn, row)

    # Where the user's premiere stands against TVmaze's, TVmaze's episode dates would
    # contradict it: they are left out (the difference is listed with the premiere).
    theirs_premiere = facts_of.label(offered.premiere)
    own_dates = theirs_premiere is None or facts_of.label(current.premiere) == theirs_premiere
    mine_episodes = {e.number: e for e in current.episodes}
    extras = {(x.season, x.number): x for x in remote.extras}
    episodes_moved = 0
    for episode in offered.episodes:
        code = f"{subject}E{episode.number}"
        if (code, store.facts.REMOVED) in facts.known:
            continue  # the user removed this episode
        existing = mine_episodes.get(episode.number)
        if not own_dates:
            episode = replace(episode, airs=TBA)
        if existing is None:
            episode_row = store.seasons.insert_episode(conn, row, episode)
            facts.take(code, "title", None, episode.title)
            facts.take(code, "airs", None, facts_of.airs_label(episode))
            report.new_episodes += 1
        else:
            changed = existing
            if facts.take(code, "title", existing.title, episode.title):
                changed = replace(changed, title=episode.title)
            mine_airs = facts_of.airs_label(existing)
            if facts.take(code, "airs", mine_airs, facts_of.airs_label(episode)):
                changed = replace(changed, airs=episode.airs)
                episodes_moved += int(mine_airs is not None)
            episode_row = store.seasons.episode_id(conn, row, episode.number) or 0
            if changed != existing:
                store.seasons.update_episode(conn, episode_row, changed)
        extra = extras.get((offered.number, episode.number))
        if extra is not None:
            store.provider_links.set_episode_extra(
                conn, episode_row, extra.tvmaze_id, extra.airstamp, extra.runtime
            )
    # A moved date counts once: by its episodes when they have dates, else by the season's.
    report.moved += episodes_moved or int(moved)


def _set_season_fact(season: Season, offered: Season, name: str) -> Season:
    if name == "premiere":
        return replace(season, premiere=offered.premiere)
    if name == "finale":
        return replace(season, finale=offered.finale)
    if name == "episodes":
        return replace(season, episode_count=offered.episode_count)
    if name == "release":
        return replace(season, release_pattern=offered.release_pattern)
    if name == "network":
        return replace(season, network=offered.network)
    return replace(season, release_time=offered.release_time, release_tz=offered.release_tz)


# ---------------------------------------------------------------------------- sync


@dataclass
class SyncPlan:
    """Which linked shows to ask about, and how."""

    targets: list[tuple[int, str, ShowLink]]
    # Synced within the last hour: no request.
    fresh: list[str] = field(default_factory=list)
    # To refetch whatever the updates map says (never synced, or --force).
    refetch: list[tuple[int, str, ShowLink]] = field(default_factory=list)
    # To refetch only if /updates/shows lists them as changed since their copy.
    check: list[tuple[int, str, ShowLink]] = field(default_factory=list)
    since: str | None = None


@dataclass
class SyncReport:
    shows: list[MergeReport] = field(default_factory=list)
    unchanged: int = 0
    fresh: int = 0
    gone: list[str] = field(default_factory=list)
    requests: int = 0


def plan_sync(
    conn: sqlite3.Connection,
    titles: list[str],
    *,
    every: bool,
    force: bool,
    now: datetime,
) -> SyncPlan:
    if titles:
        ids = []
        for title in titles:
            ref = resolve_show(conn, title)
            if store.provider_links.get_provider_link(conn, ref.id) is None:
                raise NotFound(
                    f"{ref.title} is not linked to TVmaze yet; link it with:"
                    f" seasontrack fetch {ref.title!r}"
                )
            ids.append(ref.id)
        targets = store.provider_links.linked_shows(conn, followed_only=False, show_ids=ids)
    else:
        targets = store.provider_links.linked_shows(conn, followed_only=not every)
    plan = SyncPlan(targets)
    for target in targets:
        synced = target[2].synced_at
        if force or synced is None:
            plan.refetch.append(target)
        elif now - synced < FRESH_FOR:
            plan.fresh.append(target[1])
        else:
            plan.check.append(target)
    if plan.check:
        oldest = max(now - t[2].synced_at for t in plan.check if t[2].synced_at is not None)
        plan.since = next((name for name, span in WINDOWS if oldest <= span), None)
        if plan.since is None:
            # Not synced for over a month: the updates map cannot tell; ask again.
            plan.refetch += plan.check
            plan.check = []
    return plan


def sync(
    conn: sqlite3.Connection,
    providers: Providers,
    plan: SyncPlan,
    now: datetime,
    today: date,
    *,
    force: bool = False,
    advance: Callable[[str], None] | None = None,
) -> SyncReport:
    """Refresh the planned shows, each in its own transaction; a failure stops the sync and
    keeps the shows that finished."""
    report = SyncReport(fresh=len(plan.fresh))
    todo = list(plan.refetch)
    unchanged: list[int] = []
    if plan.check and plan.since is not None:
        changed_at = providers.tvmaze.updates(plan.since)
        for target in plan.check:
            stamp = changed_at.get(target[2].tvmaze_id)
            if stamp is not None and (target[2].updated is None or stamp > target[2].updated):
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
            remote = providers.tvmaze.show(link.tvmaze_id, today, fresh=True)
            if remote is None:
                report.gone.append(title)
                continue
            tmdb_id, trailers = remote_trailers(conn, providers, remote, show_id)
        except NetworkError as exc:
            raise NetworkError(
                f"sync stopped at {title} ({finished} of {len(todo)} shows to refresh done,"
                f" kept): {exc}"
            ) from None
        with transaction(conn):
            merged = merge(conn, show_id, remote, now, trailers, tmdb_id)
        report.shows.append(merged)
        finished += 1
        if advance is not None:
            advance(title)
    report.requests = providers.requests
    return report
