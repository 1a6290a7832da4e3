"""What comes out when: upcoming releases, each show's next one, a countdown's target, calendars.

A *release* is one moment at which one or more episodes of a season come out: a whole
all-at-once season, a two-episode premiere, or one weekly episode. When a season's episode
count is unknown, its premiere stands for the season.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING, NamedTuple

from seasontrack import store
from seasontrack.countdown import ReleaseView, window
from seasontrack.dates import PartialDate, Precision
from seasontrack.errors import InvalidInput, NotFound
from seasontrack.models import TBA, Release
from seasontrack.services.lookup import resolve_show
from seasontrack.store.releases import StoredRelease

if TYPE_CHECKING:
    from seasontrack.store.seasons import CompleteRow


class Upcoming(NamedTuple):
    """A release still to come, whether its season is already under way, and when that
    season is complete (TBA: not known)."""

    release: Release
    airing: bool
    complete: PartialDate = TBA


def _view(release: Release, now: datetime, user_zone: tzinfo) -> ReleaseView:
    return ReleaseView(release.when, release.release_tz, now, user_zone)


# ---------------------------------------------------------------------------- the one rule


def season_pending(
    releases: Sequence[StoredRelease], now: datetime, user_zone: tzinfo
) -> list[StoredRelease]:
    """What of a season is still to come at ``now`` where the user is: the one rule that
    `list`, `info`, `next`, `countdown` and `upcoming` all follow.

    ``releases`` are one season's, in order (``store.releases.pending_releases`` gives the
    ones that can matter). Episodes come out in order: a release is out once it, or any
    later release of its season, is past; and all of them are out once the season is
    complete (a season whose finale has passed is over, its undated episodes with it), or
    once a later season has begun (seasons come out in order too; not specials). The rest,
    in order, is still to come; its first is the season's next release.
    """
    if not releases:
        return []
    first = releases[0]
    if (
        first.later_begun
        or ReleaseView(first.complete, first.release.release_tz, now, user_zone).past
    ):
        return []
    start = 0
    for index, stored in enumerate(releases):
        if _view(stored.release, now, user_zone).past:
            start = index + 1
    return list(releases[start:])


def _next_of_season(
    releases: Sequence[StoredRelease], now: datetime, user_zone: tzinfo
) -> Upcoming | None:
    pending = season_pending(releases, now, user_zone)
    if not pending:
        return None
    first = pending[0]
    return Upcoming(first.release, not first.release.premiere, first.complete)


def next_release(
    seasons: Iterable[Sequence[StoredRelease]], now: datetime, user_zone: tzinfo
) -> Upcoming | None:
    """The next release among ``seasons`` (each one's releases, as for
    :func:`season_pending`): the soonest of their next ones, by :func:`sort_key`."""
    best: tuple[SortKey, Upcoming] | None = None
    for releases in seasons:
        item = _next_of_season(releases, now, user_zone)
        if item is None:
            continue
        key = sort_key(item.release, _view(item.release, now, user_zone))
        if best is None or key < best[0]:
            best = (key, item)
    return best[1] if best else None


def by_season(stored: Iterable[StoredRelease]) -> dict[int, list[StoredRelease]]:
    """Stored releases grouped by season, in the order they come."""
    grouped: dict[int, list[StoredRelease]] = {}
    for item in stored:
        grouped.setdefault(item.season_id, []).append(item)
    return grouped


SortKey = tuple[int, float, int, str, int]


def sort_key(release: Release, view: ReleaseView) -> SortKey:
    """Soonest first; TBA last.

    A release known to the day or minute sorts by its moment. One known only to a month,
    season or year sorts by the middle of the time it has left (from now when it has
    begun), so that "2026 (date TBA)" does not push tomorrow's premiere off the list.
    """
    return _moment_key(view, release.show, release.season)


def _moment_key(view: ReleaseView, show: str, season: int) -> SortKey:
    span = view.span
    if span is None:
        return (1, 0.0, 0, show.casefold(), season)
    moment = span.earliest.timestamp()
    if view.when.precision not in (Precision.DAY, Precision.MINUTE):
        begins = max(moment, view.now.timestamp())
        moment = (begins + span.latest.timestamp()) / 2
    return (0, moment, 0 if span.exact else 1, show.casefold(), season)


# ---------------------------------------------------------------------------- upcoming


def upcoming(
    conn: sqlite3.Connection,
    now: datetime,
    user_zone: tzinfo,
    *,
    until: datetime | None = None,
    network: str | None = None,
    episodes: bool = False,
    limit: int | None = None,
    announced: bool = False,
) -> list[Upcoming]:
    """What is released from ``now`` on (up to ``until``), soonest first, at most ``limit``.

    One line per season (its next release, by :func:`season_pending`) and per later part of
    it (the part's first release), or with ``episodes``
    every release still to come. With ``announced``, the seasons whose next release has no
    date at all (and with ``episodes`` every such release) follow the dated ones. Reads the
    stored releases in time order and stops once it has enough, so its cost does not grow
    with the catalog.
    """
    if network is not None:
        network = check_network(conn, network)
    now = now.astimezone(UTC)
    budget = limit
    while True:
        scanned, cut = _scan(
            conn, now, user_zone, until=until, network=network, episodes=episodes, budget=budget
        )
        firsts = _firsts(conn, {stored.season_id for stored, _ in scanned}, now, user_zone)
        found: list[tuple[SortKey, int, Upcoming]] = []
        # Each part is a release of its own: a season's later parts get a line each too.
        parts_listed: set[tuple[int, int]] = set()
        for stored, view in scanned:
            first = firsts.get(stored.season_id)
            # Out by the rule (an earlier release of its season is still to come, or a
            # later one is past), or not the season's next one.
            if first is None or stored.position < first.position:
                continue
            part = stored.release.part
            new_part = (
                part is not None
                and part != first.release.part
                and (stored.season_id, part) not in parts_listed
            )
            if part is not None:
                parts_listed.add((stored.season_id, part))
            if episodes or stored.position == first.position or new_part:
                item = Upcoming(stored.release, not first.release.premiere, first.complete)
                found.append((sort_key(stored.release, view), stored.position, item))
        if not cut or not limit or len(found) >= limit or budget is None:
            break
        # Some seasons found have their next release elsewhere: read further.
        budget *= 2
    if announced:
        found += _undated(conn, now, user_zone, network=network, episodes=episodes)
    found.sort(key=lambda entry: entry[:2])
    ordered = [item for _, _, item in found]
    return ordered[:limit] if limit else ordered


def _scan(
    conn: sqlite3.Connection,
    now: datetime,
    user_zone: tzinfo,
    *,
    until: datetime | None,
    network: str | None,
    episodes: bool,
    budget: int | None,
) -> tuple[list[tuple[StoredRelease, ReleaseView]], bool]:
    """The dated releases not yet past (up to ``until``), read in time order until about
    ``budget`` lines' worth; and whether it stopped for the budget (more may follow)."""
    found: list[tuple[StoredRelease, ReleaseView]] = []
    seasons: set[int] = set()
    count = 0

    def wanted(stored: store.releases.StoredRelease) -> ReleaseView | None:
        """The release's view when it is to be listed."""
        view = _view(stored.release, now, user_zone)
        if view.past or (until is not None and not view.starts_by(until)):
            return None
        return view

    # The exact ones (known to the day or minute) are read in time order until there are
    # enough; the vague ones (month, season, year) after them, only as far as could sort
    # among those.
    enough_by: datetime | None = None
    for stored in store.releases.exact_releases_from(conn, now, network=network):
        # The stored order's bound: the earliest moment anywhere on Earth.
        starts = window(stored.release.when, _EARLIEST)
        if starts is not None and (
            (enough_by is not None and starts.earliest > enough_by)
            or (until is not None and starts.earliest > until)
        ):
            break
        view = wanted(stored)
        if view is None:
            continue
        new_season = stored.season_id not in seasons
        seasons.add(stored.season_id)
        found.append((stored, view))
        count += 1 if episodes or new_season else 0
        if budget and enough_by is None and count >= budget:
            # The stored order is by the earliest moment anywhere on Earth; read on for a
            # day and more, so that no release sooner for this user is left out.
            enough_by = starts.earliest + timedelta(hours=27) if starts else now
    # A vague release sorts by the middle of the time it has left, which is at least
    # halfway from now to its end (less a day for the zones): one that ends later than
    # this sorts after everything already found.
    ends_by = enough_by + (enough_by - now) + timedelta(days=2) if enough_by is not None else None
    for stored in store.releases.vague_releases(
        conn, now, ends_by=ends_by, starts_by=until, network=network
    ):
        if (view := wanted(stored)) is not None:
            found.append((stored, view))
    return found, enough_by is not None


def _firsts(
    conn: sqlite3.Connection, season_ids: Iterable[int], now: datetime, user_zone: tzinfo
) -> dict[int, StoredRelease]:
    """Each season's next release (by the rule), for the seasons that have one."""
    ids = list(season_ids)
    if not ids:
        return {}
    grouped = by_season(store.releases.pending_releases(conn, now, season_ids=ids))
    firsts = {}
    for season_id, releases in grouped.items():
        pending = season_pending(releases, now, user_zone)
        if pending:
            firsts[season_id] = pending[0]
    return firsts


def _undated(
    conn: sqlite3.Connection,
    now: datetime,
    user_zone: tzinfo,
    *,
    network: str | None,
    episodes: bool,
) -> list[tuple[SortKey, int, Upcoming]]:
    """The seasons whose next release has no date yet (with ``episodes``, every release of
    theirs still to come without one), for `upcoming --announced`: they sort last."""
    ids = store.releases.seasons_with_undated(conn, now, network=network)
    grouped = by_season(store.releases.pending_releases(conn, now, season_ids=ids))
    tails = by_season(store.releases.undated_releases(conn, ids) if episodes else [])
    found = []
    for season_id, releases in grouped.items():
        pending = season_pending(releases, now, user_zone)
        if not pending:
            continue
        first = pending[0]
        if episodes:
            chosen = [s for s in tails.get(season_id, []) if s.position >= first.position]
        else:
            chosen = [first] if first.release.when.start is None else []
        for stored in chosen:
            item = Upcoming(stored.release, not first.release.premiere, first.complete)
            view = _view(stored.release, now, user_zone)
            found.append((sort_key(stored.release, view), stored.position, item))
    return found


_EARLIEST = timezone(timedelta(hours=14))


def completing(
    conn: sqlite3.Connection,
    now: datetime,
    user_zone: tzinfo,
    *,
    until: datetime | None = None,
    network: str | None = None,
    limit: int | None = None,
    announced: bool = False,
) -> list[CompleteRow]:
    """`upcoming --complete`: the seasons not yet complete, by the moment they become
    complete (up to ``until``), at most ``limit``; with ``announced``, those with something
    still to come whose complete moment is not known follow."""
    if network is not None:
        network = check_network(conn, network)
    now = now.astimezone(UTC)
    found: list[tuple[SortKey, CompleteRow]] = []
    for row in store.seasons.completing(conn, now, network=network):
        view = ReleaseView(row.complete, row.release_tz, now, user_zone)
        if not view.past and (until is None or view.starts_by(until)):
            found.append((_moment_key(view, row.show, row.season), row))
    if announced:
        unknown = store.seasons.completing(conn, now, network=network, known=False)
        pending = _firsts(conn, [row.season_id for row in unknown], now, user_zone)
        found += [
            (_moment_key(ReleaseView(TBA, None, now, user_zone), row.show, row.season), row)
            for row in unknown
            if row.season_id in pending
        ]
    found.sort(key=lambda entry: entry[0])
    chosen = [row for _, row in (found[:limit] if limit else found)]
    firsts = _firsts(conn, [row.season_id for row in chosen], now, user_zone)
    return [
        row._replace(airing=row.season_id in firsts and not firsts[row.season_id].release.premiere)
        for row in chosen
    ]


def check_network(conn: sqlite3.Connection, network: str) -> str:
    """A network some show is on; an unknown one is an error with the closest."""
    # Only a command given --network pays for the input checks.
    from seasontrack.inputs import did_you_mean, required_text

    network = required_text(network, "a network", stored=False)
    known = store.shows.network_names(conn)
    if not any(n.casefold() == network.casefold() for n in known):
        raise InvalidInput(f"no show is on {network!r}{did_you_mean(network, known)}")
    return network


# ---------------------------------------------------------------------------- a show's next


def next_by_show(conn: sqlite3.Connection, now: datetime, user_zone: tzinfo) -> dict[int, Upcoming]:
    """Each show's next release (by show id), for the show list."""
    seasons_of: dict[int, list[list[StoredRelease]]] = {}
    for releases in by_season(store.releases.pending_releases(conn, now)).values():
        seasons_of.setdefault(releases[0].release.show_id, []).append(releases)
    found = {}
    for show_id, seasons in seasons_of.items():
        item = next_release(seasons, now, user_zone)
        if item is not None:
            found[show_id] = item
    return found


def next_of_show(
    conn: sqlite3.Connection,
    show_id: int,
    now: datetime,
    user_zone: tzinfo,
    season: int | None = None,
) -> Upcoming | None:
    """A show's next release (of one of its seasons, when given): the soonest of its
    seasons' next ones."""
    seasons = list(
        by_season(store.releases.pending_releases(conn, now, show_ids=[show_id])).values()
    )
    if season is not None:
        seasons = [r for r in seasons if r[0].release.season == season]
    return next_release(seasons, now, user_zone)


def countdown_target(
    conn: sqlite3.Connection, name: str, season: int | None, now: datetime, user_zone: tzinfo
) -> Upcoming:
    """What `countdown` and `next` count down to: the show's next release, or a season's."""
    show = resolve_show(conn, name)
    if season is not None:
        numbers = store.seasons.season_numbers(conn, show.id)
        if season not in numbers:
            known = ", ".join(map(str, numbers)) or "none yet"
            raise NotFound(f"{show.title} has no season {season}; its seasons: {known}")
    found = next_of_show(conn, show.id, now, user_zone, season)
    if found is None:
        if season is not None:
            raise NotFound(f"{show.title} season {season} has no release still to come")
        raise NotFound(f"{show.title} has no release still to come that the catalog knows of")
    return found


class CalendarDay(NamedTuple):
    day: date
    releases: list[Release]


def calendar(
    conn: sqlite3.Connection,
    first: date,
    last: date,
    user_zone: tzinfo,
    user_zone_name: str | None,
) -> tuple[list[CalendarDay], list[Release]]:
    """Releases on each day from ``first`` to ``last`` in the user's zone, and the ones in
    that range known only to the month, quarter, season or year (no day to put them on)."""
    days: dict[date, list[Release]] = {}
    vague: list[Release] = []
    seen: set[Release] = set()  # both queries can return a release; a set keeps this linear
    start = datetime.combine(first, datetime.min.time(), tzinfo=user_zone)
    end = datetime.combine(last + timedelta(days=2), datetime.min.time(), tzinfo=user_zone)
    stored = store.releases.exact_releases_between(conn, start, end)
    stored += store.releases.vague_releases(conn, start, starts_by=end)
    for item in stored:
        release = item.release
        when = release.when
        if when.start is None or when.end is None:
            continue
        local = ReleaseView(when, release.release_tz, start, user_zone, user_zone_name).local
        assert local.start is not None and local.end is not None
        if local.start == local.end:
            if first <= local.start <= last:
                days.setdefault(local.start, []).append(release.at(local))
        elif local.start <= last and local.end >= first and release not in seen:
            seen.add(release)
            vague.append(release)
    ordered = [
        CalendarDay(day, sorted(found, key=lambda r: r.when.sort_key()))
        for day, found in sorted(days.items())
    ]
    return ordered, vague
