"""Views of time drawn on a terminal: the big countdown and the month calendar (the upcoming
list and the piped calendar are in ``render.listings``)."""

from __future__ import annotations

import calendar as month_layout
from datetime import date
from typing import TYPE_CHECKING

from rich.align import Align
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from seasontrack.countdown import Span, Window
from seasontrack.dates import MONTH_NAMES
from seasontrack.render.base import Screen, rich_text, text
from seasontrack.render.reading import (
    announced_note,
    local_when,
)

if TYPE_CHECKING:
    # Types only: views draw what the services computed.
    from seasontrack.clock import Clock
    from seasontrack.models import Release
    from seasontrack.services.timeline import CalendarDay, Upcoming

_PREMIERE = "▶"
_FINALE = "◼"


def _marks(release: Release) -> str:
    return (_PREMIERE if release.premiere else "") + (_FINALE if release.finale else "")


# ---------------------------------------------------------------------------- countdown

# Three-line digits drawn with box characters, three cells wide.
_DIGITS = {
    "0": ("┏━┓", "┃ ┃", "┗━┛"),
    "1": (" ╻ ", " ┃ ", " ╹ "),
    "2": ("╺━┓", "┏━┛", "┗━╸"),
    "3": ("╺━┓", " ━┫", "╺━┛"),
    "4": ("╻ ╻", "┗━┫", "  ╹"),
    "5": ("┏━╸", "┗━┓", "╺━┛"),
    "6": ("┏━╸", "┣━┓", "┗━┛"),
    "7": ("╺━┓", "  ┃", "  ╹"),
    "8": ("┏━┓", "┣━┫", "┗━┛"),
    "9": ("┏━┓", "┗━┫", "╺━┛"),
}


def big_number(value: int, width: int = 2) -> Text:
    digits = str(value).rjust(width, "0")
    rows = [" ".join(_DIGITS[d][row] for d in digits) for row in range(3)]
    return Text("\n".join(rows), style="bold cyan")


def countdown_view(
    screen: Screen, item: Upcoming, span: Window | None, clock: Clock, finished: bool = False
) -> RenderableType:
    """The countdown to ``item`` at ``clock.now``: big digits on a terminal, a line elsewhere."""
    release = item.release
    heading = text((release.show, "bold"), " ", (release.label(), "bold"))
    if release.episode_title:
        heading.append_text(text(f" “{release.episode_title}”"))
    when = local_when(release.when, clock)
    if release.announced is not None:
        when += announced_note(release.announced, clock)
    subtitle = rich_text(when)
    if span is None:
        body: RenderableType = text(("Date TBA: nothing to count down to yet.", "bold"))
        return _frame(screen, heading, subtitle, body)
    remaining = Span.of(span.earliest - clock.now)
    if finished or span.earliest <= clock.now:
        return _frame(screen, heading, subtitle, text(("Out now!", "bold green")))
    latest = Span.of(span.latest - clock.now)
    if not screen.fancy:
        words = remaining.words() if span.exact else f"{remaining.words()} to {latest.words()}"
        return Group(heading, subtitle, text(words))
    grid = Table.grid(padding=(0, 3))
    parts = [
        (remaining.days, "days", max(2, len(str(remaining.days)))),
        (remaining.hours, "hours", 2),
        (remaining.minutes, "minutes", 2),
        (remaining.seconds, "seconds", 2),
    ]
    for _ in parts:
        grid.add_column(justify="center")
    grid.add_row(*(big_number(value, width) for value, _, width in parts))
    grid.add_row(*(Text(label, style="dim") for _, label, _ in parts))
    lines: list[RenderableType] = [Align.center(grid)]
    if not span.exact:
        lines.append(
            Align.center(
                text(
                    ("That is the earliest; the date is only known to the ", "dim"),
                    (release.when.precision.value, "dim"),
                    (f", so it could be as late as {latest.words()} from now.", "dim"),
                )
            )
        )
    return _frame(screen, heading, subtitle, Group(*lines))


def _frame(screen: Screen, heading: Text, subtitle: Text, body: RenderableType) -> RenderableType:
    if not screen.fancy:
        return Group(heading, subtitle, body)
    return Panel(
        Group(Align.center(subtitle), Text(""), body),
        title=heading,
        padding=(1, 2),
        expand=False,
    )


# ---------------------------------------------------------------------------- calendar


def calendar_view(
    screen: Screen,
    months: list[tuple[int, int]],
    days: list[CalendarDay],
    vague: list[Release],
    clock: Clock,
) -> None:
    by_day = {d.day: d.releases for d in days}
    today = clock.now.astimezone(clock.zone.tzinfo).date()
    for year, month in months:
        screen.print(_month_grid(screen, year, month, by_day, today))
    if vague:
        lines = [text((r.show, "bold"), f" {r.label()}  ", r.when.label()) for r in vague]
        screen.print(
            screen.section("Also in this period, date not known to the day", Group(*lines))
        )


def _month_grid(
    screen: Screen, year: int, month: int, by_day: dict[date, list[Release]], today: date
) -> Table:
    title = f"{MONTH_NAMES[month - 1]} {year}"
    table = Table(
        title=Text(title, style="bold"),
        show_lines=True,
        expand=True,
        caption=Text(f"{_PREMIERE} premiere   {_FINALE} finale", style="dim"),
    )
    for name in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"):
        table.add_column(name, ratio=1, vertical="top", overflow="fold")
    for week in month_layout.Calendar(firstweekday=0).monthdatescalendar(year, month):
        cells = []
        for day in week:
            if day.month != month:
                cells.append(Text(""))
                continue
            cell = Text()
            if day == today:
                cell.append(f" {day.day} ", style="reverse bold")
            else:
                cell.append(f"{day.day}", style="bold")
            for release in by_day.get(day, []):
                cell.append("\n")
                cell.append_text(
                    text(
                        (release.show, ""),
                        (f" {release.label()}", "cyan"),
                        (f" {_marks(release)}" if _marks(release) else "", "yellow"),
                    )
                )
            cells.append(cell)
        table.add_row(*cells)
    return table
