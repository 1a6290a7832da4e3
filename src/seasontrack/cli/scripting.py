"""`seasontrack next` and `seasontrack db ...`: one value for a script, and the catalog file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from seasontrack.cli.common import (
    DbOption,
    JsonOption,
    NowOption,
    TitleArg,
    TzOption,
    catalog,
    clock,
    done,
    emit,
)
from seasontrack.config import resolve_db_path
from seasontrack.errors import EXIT_STORE, InvalidInput, NotFound

if TYPE_CHECKING:
    from seasontrack.clock import Clock
    from seasontrack.services.timeline import Upcoming

NEXT_FIELDS = (
    "show",
    "season",
    "episode",
    "code",
    "when",
    "date",
    "time",
    "datetime",
    "countdown",
    "days",
    "days_latest",
    "hours",
    "seconds",
    "precision",
    "complete",
)


def next_command(
    title: TitleArg,
    field: Annotated[
        str | None,
        typer.Option(
            "--field", "-f", metavar="FIELD", help=f"Print only this: {', '.join(NEXT_FIELDS)}."
        ),
    ] = None,
    as_json: JsonOption = False,
    now: NowOption = None,
    tz: TzOption = None,
    db: DbOption = None,
) -> None:
    """The show's next release, as one line, or one value with --field (for scripts).

    Exits 1, printing nothing, when nothing is known to come or the value is not known yet.
    """
    if field is not None and field not in NEXT_FIELDS:
        from seasontrack.inputs import did_you_mean

        raise InvalidInput(
            f"--field {field!r} is not one of: {', '.join(NEXT_FIELDS)}"
            f"{did_you_mean(field, NEXT_FIELDS)}"
        )
    from seasontrack.services import timeline

    at = clock(now, tz)
    with catalog(db) as conn:
        item = timeline.countdown_target(conn, title, None, at.now, at.zone.tzinfo)

    def as_data(found: Upcoming) -> object:
        from seasontrack.render.json_views import next_json

        return next_json(found, at)

    def line(found: Upcoming) -> str:
        values = _next_values(found, at)
        if field is None:
            return f"{values['show']} {values['code']} {values['when']} ({values['countdown']})"
        if values[field] == "":
            raise NotFound(f"the {field} of {values['show']} {values['code']} is not known yet")
        return values[field]

    emit(item, as_json=as_json, json=as_data, line=line)


def _next_values(item: Upcoming, at: Clock) -> dict[str, str]:
    release = item.release
    view = at.view(release.when, release.release_tz)
    local = view.local
    span = view.span
    seconds = view.seconds
    days, days_latest = view.days, view.days_latest
    exact = span.earliest.astimezone(at.zone.tzinfo) if span and span.exact else None
    complete = at.view(item.complete, release.release_tz).local
    return {
        "show": release.show,
        "season": str(release.season),
        "episode": str(release.first_episode) if release.first_episode else "",
        "code": release.code(),
        "when": local.label(),
        "date": local.start.isoformat() if local.start and local.start == local.end else "",
        "time": local.time.strftime("%H:%M") if local.time else "",
        "datetime": exact.isoformat() if exact else "",
        "countdown": view.countdown,
        "days": str(days) if days is not None else "",
        "days_latest": str(days_latest) if days_latest is not None else "",
        "hours": str(seconds // 3600) if seconds is not None else "",
        "seconds": str(seconds) if seconds is not None else "",
        "precision": release.when.precision.value,
        "complete": complete.label() if complete.start else "",
    }


db_app = typer.Typer(help="The catalog file: where it is, a check, a backup.", no_args_is_help=True)


@db_app.command("path")
def db_path(db: DbOption = None) -> None:
    """Print where the catalog file is (or will be)."""
    typer.echo(str(resolve_db_path(db)))


@db_app.command("check")
def db_check(db: DbOption = None) -> None:
    """Check the catalog file's integrity; exit 3 if it is damaged."""
    from seasontrack.store.maintenance import check

    with catalog(db) as conn:
        report = check(conn)
    for line in report.problems:
        typer.echo(line, err=True)
    typer.echo(report.summary)
    if report.problems:
        raise typer.Exit(EXIT_STORE)


@db_app.command("backup")
def db_backup(
    file: Annotated[Path, typer.Argument(help="Where to write the copy.", dir_okay=False)],
    db: DbOption = None,
) -> None:
    """Copy the catalog with SQLite's online backup: safe while another seasontrack writes."""
    from seasontrack.store.maintenance import backup

    source = resolve_db_path(db)
    if file.exists() and file.resolve() == source.resolve():
        raise InvalidInput(f"{file} is the catalog itself; give another file")
    with catalog(db) as conn:
        backup(conn, file)
    done(f"Backed up {source} to {file}.")
