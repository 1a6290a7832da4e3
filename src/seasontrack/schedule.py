"""When each episode of a season comes out, from its release pattern and its episodes' own dates.

- all at once: every episode at the premiere moment (Netflix: 00:01 Pacific);
- weekly: the premiere brings ``premiere_episodes`` episodes, then one a week on the same
  weekday at the same wall-clock time in the season's zone (so 21:00 stays 21:00 across a DST
  change), skipping the weeks of a mid-season break; generated with dateutil's rrule;
- unknown: only the premiere (episode 1) and the episodes' own dates are known.

An episode's own date always wins over the generated one.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import NamedTuple

from seasontrack.dates import PartialDate, Precision, zone
from seasontrack.models import TBA, Episode, Release, Season

# A weekly season runs at most this many weeks past its last episode's slot when it has
# breaks; used only to bound rrule.
_MAX_WEEKS = 520


class EpisodeRelease(NamedTuple):
    """One episode's release, as the season's schedule and the episode's own date give it."""

    number: int
    title: str | None
    when: PartialDate
    premiere: bool
    finale: bool
    # True when the date comes from the episode itself rather than from the schedule.
    own_date: bool


def episode_count(season: Season) -> int:
    """How many episodes the season has: its stated count, or its highest recorded episode."""
    recorded = max((e.number for e in season.episodes), default=0)
    return max(season.episode_count or 0, recorded)


def season_schedule(season: Season) -> list[EpisodeRelease]:
    """Every episode's release, in episode order; empty when the episode count is unknown."""
    count = episode_count(season)
    if count == 0:
        return []
    generated = _generated_moments(season, count)
    own = {e.number: e for e in season.episodes}
    releases = []
    for number in range(1, count + 1):
        episode = own.get(number, Episode(number))
        when = _own_moment(season, episode)
        releases.append(
            EpisodeRelease(
                number=number,
                title=episode.title,
                when=when if when is not None else generated[number - 1],
                premiere=number == 1,
                finale=number == count,
                own_date=when is not None,
            )
        )
    return releases


def _own_moment(season: Season, episode: Episode) -> PartialDate | None:
    if episode.airs.start is None:
        return None
    if episode.airs.precision is Precision.DAY and season.release_time is not None:
        # "Airs March 8" for a show with a 21:00 slot airs at 21:00.
        return episode.airs.with_time(season.release_time, season.release_tz)
    return episode.airs


def _generated_moments(season: Season, count: int) -> list[PartialDate]:
    premiere = season.premiere_moment
    if season.release_pattern == "all-at-once":
        return [premiere] * count
    if season.release_pattern != "weekly" or premiere.precision not in (
        Precision.DAY,
        Precision.MINUTE,
    ):
        return [premiere] + [TBA] * (count - 1)
    assert premiere.start is not None
    opening = min(season.premiere_episodes, count)
    slots = weekly_slots(premiere.start, season.release_time, count - opening + 1, season.skips)
    moments = [premiere] * opening
    for day in slots[1:]:
        moments.append(_at_slot(season, day))
    return moments


def weekly_slots(first: date, at: time | None, count: int, skips: tuple[date, ...]) -> list[date]:
    """``count`` weekly release days from ``first`` (itself the first), skipping ``skips``."""
    from dateutil.rrule import WEEKLY, rrule

    skipped = set(skips) - {first}
    rule = rrule(
        WEEKLY,
        dtstart=datetime.combine(first, at or time(0)),
        count=min(count + len(skipped), _MAX_WEEKS),
    )
    days = [moment.date() for moment in rule if moment.date() not in skipped]
    return days[:count]


def _at_slot(season: Season, day: date) -> PartialDate:
    # The season's time and zone were checked when it was recorded, and rrule gives real
    # days: nothing here needs checking again (a long season has hundreds of slots).
    if season.release_time is None:
        return PartialDate.trusted(Precision.DAY, day)
    return PartialDate.trusted(
        Precision.MINUTE,
        day,
        season.release_time.replace(second=0, microsecond=0),
        season.release_tz,
    )


def last_release_day(season: Season) -> date | None:
    """The last day any of the season's releases can fall on; None when open-ended.

    It is an upper bound used to find the seasons still releasing: a day later than the
    truth is harmless, earlier is not. Times are in the season's zone, which is at most a
    day away from any user's; callers compare with a day of slack.
    """
    days: list[date] = []
    for when in (season.premiere, season.finale):
        if when.end is not None:
            days.append(when.end)
    schedule = season_schedule(season)
    if schedule:
        ends = [r.when.end for r in schedule]
        if any(end is None for end in ends):
            return None
        days.extend(end for end in ends if end is not None)
    elif season.release_pattern == "weekly" and season.finale.end is None:
        # Weekly, length unknown: it may run on for as long as it likes.
        return None
    if season.premiere.start is None:
        return None
    return max(days) if days else None


def season_releases(
    season: Season, *, show: str = "", network: str | None = None, show_id: int = 0
) -> list[Release]:
    """The season's releases in order, episodes that come out together grouped as one."""
    schedule = season_schedule(season)
    if not schedule:
        premiere = Release(
            show=show,
            network=network,
            season=season.number,
            first_episode=None,
            last_episode=None,
            episode_title=None,
            when=season.premiere_moment,
            release_tz=season.release_tz,
            pattern=season.release_pattern,
            premiere=True,
            finale=season.release_pattern == "all-at-once",
            show_id=show_id,
        )
        finale = season.finale_moment
        if premiere.finale or finale.start is None or finale == premiere.when:
            return [premiere]
        # Episodes unknown, but its finale is: while that is ahead, the season is airing.
        return [premiere, replace(premiere, when=finale, premiere=False, finale=True)]
    # Runs of episodes out at the same known moment; an undated episode stands alone.
    runs: list[list[EpisodeRelease]] = []
    for item in schedule:
        if runs and item.when.start is not None and runs[-1][0].when == item.when:
            runs[-1].append(item)
        else:
            runs.append([item])
    return [
        Release(
            show=show,
            network=network,
            season=season.number,
            first_episode=run[0].number,
            last_episode=run[-1].number,
            episode_title=run[0].title if len(run) == 1 else None,
            when=run[0].when,
            release_tz=season.release_tz,
            pattern=season.release_pattern,
            premiere=run[0].premiere,
            finale=run[-1].finale,
            show_id=show_id,
        )
        for run in runs
    ]


# The widest a calendar day can stretch around UTC: it starts first at UTC+14 (Kiribati) and
# ends last at UTC-12 (Baker Island).
_EARLIEST_ZONE = timezone(timedelta(hours=14))
_LATEST_ZONE = timezone(timedelta(hours=-12))


def release_bounds(release: Release) -> tuple[datetime | None, datetime | None, bool]:
    """When a release can happen at the earliest and the latest, in UTC, for any viewer;
    and whether it is known to the day or the minute. (None, None) for TBA."""
    return moment_bounds(release.when, release.release_tz)


def moment_bounds(
    when: PartialDate, release_tz: str | None
) -> tuple[datetime | None, datetime | None, bool]:
    """:func:`release_bounds` of a date whose days are in ``release_tz`` (None: anywhere)."""
    from seasontrack.countdown import window

    exact = when.precision in (Precision.DAY, Precision.MINUTE)
    if release_tz is not None:
        span = window(when, zone(release_tz))
        if span is None:
            return None, None, False
        return span.earliest, span.latest, exact
    early, late = window(when, _EARLIEST_ZONE), window(when, _LATEST_ZONE)
    if early is None or late is None:
        return None, None, False
    return early.earliest, late.latest, exact


# ---------------------------------------------------------------------------- the viewer's time


def shifted(when: PartialDate, offset: timedelta) -> PartialDate:
    """``when`` at a viewer's time, ``offset`` later (earlier when negative) than announced.

    A moment known to the minute moves by the offset: its whole days move the wall-clock day
    in its zone (a broadcast a day later where you live is at the same hour), the rest moves
    it in real time. A day moves by the offset's whole days (counted towards zero: ``-3h``
    leaves it where it is). A month, a season, a year or TBA does not move.
    """
    if not offset or when.start is None or when.precision not in (Precision.DAY, Precision.MINUTE):
        return when
    sign = -1 if offset < timedelta(0) else 1
    days = timedelta(days=abs(offset).days)
    rest = abs(offset) - days
    if when.time is None:
        return PartialDate.trusted(when.precision, when.start + sign * days)
    wall = datetime.combine(when.start + sign * days, when.time)
    if when.tz is None:
        moved = wall + sign * rest
    else:
        place = zone(when.tz)
        moved = (wall.replace(tzinfo=place).astimezone(UTC) + sign * rest).astimezone(place)
    return PartialDate.trusted(
        Precision.MINUTE, moved.date(), moved.time().replace(tzinfo=None), when.tz
    )


def with_offset(releases: list[Release], offset: timedelta) -> list[Release]:
    """The releases at the viewer's time, each keeping the moment announced when it moved."""
    if not offset:
        return releases
    moved = []
    for release in releases:
        when = shifted(release.when, offset)
        moved.append(
            release if when == release.when else replace(release, when=when, announced=release.when)
        )
    return moved


# ---------------------------------------------------------------------------- complete


def season_complete(season: Season, releases: list[Release] | None = None) -> PartialDate:
    """When every episode of the season is out, as precise as what it rests on; TBA unknown.

    The last of its releases (the premiere of an all-at-once season, the last slot of a
    weekly one after its breaks, the last part, or the latest own date); when the last
    episode has no date, the season's finale stands for it. Unknown when neither the
    episodes nor a finale are known, or the last episode's date is not: nothing is guessed.
    (``releases``: the season's :func:`season_releases`, when the caller has them.)
    """
    if releases is None:
        releases = season_releases(season)
    last = releases[-1]
    if last.first_episode is None and not last.finale:
        # The episodes are not known, and no finale says when they end.
        return TBA
    if last.when.start is None:
        return season.finale_moment if season.finale.start is not None else TBA
    dated = [r.when for r in releases if r.when.start is not None]
    return max(dated, key=lambda when: (when.end, when.sort_key()))
