"""The console a command draws on, and the building blocks every view uses."""

from __future__ import annotations

import contextlib
import shutil
import sys
from collections.abc import Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Column, Table
from rich.text import Text

from seasontrack.render import safe
from seasontrack.render.columns import (
    Cell,
    Lines,
    Listing,
    Section,
    Value,
    cell_texts,
    column_widths,
    fancy_output,
)
from seasontrack.render.paging import Paged, PagerClosed, pager_command

__all__ = ["Screen", "fancy_output", "rich_text", "text"]

# Piped output is never wrapped or cut: a line is as long as its content.
_UNLIMITED_WIDTH = 10_000
# A long listing is drawn a screenful of rows first, then in chunks that double (as many
# rows as are drawn already) up to this many, with the column widths worked out once for
# all of them: the first screen does not wait for the last row, and a reader who quits the
# pager after the first screen stops the drawing a screenful or two later.
CHUNK_ROWS = 200


def make_console(paged: Paged | None = None) -> Console:
    if paged is not None:
        size = shutil.get_terminal_size()
        return Console(
            highlight=False,
            file=paged,  # type: ignore[arg-type]  # a text stream, as Rich writes to one
            force_terminal=True,
            width=size.columns,
            height=size.lines,
        )
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

    def __init__(self, *, pager: bool = False) -> None:
        self.fancy = fancy_output()
        # On a terminal, output longer than the screen goes through a pager (--no-pager: not).
        self.paged = (
            Paged(pager_command(), shutil.get_terminal_size().lines - 1)
            if pager and self.fancy
            else None
        )
        self.console = make_console(self.paged)

    def close(self) -> None:
        """Everything written reaches the terminal (or the pager, which is waited for)."""
        if self.paged is not None:
            self.paged.close()

    def listings(self, listings: Sequence[Listing]) -> None:
        """Listings drawn as tables: a titled one in its section; a long one in chunks of
        rows that share the column widths, worked out once. Stops quietly when the reader
        quits the pager."""
        try:
            for listing in listings:
                if listing.title is not None:
                    self.print(self.section(listing.title, self._table(listing, listing.rows)))
                else:
                    self._chunked(listing)
                if listing.notes:
                    self.print(Text("\n").join(_cell(cell) for cell in listing.notes))
        except PagerClosed:
            pass

    def sections(self, sections: Sequence[Section]) -> None:
        """Sections of labelled fields, each in a panel (on a terminal)."""
        self.print(*(self.section(item.title, self._fields(item)) for item in sections))

    def _fields(self, section: Section) -> Table:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold" if self.fancy else "", no_wrap=True)
        grid.add_column()
        for name, value in section.fields:
            if value is not None:
                grid.add_row(name, self._value(value))
        return grid

    def _value(self, value: Value) -> RenderableType:
        if isinstance(value, Listing):
            return self._table(value, value.rows)
        if isinstance(value, Lines):
            return Text("\n").join(_cell(cell) for cell in value.lines)
        return _cell(value)

    def _chunked(self, listing: Listing) -> None:
        if not self.fancy:
            self.print(self._table(listing, listing.rows))
            return
        widths = _fit(column_widths(listing.columns, cell_texts(listing)), self.console.width)
        rows = listing.rows
        # The first chunk is a screenful, so that the pager starts as soon as it can.
        start, size = 0, max(self.console.height, 10)
        while True:
            chunk = rows[start : start + size]
            self.console.print(self._table(listing, chunk, widths, header=start == 0, start=start))
            start += size
            if start >= len(rows):
                break
            size = min(start, CHUNK_ROWS)

    def _table(
        self,
        listing: Listing,
        rows: Sequence[Sequence[Cell]],
        widths: list[int] | None = None,
        *,
        header: bool = True,
        start: int = 0,
    ) -> Table:
        table = Table(
            *(
                Column(
                    name,
                    no_wrap=not self.fancy,
                    width=widths[index] if widths else None,
                    overflow="fold",
                    justify="right" if index in listing.right else "left",
                )
                for index, name in enumerate(listing.columns)
            ),
            box=box.SIMPLE_HEAD if self.fancy else None,
            header_style="bold" if self.fancy else "",
            show_header=header,
            show_edge=False,
            pad_edge=False,
        )
        # A footer (a total) is ruled off from the rows above it.
        ruled = len(listing.rows) - listing.footer - 1 if listing.footer else -1
        for index, row in enumerate(rows, start):
            table.add_row(*(_cell(cell) for cell in row), end_section=index == ruled)
        return table

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
            with contextlib.suppress(PagerClosed):
                self.console.print(*items)
            return
        # Plain output: no padding at line ends, so pipes and diffs see only the content.
        with self.console.capture() as captured:
            self.console.print(*items)
        lines = [line.rstrip() for line in captured.get().splitlines()]
        while lines and not lines[-1]:
            lines.pop()
        sys.stdout.write("".join(line + "\n" for line in lines))


def rich_text(cell: Cell) -> Text:
    """A cell as Rich text, every string taken literally."""
    return _cell(cell)


def _cell(cell: Cell) -> Text:
    if isinstance(cell, str):
        return Text(safe(cell))
    line = Text()
    for part, style in cell:
        line.append(safe(part), style=style)
    return line


def _fit(widths: list[int], room: int) -> list[int]:
    """Column widths narrowed to fit ``room`` cells (the widest first), so that a long
    cell wraps within its column rather than pushing the others off the screen."""
    fitted = list(widths)
    # Two spaces of padding and the box's divider between columns.
    excess = sum(fitted) + 3 * (len(fitted) - 1) - room
    while excess > 0:
        widest = max(range(len(fitted)), key=fitted.__getitem__)
        if fitted[widest] <= 4:
            break
        fitted[widest] -= 1
        excess -= 1
    return fitted


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
