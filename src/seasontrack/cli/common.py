"""What the commands share: their common options, opening the catalog, and JSON output.

Only typer and the standard library are imported at module level; Rich (via
``seasontrack.render``) is imported by the commands that draw, when they draw.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from seasontrack.clock import NOW_ENV, TZ_ENV, Clock, current_time, user_zone
from seasontrack.config import DB_ENV, backup_folder, resolve_db_path
from seasontrack.dates import DateInputError, PartialDate, check_zone, parse_when
from seasontrack.errors import EXIT_OK, InvalidInput
from seasontrack.limits import MAX_SEASON

if TYPE_CHECKING:
    from seasontrack.render.base import Screen
    from seasontrack.render.columns import Listing, Section


def complete_title(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of show titles and aliases, from the catalog in use."""
    try:
        from seasontrack import store

        with catalog(ctx.params.get("db"), read_only=True) as conn:
            names = sorted({name for name, _ in store.shows.all_show_names(conn)})
    except Exception:
        return []
    wanted = incomplete.casefold()
    return [name for name in names if name.casefold().startswith(wanted)]


TitleArg = Annotated[
    str,
    typer.Argument(
        help="The show's title, an alias, or a unique prefix.",
        autocompletion=complete_title,
        show_default=False,
    ),
]
DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        envvar=DB_ENV,
        metavar="FILE",
        help="Catalog file to use [default: seasontrack.db in the user data folder].",
        show_default=False,
        dir_okay=False,
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON (the shape is in the README) instead of text.")
]
NowOption = Annotated[
    str | None,
    typer.Option(
        "--now",
        envvar=NOW_ENV,
        metavar="WHEN",
        help="Answer as if it were this moment, e.g. '2018-03-05 12:00' [default: the clock].",
        show_default=False,
    ),
]
TzOption = Annotated[
    str | None,
    typer.Option(
        "--tz",
        envvar=TZ_ENV,
        metavar="ZONE",
        help="Time zone to show times in, an IANA name like Europe/Berlin [default: the system's].",
        show_default=False,
    ),
]
SeasonArg = Annotated[int, typer.Argument(help="Season number.", min=0, max=MAX_SEASON)]
SeasonOption = Annotated[
    int | None,
    typer.Option(
        "--season",
        "-s",
        min=0,
        max=MAX_SEASON,
        metavar="N",
        help="The season it is about (default: the whole show).",
    ),
]
NetworkFilterOption = Annotated[
    str | None,
    typer.Option("--network", metavar="NAME", help="Only shows on this network or platform."),
]
PlainOption = Annotated[
    bool,
    typer.Option("--plain", help="Tab-separated columns, one record per line, no header."),
]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
NoPagerOption = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="On a terminal, print everything even when it is longer than the screen"
        " (default: page it with SEASONTRACK_PAGER, $PAGER or less -FRX).",
    ),
]
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        metavar="TEMPLATE",
        help="One line per release from a template of fields, as remind --format takes:"
        " '{show} {code} {date}'.",
        show_default=False,
    ),
]


@contextmanager
def catalog(
    db: Path | None,
    *,
    read_only: bool = False,
    patient: bool = False,
    now: datetime | None = None,
) -> Iterator[sqlite3.Connection]:
    """The catalog connection for one command: ``read_only`` for a command that only reads;
    ``patient`` for one that cron runs, which waits for a long import to finish; ``now``, the
    moment a writing command goes by (its ``--now``), which its writes are recorded at."""
    from seasontrack.store import open_catalog

    with open_catalog(
        resolve_db_path(db), read_only=read_only, patient=patient, backups=backup_folder, now=now
    ) as conn:
        yield conn


def when_option(text: str | None, option: str, default_tz: str | None = None) -> PartialDate | None:
    """A date option read with its precision; a bad one is an error naming the option."""
    if text is None:
        return None
    try:
        return parse_when(text, default_tz=default_tz)
    except DateInputError as exc:
        raise InvalidInput(f"{option}: {exc}") from None


def time_option(text: str | None, option: str = "--time") -> time | None:
    if text is None:
        return None
    try:
        parsed = time.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(
            f"{option} {text!r} is not a time of day; write it as HH:MM, like 21:00"
        ) from None
    return parsed.replace(second=0, microsecond=0)


def zone_option(text: str | None, option: str = "--tz") -> str | None:
    if text is None:
        return None
    return _read_option(text, option, check_zone)


def span_option(text: str, option: str) -> timedelta:
    """A span of time such as 30d, 2w or 12h; a bad one is an error naming the option."""
    from seasontrack.clock import parse_span

    return _read_option(text, option, parse_span)


def offset_option(text: str | None, option: str = "--offset") -> timedelta | None:
    """A signed span such as +1d, -3h or +1d6h (0: none); a bad one is an error naming the
    option and showing the form."""
    if text is None:
        return None
    from seasontrack.clock import parse_offset

    return _read_option(text, option, parse_offset)


R = TypeVar("R")


def _read_option(text: str, option: str, read: Callable[[str], R]) -> R:
    try:
        return read(text)
    except DateInputError as exc:
        raise InvalidInput(f"{option}: {exc}") from None


def clock(now: str | None, tz: str | None) -> Clock:
    """The injected (or real) now, and the zone to show times in."""
    try:
        where = user_zone(tz)
    except DateInputError as exc:
        raise InvalidInput(f"--tz: {exc}") from None
    try:
        return Clock(current_time(now, where), where)
    except DateInputError as exc:
        raise InvalidInput(f"--now: {exc}") from None


def checked_template(template: str | None, as_json: bool, plain: bool) -> str | None:
    """A listing's ``--format`` template, checked before the catalog is read: only known
    fields, and not with --json or --plain."""
    if template is None:
        return None
    if as_json or plain:
        raise InvalidInput(f"give --format or {'--json' if as_json else '--plain'}, not both")
    from seasontrack.fields import check_template

    return check_template(template)


def print_json(data: Any) -> None:
    """JSON on stdout: UTF-8, two-space indent, one trailing newline."""
    import json  # only the commands given --json pay for it
    import re

    text = json.dumps(data, indent=2, ensure_ascii=False)
    # json escapes the C0 controls but not DEL and C1 (a terminal may act on U+009B, CSI):
    # escaped here too, the same JSON to any reader.
    sys.stdout.write(re.sub("[\x7f-\x9f]", lambda m: f"\\u{ord(m[0]):04x}", text) + "\n")


def screen(*, pager: bool = False) -> Screen:
    from seasontrack.render.base import Screen

    return Screen(pager=pager)


def done(line: str) -> None:
    """A one-line confirmation of a change, literal (no markup), on stdout."""
    from seasontrack.render import safe

    typer.echo(safe(line))


def confirm(question: str, yes: bool, *, doing: str = "removing anything") -> None:
    """Ask before a removal (or another change ``doing`` names); without a terminal to ask
    on, --yes is required."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise InvalidInput(f"not {doing} without confirmation; add --yes")
    from seasontrack.render import safe

    if not typer.confirm(safe(question), default=False):
        typer.echo(f"Not {doing}.", err=True)
        raise typer.Exit(EXIT_OK)


def print_rows(rows: list[list[str]]) -> None:
    """Tab-separated records for scripts; tabs and line breaks inside values are escaped."""
    from seasontrack.render import one_line

    for row in rows:
        sys.stdout.write("\t".join(one_line(cell) for cell in row) + "\n")


T = TypeVar("T")


def named(value: object, clear: bool, option: str, clearing: str) -> bool:
    """Whether an edit names a detail: by its option (``--note TEXT``: set it) or by the
    flag that clears it (``--no-note``); not both. A detail not named stays as it is."""
    if value is not None and clear:
        raise InvalidInput(f"give {option} or {clearing}, not both")
    return value is not None or clear


def emit(
    found: T,
    *,
    json: Callable[[T], Any],
    as_json: bool = False,
    plain: bool = False,
    rows: Callable[[T], list[list[str]]] | None = None,
    line: Callable[[T], str] | None = None,
    draw: Callable[[Screen, T], object] | None = None,
    listing: Callable[[T], list[Listing]] | None = None,
    sections: Callable[[T], list[Section]] | None = None,
    lines: Callable[[T], list[str]] | None = None,
    template: str | None = None,
    fields: Callable[[T], Iterable[dict[str, str]]] | None = None,
    empty: str | None = None,
    pager: bool = False,
) -> None:
    """Print ``found``: as ``json(found)`` with ``--json``; as ``rows(found)`` with
    ``--plain``; one line per ``fields(found)`` from ``template`` with ``--format``;
    otherwise, unless it is empty (falsy: ``empty`` is then said on stderr), as
    ``line(found)`` (one literal line, nothing drawn), as ``listing(found)`` (plain padded
    columns when piped, without Rich; drawn on a terminal) or ``sections(found)`` (labelled
    fields, likewise), as ``lines(found)`` when piped,
    or ``draw(screen, found)``. On a terminal, with ``pager``, output longer than the
    screen goes through the pager."""
    if as_json:
        print_json(json(found))
        return
    if template is not None and fields is not None:
        from seasontrack.fields import fill

        sys.stdout.write("".join(fill(template, each) + "\n" for each in fields(found)))
        return
    if plain and rows is not None:
        print_rows(rows(found))
        return
    if not found:
        if empty:
            typer.echo(empty, err=True)
        return
    if line is not None:
        from seasontrack.render import safe

        typer.echo(safe(line(found)))
        return
    from seasontrack.render.columns import (
        fancy_output,
        print_lines,
        print_listings,
        print_sections,
    )

    fancy = fancy_output()
    if listing is not None and not fancy:
        print_listings(listing(found))
        return
    if sections is not None and not fancy:
        print_sections(sections(found))
        return
    if lines is not None and not fancy:
        print_lines(lines(found))
        return
    view = screen(pager=pager)
    try:
        if listing is not None:
            view.listings(listing(found))
        elif sections is not None:
            view.sections(sections(found))
        elif draw is not None:
            draw(view, found)
    finally:
        view.close()
