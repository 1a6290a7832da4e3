"""Alerts of a season's news: ``complete`` (all its episodes are out), ``dated`` (its
premiere became more precise, or moved) and ``announced`` (a new season of a followed show
entered the catalog).

The store records the news as it happens, whoever writes the season (triggers, migration
m017), with the moment of the write; a season's complete moment is derived with its
releases. An alert is due once its moment has come, and only within the catch-up window: a
first run on an old catalog tells nothing older than ``--catch-up``. What a show alerts for
is its own choice (`follow --only`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from seasontrack import store
from seasontrack.clock import Clock
from seasontrack.dates import PartialDate, Precision
from seasontrack.fields import FIELDS, when_fields
from seasontrack.models import PROVIDER_NAMES
from seasontrack.services.season_links import season_links
from seasontrack.store.reminders import ReminderKey


def wants(alerts: str | None, kind: str) -> bool:
    """Whether a show with these alert kinds (its column: None is every kind) alerts for
    ``kind`` (one of ``models.ALERT_KINDS``)."""
    return alerts is None or kind in alerts.split(",")


@dataclass(frozen=True)
class SeasonAlert:
    """A season's news to tell, on the channels it is still to be delivered on."""

    kind: str  # complete, dated, announced
    show_id: int
    show: str
    season: int
    network: str | None
    when: PartialDate  # the complete moment; the premiere as it now is
    release_tz: str | None
    moment: datetime  # when it happened, UTC: the order alerts are told in
    release_at: str  # what tells it apart from the season's other alerts of its kind
    was: PartialDate | None = None  # dated: the premiere before
    episodes: int | None = None  # complete: how many are out
    source: str = ""  # dated: who said so, when the catalog knows
    keys: tuple[ReminderKey, ...] = ()
    channels: tuple[str, ...] = ()
    link: str = ""

    def key(self, channel: str) -> ReminderKey:
        return ReminderKey(self.show_id, self.season, 0, self.release_at, 0, channel, self.kind)

    def fields(self, clock: Clock) -> dict[str, str]:
        """What a channel gets: the release fields (``seasontrack.fields.FIELDS``), those
        without a meaning here empty."""
        view = clock.view(self.when, self.release_tz)
        local = view.local
        code = f"S{self.season}"
        label = local.label()
        phrase = view.countdown
        if self.kind == "complete":
            count = f"all {self.episodes} out" if self.episodes else "all out"
            message = f"{self.show} {code} complete — {count} ({label})"
        elif self.kind == "dated":
            was = self.was.label() if self.was is not None else "TBA"
            message = f"{self.show} {code}: now {label} (was {was})"
            if self.source:
                message += f", per {self.source}"
        else:
            message = f"{self.show} {code} announced: premiere {label}"
        # The fields without a meaning for a season's news stay empty.
        return dict.fromkeys(FIELDS, "") | {
            "show": self.show,
            "season": str(self.season),
            "code": code,
            **when_fields(local),
            "countdown": phrase,
            "network": self.network or "",
            "kind": self.kind,
            "was": self.was.label() if self.was is not None else "",
            "source": self.source,
            "link": self.link,
            "message": message,
        }


def due_season_alerts(
    conn: sqlite3.Connection,
    clock: Clock,
    catch_up: timedelta,
    channels: list[str],
    held: tuple[float, float],
    *,
    ignore_record: bool = False,
) -> list[SeasonAlert]:
    """The season alerts due at ``clock.now`` for followed shows, oldest first, each with
    the ``channels`` it has not been sent on or claimed for by a run still going (``held``:
    the claims' window; all channels with ``ignore_record``)."""
    now = clock.now.astimezone(UTC)
    since = now - catch_up
    found = [*_completed(conn, since, now), *_news(conn, since, now)]
    if not found:
        return []
    recorded: set[ReminderKey] = set()
    if not ignore_record:
        show_ids = {alert.show_id for alert in found}
        recorded = store.reminders.recorded_reminders(conn, show_ids, *held, channels)
    due = []
    for alert in found:
        open_on = tuple(c for c in channels if alert.key(c) not in recorded)
        if open_on:
            keys = tuple(alert.key(c) for c in open_on)
            due.append(replace(alert, keys=keys, channels=open_on))
    return _with_sources(conn, sorted(due, key=lambda a: a.moment))


def _completed(conn: sqlite3.Connection, since: datetime, now: datetime) -> list[SeasonAlert]:
    return [
        SeasonAlert(
            kind="complete",
            show_id=row.show_id,
            show=row.show,
            season=row.season,
            network=row.network,
            when=row.complete,
            release_tz=row.release_tz,
            moment=datetime.fromisoformat(row.complete_at).replace(tzinfo=UTC),
            release_at=row.complete_at,
            episodes=row.episodes,
        )
        for row in store.alerts.completed_between(conn, since, now)
        if wants(row.alerts, "complete")
    ]


def _news(conn: sqlite3.Connection, since: datetime, now: datetime) -> list[SeasonAlert]:
    found = []
    for news in store.alerts.news_between(conn, since, now):
        if not wants(news.alerts, news.kind):
            continue
        noticed = datetime.fromisoformat(news.noticed_at).replace(tzinfo=UTC)
        # The premiere already past when the news came is history, not news (a season
        # synced for a show linked late, an old date corrected).
        end = news.now.end
        if end is not None and end < noticed.date() - timedelta(days=1):
            continue
        if news.kind == "dated":
            assert news.was is not None
            if not told_apart(news.was, news.now):
                continue
            release_at = f"{news.noticed_at} {news.now.precision.value}:{news.now.start}"
        else:
            release_at = news.noticed_at
        found.append(
            SeasonAlert(
                kind=news.kind,
                show_id=news.show_id,
                show=news.show,
                season=news.season,
                network=news.network,
                when=news.now,
                release_tz=news.release_tz,
                moment=noticed,
                release_at=release_at,
                was=news.was,
            )
        )
    return found


def told_apart(was: PartialDate, now: PartialDate) -> bool:
    """Whether a premiere that changed from ``was`` to ``now`` is worth an alert: it got a
    date, became more precise, or moved; not when it became vaguer, or TBA."""
    if now.precision is Precision.TBA:
        return False
    if was.precision is Precision.TBA:
        return True
    assert was.start is not None and now.start is not None
    was_end, now_end = was.end, now.end
    assert was_end is not None and now_end is not None
    # Over the same days or more: it only became vaguer.
    return not (now.start <= was.start and was_end <= now_end)


def _with_sources(conn: sqlite3.Connection, alerts: list[SeasonAlert]) -> list[SeasonAlert]:
    """Each alert with its link (the season's trailer or source, else the show's) and, for
    a new date, who said so: the season's newest source, else the provider it came from."""
    links = season_links(conn, [(a.show_id, a.season) for a in alerts])
    dated = sorted({a.show_id for a in alerts if a.kind == "dated"})
    sources = store.links.sources_of_shows(conn, dated) if dated else {}
    facts = store.facts.facts_of(conn, dated) if dated else {}
    told = []
    for alert in alerts:
        said = ""
        if alert.kind == "dated":
            outlets = [
                s.outlet or s.url
                for _, s in sources.get(alert.show_id, [])
                if s.season == alert.season
            ]
            origins = [
                PROVIDER_NAMES[f.origin]
                for f in facts.get(alert.show_id, [])
                if (f.subject, f.field) == (f"S{alert.season}", "premiere")
                and f.origin in PROVIDER_NAMES
            ]
            said = (outlets[-1:] or origins[-1:] or [""])[0]
        told.append(replace(alert, link=links.get((alert.show_id, alert.season), ""), source=said))
    return told


class EarlierPremiere(NamedTuple):
    """A season's premiere as it was until a change: ``was`` until ``until`` (UTC)."""

    was: PartialDate
    until: datetime


def premiere_history(conn: sqlite3.Connection, show_id: int) -> dict[int, list[EarlierPremiere]]:
    """Each season's earlier premieres, oldest first, by season number (`info`)."""
    found: dict[int, list[EarlierPremiere]] = {}
    for change in store.alerts.premiere_history(conn, show_id):
        until = datetime.fromisoformat(change.until).replace(tzinfo=UTC)
        found.setdefault(change.season, []).append(EarlierPremiere(change.was, until))
    return found
