"""Alerts for cron: each one once, none missed, even with two runs at once.

Alerts are of four kinds: ``release`` (a reminder before a release, below), ``complete``,
``dated`` and ``announced`` (a season's news, :mod:`seasontrack.services.alerts`); one run
delivers all of them through the same channels and records each alike, by kind.

A reminder is a (release, lead) pair: "7 days before Jessica Jones S2 comes out". It is
*due* once its moment has come: for a lead in whole days, the start of that day in the
user's zone (so "1d" reminds the day before, at the first run after midnight); for a lead in
hours, that long before the release. A release reminded for a day it no longer has (it was
postponed) is a new release, reminded again.

:func:`deliver_due` is a whole run: claim, deliver each reminder through a channel
(``seasontrack.channels``), record the outcome.

Deciding is one write transaction: the due reminders not yet recorded are claimed
('pending') before the transaction commits, so a second `remind` started at the same moment
waits, then sees them claimed. Delivery happens after; a delivered reminder becomes 'sent',
one whose delivery failed is released, to be tried again by the next run. A claim left by a
run that died is taken over after :data:`ABANDONED_AFTER` seconds, counted on the clock the
run goes by (``--now`` included): a claim made more than that before or after this run's
moment is stale. A run with nothing due takes no write lock at all, so an hourly `remind`
started during a long import answers from what the catalog held before it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, NamedTuple

from seasontrack import store
from seasontrack.channels import Channel, DeliveryFailed
from seasontrack.countdown import ReleaseView
from seasontrack.dates import Precision
from seasontrack.fields import release_fields, release_kind
from seasontrack.services.alerts import SeasonAlert, due_season_alerts, wants
from seasontrack.services.season_links import season_links
from seasontrack.store import transaction
from seasontrack.store.reminders import ReminderKey

if TYPE_CHECKING:
    from seasontrack.clock import Clock
    from seasontrack.models import Release

ABANDONED_AFTER = 3600.0


@dataclass(frozen=True)
class Reminder:
    release: Release
    lead: timedelta
    due: datetime
    moment: datetime  # the release's earliest moment, UTC
    # Every key this reminder settles: its own, and the longer leads of the same release
    # that it makes pointless (a machine that was off sends one reminder, not three).
    keys: tuple[ReminderKey, ...]
    # The channels (by name) it is still to be delivered on.
    channels: tuple[str, ...] = ()
    # The season's trailer or source (the show's when the season has none), for a
    # notification to link to.
    link: str = ""

    @property
    def show_id(self) -> int:
        return self.release.show_id

    @property
    def season(self) -> int:
        return self.release.season

    def fields(self, clock: Clock) -> dict[str, str]:
        """What a channel gets: :data:`seasontrack.fields.FIELDS`, by name."""
        return release_fields(self.release, clock, lead=lead_label(self.lead), link=self.link)


def lead_label(lead: timedelta) -> str:
    hours = int(lead.total_seconds()) // 3600
    if hours % 24 == 0:
        return f"{hours // 24}d"
    return f"{hours}h"


def _release_key(release: Release, moment: datetime) -> str:
    """What identifies the release's date: its moment to the minute, or its day."""
    if release.when.precision is Precision.MINUTE:
        return moment.strftime("%Y-%m-%dT%H:%MZ")
    assert release.when.start is not None
    return release.when.start.isoformat()


def _due(release: Release, moment: datetime, lead: timedelta, user_zone: tzinfo) -> datetime:
    if lead.total_seconds() % 86_400:
        return moment - lead
    # Whole days: from the start of that day where the user is.
    if release.when.precision is Precision.MINUTE:
        day = moment.astimezone(user_zone).date()
    else:
        assert release.when.start is not None
        day = release.when.start
    start = datetime.combine(day - lead, datetime.min.time(), tzinfo=user_zone)
    return start.astimezone(UTC)


def due_reminders(
    conn: sqlite3.Connection,
    clock: Clock,
    leads: list[timedelta],
    catch_up: timedelta,
    channels: list[str],
    *,
    ignore_record: bool = False,
) -> list[Reminder]:
    """The reminders due at ``clock.now`` for followed shows, soonest release first, each
    with the ``channels`` (by name) it has not yet been sent on or claimed for by a run still
    going (all of them with ``ignore_record``); one sent on every channel is left out."""
    user_zone = clock.zone.tzinfo
    now = clock.now.astimezone(UTC)
    oldest = now - catch_up
    candidates: list[tuple[Release, datetime, list[tuple[timedelta, datetime]], str]] = []
    # Only releases known to the day or minute ("March 2018" has no day to remind on), from
    # the catch-up window back to the longest lead ahead, plus a day either side.
    ahead = max(leads, default=timedelta(0)) + timedelta(days=2)
    for stored in store.releases.exact_releases_between(
        conn, oldest - timedelta(days=1), now + ahead, followed_only=True
    ):
        release = stored.release
        span = ReleaseView(release.when, release.release_tz, now, user_zone).span
        if span is None or span.latest < oldest:
            continue
        moment = span.earliest
        due = [
            (lead, when)
            for lead in leads
            if (when := _due(release, moment, lead, user_zone)) <= now
        ]
        # Catch-up is bounded by when the reminder came due: one due longer ago than
        # ``catch_up`` (a lead added later, a first run on an old catalog) is never sent.
        if due and due[-1][1] >= oldest:
            candidates.append((release, moment, due, _release_key(release, moment)))
    if candidates:
        chosen = store.alerts.alerts_of(conn, {release.show_id for release, *_ in candidates})
        candidates = [
            c for c in candidates if wants(chosen.get(c[0].show_id), release_kind(c[0]) + "s")
        ]
    recorded: set[ReminderKey] = set()
    if not ignore_record and candidates:
        show_ids = {release.show_id for release, _, _, _ in candidates}
        recorded = store.reminders.recorded_reminders(
            conn, show_ids, *_claim_window(clock), channels
        )
    # The releases already reminded on a channel, whatever the lead.
    reminded = {(*k[:4], k.channel) for k in recorded if k.kind == "release"}
    found: list[Reminder] = []
    for release, moment, due, release_at in candidates:
        release_key = (release.show_id, release.season, release.first_episode or 0, release_at)

        def key(
            lead: timedelta, channel: str, of: tuple[int, int, int, str] = release_key
        ) -> ReminderKey:
            return ReminderKey(*of, _minutes(lead), channel)

        # On each channel, the shortest due lead settles the release: recorded, nothing to
        # say; not recorded, it is sent, and settles the longer leads not sent either (one
        # reminder, not three). A release already out that was reminded on the channel is
        # not reminded again by a lead added since.
        shortest = due[-1][0]
        out = moment <= now
        open_on = tuple(
            c
            for c in channels
            if key(shortest, c) not in recorded and not (out and (*release_key, c) in reminded)
        )
        if not open_on:
            continue
        fresh = tuple(k for c in open_on for lead, _ in due if (k := key(lead, c)) not in recorded)
        found.append(Reminder(release, shortest, due[-1][1], moment, fresh, open_on))
    found = _with_links(conn, found)
    return sorted(found, key=lambda r: (r.moment, r.release.show.casefold(), r.release.season))


def _with_links(conn: sqlite3.Connection, found: list[Reminder]) -> list[Reminder]:
    links = season_links(conn, [(r.show_id, r.season) for r in found])
    return [
        replace(r, link=links[(r.show_id, r.season)]) if (r.show_id, r.season) in links else r
        for r in found
    ]


def _claim_window(clock: Clock) -> tuple[float, float]:
    """The claims still held by a run going on: those made within :data:`ABANDONED_AFTER`
    of this run's moment, either side (a run with another ``--now`` is another clock)."""
    moment = clock.now.timestamp()
    return moment - ABANDONED_AFTER, moment + ABANDONED_AFTER


Alert = Reminder | SeasonAlert


def due_alerts(
    conn: sqlite3.Connection,
    clock: Clock,
    leads: list[timedelta],
    catch_up: timedelta,
    channels: list[str],
    *,
    ignore_record: bool = False,
) -> list[Alert]:
    """Every alert due at ``clock.now``: the release reminders, soonest release first, then
    the seasons' news, oldest first."""
    releases: list[Alert] = list(
        due_reminders(conn, clock, leads, catch_up, channels, ignore_record=ignore_record)
    )
    news = due_season_alerts(
        conn, clock, catch_up, channels, _claim_window(clock), ignore_record=ignore_record
    )
    return releases + list(news)


def stale_claims(conn: sqlite3.Connection, clock: Clock) -> list[store.reminders.Claim]:
    """Claims left by a `remind` that stopped before it recorded them: the next run takes
    them over."""
    return store.reminders.claims_outside(conn, *_claim_window(clock))


def _minutes(lead: timedelta) -> int:
    return int(lead.total_seconds()) // 60


def claim(
    conn: sqlite3.Connection,
    clock: Clock,
    leads: list[timedelta],
    catch_up: timedelta,
    channels: list[str],
    *,
    again: bool = False,
) -> list[Alert]:
    """Decide the due alerts and claim them, in one write transaction."""
    with transaction(conn):
        reminders = due_alerts(conn, clock, leads, catch_up, channels, ignore_record=again)
        keys = [k for r in reminders for k in r.keys]
        store.reminders.claim_reminders(conn, keys, clock.now.timestamp())
    return reminders


def settle(
    conn: sqlite3.Connection, delivered: Iterable[ReminderKey], failed: Iterable[ReminderKey]
) -> None:
    """Record what was delivered; give back what was not, for the next run."""
    with transaction(conn):
        store.reminders.mark_reminders_sent(conn, delivered)
        store.reminders.release_reminders(conn, failed)


class Outcome(NamedTuple):
    due: int  # alerts due (and, unless a dry run, claimed)
    failed: int  # deliveries that did not get through (a reminder may fail on several)


def deliver_due(
    conn: sqlite3.Connection,
    clock: Clock,
    leads: list[timedelta],
    catch_up: timedelta,
    channels: list[Channel],
    *,
    again: bool = False,
    preview: Channel | None = None,
    on_failure: Callable[[str], None] = lambda reason: None,
) -> Outcome:
    """Claim the due reminders, deliver each through every channel it has not been sent on,
    soonest first, and record each channel's outcome apart: a channel that failed gets it
    again on the next run, and the others do not. What a stopped run never reached is given
    back too. With ``preview`` (a dry run), each reminder due on any channel is delivered
    there once and nothing is recorded (``again``: what was already sent too).
    ``on_failure`` hears each failed delivery's one-line reason."""
    names = [channel.name for channel in channels]
    due = due_alerts(conn, clock, leads, catch_up, names, ignore_record=again)
    if preview is not None:
        for reminder in due:
            preview.deliver(reminder.fields(clock))
        return Outcome(len(due), 0)
    if due:
        # Decided again under the write lock: another run may have claimed some meanwhile.
        due = claim(conn, clock, leads, catch_up, names, again=again)
    delivered: set[ReminderKey] = set()
    failed = 0
    try:
        for reminder in due:
            fields = reminder.fields(clock)
            for channel in channels:
                if channel.name not in reminder.channels:
                    continue
                try:
                    channel.deliver(fields)
                except DeliveryFailed as exc:
                    failed += 1
                    on_failure(str(exc))
                else:
                    delivered.update(k for k in reminder.keys if k.channel == channel.name)
    finally:
        if due:
            # Whatever was not delivered (failed, or never reached) is given back.
            claimed = [k for r in due for k in r.keys]
            settle(
                conn,
                [k for k in claimed if k in delivered],
                [k for k in claimed if k not in delivered],
            )
    return Outcome(len(due), failed)
