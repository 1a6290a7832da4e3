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
from datetime import date, datetime, time, timedelta, timezone
from typing import NamedTuple

from seasontrack.dates import PartialDate, Precision, zone
from seasontrack.limits import MAX_WEEKS
from seasontrack.models import TBA, Episode, Release, Season


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
        # Beyond the weeks a weekly schedule reaches, an episode's day is not known.
        scheduled = generated[number - 1] if number <= len(generated) else TBA
        releases.append(
            EpisodeRelease(
                number=number,
                title=episode.title,
                when=when if when is not None else scheduled,
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
    """The schedule's moment for each episode from the first, as far as it reaches (a weekly
    season's reach ends MAX_WEEKS weeks after its premiere)."""
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
    """``count`` weekly release days from ``first`` (itself the first), skipping ``skips``;
    fewer when they would run past MAX_WEEKS weeks after ``first``."""
    from dateutil.rrule import WEEKLY, rrule

    skipped = set(skips) - {first}
    rule = rrule(
        WEEKLY,
        dtstart=datetime.combine(first, at or time(0)),
        count=min(count + len(skipped), MAX_WEEKS),
    )
    days = [moment.date() for moment in rule if moment.date() not in skipped]
    return days[:count]


def beyond_weekly_reach(season: Season) -> int | None:
    """The first episode of a weekly season that has no day of its own and would come out
    more than MAX_WEEKS weeks after the premiere (its schedule cannot place it); None if
    every episode fits."""
    premiere = season.premiere_moment
    count = episode_count(season)
    if (
        season.release_pattern != "weekly"
        or premiere.start is None
        or premiere.precision not in (Precision.DAY, Precision.MINUTE)
    ):
        return None
    opening = min(season.premiere_episodes, count)
    if count - opening + 1 + len(season.skips) <= MAX_WEEKS:
        return None  # the schedule's weeks, breaks and all, are within reach
    placed = opening + len(
        weekly_slots(premiere.start, season.release_time, count - opening + 1, season.skips)
    )
    dated = {e.number for e in season.episodes if e.airs.start is not None}
    return next((n for n in range(placed, count + 1) if n not in dated), None)


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
    from seasontrack.countdown import window

    when = release.when
    exact = when.precision in (Precision.DAY, Precision.MINUTE)
    if release.release_tz is not None:
        span = window(when, zone(release.release_tz))
        if span is None:
            return None, None, False
        return span.earliest, span.latest, exact
    early, late = window(when, _EARLIEST_ZONE), window(when, _LATEST_ZONE)
    if early is None or late is None:
        return None, None, False
    return early.earliest, late.latest, exact
