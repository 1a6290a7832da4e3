"""What comes out when: upcoming releases, each show's next one, a countdown's target, calendars.

A *release* is one moment at which one or more episodes of a season come out: a whole
all-at-once season, a two-episode premiere, or one weekly episode. When a season's episode
count is unknown, its premiere stands for the season.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo

from seasontrack import store
from seasontrack.countdown import ReleaseView, window
from seasontrack.dates import Precision
from seasontrack.errors import InvalidInput, NotFound
from seasontrack.models import Release, Season, Show
from seasontrack.schedule import season_releases as schedule_releases
from seasontrack.services.lookup import resolve_show
from seasontrack.store.shows import ShowRow


def season_releases(show: ShowRow, season: Season) -> list[Release]:
    """The season's releases in order, episodes that come out together grouped as one."""
    return schedule_releases(season, show=show.title, network=show.network, show_id=show.id)


@dataclass(frozen=True)
class Upcoming:
    """A release still to come, and whether its season is already under way."""

    release: Release
    airing: bool


def _view(release: Release, now: datetime, user_zone: tzinfo) -> ReleaseView:
    return ReleaseView(release.when, release.release_tz, now, user_zone)


def _pending(
    show: ShowRow, season: Season, now: datetime, user_zone: tzinfo
) -> tuple[list[Release], bool]:
    """The season's releases not yet past, and whether the season is already airing."""
    pending = [r for r in season_releases(show, season) if not _view(r, now, user_zone).past]
    return pending, bool(pending) and not pending[0].premiere


def season_next(show: ShowRow, season: Season, now: datetime, user_zone: tzinfo) -> Upcoming | None:
    """The season's next release: its premiere, or (airing) its next episode."""
    pending, airing = _pending(show, season, now, user_zone)
    return Upcoming(pending[0], airing) if pending else None


SortKey = tuple[int, float, int, str, int]


def sort_key(release: Release, view: ReleaseView) -> SortKey:
    """Soonest first; TBA last.

    A release known to the day or minute sorts by its moment. One known only to a month,
    season or year sorts by the middle of the time it has left (from now when it has
    begun), so that "2026 (date TBA)" does not push tomorrow's premiere off the list.
    """
    span = view.span
    if span is None:
        return (1, 0.0, 0, release.show.casefold(), release.season)
    moment = span.earliest.timestamp()
    if release.when.precision not in (Precision.DAY, Precision.MINUTE):
        begins = max(moment, view.now.timestamp())
        moment = (begins + span.latest.timestamp()) / 2
    return (0, moment, 0 if span.exact else 1, release.show.casefold(), release.season)


def upcoming(
    conn: sqlite3.Connection,
    now: datetime,
    user_zone: tzinfo,
    *,
    until: datetime | None = None,
    network: str | None = None,
    episodes: bool = False,
    limit: int | None = None,
    followed_only: bool = False,
) -> list[Upcoming]:
    """What is released from ``now`` on (up to ``until``), soonest first, at most ``limit``.

    One line per season (its premiere, or its next episode when it is airing), or with
    ``episodes`` every release still to come. Reads the stored releases in time order and
    stops once it has enough, so its cost does not grow with the catalog.
    """
    if network is not None:
        network = check_network(conn, network)
    now = now.astimezone(UTC)
    pending: dict[int, list[tuple[store.releases.StoredRelease, ReleaseView]]] = {}
    count = 0

    def wanted(stored: store.releases.StoredRelease) -> ReleaseView | None:
        """The release's view when it is to be listed."""
        if followed_only and not stored.followed:
            return None
        view = _view(stored.release, now, user_zone)
        if view.past or (until is not None and not view.starts_by(until)):
            return None
        return view

    # The exact ones (known to the day or minute) are read in time order until there are
    # enough; the vague ones (month, season, year) after them, only as far as could sort
    # among those; TBA premieres, which sort last, only when there are not enough yet.
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
        new_season = stored.season_id not in pending
        pending.setdefault(stored.season_id, []).append((stored, view))
        count += 1 if episodes or new_season else 0
        if limit and enough_by is None and count >= limit:
            # The stored order is by the earliest moment anywhere on Earth; read on for a
            # day and more, so that no release sooner for this user is left out.
            enough_by = starts.earliest + timedelta(hours=27) if starts else now
    # A vague release sorts by the middle of the time it has left, which is at least
    # halfway from now to its end (less a day for the zones): one that ends later than
    # this sorts after everything already found.
    ends_by = enough_by + (enough_by - now) + timedelta(days=2) if enough_by is not None else None
    vague = store.releases.vague_releases(
        conn, now, ends_by=ends_by, starts_by=until, network=network
    )
    if enough_by is None:
        vague += store.releases.tba_premieres(conn, network=network)
    # A season found above may have a vague premiere the bounds left out; it decides
    # whether the season is airing.
    seen = {(stored.season_id, stored.position) for stored in vague}
    vague += [
        stored
        for stored in store.releases.vague_releases_of(conn, pending, now)
        if (stored.season_id, stored.position) not in seen
    ]
    for stored in vague:
        if (view := wanted(stored)) is not None:
            pending.setdefault(stored.season_id, []).append((stored, view))
    found: list[tuple[SortKey, Upcoming]] = []
    for releases in pending.values():
        releases.sort(key=lambda pair: pair[0].position)
        airing = not releases[0][0].release.premiere
        chosen = releases if episodes else releases[:1]
        found.extend(
            (sort_key(stored.release, view), Upcoming(stored.release, airing))
            for stored, view in chosen
        )
    found.sort(key=lambda pair: pair[0])
    ordered = [item for _, item in found]
    return ordered[:limit] if limit else ordered


_EARLIEST = timezone(timedelta(hours=14))


def check_network(conn: sqlite3.Connection, network: str) -> str:
    """A network some show is on; an unknown one is an error with the closest."""
    # Only a command given --network pays for the input checks.
    from seasontrack.inputs import did_you_mean, required_text

    network = required_text(network, "a network")
    known = store.shows.network_names(conn)
    if not any(n.casefold() == network.casefold() for n in known):
        raise InvalidInput(f"no show is on {network!r}{did_you_mean(network, known)}")
    return network


def next_by_show(conn: sqlite3.Connection, now: datetime, user_zone: tzinfo) -> dict[int, Upcoming]:
    """Each show's next release (by show id), for the show list."""
    best: dict[int, tuple[SortKey, Upcoming]] = {}
    for stored in store.releases.next_releases_by_show(conn, now):
        release = stored.release
        view = _view(release, now, user_zone)
        if view.past:
            continue
        key = sort_key(release, view)
        known = best.get(release.show_id)
        if known is None or key < known[0]:
            # The season is airing if this, its next release, is not its premiere.
            best[release.show_id] = (key, Upcoming(release, not release.premiere))
    return {show_id: item for show_id, (_, item) in best.items()}


def show_next(
    seasons: Iterable[Season], show: ShowRow, now: datetime, user_zone: tzinfo
) -> Upcoming | None:
    """A show's next release among ``seasons``."""
    candidates = [u for s in seasons if (u := season_next(show, s, now, user_zone)) is not None]
    if not candidates:
        return None
    return min(candidates, key=lambda u: sort_key(u.release, _view(u.release, now, user_zone)))


def _row(show: Show) -> ShowRow:
    return ShowRow(show.id or 0, show.title, show.network, show.country, show.status, show.followed)


def next_of_show(show: Show, now: datetime, user_zone: tzinfo) -> Upcoming | None:
    """A show's next release: the soonest premiere or episode still to come."""
    return show_next(show.seasons, _row(show), now, user_zone)


def countdown_target(
    conn: sqlite3.Connection, name: str, season: int | None, now: datetime, user_zone: tzinfo
) -> Upcoming:
    """What `countdown` counts down to: a season's premiere, or an airing season's next episode."""
    show = store.shows.get_show(conn, resolve_show(conn, name).id)
    if season is not None:
        chosen = show.season(season)
        if chosen is None:
            known = ", ".join(str(s.number) for s in show.seasons) or "none yet"
            raise NotFound(f"{show.title} has no season {season}; its seasons: {known}")
        found = season_next(_row(show), chosen, now, user_zone)
        if found is None:
            raise NotFound(f"{show.title} season {season} has no release still to come")
        return found
    found = next_of_show(show, now, user_zone)
    if found is None:
        raise NotFound(f"{show.title} has no release still to come that the catalog knows of")
    return found


@dataclass(frozen=True)
class CalendarDay:
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
                days.setdefault(local.start, []).append(replace(release, when=local))
        elif local.start <= last and local.end >= first and release not in seen:
            seen.add(release)
            vague.append(release)
    ordered = [
        CalendarDay(day, sorted(found, key=lambda r: r.when.sort_key()))
        for day, found in sorted(days.items())
    ]
    return ordered, vague
