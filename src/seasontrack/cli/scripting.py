"""`seasontrack next` and `seasontrack db ...`: one value for a script, and the catalog file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from seasontrack.cli.common import (
    DbOption,
    JsonOption,
    NowOption,
    TitleArg,
    TzOption,
    YesOption,
    catalog,
    clock,
    confirm,
    done,
    emit,
)
from seasontrack.config import backup_folder, resolve_db_path
from seasontrack.errors import EXIT_STORE, InvalidInput, NotFound

if TYPE_CHECKING:
    from seasontrack.clock import Clock
    from seasontrack.services.timeline import Upcoming
    from seasontrack.store.reminders import Claim

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
    with catalog(db, read_only=True) as conn:
        item = timeline.countdown_target(conn, title, None, at.now, at.zone.tzinfo)

    def as_data(found: Upcoming) -> object:
        from seasontrack.render.json_views import next_json

        return next_json(found, at)

    def line(found: Upcoming) -> str:
        values = _next_values(found, at)
        if field is None:
            return (
                f"{values['show']} {found.release.label()} {values['when']} ({values['countdown']})"
            )
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


db_app = typer.Typer(
    help="The catalog file: where it is, a check, a backup, the copies kept, a restore.",
    no_args_is_help=True,
)


@db_app.command("path")
def db_path(db: DbOption = None) -> None:
    """Print where the catalog file is (or will be)."""
    typer.echo(str(resolve_db_path(db)))


@db_app.command("check")
def db_check(now: NowOption = None, tz: TzOption = None, db: DbOption = None) -> None:
    """Check the catalog file's integrity; exit 3 if it is damaged.

    Also lists reminders claimed by a `remind` that stopped before recording them (more than
    an hour from now, by --now): the next `remind` sends them.
    """
    from seasontrack.services.reminders import stale_claims
    from seasontrack.store.maintenance import check

    at = clock(now, tz)
    with catalog(db, read_only=True) as conn:
        report = check(conn)
        stale = [] if report.problems else stale_claims(conn, at)
    for line in report.problems:
        typer.echo(line, err=True)
    typer.echo(report.summary)
    for line in stale_lines(stale, at):
        done(line)
    if report.problems:
        raise typer.Exit(EXIT_STORE)


def stale_lines(claims: list[Claim], at: Clock) -> list[str]:
    """One line per release with stale claims (a release's claim covers several leads)."""
    from seasontrack.services.reminders import lead_label

    def moment(key: str) -> str:
        if not key.endswith("Z"):
            return key
        when = datetime.strptime(key, "%Y-%m-%dT%H:%MZ").replace(tzinfo=UTC)
        return f"{when.astimezone(at.zone.tzinfo):%Y-%m-%d %H:%M %Z}"

    def channel_label(channel: str) -> str:
        # Notification channels are named by a hash of their URL, which may hold a secret.
        return " by notification" if channel.startswith("notify:") else f" on {channel}"

    releases: dict[tuple[str, int, int, str, str, float, str], set[int]] = {}
    for claim in claims:
        key = claim.key
        group = (
            claim.show,
            key.season,
            key.episode,
            key.release_at,
            key.channel,
            claim.claimed_at,
            key.kind,
        )
        releases.setdefault(group, set()).add(key.lead_minutes)
    lines = []
    for (show, season, episode, release_at, channel, claimed_at, kind), leads in releases.items():
        code = f"S{season}" + (f"E{episode}" if episode else "")
        listed = ", ".join(lead_label(timedelta(minutes=m)) for m in sorted(leads))
        claimed = datetime.fromtimestamp(claimed_at, at.zone.tzinfo)
        sent_on = channel_label(channel) if channel else ""
        # A season's news (complete, dated, announced) has no lead to name.
        what = f"lead {listed}" if kind == "release" else f"{kind} alert"
        lines.append(
            f"stale claim: {show} {code} ({moment(release_at)}){sent_on}, {what}: claimed"
            f" {claimed:%Y-%m-%d %H:%M %Z} by a remind that stopped; the next remind sends it"
        )
    return lines


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
    with catalog(db, read_only=True) as conn:
        backup(conn, file)
    done(f"Backed up {source} to {file}.")


@db_app.command("backups")
def db_backups(tz: TzOption = None, db: DbOption = None) -> None:
    """List the copies kept before upgrades, imports and restores, newest first.

    Each line is the copy's file (for `db restore`), when it was made and why.
    """
    from seasontrack.store.maintenance import list_backups

    at = clock(None, tz)
    found = list_backups(backup_folder(), resolve_db_path(db))
    if not found:
        typer.echo("No copies kept yet: one is made before each upgrade and import.", err=True)
        return
    for kept in found:
        made = kept.made.astimezone(at.zone.tzinfo)
        done(f"{kept.path}\t{made:%Y-%m-%d %H:%M %Z}\tbefore {kept.reason}")


@db_app.command("restore")
def db_restore(
    file: Annotated[
        Path, typer.Argument(help="The copy to put back (see db backups).", dir_okay=False)
    ],
    yes: YesOption = False,
    db: DbOption = None,
) -> None:
    """Put a copy of the catalog back, after checking it; the catalog as it was is kept.

    The copy must be a sound seasontrack catalog (a full integrity check), of a schema this
    version reads.
    """
    from seasontrack.store.maintenance import describe, restore

    target = resolve_db_path(db)
    if target.exists() and file.resolve() == target.resolve():
        raise InvalidInput(f"{file} is the catalog itself; give a copy of it")
    found = describe(file)
    confirm(
        f"Replace the catalog {target} with {file} ({found.shows} shows)?",
        yes,
        doing="replacing the catalog",
    )
    kept = restore(file, target, backup_folder())
    done(f"Restored {target} from {file} ({found.shows} shows, schema {found.schema}).")
    if kept is not None:
        done(f"The catalog as it was is kept in {kept}.")
