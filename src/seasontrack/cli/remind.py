"""`seasontrack remind` and `cron`: reminders that cron can run unattended.

`remind` only reads its options and picks a delivery channel (``seasontrack.channels``);
the reminder service claims what is due, delivers it through the channel and records it.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from seasontrack.cli.common import (
    DbOption,
    NowOption,
    TzOption,
    catalog,
    clock,
    done,
    span_option,
)
from seasontrack.config import resolve_db_path
from seasontrack.errors import EXIT_DELIVERY, EXIT_NOT_FOUND, InvalidInput


def remind_command(
    lead: Annotated[
        str | None,
        typer.Option(
            "--lead",
            metavar="SPANS",
            help="How long before a release to remind, e.g. 14d,2d,0d [config: remind.lead].",
        ),
    ] = None,
    catch_up: Annotated[
        str | None,
        typer.Option(
            "--catch-up",
            metavar="SPAN",
            help="Still remind of releases this recent [config: remind.catch_up].",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what is due; record nothing.")
    ] = False,
    again: Annotated[
        bool, typer.Option("--again", help="Remind again of what was already reminded.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    template: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="TEMPLATE",
            help="Line template, e.g. '{show} S{season} {when} {countdown} {lead}'.",
        ),
    ] = None,
    command: Annotated[
        str | None,
        typer.Option(
            "--exec",
            metavar="COMMAND",
            help="Run this command for each reminder, with the fields in SEASONTRACK_* variables.",
        ),
    ] = None,
    notify: Annotated[
        list[str] | None,
        typer.Option(
            "--notify",
            metavar="URL",
            help="Also send each reminder to this notification URL (ntfy://TOPIC,"
            " pover://USER@TOKEN, mailto://..., any Apprise URL); repeatable"
            " (default: the remind.notify setting).",
        ),
    ] = None,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when nothing is due.")
    ] = False,
    now: NowOption = None,
    tz: TzOption = None,
    db: DbOption = None,
) -> None:
    """Remind of releases of followed shows, and tell their news (a season complete, a
    premiere dated, a season announced), once each: made to run from cron.

    Prints nothing when nothing is due, so cron sends no mail.
    """
    from seasontrack import channels, settings
    from seasontrack.clock import parse_leads
    from seasontrack.services import reminders

    at = clock(now, tz)
    leads = parse_leads(lead if lead is not None else settings.get("remind.lead"))
    window = span_option(
        catch_up if catch_up is not None else settings.get("remind.catch_up"), "--catch-up"
    )
    # Every channel asked for is built (and so checked) before anything is claimed; a dry
    # run prints what would have been delivered.
    lines = channels.make("lines", template, sys.stdout)
    printer = channels.make("json", None, sys.stdout) if as_json else lines
    primary = channels.make("exec", command, sys.stdout) if command is not None else printer
    urls = (
        notify if notify is not None else channels.notification_urls(settings.get("remind.notify"))
    )
    chosen = [primary, *(channels.make("notify", url, sys.stdout) for url in urls)]
    # cron runs remind: it waits out a long import rather than fail (see open_catalog).
    with catalog(db, read_only=dry_run, patient=True) as conn:
        outcome = reminders.deliver_due(
            conn,
            at,
            leads,
            window,
            chosen,
            again=again,
            preview=printer if dry_run else None,
            on_failure=_warn,
        )
    if outcome.failed:
        raise typer.Exit(EXIT_DELIVERY)
    if exit_code and not outcome.due:
        raise typer.Exit(EXIT_NOT_FOUND)


def _warn(message: str) -> None:
    from seasontrack.render import safe

    sys.stderr.write(f"Error: {safe(message)}\n")


# ---------------------------------------------------------------------------- cron

CRON_MARK = "# seasontrack remind"


def _cron_line(db: Path | None) -> str:
    program = shutil.which("seasontrack") or sys.argv[0]
    executable = str(Path(program).resolve())
    database = resolve_db_path(db).resolve()
    where = f"SEASONTRACK_DB={shlex.quote(str(database))}"
    # Sync first (linked shows only; quiet unless it fails), then remind: `;` so that a
    # failed sync never stops the reminders.
    return (
        f"0 * * * * {where} {shlex.quote(executable)} sync --quiet;"
        f" {where} {shlex.quote(executable)} remind {CRON_MARK}"
    )


def _crontab(*args: str, feed: str | None = None) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["crontab", *args], input=feed, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise InvalidInput("no crontab command on this machine; install cron first") from None


def _current_crontab() -> list[str]:
    listed = _crontab("-l")
    if listed.returncode != 0:
        # "no crontab for user" is an empty crontab, not an error.
        if "no crontab" in listed.stderr.lower():
            return []
        raise InvalidInput(f"crontab -l failed: {listed.stderr.strip()}")
    return listed.stdout.splitlines()


def cron_command(
    install: Annotated[
        bool, typer.Option("--install", help="Add the line to your crontab (once).")
    ] = False,
    uninstall: Annotated[
        bool, typer.Option("--uninstall", help="Remove it from your crontab.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Print a crontab line that runs `seasontrack sync` and `remind` every hour."""
    if install and uninstall:
        raise InvalidInput("give --install or --uninstall, not both")
    line = _cron_line(db)
    if not install and not uninstall:
        typer.echo(line)
        return
    lines = _current_crontab()
    kept = [existing for existing in lines if not existing.rstrip().endswith(CRON_MARK)]
    if install:
        if line in lines:
            done("Already in your crontab.")
            return
        kept.append(line)
    elif len(kept) == len(lines):
        done("Not in your crontab; nothing to remove.")
        return
    written = _crontab("-", feed="".join(f"{entry}\n" for entry in kept))
    if written.returncode != 0:
        raise InvalidInput(f"crontab failed: {written.stderr.strip()}")
    done("Added to your crontab:\n" + line if install else "Removed from your crontab.")
