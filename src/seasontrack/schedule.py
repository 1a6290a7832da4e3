"""When each episode of a season comes out, from its release pattern, its parts and its
episodes' own dates.

- all at once: every episode at the premiere moment (Netflix: 00:01 Pacific);
- weekly: the premiere brings ``premiere_episodes`` episodes, then one a week on the same
  weekday at the same wall-clock time in the season's zone (so 21:00 stays 21:00 across a DST
  change), skipping the weeks of a mid-season break (``skips``, and every slot inside
  ``breaks``);
- unknown: only the premiere (episode 1) and the episodes' own dates are known.

A part ("Volume 2") brings its episodes at its own premiere, all at once or weekly from it
(skipping the season's breaks too); episodes outside every part follow the season's schedule.
An episode's own date always wins over the generated one; one marked ``resumes`` restarts
the weekly rhythm of the episodes after it from its own date.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import NamedTuple

from seasontrack.dates import PartialDate, Precision, zone
from seasontrack.limits import MAX_WEEKS
from seasontrack.models import TBA, Episode, Part, Release, Season

# A weekly run (a season, a part, or the rest of one after a moved episode) reaches MAX_WEEKS
# weeks past its first slot, whatever breaks it has. Episodes past it are TBA, and a season
# whose schedule would leave one there is refused when it is recorded (beyond_weekly_reach).
_TIMED = (Precision.DAY, Precision.MINUTE)


class EpisodeRelease(NamedTuple):
    """One episode's release, as the season's schedule and the episode's own date give it."""

    number: int
    title: str | None
    when: PartialDate
    premiere: bool
    finale: bool
    # True when the date comes from the episode itself rather than from the schedule.
    own_date: bool
    # The part of the season that brings it, if any.
    part: Part | None = None


def episode_count(season: Season) -> int:
    """How many episodes the season has: its stated count, or its highest recorded episode
    (or part's last episode)."""
    recorded = max((e.number for e in season.episodes), default=0)
    in_parts = max((p.last_episode for p in season.parts), default=0)
    return max(season.episode_count or 0, recorded, in_parts)


def season_schedule(season: Season) -> list[EpisodeRelease]:
    """Every episode's release, in episode order; empty when the episode count is unknown."""
    count = episode_count(season)
    if count == 0:
        return []
    own = {e.number: e for e in season.episodes}
    generated = _generated_moments(season, count, own)
    part_of: dict[int, Part] = {}
    for part in season.parts:
        moments = _part_moments(season, part, own)
        numbers = range(part.first_episode, part.last_episode + 1)
        for number, moment in zip(numbers, moments, strict=True):
            part_of[number] = part
            generated[number - 1] = moment
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
                part=part_of.get(number),
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


class _Slot(NamedTuple):
    """How a weekly run's episodes come out: at this wall-clock time (None: only the day is
    known) in this zone."""

    at: time | None
    tz: str | None


def _generated_moments(season: Season, count: int, own: dict[int, Episode]) -> list[PartialDate]:
    premiere = season.premiere_moment
    if season.release_pattern == "all-at-once":
        return [premiere] * count
    if season.release_pattern != "weekly" or premiere.precision not in _TIMED:
        return [premiere] + [TBA] * (count - 1)
    opening = min(season.premiere_episodes, count)
    slot = _Slot(season.release_time, season.release_tz)
    return _weekly(season, premiere, range(1, count + 1), opening, slot, own)


def _part_moments(season: Season, part: Part, own: dict[int, Episode]) -> list[PartialDate]:
    """The moments of the part's episodes, in order: its premiere for each (all at once),
    or one a week from it."""
    slot = _part_slot(season, part)
    premiere = part_premiere(season, part)
    numbers = range(part.first_episode, part.last_episode + 1)
    if part.release_pattern != "weekly":
        return [premiere] * len(numbers)
    if premiere.precision not in _TIMED:
        return [premiere] + [TBA] * (len(numbers) - 1)
    return _weekly(season, premiere, numbers, 1, slot, own)


def _part_slot(season: Season, part: Part) -> _Slot:
    # A part without a time or zone of its own comes out at the season's.
    return _Slot(part.release_time or season.release_time, part.release_tz or season.release_tz)


def part_premiere(season: Season, part: Part) -> PartialDate:
    """When the part comes out (its first episode): its premiere at its own release time, or
    else at the season's."""
    slot = _part_slot(season, part)
    return part.premiere if slot.at is None else part.premiere.with_time(slot.at, slot.tz)


def _weekly(
    season: Season,
    premiere: PartialDate,
    numbers: Sequence[int],
    opening: int,
    slot: _Slot,
    own: dict[int, Episode],
) -> list[PartialDate]:
    """A weekly run: the first ``opening`` episodes at the premiere, then one a week after
    it, skipping the season's skips and breaks; an episode marked ``resumes`` restarts the
    rhythm from its own day. Past :data:`MAX_WEEKS` weeks, the episodes are TBA."""
    assert premiere.start is not None
    skipped = frozenset(season.skips)
    days = _slots_after(premiere.start, skipped, season.breaks)
    moments: list[PartialDate] = []
    for index, number in enumerate(numbers):
        if index < opening:
            moments.append(premiere)
        else:
            day = next(days, None)
            moments.append(TBA if day is None else _at_slot(slot, day))
        restart = _resume_day(own.get(number), slot.tz)
        if restart is not None:
            days = _slots_after(restart, skipped, season.breaks)
    return moments


def _resume_day(episode: Episode | None, tz: str | None) -> date | None:
    """The day an episode marked ``resumes`` comes out, in the run's zone; None otherwise."""
    if episode is None or not episode.resumes or episode.airs.precision not in _TIMED:
        return None
    instant = episode.airs.instant()
    if instant is not None and tz is not None:
        return instant.astimezone(zone(tz)).date()
    return episode.airs.start


def _slots_after(
    first: date, skipped: frozenset[date], breaks: Sequence[tuple[date, date]]
) -> Iterator[date]:
    """The weekly release days after ``first``, less the skipped days and the days inside a
    break, for at most :data:`MAX_WEEKS` weeks.

    Days, not moments: the wall-clock time is the same every week in the season's zone (so
    21:00 stays 21:00 across a DST change), and a week is seven calendar days.
    """
    for weeks in range(1, MAX_WEEKS + 1):
        day = first + timedelta(weeks=weeks)
        if day in skipped or (breaks and any(start <= day <= end for start, end in breaks)):
            continue
        yield day


def beyond_weekly_reach(season: Season) -> int | None:
    """The first episode that has no day of its own and that its weekly run (the season's
    or its part's) cannot place, as it would come out more than MAX_WEEKS weeks after the
    run's start; None if every episode fits."""
    if season.release_pattern != "weekly" and all(
        part.release_pattern != "weekly" for part in season.parts
    ):
        return None
    if _fits_in_reach(season):
        return None
    for item in season_schedule(season):
        if item.own_date or item.when.start is not None:
            continue
        part = item.part
        weekly = (part.release_pattern if part else season.release_pattern) == "weekly"
        start = part_premiere(season, part) if part else season.premiere_moment
        if weekly and start.precision in _TIMED:
            return item.number
    return None


def _fits_in_reach(season: Season) -> bool:
    """Whether every episode surely fits in one weekly run of :data:`MAX_WEEKS` weeks, told
    without working out the schedule (an import checks 50,000 seasons): one run (no parts,
    no episode that restarts it), and fewer episodes than the weeks its skips and breaks
    leave."""
    if season.parts or any(e.resumes for e in season.episodes):
        return False
    lost = len(season.skips) + sum((last - first).days // 7 + 1 for first, last in season.breaks)
    return episode_count(season) <= MAX_WEEKS - lost


def _at_slot(slot: _Slot, day: date) -> PartialDate:
    # The season's time and zone were checked when it was recorded, and the slots are real
    # days: nothing here needs checking again (a long season has hundreds of slots).
    if slot.at is None:
        return PartialDate.trusted(Precision.DAY, day)
    return PartialDate.trusted(
        Precision.MINUTE, day, slot.at.replace(second=0, microsecond=0), slot.tz
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
    # Runs of episodes out at the same known moment, in the same part; an undated episode
    # stands alone, unless its part brings it with the others all at once.
    runs: list[list[EpisodeRelease]] = []
    for item in schedule:
        if runs and _together(runs[-1][-1], item):
            runs[-1].append(item)
        else:
            runs.append([item])
    return [_run_release(season, run, show, network, show_id) for run in runs]


def _together(before: EpisodeRelease, item: EpisodeRelease) -> bool:
    if before.part is not item.part or before.when != item.when:
        return False
    if item.when.start is not None:
        return True
    part = item.part
    return (
        part is not None
        and part.release_pattern == "all-at-once"
        and not before.own_date
        and not item.own_date
    )


def _run_release(
    season: Season, run: list[EpisodeRelease], show: str, network: str | None, show_id: int
) -> Release:
    first, last = run[0], run[-1]
    part = first.part
    return Release(
        show=show,
        network=network,
        season=season.number,
        first_episode=first.number,
        last_episode=last.number,
        episode_title=first.title if len(run) == 1 else None,
        when=first.when,
        release_tz=(part.release_tz if part else None) or season.release_tz,
        pattern=part.release_pattern if part else season.release_pattern,
        premiere=first.premiere,
        finale=last.finale,
        show_id=show_id,
        part=part.number if part else None,
        part_title=part.title if part else None,
    )


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
