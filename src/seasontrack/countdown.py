"""How long until a release: exact countdowns, honest ranges, and phrases that read naturally.

Every function takes "now" as an aware datetime in the user's zone; nothing here reads the
clock. Durations are differences of instants, so a countdown across a DST change or between
zones is right by construction (00:01 Pacific is 03:01 in New York and 09:01 in Berlin).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, NamedTuple

from seasontrack.dates import PartialDate, Precision, zone

# Below this, a time-precise release reads "in 2 h 14 min"; beyond it, "today 21:00".
_RELATIVE_LIMIT = timedelta(hours=3)
_DAYS_PER_MONTH = 30.44


class Span(NamedTuple):
    """A duration split the way a countdown shows it."""

    days: int
    hours: int
    minutes: int
    seconds: int

    @classmethod
    def of(cls, delta: timedelta) -> Span:
        total = max(0, int(delta.total_seconds()))
        days, rest = divmod(total, 86_400)
        hours, rest = divmod(rest, 3600)
        minutes, seconds = divmod(rest, 60)
        return cls(days, hours, minutes, seconds)

    def words(self) -> str:
        """'2 days, 15 hours and 1 minute' (zero parts left out; seconds only when alone)."""
        parts = [
            (self.days, "day"),
            (self.hours, "hour"),
            (self.minutes, "minute"),
        ]
        shown = [f"{n} {unit}{'s' * (n != 1)}" for n, unit in parts if n]
        if not shown:
            return f"{self.seconds} second{'s' * (self.seconds != 1)}"
        return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]

    def short(self) -> str:
        """'2 d 15 h 1 min'."""
        parts = [(self.days, "d"), (self.hours, "h"), (self.minutes, "min")]
        shown = [f"{n} {unit}" for n, unit in parts if n]
        return " ".join(shown) if shown else f"{self.seconds} s"


class Window(NamedTuple):
    """When a release can happen: from its earliest to its latest possible moment.

    ``earliest == latest`` for a time-precise release; a day spans its 24 hours in the zone
    the date is known in; a month spans the month.
    """

    earliest: datetime
    latest: datetime

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest


def window(when: PartialDate, day_zone: tzinfo) -> Window | None:
    """The moments ``when`` can fall between, in UTC; ``day_zone`` is where its days begin.

    None for TBA. UTC matters: Python subtracts two datetimes that share a tzinfo by their
    wall clocks, which is an hour off across a DST change; a UTC moment minus a "now" in the
    user's zone (or in UTC) is the real time between them.
    """
    if when.start is None or when.end is None:
        return None
    instant = when.instant()
    if instant is not None:
        return Window(instant.astimezone(UTC), instant.astimezone(UTC))
    if when.time is not None:
        # A time without a zone: read it in the zone the days are in.
        at = datetime.combine(when.start, when.time, tzinfo=day_zone).astimezone(UTC)
        return Window(at, at)
    start = datetime.combine(when.start, datetime.min.time(), tzinfo=day_zone)
    after = datetime.combine(when.end + timedelta(days=1), datetime.min.time(), tzinfo=day_zone)
    return Window(start.astimezone(UTC), after.astimezone(UTC) - timedelta(seconds=1))


def later(moment: datetime, elapsed: timedelta) -> datetime:
    """``moment`` plus real (not wall-clock) time, in ``moment``'s zone."""
    assert moment.tzinfo is not None
    return (moment.astimezone(UTC) + elapsed).astimezone(moment.tzinfo)


def day_zone_for(release_tz: str | None, user_zone: tzinfo) -> tzinfo:
    """The zone a release's dates are in: its season's, else the user's."""
    return zone(release_tz) if release_tz else user_zone


def is_past(when: PartialDate, now: datetime, day_zone: tzinfo) -> bool:
    """Over for sure at ``now``: its latest moment has gone by. TBA is never past.

    A release at this very minute is not past yet: it is out now.
    """
    return _past(window(when, day_zone), now)


def _past(span: Window | None, now: datetime) -> bool:
    if span is None:
        return False
    if span.exact:
        return span.latest + timedelta(minutes=1) <= now
    return span.latest < now


def localize(when: PartialDate, user_zone: tzinfo, user_zone_name: str | None) -> PartialDate:
    """A time-precise release in the user's zone (09:01 CET for 00:01 PST); others unchanged."""
    instant = when.instant()
    if instant is None or when.tz == user_zone_name:
        return when
    local = instant.astimezone(user_zone)
    name = user_zone_name
    if name is None:
        offset = local.utcoffset() or timedelta(0)
        minutes = int(offset.total_seconds()) // 60
        sign = "+" if minutes >= 0 else "-"
        name = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    # Zones whose offset once had seconds (Africa/Monrovia, -00:44:30 until 1972) give a
    # local time with seconds: shown to the minute, as a clock on the wall would read it.
    at = local.time().replace(second=0, microsecond=0, tzinfo=None)
    return PartialDate(Precision.MINUTE, local.date(), at, name)


def phrase(when: PartialDate, now: datetime, day_zone: tzinfo) -> str:
    """How long until ``when``, as a person would say it, never more precise than the date.

    "in 2 h 14 min", "today 21:00", "tomorrow 03:01", "in 3 days", "in 5 weeks",
    "in ~2 months (March 2018)", "2018 (date TBA)", "TBA"; and for the past, "now",
    "2 h ago", "yesterday", "3 days ago".
    """
    return _phrase(when, window(when, day_zone), now, day_zone)


def _phrase(when: PartialDate, span: Window | None, now: datetime, day_zone: tzinfo) -> str:
    if when.start is None:
        return "TBA"
    if when.precision is Precision.YEAR:
        return f"{when.label()} (date TBA)"
    assert span is not None
    if when.precision not in (Precision.DAY, Precision.MINUTE):
        return _period_phrase(when, span, now)
    if not span.exact:
        days = (when.start - now.astimezone(day_zone).date()).days
        return _days_phrase(days)
    delta = span.earliest - now
    if timedelta(0) <= delta < timedelta(minutes=1) or timedelta(minutes=-1) < delta < timedelta(0):
        return "now"
    if timedelta(0) < delta < _RELATIVE_LIMIT:
        return f"in {Span.of(delta + timedelta(seconds=59)).short()}"
    if timedelta(0) < -delta < _RELATIVE_LIMIT:
        return f"{Span.of(-delta).short()} ago"
    local = span.earliest.astimezone(now.tzinfo)
    days = (local.date() - now.date()).days
    if days in (0, 1) and delta > timedelta(0):
        return f"{'today' if days == 0 else 'tomorrow'} {local:%H:%M}"
    return _days_phrase(days)


def _days_phrase(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    ahead = days > 0
    n = abs(days)
    if n < 14:
        amount = f"{n} days"
    elif n < 63:
        amount = f"{round(n / 7)} weeks"
    elif n < 730:
        months = round(n / _DAYS_PER_MONTH)
        amount = f"{months} month{'s' * (months != 1)}"
    else:
        amount = f"{round(n / 365.25)} years"
    return f"in {amount}" if ahead else f"{amount} ago"


def _period_phrase(when: PartialDate, span: Window, now: datetime) -> str:
    """A month, quarter, season or part of a year: approximate, with the period named."""
    label = when.label()
    if span.earliest <= now <= span.latest:
        return f"any day now ({label})"
    ahead = span.earliest > now
    days = abs((span.earliest - now).days if ahead else (now - span.latest).days)
    if days < 45:
        weeks = max(1, round(days / 7))
        amount = f"~{weeks} week{'s' * (weeks != 1)}"
    elif days < 730:
        months = max(1, round(days / _DAYS_PER_MONTH))
        amount = f"~{months} month{'s' * (months != 1)}"
    else:
        amount = f"~{round(days / 365.25)} years"
    return f"in {amount} ({label})" if ahead else f"{amount} ago ({label})"


_UNSET: Any = object()


class ReleaseView:
    """A release as a reader sees it: at ``now``, from ``zone`` (the one read model).

    Every command, service and feed that asks "when is it for me, how long until then, is it
    out" asks this. A list builds one per release, so it holds only its inputs; its window,
    local date and countdown phrase are worked out the first time they are asked for, and
    kept. Read-only: a plain class with slots, which costs less to define at start-up and to
    build per release than a frozen dataclass.
    """

    __slots__ = ("_local", "_phrase", "_span", "now", "release_tz", "when", "zone", "zone_name")

    def __init__(
        self,
        when: PartialDate,
        release_tz: str | None,
        now: datetime,
        zone: tzinfo,
        zone_name: str | None = None,
    ) -> None:
        self.when = when
        self.release_tz = release_tz
        self.now = now
        self.zone = zone
        self.zone_name = zone_name
        self._span: Window | None = _UNSET
        self._local: PartialDate = _UNSET
        self._phrase: str = _UNSET

    @property
    def day_zone(self) -> tzinfo:
        """Where the release's days begin: its season's zone, else the reader's."""
        return day_zone_for(self.release_tz, self.zone)

    @property
    def span(self) -> Window | None:
        """The moments it can fall between, in UTC; None for TBA."""
        if self._span is _UNSET:
            self._span = window(self.when, self.day_zone)
        return self._span

    @property
    def local(self) -> PartialDate:
        """Its date in the reader's zone (a time-precise one moved there)."""
        if self._local is _UNSET:
            self._local = localize(self.when, self.zone, self.zone_name)
        return self._local

    @property
    def countdown(self) -> str:
        """How long until it, in words ("in 3 days", "today 21:00", "TBA")."""
        if self._phrase is _UNSET:
            self._phrase = _phrase(self.when, self.span, self.now, self.day_zone)
        return self._phrase

    @property
    def exact(self) -> bool:
        span = self.span
        return span is not None and span.exact

    @property
    def seconds(self) -> int | None:
        """Seconds from now to its earliest moment (0 once that has come); None for TBA."""
        span = self.span
        return max(0, int((span.earliest - self.now).total_seconds())) if span else None

    @property
    def latest_seconds(self) -> int | None:
        span = self.span
        return max(0, int((span.latest - self.now).total_seconds())) if span else None

    @property
    def remaining(self) -> Span | None:
        """The time to its earliest moment, split into days, hours, minutes and seconds."""
        span = self.span
        return Span.of(span.earliest - self.now) if span else None

    @property
    def first_day(self) -> date | None:
        """The reader's day its earliest moment falls on."""
        span = self.span
        return span.earliest.astimezone(self.zone).date() if span else None

    @property
    def days(self) -> int | None:
        """Days from the reader's today to the earliest moment it can still come out: 0
        while now is inside its window, never less before the window has passed."""
        span = self.span
        if span is None:
            return None
        return self._days_to(max(span.earliest, self.now))

    @property
    def days_latest(self) -> int | None:
        """Days from the reader's today to the latest moment it can come out."""
        span = self.span
        return self._days_to(max(span.latest, self.now)) if span else None

    @property
    def days_exact(self) -> bool:
        """Whether the day it comes out is known where the reader is (one possible day)."""
        span = self.span
        return span is not None and (
            span.earliest.astimezone(self.zone).date() == span.latest.astimezone(self.zone).date()
        )

    def _days_to(self, moment: datetime) -> int:
        return (moment.astimezone(self.zone).date() - self.now.astimezone(self.zone).date()).days

    @property
    def past(self) -> bool:
        """Over for sure (see :func:`is_past`)."""
        return _past(self.span, self.now)

    @property
    def out(self) -> bool:
        """Its earliest moment has come."""
        span = self.span
        return span is not None and span.earliest <= self.now

    def starts_by(self, moment: datetime) -> bool:
        span = self.span
        return span is not None and span.earliest <= moment

    def overlaps(self, until: datetime) -> bool:
        """Some of it falls between now and ``until``."""
        span = self.span
        return span is not None and span.latest >= self.now and span.earliest <= until
