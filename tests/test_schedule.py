"""Episode schedules and countdowns at the edges: DST, midnight, month and year ends, leap days."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seasontrack.countdown import Span, is_past, localize, phrase, window
from seasontrack.dates import PartialDate, Precision, parse_when
from seasontrack.models import Episode, Part, Season
from seasontrack.schedule import last_release_day, season_schedule

NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")


def weekly(
    premiere: str,
    count: int,
    at: str | None = "21:00",
    tz: str | None = "America/New_York",
    **extra: object,
) -> Season:
    return Season(
        number=1,
        premiere=parse_when(premiere),
        episode_count=count,
        release_pattern="weekly",
        release_time=time.fromisoformat(at) if at else None,
        release_tz=tz,
        **extra,  # type: ignore[arg-type]
    )


def instants(season: Season) -> list[datetime]:
    found = []
    for release in season_schedule(season):
        instant = release.when.instant()
        assert instant is not None
        # In UTC: two datetimes sharing a zone subtract by wall clock in Python.
        found.append(instant.astimezone(UTC))
    return found


@pytest.mark.parametrize(
    ("premiere", "tz", "change"),
    [
        ("March 3, 2024", "America/New_York", date(2024, 3, 10)),  # US spring forward
        ("October 27, 2024", "America/New_York", date(2024, 11, 3)),  # US fall back
        ("March 24, 2024", "Europe/Berlin", date(2024, 3, 31)),  # EU spring forward
        ("October 20, 2024", "Europe/Berlin", date(2024, 10, 27)),  # EU fall back
    ],
)
def test_weekly_episodes_keep_their_wall_clock_time_across_dst(
    premiere: str, tz: str, change: date
) -> None:
    season = weekly(premiere, 3, tz=tz)
    moments = instants(season)
    assert [m.astimezone(ZoneInfo(tz)).strftime("%a %H:%M") for m in moments] == ["Sun 21:00"] * 3
    assert moments[1].astimezone(ZoneInfo(tz)).date() == change
    # The week that holds the change is an hour shorter or longer in real time.
    gaps = {moments[1] - moments[0], moments[2] - moments[1]}
    assert gaps == {
        timedelta(days=7) + timedelta(hours=h) for h in (0, -1 if change.month == 3 else 1)
    }


def test_countdown_across_the_us_spring_change_counts_real_hours() -> None:
    season = weekly("March 10, 2024", 1)
    (release,) = season_schedule(season)
    now = datetime(2024, 3, 9, 12, 0, tzinfo=NEW_YORK)
    span = window(release.when, NEW_YORK)
    assert span is not None
    # 33 hours on the wall clock, 32 in real time: the night of March 10 loses an hour.
    assert Span.of(span.earliest - now).words() == "1 day and 8 hours"


def test_countdown_across_the_eu_autumn_change_counts_real_hours() -> None:
    span = window(parse_when("October 27, 2024 12:00 Europe/Berlin"), BERLIN)
    now = datetime(2024, 10, 26, 12, 0, tzinfo=BERLIN)
    assert span is not None
    assert Span.of(span.earliest - now).words() == "1 day and 1 hour"


def test_the_seed_countdown_in_new_york_and_berlin() -> None:
    premiere = parse_when("March 8, 2018 00:01 PST")
    now = datetime(2018, 3, 5, 12, 0, tzinfo=NEW_YORK)
    span = window(premiere, NEW_YORK)
    assert span is not None
    assert Span.of(span.earliest - now).words() == "2 days, 15 hours and 1 minute"
    assert localize(premiere, NEW_YORK, "America/New_York").label() == "March 8, 2018 03:01 EST"
    assert localize(premiere, BERLIN, "Europe/Berlin").label() == "March 8, 2018 09:01 CET"


def test_two_episode_premiere_then_weekly() -> None:
    season = weekly("Sunday Jan 7, 2024 21:00", 4, premiere_episodes=2)
    days = [r.when.start for r in season_schedule(season)]
    assert days == [date(2024, 1, 7), date(2024, 1, 7), date(2024, 1, 14), date(2024, 1, 21)]


def test_a_mid_season_break_pushes_the_rest_back() -> None:
    season = weekly("Sunday Jan 7, 2024", 4, skips=(date(2024, 1, 21), date(2024, 1, 28)))
    days = [r.when.start for r in season_schedule(season)]
    assert days == [date(2024, 1, 7), date(2024, 1, 14), date(2024, 2, 4), date(2024, 2, 11)]
    assert last_release_day(season) == date(2024, 2, 11)


def test_an_episodes_own_date_overrides_the_schedule_and_gets_the_slot_time() -> None:
    season = weekly(
        "Sunday Jan 7, 2024",
        3,
        episodes=(Episode(2, "Moved", airs=parse_when("Monday Jan 15, 2024")),),
    )
    releases = season_schedule(season)
    assert releases[1].when.label() == "January 15, 2024 21:00 EST"
    assert releases[1].own_date and releases[1].title == "Moved"
    assert releases[2].when.start == date(2024, 1, 21)


def test_month_and_year_ends_and_leap_days() -> None:
    across_years = weekly("December 24, 2023", 3, at=None, tz=None)
    assert [r.when.label() for r in season_schedule(across_years)] == [
        "December 24, 2023",
        "December 31, 2023",
        "January 7, 2024",
    ]
    leap = weekly("February 22, 2024", 3)
    assert [r.when.start for r in season_schedule(leap)] == [
        date(2024, 2, 22),
        date(2024, 2, 29),
        date(2024, 3, 7),
    ]


def test_weekly_without_a_time_gives_days_and_all_at_once_gives_one_moment() -> None:
    no_time = weekly("March 3, 2024", 2, at=None, tz=None)
    assert [r.when.precision for r in season_schedule(no_time)] == [Precision.DAY] * 2
    drop = Season(
        number=2,
        premiere=parse_when("March 8, 2018"),
        episode_count=13,
        release_pattern="all-at-once",
        release_time=time(0, 1),
        release_tz="America/Los_Angeles",
    )
    moments = {r.when for r in season_schedule(drop)}
    assert len(moments) == 1
    assert season_schedule(drop)[-1].finale


def test_an_imprecise_weekly_premiere_leaves_later_episodes_tba() -> None:
    season = weekly("March 2024", 3)
    labels = [r.when.label() for r in season_schedule(season)]
    assert labels == ["March 2024", "TBA", "TBA"]
    assert last_release_day(season) is None


NOW = datetime(2018, 3, 5, 12, 0, tzinfo=NEW_YORK)


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("March 5, 2018 14:14 EST", "in 2 h 14 min"),
        ("March 5, 2018 12:00 EST", "now"),
        ("March 5, 2018 12:00:30 EST", "now"),
        ("March 5, 2018 21:00 EST", "today 21:00"),
        ("March 6, 2018 00:00 EST", "tomorrow 00:00"),
        ("March 5, 2018 23:59 EST", "today 23:59"),
        ("March 6, 2018", "tomorrow"),
        ("March 5, 2018", "today"),
        ("March 8, 2018", "in 3 days"),
        ("March 4, 2018", "yesterday"),
        ("March 2, 2018 21:00 EST", "3 days ago"),
        ("April 9, 2018", "in 5 weeks"),
        ("March 5, 2018 11:00 EST", "1 h ago"),
        ("May 2018", "in ~2 months (May 2018)"),
        ("March 2018", "any day now (March 2018)"),
        ("Q3 2018", "in ~4 months (Q3 2018)"),
        ("late 2018", "in ~6 months (late 2018)"),
        ("2018", "2018 (date TBA)"),
        ("2030", "2030 (date TBA)"),
        ("TBA", "TBA"),
        ("March 5, 2021", "in 3 years"),
    ],
)
def test_countdown_phrases_never_pretend_precision(when: str, expected: str) -> None:
    assert phrase(parse_when(when), NOW, NEW_YORK) == expected


def test_a_release_at_this_very_minute_is_not_past_until_the_minute_ends() -> None:
    release = parse_when("March 5, 2018 12:00 EST")
    assert not is_past(release, NOW, NEW_YORK)
    assert not is_past(release, NOW + timedelta(seconds=59), NEW_YORK)
    assert is_past(release, NOW + timedelta(minutes=1), NEW_YORK)


def test_a_day_is_past_only_when_it_has_ended_in_its_zone() -> None:
    today = parse_when("March 5, 2018")
    assert not is_past(today, datetime(2018, 3, 5, 23, 59, tzinfo=NEW_YORK), NEW_YORK)
    assert is_past(today, datetime(2018, 3, 6, 0, 0, tzinfo=NEW_YORK), NEW_YORK)
    # Midnight in New York is still the 5th in Los Angeles.
    los_angeles = ZoneInfo("America/Los_Angeles")
    assert not is_past(today, datetime(2018, 3, 6, 0, 30, tzinfo=NEW_YORK), los_angeles)


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    count=st.integers(min_value=1, max_value=60),
    at=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    tz=st.sampled_from(["America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Tokyo"]),
)
def test_weekly_schedules_are_a_week_apart_on_the_wall_clock(
    start: date, count: int, at: time, tz: str
) -> None:
    season = weekly(start.isoformat(), count, at=at.strftime("%H:%M"), tz=tz)
    releases = season_schedule(season)
    assert len(releases) == count
    assert releases[0].premiere and releases[-1].finale
    for before, after in pairwise(releases):
        assert before.when.start is not None and after.when.start is not None
        assert after.when.start - before.when.start == timedelta(days=7)
        assert after.when.time == before.when.time == at
    assert last_release_day(season) == releases[-1].when.start


@given(
    now=st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
    ),
    offset_minutes=st.integers(min_value=1, max_value=60 * 24 * 800),
)
def test_future_moments_always_read_as_future(now: datetime, offset_minutes: int) -> None:
    target = (now + timedelta(minutes=offset_minutes)).astimezone(NEW_YORK)
    when = PartialDate(
        Precision.MINUTE,
        target.date(),
        target.time().replace(second=0, microsecond=0, tzinfo=None),
        "America/New_York",
    )
    said = phrase(when, now.astimezone(NEW_YORK), NEW_YORK)
    assert not said.endswith("ago") and said != "yesterday"


def test_weekly_runs_stay_bounded_whatever_the_breaks() -> None:
    # Past ten years of weekly slots an episode's date is not known: TBA, not invented.
    long = season_schedule(weekly("Jan 4, 2024", 600))
    assert len(long) == 600
    assert long[520].when.start == date(2033, 12, 22)
    assert {r.when.precision for r in long[521:]} == {Precision.TBA}
    endless = weekly("Jan 4, 2024", 10, breaks=((date(2024, 1, 5), date(2199, 12, 31)),))
    assert [r.when.precision for r in season_schedule(endless)] == [Precision.MINUTE] + [
        Precision.TBA
    ] * 9


def test_parts_breaks_and_shifts_are_schedule_facts() -> None:
    season = weekly("Jan 4, 2024", 10)
    moved = Episode(3, airs=parse_when("Jan 22, 2024"))
    variants = [
        season,
        replace(season, episodes=(moved,)),
        replace(season, episodes=(replace(moved, resumes=True),)),
        replace(season, breaks=((date(2024, 2, 1), date(2024, 2, 7)),)),
        replace(season, parts=(Part(1, 5, 10, parse_when("March 1, 2024")),)),
    ]
    assert len({s.schedule_facts() for s in variants}) == len(variants)
