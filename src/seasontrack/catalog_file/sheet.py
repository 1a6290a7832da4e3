"""Reading a CSV sheet of seasons: the columns `export --format csv` writes, or just a few.

Rows of one show are gathered into one :class:`ShowImport`; a bad row is an error naming
its line, and reading goes on to the next.

A cell a spreadsheet would run as a formula is written with a leading ``'`` and read back
without it (:func:`neutral_cell`, :func:`original_cell`), so a round trip is exact.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, time
from typing import IO

from seasontrack.catalog_file.reading import SeasonImport, ShowImport
from seasontrack.dates import PartialDate, Precision, check_zone, parse_when
from seasontrack.errors import InvalidInput
from seasontrack.inputs import (
    SeasonInput,
    apply_season_input,
    choose,
    number_within,
    parse_break,
    required_text,
    text_within_bound,
)
from seasontrack.limits import MAX_EPISODES, MAX_LINE, MAX_SEASON
from seasontrack.models import SHOW_STATUSES, TBA, Season, Show

# The columns `export --format csv` writes: one row per season, or per release
# (``--episodes``; not read back).
SEASON_COLUMNS = (
    "show",
    "season",
    "premiere",
    "premiere_precision",
    "finale",
    "finale_precision",
    "episode_count",
    "release",
    "release_time",
    "release_tz",
    "network",
    "country",
    "status",
    "breaks",
)
# A season's breaks in one cell: "2024-11-28..2024-12-31; 2025-03-06..2025-03-13".
BREAKS_SEPARATOR = "; "
EPISODE_COLUMNS = (
    "show",
    "season",
    "episode",
    "title",
    "release",
    "release_precision",
    "release_tz",
    "premiere",
    "finale",
    "network",
)


# What a cell starts with when a spreadsheet would run it as a formula (OWASP, "CSV
# Injection"): = + - @, a tab or a carriage return.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NEUTRAL = "'"


def neutral_cell(value: str) -> str:
    """A cell as a sheet gets it: one a spreadsheet would run as a formula with ``'`` in
    front (it shows the text as typed). One that starts with ``'`` and then such a
    character, or a second ``'``, gets one too, so that :func:`original_cell` tells them
    apart: "'Allo 'Allo!" stays as it is."""
    if value.startswith(_FORMULA_STARTS) or (
        value.startswith(_NEUTRAL) and value[1:2].startswith((*_FORMULA_STARTS, _NEUTRAL))
    ):
        return _NEUTRAL + value
    return value


def original_cell(text: str) -> str:
    """A cell as :func:`neutral_cell` wrote it, back to the original text."""
    if text.startswith(_NEUTRAL) and text[1:2].startswith((*_FORMULA_STARTS, _NEUTRAL)):
        return text[1:]
    return text


def shows_from_csv(handle: IO[bytes], name: str) -> Iterator[ShowImport | InvalidInput]:
    """Shows from a CSV of seasons: the columns of `export --format csv`, or just a few."""
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    reader = csv.DictReader(_lines(text, name))
    try:
        columns = [c.strip().lower() for c in reader.fieldnames or []]
    except UnicodeDecodeError:
        raise InvalidInput(f"{name}: not UTF-8 text") from None
    if "episode" in columns:
        raise InvalidInput(
            f"{name}: a CSV of episodes cannot be imported; export seasons"
            " (without --episodes) or use JSON"
        )
    missing = [c for c in ("show", "season") if c not in columns]
    if missing:
        raise InvalidInput(
            f"{name}: line 1: the header needs the columns show and season (missing:"
            f" {', '.join(missing)}); also read: premiere, network and the rest of"
            " `export --format csv`"
        )
    reader.fieldnames = columns
    shows: dict[str, ShowImport] = {}
    line = 1
    try:
        for row in reader:
            first_line, line = line + 1, reader.line_num
            where = f"{name}: line {first_line}"
            try:
                title, show, season = _csv_row(row)
            except InvalidInput as exc:
                yield InvalidInput(f"{where}: {exc}")
                continue
            key = title.casefold()
            if key not in shows:
                shows[key] = ShowImport(show=show, where=where)
            known = shows[key]
            if any(s.number == season.number for s in known.seasons):
                yield InvalidInput(f"{where}: {title} season {season.number} appears twice")
                continue
            merged_show = replace(
                known.show,
                network=known.show.network or show.network,
                country=known.show.country or show.country,
                status=known.show.status or show.status,
            )
            shows[key] = replace(known, show=merged_show, seasons=(*known.seasons, season))
    except UnicodeDecodeError:
        yield InvalidInput(f"{name}: line {line + 1}: not UTF-8 text")
    except csv.Error as exc:
        # The record that failed starts on the line after the last one read whole (the
        # reader's own count stops wherever the bad field made it stop).
        yield InvalidInput(f"{name}: line {line + 1}: {exc}")
    yield from shows.values()


def _csv_row(row: dict[str, str | None]) -> tuple[str, Show, SeasonImport]:
    def cell(column: str) -> str | None:
        value = row.get(column)
        if not isinstance(value, str):
            return None
        return original_cell(text_within_bound(value, column)).strip() or None

    title = required_text(cell("show") or "", "show")
    number = _whole(cell("season"), "season", "2", MAX_SEASON)
    if number is None:
        raise InvalidInput("season '' should be a number, like 2")
    count = _whole(cell("episode_count"), "episode_count", "13", MAX_EPISODES)
    release_time = cell("release_time")
    try:
        at = time.fromisoformat(release_time) if release_time else None
    except ValueError:
        raise InvalidInput(f"release_time {release_time!r} should be HH:MM, like 21:00") from None
    zone_name = cell("release_tz")
    breaks_text = cell("breaks")
    given = SeasonInput(
        breaks=(
            None
            if breaks_text is None
            else tuple(
                parse_break(text, "breaks")
                for text in breaks_text.split(BREAKS_SEPARATOR.strip())
                if text.strip()
            )
        ),
        premiere=_csv_date(cell("premiere"), cell("premiere_precision"), "premiere"),
        finale=_csv_date(cell("finale"), cell("finale_precision"), "finale"),
        episode_count=count,
        release_pattern=cell("release"),
        release_time=at,
        release_tz=check_zone(zone_name) if zone_name else None,
    )
    apply_season_input(Season(number=number), given)
    status = cell("status")
    show = Show(
        title=title,
        network=cell("network"),
        country=cell("country"),
        status=choose(status, SHOW_STATUSES, "status") if status else "",
    )
    return title, show, SeasonImport(number, given)


def _whole(text: str | None, column: str, example: str, most: int) -> int | None:
    """A cell holding a whole number from 0 to ``most`` (README, "Bounds"); None if empty."""
    if text is None:
        return None
    if not (text.isascii() and text.isdigit()):
        raise InvalidInput(f"{column} {text!r} should be a number, like {example}")
    digits = text.lstrip("0") or "0"
    # A number of more digits than any bound is out of range whatever it is (and reading
    # thousands of digits as a number costs more than a line of a sheet should).
    return number_within(int(digits) if len(digits) <= 15 else 10**15, column, 0, most)


def _lines(text: IO[str], name: str) -> Iterator[str]:
    """The sheet's lines, each read only up to MAX_LINE characters (bounded memory)."""
    number = 0
    while line := text.readline(MAX_LINE + 1):
        number += 1
        if len(line) > MAX_LINE:
            raise InvalidInput(
                f"{name}: line {number} is longer than {MAX_LINE:,} characters, the most one"
                " line of a sheet may be"
            )
        yield line


def _csv_date(value: str | None, precision: str | None, column: str) -> PartialDate | None:
    """A date cell: with a precision column, the first day of its period; else free text."""
    if value is None:
        return None if precision is None else TBA
    if precision is None:
        return parse_when(value)
    if precision == "minute":
        precision = "day"  # the time is in release_time
    try:
        return PartialDate(Precision(precision), date.fromisoformat(value))
    except ValueError:
        raise InvalidInput(
            f"{column} {value!r} with precision {precision!r} should be the first day of the"
            " period as YYYY-MM-DD, and the precision one of: "
            + ", ".join(p.value for p in Precision)
        ) from None
