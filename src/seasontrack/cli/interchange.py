"""`seasontrack export` and `import`: the catalog in and out, as JSON, CSV or ICS."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from seasontrack.cli.common import DbOption, NowOption, TzOption, catalog, clock, done
from seasontrack.errors import InvalidInput

FORMATS = ("json", "csv", "ics")


def export_command(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to this file instead of stdout.",
            dir_okay=False,
        ),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="json (everything; what import reads), csv (a spreadsheet) or ics (a calendar)"
            " (default: from the -o file's extension, else json).",
            show_default=False,
        ),
    ] = None,
    show: Annotated[
        list[str] | None,
        typer.Option("--show", "-s", metavar="TITLE", help="Only this show (repeatable)."),
    ] = None,
    within: Annotated[
        str | None,
        typer.Option(
            "--within",
            "-w",
            metavar="SPAN",
            help="csv/ics: only releases from now within a span: 30d, 2w, 12h.",
        ),
    ] = None,
    episodes: Annotated[
        bool, typer.Option("--episodes", help="csv: one row per release, not per season.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="json/ics: processes sharing a big catalog's work (default: the cores, up to 4).",
        ),
    ] = None,
    now: NowOption = None,
    tz: TzOption = None,
    db: DbOption = None,
) -> None:
    """Write the catalog as JSON, CSV or an ICS calendar (to stdout or -o FILE)."""
    from seasontrack.services import exporting

    chosen = _format(format, output)
    at = clock(now, tz)
    until = None
    if within is not None:
        if chosen == "json":
            raise InvalidInput("--within is for csv and ics; json exports whole shows")
        from seasontrack.clock import parse_span
        from seasontrack.countdown import later
        from seasontrack.dates import DateInputError

        try:
            until = later(at.now, parse_span(within))
        except DateInputError as exc:
            raise InvalidInput(f"--within: {exc}") from None
    if episodes and chosen != "csv":
        raise InvalidInput("--episodes is for csv; json and ics always hold every release")
    with catalog(db) as conn:
        rows = exporting.show_rows(conn, show)
        with _destination(output, binary=chosen == "ics", excel=chosen == "csv") as out:
            if chosen == "json":
                count = exporting.write_json(conn, out, rows, jobs=jobs)
                what = f"{count} shows"
            elif chosen == "csv":
                count = exporting.write_csv(conn, out, rows, at, episodes=episodes, until=until)
                what = f"{count} rows"
            else:
                report = exporting.write_ics(conn, out, rows, at, until=until, jobs=jobs)
                what = f"{report.events} events"
                if report.without_day:
                    typer.echo(
                        f"Left out {report.without_day} releases known only to the month,"
                        " season or year, or TBA.",
                        err=True,
                    )
    if output is not None:
        done(f"Exported {what} to {output}.")


def _format(given: str | None, output: Path | None) -> str:
    if given is None:
        suffix = output.suffix.lower().lstrip(".") if output else ""
        return suffix if suffix in FORMATS else "json"
    chosen = given.strip().lower()
    if chosen not in FORMATS:
        from seasontrack.inputs import did_you_mean

        raise InvalidInput(
            f"--format {given!r} is not one of: {', '.join(FORMATS)}{did_you_mean(given, FORMATS)}"
        )
    return chosen


@contextmanager
def _destination(path: Path | None, *, binary: bool, excel: bool) -> Iterator[IO[Any]]:
    """stdout, or a file that replaces ``path`` only once complete (a reader never sees half)."""
    if path is None:
        if binary:
            yield sys.stdout.buffer
            sys.stdout.buffer.flush()
        else:
            yield sys.stdout
        return
    folder = path.parent if str(path.parent) else Path(".")
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        out: IO[Any]
        if binary:
            out = os.fdopen(handle, "wb")
        else:
            # A spreadsheet app reads a CSV file as UTF-8 only when it starts with the BOM.
            encoding = "utf-8-sig" if excel else "utf-8"
            out = os.fdopen(handle, "w", encoding=encoding, newline="")
        with out:
            yield out
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
        temporary = None
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror}") from None
    finally:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)


def _mode_for(path: Path) -> int:
    """The mode a plain write would give: the old file's, or 0666 less the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def import_command(
    file: Annotated[
        Path, typer.Argument(help="A JSON catalog (from export) or a CSV sheet of seasons.")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would change; change nothing.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Merge a JSON catalog or a CSV sheet into this one, all or nothing.

    Shows are matched by title or alias, seasons by number. A CSV needs at least the columns
    show and season; premiere, network and the other columns of `export --format csv` are read
    when present.
    """
    from seasontrack.services.interchange import import_file

    with catalog(db) as conn:
        report = import_file(conn, file, dry_run=dry_run)
    lead = "Would import" if dry_run else "Imported"
    done(
        f"{lead} {file}: {len(report.added)} added, {len(report.changed)} changed,"
        f" {len(report.unchanged)} unchanged."
    )
    if dry_run:
        for label, titles in (("added", report.added), ("changed", report.changed)):
            for title in titles:
                done(f"  {label}: {title}")
