"""How values are written to and read from columns, shared by every module of the store."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time
from typing import TypeVar

from seasontrack.dates import TBA, PartialDate, Precision


def date_columns(value: PartialDate) -> tuple[str, str | None]:
    """A date as (precision, first day); a time of day is the season's, not the date's."""
    day = value.date_only()
    return day.precision.value, day.start.isoformat() if day.start else None


_PRECISIONS = {p.value: p for p in Precision}


def date_from(precision: str, start: str | None) -> PartialDate:
    if start is None:
        return TBA
    return PartialDate.trusted(_PRECISIONS[precision], date.fromisoformat(start))


def moment_columns(value: PartialDate) -> tuple[str, str | None, str | None, str | None]:
    """A date with its time and zone, for an episode's own air date."""
    return (
        value.precision.value,
        value.start.isoformat() if value.start else None,
        value.time.strftime("%H:%M") if value.time else None,
        value.tz,
    )


def moment_from(precision: str, start: str | None, at: str | None, tz: str | None) -> PartialDate:
    if start is None:
        return TBA
    return PartialDate.trusted(
        _PRECISIONS[precision],
        date.fromisoformat(start),
        time.fromisoformat(at) if at else None,
        tz,
    )


def complete_moment(row: sqlite3.Row) -> PartialDate:
    """A season's complete moment, from its row's ``complete_*`` columns."""
    return moment_from(
        row["complete_precision"], row["complete_start"], row["complete_time"], row["complete_tz"]
    )


# A season's episodes, counted as `info` counts them: its stated episode count, or its last
# released episode when that is higher or the count unknown (0: neither known). A constant
# SQL expression over ``seasons``, shared by the queries that tell a season complete.
SEASON_EPISODES = """max(coalesce(seasons.episode_count, 0), coalesce((
    SELECT max(last_episode) FROM releases WHERE season_id = seasons.id), 0))"""


def json_ids(ids: list[int]) -> str:
    return "[" + ",".join(str(int(i)) for i in ids) + "]"


def like_escape(text: str) -> str:
    """``text`` as a literal inside a LIKE pattern with ESCAPE '\\'."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def utc_text(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is not None and moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    # isoformat, not strftime: an import writes two of these for each of 500,000 releases.
    return moment.replace(tzinfo=None, microsecond=0).isoformat()


def upsert(
    found: int | None, insert: Callable[[], int], update: Callable[[int], object] | None
) -> tuple[int, bool]:
    """One way to write a row whether or not it is there: the row ``found`` (its id, or None),
    changed by ``update`` (None: left as it is), else a new one from ``insert``. Returns the
    row's id and whether it is new. Each noun's ``upsert_*`` says how its row is found."""
    if found is None:
        return insert(), True
    if update is not None:
        update(found)
    return found, False


T = TypeVar("T")


def by_show(rows: Iterable[sqlite3.Row], build: Callable[[sqlite3.Row], T]) -> dict[int, list[T]]:
    """Rows with a show_id column, built and grouped by show, in the order they come."""
    grouped: dict[int, list[T]] = {}
    for row in rows:
        grouped.setdefault(row["show_id"], []).append(build(row))
    return grouped


def alerts_text(kinds: tuple[str, ...] | None) -> str | None:
    """What a show alerts for, as its column holds it (NULL: every kind)."""
    return None if kinds is None else ",".join(kinds)


def alerts_from(text: str | None) -> tuple[str, ...] | None:
    return None if text is None else tuple(kind for kind in text.split(",") if kind)
