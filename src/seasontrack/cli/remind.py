"""`seasontrack remind`, `cron` and `config`: reminders that cron can run unattended."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import string
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from seasontrack.cli.common import DbOption, NowOption, TzOption, catalog, clock, done
from seasontrack.config import resolve_db_path
from seasontrack.dates import DateInputError
from seasontrack.errors import EXIT_DELIVERY, EXIT_NOT_FOUND, InvalidInput

DEFAULT_FORMAT = "{show} {code}: {when} ({countdown})"


def _template(text: str) -> str:
    """Check a --format template: only the known fields, by plain name."""
    from seasontrack.inputs import did_you_mean
    from seasontrack.services.reminders import FIELDS

    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise InvalidInput(f"--format {text!r}: {exc}; write fields like {{show}}") from None
    for _, name, _, _ in parts:
        if name is None:
            continue
        if name not in FIELDS:
            raise InvalidInput(
                f"--format: unknown field {{{name}}}{did_you_mean(name, FIELDS)};"
                f" fields: {', '.join('{' + f + '}' for f in FIELDS)}"
            )
    return text


def remind_command(
    lead: Annotated[
        str | None,
        typer.Option(
            "--lead", help="How long before to remind, e.g. 14d,2d,0d [config: remind.lead]."
        ),
    ] = None,
    catch_up: Annotated[
        str | None,
        typer.Option(
            "--catch-up", help="Still remind of releases this recent [config: remind.catch_up]."
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
            "--format", help="Line template, e.g. '{show} S{season} {when} {countdown} {lead}'."
        ),
    ] = None,
    command: Annotated[
        str | None,
        typer.Option(
            "--exec",
            help="Run this command for each reminder, with the fields in SEASONTRACK_* variables.",
        ),
    ] = None,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when nothing is due.")
    ] = False,
    now: NowOption = None,
    tz: TzOption = None,
    db: DbOption = None,
) -> None:
    """Remind of releases of followed shows, once each: made to run from cron.

    Prints nothing when nothing is due, so cron sends no mail.
    """
    from seasontrack import settings
    from seasontrack.clock import parse_leads, parse_span
    from seasontrack.services import reminders

    at = clock(now, tz)
    leads = parse_leads(lead if lead is not None else settings.get("remind.lead"))
    try:
        window = parse_span(catch_up if catch_up is not None else settings.get("remind.catch_up"))
    except DateInputError as exc:
        raise InvalidInput(f"--catch-up: {exc}") from None
    line = _template(template) if template is not None else DEFAULT_FORMAT
    argv = shlex.split(command) if command is not None else None
    if argv is not None and not argv:
        raise InvalidInput("--exec needs a command")
    with catalog(db) as conn:
        if dry_run:
            due = reminders.due_reminders(conn, at, leads, window, ignore_record=again)
        else:
            due = reminders.claim(conn, at, leads, window, again=again)
        delivered, failed = [], []
        try:
            for reminder in due:
                fields = reminder.fields(at)
                if argv is not None and not dry_run:
                    if _run(argv, fields):
                        delivered.append(reminder)
                    else:
                        failed.append(reminder)
                    continue
                if as_json:
                    sys.stdout.write(json.dumps(fields, ensure_ascii=False) + "\n")
                else:
                    from seasontrack.render import one_line

                    sys.stdout.write(one_line(line.format(**fields)) + "\n")
                sys.stdout.flush()
                delivered.append(reminder)
        finally:
            if not dry_run:
                # By identity: comparing whole reminders field by field was quadratic.
                handled = {id(r) for r in delivered} | {id(r) for r in failed}
                undelivered = [r for r in due if id(r) not in handled]
                reminders.settle(conn, delivered, failed + undelivered)
    if failed:
        raise typer.Exit(EXIT_DELIVERY)
    if exit_code and not due:
        raise typer.Exit(EXIT_NOT_FOUND)


def _run(argv: list[str], fields: dict[str, str]) -> bool:
    """Run the --exec command for one reminder; the fields go in its environment only."""
    env = dict(os.environ)
    env.update({f"SEASONTRACK_{name.upper()}": value for name, value in fields.items()})
    what = f"{fields['show']} {fields['code']}"
    try:
        done_process = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, check=False)
    except OSError as exc:
        _warn(f"--exec could not run {argv[0]!r} for {what} ({exc.strerror}); will retry")
        return False
    if done_process.returncode != 0:
        _warn(f"--exec exited {done_process.returncode} for {what}; will retry next run")
        return False
    return True


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


# ---------------------------------------------------------------------------- config

config_app = typer.Typer(help="Read or change settings (a TOML file).", no_args_is_help=True)


@config_app.command("set")
def config_set(
    key: Annotated[str, typer.Argument(help="Setting, e.g. remind.lead.")],
    value: Annotated[str, typer.Argument(help="Its new value.")],
) -> None:
    """Change a setting."""
    from seasontrack import settings

    settings.set_value(key, value)
    done(f"{key} = {value}")


@config_app.command("get")
def config_get(key: Annotated[str, typer.Argument(help="Setting, e.g. remind.lead.")]) -> None:
    """Print a setting's value (its default when unset)."""
    from seasontrack import settings

    typer.echo(settings.get(key))


@config_app.command("unset")
def config_unset(key: Annotated[str, typer.Argument(help="Setting, e.g. remind.lead.")]) -> None:
    """Go back to a setting's default."""
    from seasontrack import settings

    settings.unset(key)
    done(f"{key} is back to its default, {settings.SETTINGS[key].default}.")


@config_app.command("list")
def config_list() -> None:
    """Every setting with its value, and where the file is."""
    from seasontrack import settings

    values = settings.load()
    for key, setting in settings.SETTINGS.items():
        shown = values.get(key, setting.default)
        origin = "" if key in values else "  (default)"
        typer.echo(f"{key} = {shown}{origin}    # {setting.help}")
    typer.echo(f"# file: {settings.config_path()}")
