"""Listings as plain data, and printed without Rich when nobody sees them drawn.

A :class:`Listing` is a table before it is drawn: its column headers and its rows, each cell
either a string or a run of ``(text, style)`` parts. Piped (stdout not a terminal, or
``NO_COLOR``, or ``TERM=dumb``), :func:`print_listings` writes it as plain columns padded to
their display width (a wide character takes two cells of a terminal, a combining one none),
two spaces apart, with no trailing spaces, and Rich is never imported. On a terminal,
``render.base.Screen.listings`` draws the same listing with Rich.

This module imports only the standard library: the piped path of every listing goes
through it.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from seasontrack.printable import one_line

# A run of text in a style ("bold", "dim", "" for none).
Part = tuple[str, str]
# A cell: a plain string, or a run of parts (each part's text taken literally).
Cell = str | tuple[Part, ...]

# Between two columns, as Rich pads them (one space each side).
GAP = "  "


@dataclass
class Listing:
    """A table before it is drawn: headers, rows of cells, and the title of its section
    (a line above it, when it is one of several)."""

    columns: Sequence[str]
    rows: Sequence[Sequence[Cell]] = field(default_factory=list)
    title: str | None = None
    # Columns whose cells are right-aligned (numbers).
    right: frozenset[int] = frozenset()


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


def cell_text(cell: Cell) -> str:
    """A cell's text, made printable on one line (line breaks and tabs as escapes)."""
    if isinstance(cell, str):
        return one_line(cell)
    return one_line("".join(part[0] for part in cell))


def display_width(text: str) -> int:
    """How many terminal cells ``text`` takes: wide and full-width characters (CJK, most
    emoji) two, combining marks and other zero-width characters none, the rest one."""
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def column_widths(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> list[int]:
    """Each column's width: its widest cell's, or its header's."""
    widths = [display_width(name) for name in columns]
    count = len(widths)
    for row in rows:
        for index in range(count):
            cell = row[index]
            size = len(cell) if cell.isascii() else display_width(cell)
            if size > widths[index]:
                widths[index] = size
    return widths


def padded_lines(listing: Listing) -> Iterable[str]:
    """The listing's lines: the header, then a line per row, each column padded to its
    display width and two spaces apart, with nothing trailing."""
    texts = [[cell_text(cell) for cell in row] for row in listing.rows]
    widths = column_widths(listing.columns, texts)
    right = listing.right
    last = len(widths) - 1

    def line(cells: Sequence[str]) -> str:
        out = []
        for index, cell in enumerate(cells):
            size = len(cell) if cell.isascii() else display_width(cell)
            fill = " " * (widths[index] - size)
            if index in right:
                out.append(fill + cell)
            elif index < last:
                out.append(cell + fill)
            else:
                out.append(cell)
        return GAP.join(out).rstrip()

    yield line(listing.columns)
    for cells in texts:
        yield line(cells)


def print_listings(listings: Sequence[Listing], out: TextIO | None = None) -> None:
    """Listings as plain padded columns, each titled one under its title."""
    stream = out if out is not None else sys.stdout
    chunks: list[str] = []
    for listing in listings:
        if listing.title is not None:
            chunks.append(one_line(listing.title).rstrip() + "\n")
        chunks.extend(line + "\n" for line in padded_lines(listing))
    stream.write("".join(chunks))


def print_lines(lines: Iterable[str], out: TextIO | None = None) -> None:
    """Lines of plain text (user text already made printable), with nothing trailing."""
    stream = out if out is not None else sys.stdout
    stream.write("".join(line.rstrip() + "\n" for line in lines))
