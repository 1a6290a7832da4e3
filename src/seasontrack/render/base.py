"""The console a command draws on, and the building blocks every view uses."""

from __future__ import annotations

import os
import sys

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Column, Table
from rich.text import Text

from seasontrack.render import safe

# Piped output is never wrapped or cut: a line is as long as its content.
_UNLIMITED_WIDTH = 10_000


def fancy_output(stream: object = None) -> bool:
    """Colour and box art only on a terminal, and never with NO_COLOR or TERM=dumb."""
    target = stream if stream is not None else sys.stdout
    isatty = getattr(target, "isatty", None)
    return bool(
        isatty is not None
        and isatty()
        and not os.environ.get("NO_COLOR")
        and os.environ.get("TERM") != "dumb"
    )


def make_console() -> Console:
    if fancy_output():
        return Console(highlight=False)
    return Console(
        highlight=False,
        no_color=True,
        width=_UNLIMITED_WIDTH,
        force_terminal=False,
        color_system=None,
        emoji=False,
    )


class Screen:
    """Where a command draws: one console, and whether it may use colour and boxes."""

    def __init__(self) -> None:
        self.console = make_console()
        self.fancy = fancy_output()

    def table(self, *columns: str, title: str | None = None) -> Table:
        # Piped, a cell never wraps (the width is unlimited anyway), which also spares Rich
        # working out where each cell could wrap: most of the time of a long listing.
        table = Table(
            *(Column(name, no_wrap=not self.fancy) for name in columns),
            box=box.SIMPLE_HEAD if self.fancy else None,
            title=title,
            header_style="bold" if self.fancy else "",
            show_edge=False,
            pad_edge=False,
        )
        return table

    def section(self, title: str, body: RenderableType) -> RenderableType:
        if self.fancy:
            return Panel(
                body,
                title=Text(safe(title), style="bold"),
                title_align="left",
                box=box.ROUNDED,
                expand=False,
            )
        return Group(Text(safe(title)), body, Text(""))

    def print(self, *items: RenderableType) -> None:
        if self.fancy:
            self.console.print(*items)
            return
        # Plain output: no padding at line ends, so pipes and diffs see only the content.
        with self.console.capture() as captured:
            self.console.print(*items)
        lines = [line.rstrip() for line in captured.get().splitlines()]
        while lines and not lines[-1]:
            lines.pop()
        sys.stdout.write("".join(line + "\n" for line in lines))

    def plain_lines(self, lines: list[str]) -> None:
        """Many lines of plain text (user data already passed through ``one_line``), written
        as they are: no layout to work out, where a month of a big catalog is thousands of
        lines."""
        if self.fancy:
            self.console.print(Text("\n".join(lines)))
            return
        sys.stdout.write("".join(line.rstrip() + "\n" for line in lines))


def text(*parts: tuple[str | None, str] | str | None) -> Text:
    """A line from plain strings and (string, style) pairs; every string is taken literally."""
    line = Text()
    for part in parts:
        if part is None:
            continue
        if isinstance(part, tuple):
            line.append(safe(part[0]), style=part[1])
        else:
            line.append(safe(part))
    return line
