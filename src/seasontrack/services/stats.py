"""`stats`: what you watched, month by month: episodes and hours, shows started and finished.

Hours come from each episode's runtime on TVmaze where known, else its season's typical
runtime (the median of the season's known ones); an episode with neither is counted without
hours. Only episodes marked with a day count; the others are counted apart. A show is
started in the month of the first episode you watched of it, and finished in the month of
the last one, once every released episode is seen (the rule of `list --finished`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from statistics import median_low

from seasontrack import store
from seasontrack.services.progress import finished_of, season_facts_by_show


@dataclass
class MonthStats:
    """One month: its first day, the episodes watched, their minutes, how many had no
    runtime, and the shows started and finished in it."""

    month: date
    episodes: int = 0
    minutes: int = 0
    untimed: int = 0
    started: list[str] = field(default_factory=list)
    finished: list[str] = field(default_factory=list)


@dataclass
class WatchStats:
    # The year asked for (None: the whole history), and its months with anything in them.
    year: int | None
    months: list[MonthStats] = field(default_factory=list)
    # Episodes marked watched without a day, which no month can hold.
    undated: int = 0

    @property
    def episodes(self) -> int:
        return sum(m.episodes for m in self.months)

    @property
    def minutes(self) -> int:
        return sum(m.minutes for m in self.months)

    @property
    def untimed(self) -> int:
        return sum(m.untimed for m in self.months)

    @property
    def started(self) -> list[str]:
        return [title for m in self.months for title in m.started]

    @property
    def finished(self) -> list[str]:
        return [title for m in self.months for title in m.finished]

    def __bool__(self) -> bool:
        return bool(self.months)


def watch_stats(
    conn: sqlite3.Connection, now: datetime, user_zone: tzinfo, *, year: int | None = None
) -> WatchStats:
    log = store.watched.watch_log(conn)
    typical = {
        season_id: median_low(runtimes)
        for season_id, runtimes in store.provider_links.season_runtimes(conn).items()
    }
    stats = WatchStats(year)
    months: dict[date, MonthStats] = {}
    first: dict[int, tuple[date, str]] = {}
    last: dict[int, date] = {}

    def month_of(day: date) -> MonthStats | None:
        if year is not None and day.year != year:
            return None
        key = day.replace(day=1)
        if key not in months:
            months[key] = MonthStats(key)
        return months[key]

    for row in log:
        if row.day is None:
            stats.undated += 1
            continue
        if row.show_id not in first or row.day < first[row.show_id][0]:
            first[row.show_id] = (row.day, row.show)
        last[row.show_id] = max(last.get(row.show_id, row.day), row.day)
        month = month_of(row.day)
        if month is None:
            continue
        month.episodes += 1
        runtime = row.runtime or typical.get(row.season_id)
        if runtime:
            month.minutes += runtime
        else:
            month.untimed += 1
    for day, title in first.values():
        started = month_of(day)
        if started is not None:
            started.started.append(title)
    progress = season_facts_by_show(conn, list(last), now, user_zone)
    for show_id, day in last.items():
        if finished_of(progress.get(show_id, [])):
            finished = month_of(day)
            if finished is not None:
                finished.finished.append(first[show_id][1])
    stats.months = [months[key] for key in sorted(months)]
    for month in stats.months:
        month.started.sort(key=str.casefold)
        month.finished.sort(key=str.casefold)
    return stats
