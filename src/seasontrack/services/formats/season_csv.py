"""`export --format csv`: a spreadsheet, one row per season (per release, with --episodes).

The season rows are the sheet `import` reads back; the columns are the catalog file's
(``seasontrack.catalog_file.sheet``). No cell is written that a spreadsheet would run as a
formula: such a text gets a leading ``'`` (``neutral_cell``), which import takes off again.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterable
from typing import IO

from seasontrack.catalog_file.sheet import (
    BREAKS_SEPARATOR,
    EPISODE_COLUMNS,
    SEASON_COLUMNS,
    neutral_cell,
)
from seasontrack.dates import PartialDate
from seasontrack.services.exporting import iter_shows, releases
from seasontrack.services.formats import ExportFormat, ExportRequest, Written


def iso(when: PartialDate) -> str:
    """A date for a spreadsheet: its first day, or its moment with offset; "" for TBA."""
    instant = when.instant()
    if instant is not None:
        return instant.isoformat()
    return when.start.isoformat() if when.start else ""


def write_csv(conn: sqlite3.Connection, out: IO[str], request: ExportRequest) -> Written:
    """One row per season (per release, with ``episodes``)."""
    rows, clock, until = request.rows, request.clock, request.until
    writer = csv.writer(out, lineterminator="\r\n")
    count = 0
    if request.episodes:
        writer.writerow(EPISODE_COLUMNS)
        for item in releases(conn, rows, clock, until):
            release = item.release
            writer.writerow(
                _neutral(
                    [
                        release.show,
                        release.season,
                        release.first_episode or "",
                        release.episode_title or "",
                        iso(release.when),
                        release.when.precision.value,
                        release.when.tz or release.release_tz or "",
                        "yes" if release.premiere else "",
                        "yes" if release.finale else "",
                        release.network or "",
                    ]
                )
            )
            count += 1
        return Written(count, "rows")
    writer.writerow(SEASON_COLUMNS)
    for show in iter_shows(conn, rows):
        for season in show.seasons:
            if until is not None and not clock.view(
                season.premiere_moment, season.release_tz
            ).overlaps(until):
                continue
            writer.writerow(
                _neutral(
                    [
                        show.title,
                        season.number,
                        season.premiere.start.isoformat() if season.premiere.start else "",
                        season.premiere.precision.value,
                        season.finale.start.isoformat() if season.finale.start else "",
                        season.finale.precision.value,
                        "" if season.episode_count is None else season.episode_count,
                        season.release_pattern,
                        season.release_time.strftime("%H:%M") if season.release_time else "",
                        season.release_tz or "",
                        show.network or "",
                        show.country or "",
                        show.status,
                        BREAKS_SEPARATOR.join(f"{first}..{last}" for first, last in season.breaks),
                    ]
                )
            )
            count += 1
    return Written(count, "rows")


def _neutral(row: Iterable[object]) -> list[object]:
    """A row with its text cells neutral: no formula a spreadsheet would run."""
    return [neutral_cell(cell) if isinstance(cell, str) else cell for cell in row]


# A spreadsheet app reads a CSV file as UTF-8 only when it starts with the BOM.
FORMAT = ExportFormat(
    "csv", write_csv, encoding="utf-8-sig", accepts=frozenset({"within", "episodes"})
)
