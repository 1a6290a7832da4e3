"""What `stats` draws: a month to a row (episodes, hours, shows started and finished), the
total, then which shows were started and finished."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from seasontrack.dates import PartialDate, Precision
from seasontrack.render import counted
from seasontrack.render.base import Screen, text

if TYPE_CHECKING:
    from seasontrack.services.stats import MonthStats, WatchStats


def hours(minutes: int, untimed: int = 0) -> str:
    """Hours to a tenth; a dash when none of the episodes has a known runtime."""
    if not minutes and untimed:
        return "—"
    return f"{minutes / 60:.1f}"


def month_label(month: MonthStats) -> str:
    return PartialDate(Precision.MONTH, month.month).label()


def watch_stats(screen: Screen, stats: WatchStats) -> None:
    table = screen.table("Month", "Episodes", "Hours", "Started", "Finished")
    for index, month in enumerate(stats.months):
        table.add_row(
            text(month_label(month)),
            text(str(month.episodes)),
            text(hours(month.minutes, month.untimed)),
            text(str(len(month.started))),
            text(str(len(month.finished))),
            end_section=index == len(stats.months) - 1,
        )
    table.add_row(
        text(("Total", "bold")),
        text((str(stats.episodes), "bold")),
        text((hours(stats.minutes, stats.untimed), "bold")),
        text((str(len(stats.started)), "bold")),
        text((str(len(stats.finished)), "bold")),
    )
    lines: list[Text] = []
    for label, months in (
        ("Started", [(m, t) for m in stats.months for t in m.started]),
        ("Finished", [(m, t) for m in stats.months for t in m.finished]),
    ):
        if months:
            shows = ", ".join(f"{title} ({month_label(m)})" for m, title in months)
            lines.append(text((f"{label}: ", "bold"), shows))
    if stats.untimed:
        lines.append(
            text(
                (
                    f"{counted(stats.untimed, 'episode')} with no known runtime: counted,"
                    " without hours.",
                    "dim",
                )
            )
        )
    if stats.undated:
        lines.append(
            text(
                (
                    f"{counted(stats.undated, 'episode')} marked watched without a day: not"
                    " counted here.",
                    "dim",
                )
            )
        )
    if lines:
        screen.print(table, Text("\n").join(lines))
    else:
        screen.print(table)
