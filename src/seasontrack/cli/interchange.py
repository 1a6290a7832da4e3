"""`seasontrack export` and `import`: the catalog in and out, as JSON, CSV or ICS."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

from seasontrack.cli.common import (
    DbOption,
    JsonOption,
    NowOption,
    TzOption,
    catalog,
    clock,
    done,
    print_json,
    span_option,
)
from seasontrack.errors import InvalidInput

if TYPE_CHECKING:
    from datetime import datetime

    from seasontrack.services.formats import ExportFormat


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
    followed: Annotated[
        bool, typer.Option("--followed", help="ics: only the shows you follow.")
    ] = False,
    only: Annotated[
        str | None,
        typer.Option(
            "--only",
            metavar="KINDS",
            help="ics: only these events, a comma list of premieres, finales, episodes and"
            " complete (a season's last episode out) (default: every release, no complete).",
            show_default=False,
        ),
    ] = None,
    past: Annotated[
        str | None,
        typer.Option(
            "--past", metavar="SPAN", help="ics: only events from this long ago on: 30d, 2w."
        ),
    ] = None,
    future: Annotated[
        str | None,
        typer.Option(
            "--future", metavar="SPAN", help="ics: only events up to this far ahead: 365d, 8w."
        ),
    ] = None,
    all_day: Annotated[
        bool,
        typer.Option("--all-day", help="ics: every event all day, on its day where you are."),
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
    from seasontrack.services import exporting, formats

    chosen = formats.export_format(_format(format, output))
    at = clock(now, tz)
    given = {
        "within": within is not None,
        "episodes": episodes,
        "followed": followed,
        "past": past is not None,
        "future": future is not None,
        "only": only is not None,
        "all_day": all_day,
    }
    for option in (name for name, there in given.items() if there):
        _check_accepts(chosen, option)
    since, until = _window(at.now, within, past, future)
    kinds = _kinds(only)
    from seasontrack.render.progress import amount_progress

    with catalog(db, read_only=True) as conn:
        rows = exporting.show_rows(conn, show, followed=followed)
        # A bar (on a terminal) only when what is written goes elsewhere.
        elsewhere = output is not None or not sys.stdout.isatty()
        with amount_progress("Exporting", len(rows), elsewhere) as advance:
            request = formats.ExportRequest(
                rows,
                at,
                since=since,
                until=until,
                episodes=episodes,
                kinds=kinds,
                all_day=all_day,
                jobs=jobs if "jobs" in chosen.accepts else None,
                progress=advance,
            )
            with _destination(output, binary=chosen.binary, encoding=chosen.encoding) as out:
                written = chosen.write(conn, out, request)
        if written.note:
            typer.echo(written.note, err=True)
    if output is not None:
        done(f"Exported {written.amount} {written.unit} to {output}.")


def _window(
    now: datetime, within: str | None, past: str | None, future: str | None
) -> tuple[datetime | None, datetime | None]:
    """The moments an export runs from and to (None: open): --within from now, or --past
    back and --future ahead of now."""
    if within is not None and (past is not None or future is not None):
        raise InvalidInput(
            "--within SPAN is --past 0d --future SPAN; give --within, or --past and --future"
        )
    if within is None and past is None and future is None:
        return None, None
    from seasontrack.countdown import later

    if within is not None:
        return now, later(now, span_option(within, "--within"))
    since = None if past is None else later(now, -span_option(past, "--past"))
    until = None if future is None else later(now, span_option(future, "--future"))
    return since, until


def _kinds(only: str | None) -> frozenset[str] | None:
    """The kinds of event --only names (a comma list), each checked."""
    if only is None:
        return None
    from seasontrack.inputs import choose
    from seasontrack.services.formats.ics_feed import FEED_KINDS

    kinds = [part.strip() for part in only.split(",") if part.strip()]
    if not kinds:
        raise InvalidInput(f"--only names no kind; give some of: {', '.join(FEED_KINDS)}")
    return frozenset(choose(kind, FEED_KINDS, "--only") for kind in kinds)


def _check_accepts(chosen: ExportFormat, option: str) -> None:
    if option not in chosen.accepts:
        from seasontrack.services.formats import refusal

        raise InvalidInput(refusal(option))


def _format(given: str | None, output: Path | None) -> str:
    from seasontrack.services.formats import FORMATS

    if given is None:
        suffix = output.suffix.lower().lstrip(".") if output else ""
        return suffix if suffix in FORMATS else "json"
    chosen = given.strip().lower()
    if chosen not in FORMATS:
        from seasontrack.inputs import did_you_mean

        names = list(FORMATS)
        raise InvalidInput(
            f"--format {given!r} is not one of: {', '.join(names)}{did_you_mean(given, names)}"
        )
    return chosen


class _Terminal:
    """stdout when it is a terminal: what an export writes, with the control characters
    a title may hold (an escape sequence, a clipboard write) shown as escapes, as every
    other command shows them; line ends as the terminal's."""

    def __init__(self) -> None:
        import codecs

        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.held = ""  # a carriage return that may start the next write's line end

    def write(self, data: str | bytes) -> int:
        text = self.held + (data if isinstance(data, str) else self.decoder.decode(data))
        self.held = "\r" if text.endswith("\r") else ""
        self._show(text[: len(text) - len(self.held)])
        return len(data)

    def close(self) -> None:
        self._show(self.held + self.decoder.decode(b"", final=True))
        self.held = ""
        sys.stdout.flush()

    def _show(self, text: str) -> None:
        from seasontrack.printable import safe

        sys.stdout.write(safe(text.replace("\r\n", "\n")))


@contextmanager
def _destination(path: Path | None, *, binary: bool, encoding: str) -> Iterator[IO[Any]]:
    """stdout, or a file that replaces ``path`` only once complete (a reader never sees half).

    A file or a pipe gets the bytes exactly; a terminal sees them made safe (:class:`_Terminal`).
    """
    if path is None and sys.stdout.isatty():
        terminal = _Terminal()
        yield terminal  # type: ignore[misc]
        terminal.close()
        return
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
        Path,
        typer.Argument(
            help="A JSON catalog (from export), a CSV sheet of seasons, or a TV Time or Trakt"
            " export (a zip, a folder or a file).",
            metavar="PATH",
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would change; change nothing.")
    ] = False,
    source: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="FORMAT",
            help="What the file is: tvtime, trakt, seasontrack or csv (default: recognised"
            " from its content).",
            show_default=False,
        ),
    ] = None,
    offline: Annotated[
        bool,
        typer.Option(
            "--offline",
            help="A history: keep its shows by name, for sync or fetch to link later (also:"
            " SEASONTRACK_OFFLINE=1).",
        ),
    ] = False,
    as_json: JsonOption = False,
    now: NowOption = None,
    tz: TzOption = None,
    db: DbOption = None,
) -> None:
    """Merge a JSON catalog or a CSV sheet into this one, or bring in a TV Time or Trakt history.

    Shows are matched by title or alias, seasons by number; all or nothing.

    A CSV needs the columns show and season; the others of `export --format csv` are read too.

    A history's shows are looked up on TVmaze, and their episodes marked watched on their days.
    """
    from seasontrack.histories import HISTORY_FORMATS, recognise

    kind = recognise(file, source)
    if kind in HISTORY_FORMATS:
        from seasontrack.cli.histories import import_history

        import_history(
            file, kind, dry_run=dry_run, offline=offline, as_json=as_json, now=now, tz=tz, db=db
        )
        return
    from seasontrack.render.progress import import_progress
    from seasontrack.services.interchange import import_file

    at = clock(now, tz)
    with catalog(db, now=at.now) as conn, import_progress(_size(file)) as progress:
        report = import_file(conn, file, dry_run=dry_run, progress=progress, kind=kind)
    if as_json:
        print_json(
            {
                "dry_run": dry_run,
                "added": report.added,
                "changed": report.changed,
                "unchanged": report.unchanged,
            }
        )
        return
    lead = "Would import" if dry_run else "Imported"
    done(
        f"{lead} {file}: {len(report.added)} added, {len(report.changed)} changed,"
        f" {len(report.unchanged)} unchanged."
    )
    if dry_run:
        for label, titles in (("added", report.added), ("changed", report.changed)):
            for title in titles:
                done(f"  {label}: {title}")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
