"""Release reminders for cron: each one once, none missed, even with two runs at once.

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
run that died is taken over after :data:`ABANDONED_AFTER` seconds.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import NamedTuple

from seasontrack import store
from seasontrack.channels import Channel, DeliveryFailed
from seasontrack.clock import Clock
from seasontrack.countdown import ReleaseView
from seasontrack.dates import Precision
from seasontrack.models import Release
from seasontrack.store import transaction
from seasontrack.store.reminders import ReminderKey

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

    def fields(self, clock: Clock) -> dict[str, str]:
        """What a channel gets: :data:`seasontrack.channels.FIELDS`, by name."""
        release = self.release
        view = clock.view(release.when, release.release_tz)
        local = view.local
        phrase = view.countdown
        if phrase in ("now", "today"):
            phrase = f"out {phrase}" if view.out else phrase
        elif view.out:
            phrase = f"released {phrase}"
        kind = "premiere" if release.premiere else "finale" if release.finale else "episode"
        return {
            "show": release.show,
            "season": str(release.season),
            "episodes": release.episodes_label(),
            "code": release.code(),
            "title": release.episode_title or "",
            "when": local.label(),
            "date": local.start.isoformat() if local.start else "",
            "time": local.time.strftime("%H:%M") if local.time else "",
            "countdown": phrase,
            "lead": lead_label(self.lead),
            "network": release.network or "",
            "kind": kind,
            "part": "" if release.part is None else str(release.part),
            "part_title": release.part_title or "",
        }


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
    *,
    ignore_record: bool = False,
) -> list[Reminder]:
    """The reminders due at ``clock.now`` for followed shows, soonest release first, less the
    ones already sent or claimed by a run still going (unless ``ignore_record``)."""
    user_zone = clock.zone.tzinfo
    now = clock.now.astimezone(UTC)
    oldest = now - catch_up
    candidates: list[tuple[Release, datetime, list[tuple[timedelta, datetime]], list[ReminderKey]]]
    candidates = []
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
        if not due:
            continue
        release_at = _release_key(release, moment)
        keys = [
            ReminderKey(
                release.show_id,
                release.season,
                release.first_episode or 0,
                release_at,
                _minutes(lead),
            )
            for lead, _ in due
        ]
        candidates.append((release, moment, due, keys))
    recorded: set[ReminderKey] = set()
    if not ignore_record and candidates:
        show_ids = {release.show_id for release, _, _, _ in candidates}
        recorded = store.reminders.recorded_reminders(conn, show_ids, time.time() - ABANDONED_AFTER)
    found: list[Reminder] = []
    for release, moment, due, keys in candidates:
        # The shortest due lead settles the release: recorded, nothing to say; not recorded,
        # it is sent, and settles the longer leads not sent either (one reminder, not three).
        if keys[-1] in recorded:
            continue
        lead, when_due = due[-1]
        fresh = tuple(k for k in keys if k not in recorded)
        found.append(Reminder(release, lead, when_due, moment, fresh))
    return sorted(found, key=lambda r: (r.moment, r.release.show.casefold(), r.release.season))


def _minutes(lead: timedelta) -> int:
    return int(lead.total_seconds()) // 60


def claim(
    conn: sqlite3.Connection,
    clock: Clock,
    leads: list[timedelta],
    catch_up: timedelta,
    *,
    again: bool = False,
) -> list[Reminder]:
    """Decide the due reminders and claim them, in one write transaction."""
    with transaction(conn):
        reminders = due_reminders(conn, clock, leads, catch_up, ignore_record=again)
        store.reminders.claim_reminders(conn, [k for r in reminders for k in r.keys], time.time())
    return reminders


def settle(
    conn: sqlite3.Connection, delivered: Iterable[Reminder], failed: Iterable[Reminder]
) -> None:
    """Record what was delivered; give back what was not, for the next run."""
    with transaction(conn):
        store.reminders.mark_reminders_sent(conn, [k for r in delivered for k in r.keys])
        store.reminders.release_reminders(conn, [k for r in failed for k in r.keys])


class Outcome(NamedTuple):
    due: int  # reminders due (and, unless a dry run, claimed)
    failed: int  # of those, how many the channel could not deliver


def deliver_due(
    conn: sqlite3.Connection,
    clock: Clock,
    leads: list[timedelta],
    catch_up: timedelta,
    channel: Channel,
    *,
    again: bool = False,
    dry_run: bool = False,
    on_failure: Callable[[str], None] = lambda reason: None,
) -> Outcome:
    """Claim the due reminders, deliver each through ``channel``, soonest first, and record
    what got through; what failed, and what a stopped run never reached, is given back for
    the next run. A dry run delivers what is due and records nothing (``again``: what was
    already sent too). ``on_failure`` hears each failed delivery's one-line reason."""
    if dry_run:
        due = due_reminders(conn, clock, leads, catch_up, ignore_record=again)
    else:
        due = claim(conn, clock, leads, catch_up, again=again)
    delivered: list[Reminder] = []
    failed: list[Reminder] = []
    try:
        for reminder in due:
            try:
                channel.deliver(reminder.fields(clock))
            except DeliveryFailed as exc:
                failed.append(reminder)
                on_failure(str(exc))
            else:
                delivered.append(reminder)
    finally:
        if not dry_run:
            # In order: whatever comes after the last one tried was never reached.
            reached = len(delivered) + len(failed)
            settle(conn, delivered, failed + due[reached:])
    return Outcome(len(due), len(failed))
