"""Merging a show as a provider describes it into the catalog (`fetch` and `sync` both end here).

The catalog stays the user's: each fact keeps where it came from (see
:class:`seasontrack.models.Fact`). A provider fills what is empty and replaces only its own
older values; where the user's value and the provider's differ, the user's stays and the
difference is reported. Every request is made before the writes, so a network failure
leaves the catalog as it was. Finding the show is :mod:`.fetching`'s, refreshing linked
shows :mod:`.syncing`'s, and the providers they talk to :mod:`.sources`'.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING

from seasontrack import store
from seasontrack.errors import InvalidInput
from seasontrack.inputs import check_remote_show, clean_credit, clean_trailer
from seasontrack.models import PROVIDER_NAMES, TBA, Fact, Season, Show, Trailer
from seasontrack.services import facts as facts_of
from seasontrack.store import transaction

if TYPE_CHECKING:
    from seasontrack.providers import RemoteShow

# The origin merge records its facts under: the show source whose id the provider link keeps.


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


# ---------------------------------------------------------------------------- fetch


class _DryRun(Exception):
    """Rolls a dry run's transaction back once its report is made."""


def existing_show(conn: sqlite3.Connection, remote: RemoteShow, query: str | None) -> int | None:
    """The catalog show the remote one is: linked by id, else named by the user's query or by
    the provider's title (a show linked to another of the provider's ids is a different show)."""
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
    candidates.append(f"{title} ({remote.provider_display} {remote.link.tvmaze_id})")
    for candidate in candidates:
        if store.shows.name_owner(conn, candidate) is None:
            return candidate
    raise InvalidInput(f"the title {title!r} and its variants are all taken in the catalog")


# ---------------------------------------------------------------------------- merging


class _Facts:
    """Decides, fact by fact, whether the provider's value goes in, and records why."""

    def __init__(
        self,
        known: dict[tuple[str, str], Fact],
        report: MergeReport,
        entered_by: str,
        provider: str,
    ) -> None:
        self.known = known
        # The provider offering the values ("tvmaze"), as the facts name it.
        self.provider = provider
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
            if fact is None or fact.origin != self.provider or fact.value != offered:
                self.write.append(Fact(subject, name, self.provider, value=offered))
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
            self.write.append(
                Fact(subject, name, origin, offered=offered, offered_by=self.provider)
            )
        self.report.differences.append(
            facts_of.difference(where, origin, current, self.provider, offered)
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
    check_remote_show(
        offered, remote.link, f"{remote.provider_display} show {remote.link.tvmaze_id}"
    )
    created = show_id is None
    if show_id is None:
        title = _new_title(conn, remote)
        show_id = store.shows.insert_show(conn, Show(title=title))
        current = Show(title=title, id=show_id)
    else:
        current = store.shows.get_show(conn, show_id)
    report = MergeReport(title=current.title, created=created, specials=remote.specials)
    facts = _Facts(
        store.facts.get_facts(conn, show_id),
        report,
        store.facts.entered_by(conn, show_id),
        remote.provider,
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

    # Where the user's premiere stands against the provider's, its episode dates would
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
