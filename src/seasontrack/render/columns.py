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
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from seasontrack.printable import one_line, safe

# A run of text in a style ("bold", "dim", "" for none).
Part = tuple[str, str]
# A cell: a plain string, or a run of parts (each part's text taken literally).
Cell = str | tuple[Part, ...]

# A run of styled text: what a cell holds when it is not a plain string.
Styled = tuple[Part, ...]

# Between two columns, as Rich pads them (one space each side).
GAP = "  "


def styled(*parts: tuple[str | None, str] | str | None) -> Styled:
    """A run from plain strings and (string, style) pairs; None is left out."""
    run: list[Part] = []
    for part in parts:
        if part is None:
            continue
        if isinstance(part, tuple):
            run.append((part[0] or "", part[1]))
        else:
            run.append((part, ""))
    return tuple(run)


@dataclass
class Listing:
    """A table before it is drawn: headers, rows of cells, and the title of its section
    (a line above it, when it is one of several)."""

    columns: Sequence[str]
    rows: Sequence[Sequence[Cell]] = field(default_factory=list)
    title: str | None = None
    # Columns whose cells are right-aligned (numbers).
    right: frozenset[int] = frozenset()
    # How many of the last rows are a footer (a total), ruled off on a terminal.
    footer: int = 0
    # Lines under the table.
    notes: Sequence[Cell] = ()


@dataclass
class Lines:
    """A field's value of several lines, each a cell (which may hold line breaks too)."""

    lines: list[Cell]


# A labelled field of a section: a cell, lines, or a table; None or "" leaves it out.
Value = Cell | Lines | Listing
Field = tuple[str, Value | None]


@dataclass
class Section:
    """A titled block of labelled fields, as `info` shows a show or a season."""

    title: str
    fields: list[Field]


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
    for index, cells in enumerate(zip(*rows, strict=False)):
        if cells:
            widest = max(len(cell) if cell.isascii() else display_width(cell) for cell in cells)
            widths[index] = max(widths[index], widest)
    return widths


# What one_line escapes: control characters, line breaks and tabs.
_ESCAPED = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def cell_texts(listing: Listing) -> list[list[str]]:
    """Each row's cells as text, made printable on one line. Most listings hold nothing
    to escape: one look over all of their text says so, sparing a look at each cell."""
    texts = [
        [cell if isinstance(cell, str) else "".join(part[0] for part in cell) for cell in row]
        for row in listing.rows
    ]
    if _ESCAPED.search("".join("".join(cells) for cells in texts)):
        texts = [[one_line(cell) for cell in cells] for cells in texts]
    return texts


def padded_lines(listing: Listing) -> Iterable[str]:
    """The listing's lines: the header, then a line per row, each column padded to its
    display width and two spaces apart, with nothing trailing."""
    texts = cell_texts(listing)
    widths = column_widths(listing.columns, texts)
    right = listing.right
    last = len(widths) - 1
    # A row whose characters are each one cell wide is padded by str.format.
    template = GAP.join(
        f"{{:{'>' if index in right else '<'}{width}}}" for index, width in enumerate(widths)
    )

    def line(cells: Sequence[str]) -> str:
        if "".join(cells).isascii():
            return template.format(*cells).rstrip()
        out = []
        for index, cell in enumerate(cells):
            fill = " " * (widths[index] - display_width(cell))
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
        chunks.extend(line + "\n" for line in _value_lines(Lines(list(listing.notes))))
    stream.write("".join(chunks))


def _value_lines(value: Value) -> list[str]:
    if isinstance(value, Listing):
        return list(padded_lines(value))
    cells = value.lines if isinstance(value, Lines) else [value]
    lines: list[str] = []
    for cell in cells:
        text = cell if isinstance(cell, str) else "".join(part[0] for part in cell)
        lines += safe(text).expandtabs().split("\n")
    return lines


def print_sections(sections: Sequence[Section], out: TextIO | None = None) -> None:
    """Sections as plain text: the title, then each field's label and value, the labels
    padded to the longest one and the lines of a value under its first; a blank line
    between sections."""
    stream = out if out is not None else sys.stdout
    chunks: list[str] = []
    for index, section in enumerate(sections):
        if index:
            chunks.append("\n")
        chunks.append(safe(section.title).rstrip() + "\n")
        shown = [(name, value) for name, value in section.fields if value is not None]
        width = max((display_width(name) for name, _ in shown), default=0)
        for name, value in shown:
            label = name + " " * (width - display_width(name)) + GAP
            for number, line in enumerate(_value_lines(value)):
                lead = label if number == 0 else " " * len(label)
                chunks.append((lead + line).rstrip() + "\n")
    stream.write("".join(chunks))


def print_lines(lines: Iterable[str], out: TextIO | None = None) -> None:
    """Lines of plain text (user text already made printable), with nothing trailing."""
    stream = out if out is not None else sys.stdout
    stream.write("".join(line.rstrip() + "\n" for line in lines))
