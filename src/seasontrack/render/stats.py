"""What `stats` shows: a month to a row (episodes, hours, shows started and finished), the
total, then which shows were started and finished (a listing: plain columns piped, a table
on a terminal)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from seasontrack.dates import PartialDate, Precision
from seasontrack.render import counted
from seasontrack.render.columns import Cell, Listing, Styled, styled

if TYPE_CHECKING:
    from seasontrack.services.stats import MonthStats, WatchStats


def hours(minutes: int, untimed: int = 0) -> str:
    """Hours to a tenth; a dash when none of the episodes has a known runtime."""
    if not minutes and untimed:
        return "—"
    return f"{minutes / 60:.1f}"


def month_label(month: MonthStats) -> str:
    return PartialDate(Precision.MONTH, month.month).label()


def watch_stats(stats: WatchStats) -> Listing:
    rows: list[list[Cell]] = [
        [
            month_label(month),
            str(month.episodes),
            hours(month.minutes, month.untimed),
            str(len(month.started)),
            str(len(month.finished)),
        ]
        for month in stats.months
    ]
    total = (
        "Total",
        str(stats.episodes),
        hours(stats.minutes, stats.untimed),
        str(len(stats.started)),
        str(len(stats.finished)),
    )
    rows.append([((cell, "bold"),) for cell in total])
    lines: list[Styled] = []
    for label, months in (
        ("Started", [(m, t) for m in stats.months for t in m.started]),
        ("Finished", [(m, t) for m in stats.months for t in m.finished]),
    ):
        if months:
            shows = ", ".join(f"{title} ({month_label(m)})" for m, title in months)
            lines.append(styled((f"{label}: ", "bold"), shows))
    if stats.untimed:
        untimed = counted(stats.untimed, "episode")
        lines.append(styled((f"{untimed} with no known runtime: counted, without hours.", "dim")))
    if stats.undated:
        undated = counted(stats.undated, "episode")
        lines.append(styled((f"{undated} marked watched without a day: not counted here.", "dim")))
    return Listing(
        ("Month", "Episodes", "Hours", "Started", "Finished"), rows, footer=1, notes=lines
    )
