"""Export formats: one module each, one line each in :data:`FORMATS`.

A format module defines ``FORMAT``, an :class:`ExportFormat`: its name, whether it writes
bytes, which of the options only some formats take it accepts, and the function that
writes it. `export` looks the format up here and never names one itself.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from importlib import import_module
from typing import IO, Any, NamedTuple

from seasontrack.clock import Clock
from seasontrack.store.shows import ShowRow

# The export formats by name: the module (in this package) that writes each.
FORMATS = {
    "json": "catalog_json",
    "csv": "season_csv",
    "ics": "ics_feed",
}

# The options only some formats take, and what a format without one does instead, said of
# the formats that do without it ("{formats} exports whole shows").
OPTIONS = {
    "within": ("--within", "{formats} export{s} whole shows"),
    "episodes": ("--episodes", "{formats} always hold{s} every release"),
    "followed": ("--followed", "{formats} export{s} every show, or those named with --show"),
    "past": ("--past", "{formats} export{s} whole shows"),
    "future": ("--future", "{formats} export{s} whole shows"),
    "only": ("--only", "{formats} always hold{s} every release"),
    "all_day": ("--all-day", "{formats} keep{s} each release's own date and time"),
}


class ExportRequest(NamedTuple):
    """What to export: the shows (rows, in order) and how, as the options gave it."""

    rows: list[ShowRow]
    clock: Clock
    # Only releases from this moment (``past``, or now with ``within``)...
    since: datetime | None = None
    # ... to this one (``future``, ``within``); None: open.
    until: datetime | None = None
    # One row per release instead of per season (``episodes``).
    episodes: bool = False
    # Worker processes sharing the work (``jobs``); None: as many as pays.
    jobs: int | None = None
    # The kinds of event a calendar feed holds (``only``; None: its default).
    kinds: frozenset[str] | None = None
    # Every event all day (``all_day``).
    all_day: bool = False
    # Told the number of shows written after each batch (a progress bar, when the command
    # draws one).
    progress: Callable[[int], None] | None = None


class Written(NamedTuple):
    """What an export wrote: ``amount`` ``unit`` ("12 shows"), and a note for the user."""

    amount: int
    unit: str
    note: str | None = None


class ExportFormat(NamedTuple):
    """A format `export` writes: see the module docstring."""

    name: str
    write: Callable[[sqlite3.Connection, IO[Any], ExportRequest], Written]
    # Writes bytes (else text).
    binary: bool = False
    # The encoding of a text file written to disk (stdout keeps its own).
    encoding: str = "utf-8"
    # Which of OPTIONS (and "jobs") it takes; --jobs is ignored by a format without it.
    accepts: frozenset[str] = frozenset()


def export_format(name: str) -> ExportFormat:
    """The format called ``name`` (one of :data:`FORMATS`)."""
    module = import_module(f"{__name__}.{FORMATS[name]}")
    found: ExportFormat = module.FORMAT
    return found


def refusal(option: str) -> str:
    """Why ``option`` does not go with a format: which formats take it, what the others do."""
    flag, instead = OPTIONS[option]
    takers = [name for name in FORMATS if option in export_format(name).accepts]
    others = [name for name in FORMATS if name not in takers]
    return f"{flag} is for {_and(takers)}; " + instead.format(
        formats=_and(others), s="s" if len(others) == 1 else ""
    )


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
