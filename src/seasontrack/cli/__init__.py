"""The `seasontrack` command: thin Typer commands that parse, call a service and render.

Errors are reported in one place, :class:`CatalogGroup`: every :class:`SeasontrackError`
and every usage error becomes one line on stderr and its documented exit code.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from seasontrack import __version__
from seasontrack.cli import (
    episodes,
    interchange,
    links,
    online,
    people,
    progress,
    reading,
    remind,
    scripting,
    seasons,
    shows,
    timeline,
)
from seasontrack.dates import DateInputError
from seasontrack.errors import EXIT_INVALID, SeasontrackError


def _error_line(message: str) -> None:
    # Not through Rich: a message holds user text, which must never be read as markup.
    from seasontrack.render import safe

    sys.stderr.write(f"Error: {safe(message)}\n")


class CatalogGroup(TyperGroup):
    """The root command: turns every error a user can cause into one line and an exit code."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(
                args=args,
                prog_name=prog_name,
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        except SeasontrackError as exc:
            _error_line(str(exc))
            code = exc.exit_code
        except DateInputError as exc:
            _error_line(str(exc))
            code = EXIT_INVALID
        except typer.TyperException as exc:
            # Click's usage errors: bad option, missing argument, unknown command.
            ctx = getattr(exc, "ctx", None)
            hint = f" (see: {ctx.command_path} --help)" if ctx is not None else ""
            _error_line(exc.format_message().rstrip(".") + hint)
            code = exc.exit_code
        except typer.Abort:
            sys.stderr.write("Aborted.\n")
            code = 130
        if not isinstance(code, int):
            code = 0
        if standalone_mode:
            sys.exit(code)
        return code


def _version(value: bool) -> None:
    if value:
        typer.echo(f"seasontrack {__version__}")
        raise typer.Exit()


app = typer.Typer(
    cls=CatalogGroup,
    name="seasontrack",
    help="Track the next seasons of TV shows: release dates, cast, trailers and countdowns.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Track the next seasons of TV shows: release dates, cast, trailers and countdowns."""


app.add_typer(shows.app, name="show", rich_help_panel="Edit the catalog")
app.add_typer(seasons.app, name="season", rich_help_panel="Edit the catalog")
app.add_typer(episodes.app, name="episode", rich_help_panel="Edit the catalog")
app.add_typer(people.cast_app, name="cast", rich_help_panel="Edit the catalog")
app.add_typer(people.crew_app, name="crew", rich_help_panel="Edit the catalog")
app.add_typer(links.trailer_app, name="trailer", rich_help_panel="Edit the catalog")
app.add_typer(links.source_app, name="source", rich_help_panel="Edit the catalog")
app.command("upcoming", rich_help_panel="Read the catalog")(timeline.upcoming_command)
app.command("countdown", rich_help_panel="Read the catalog")(timeline.countdown_command)
app.command("calendar", rich_help_panel="Read the catalog")(timeline.calendar_command)
app.command("list", rich_help_panel="Read the catalog")(reading.list_command)
app.command("info", rich_help_panel="Read the catalog")(reading.info_command)
app.command("search", rich_help_panel="Read the catalog")(reading.search_command)
app.command("next", rich_help_panel="Read the catalog")(scripting.next_command)
app.command("follow", rich_help_panel="Follow and keep track")(progress.follow_command)
app.command("unfollow", rich_help_panel="Follow and keep track")(progress.unfollow_command)
app.command("watched", rich_help_panel="Follow and keep track")(progress.watched_command)
app.command("unwatched", rich_help_panel="Follow and keep track")(progress.unwatched_command)
app.command("remind", rich_help_panel="Follow and keep track")(remind.remind_command)
app.command("cron", rich_help_panel="Follow and keep track")(remind.cron_command)
app.add_typer(remind.config_app, name="config", rich_help_panel="Settings and the catalog file")
app.add_typer(scripting.db_app, name="db", rich_help_panel="Settings and the catalog file")
app.command("export", rich_help_panel="Move data in and out")(interchange.export_command)
app.command("import", rich_help_panel="Move data in and out")(interchange.import_command)
app.command("fetch", rich_help_panel="Fetch from the web")(online.fetch_command)
app.command("sync", rich_help_panel="Fetch from the web")(online.sync_command)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except BrokenPipeError:
        # The reader went away (`seasontrack list | head`): stop quietly, like other tools.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
