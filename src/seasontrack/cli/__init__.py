"""The `seasontrack` command: thin Typer commands that parse, call a service and render.

Errors are reported in one place, :class:`CatalogGroup`: every :class:`SeasontrackError`
(date input errors included) and every usage error becomes one line on stderr and its
documented exit code.

`--help` speaks the user's words in one place too: every command is built with
:class:`WordsCommand` or :class:`WordsGroup`, which show an option's declared metavar
(`--premiere WHEN`), nothing after a flag, and arguments as `TITLE`, not Python types, and
show help texts as written (Rich would read `[config: remind.lead]` as markup and drop it).

The options every command shares (`--db`, `--now`, `--tz`, `--json`) may also come before
the command (`seasontrack --db FILE list`): :class:`WordsCommand` hands them to the command
that takes them, unless it was given its own.

Start-up is kept short: a run builds only the command it runs (:data:`COMMANDS`); the root's
`--help` and a shell completing a command's name list the commands from that registry,
building none; and the command modules import their services inside the commands, so that
a command's own `--help` loads no service, store or view.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, MutableMapping, Sequence
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.core
import typer.main
import typer.models
from typer import _click as click
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from seasontrack import __version__
from seasontrack.errors import EXIT_INTERRUPTED, EXIT_OK, SeasontrackError

if TYPE_CHECKING:
    from typer._click.shell_completion import CompletionItem


def _error_line(message: str) -> None:
    # Not through Rich: a message holds user text, which must never be read as markup.
    from seasontrack.render import safe

    sys.stderr.write(f"Error: {safe(message)}\n")


_EDIT = "Edit the catalog"
_READ = "Read the catalog"
_TRACK = "Follow and keep track"
_SETTINGS = "Settings and the catalog file"
_MOVE = "Move data in and out"
_FETCH = "Fetch from the web"

# Every subcommand: its name, then the module under seasontrack.cli and the attribute there
# (a Typer app for a group, a function for a command), its panel in `--help`, and the first
# paragraph of its help, which the root's `--help` lists (tests/test_help.py checks it is the
# command's own). Listed here rather than imported so that a run loads only the command it
# runs, and `seasontrack --help` none: building every command's parameters up front cost
# more than most commands' own work.
COMMANDS: dict[str, tuple[str, str, str, str]] = {
    "show": ("shows", "app", _EDIT, "Add, change or remove shows."),
    "season": ("seasons", "app", _EDIT, "Add, change or remove seasons."),
    "episode": ("episodes", "app", _EDIT, "Add, change or remove episodes."),
    "part": (
        "parts",
        "app",
        _EDIT,
        "Add, change or remove the parts of a season (volumes that come out on their own).",
    ),
    "cast": ("people", "cast_app", _EDIT, "Add or remove cast members."),
    "crew": (
        "people",
        "crew_app",
        _EDIT,
        "Add or remove crew (showrunner, writer, producer, director...).",
    ),
    "trailer": ("links", "trailer_app", _EDIT, "Add, remove or open trailers."),
    "source": (
        "links",
        "source_app",
        _EDIT,
        "Add or remove sources: the articles facts came from.",
    ),
    "upcoming": (
        "timeline",
        "upcoming_command",
        _READ,
        "What comes out from now on, soonest first, with countdowns.",
    ),
    "countdown": (
        "timeline",
        "countdown_command",
        _READ,
        "A big countdown to a season's premiere, or an airing season's next episode.",
    ),
    "calendar": (
        "timeline",
        "calendar_command",
        _READ,
        "A month grid with each day's releases (premieres and finales marked).",
    ),
    "list": (
        "reading",
        "list_command",
        _READ,
        "List the shows: latest season, progress, next release and its countdown.",
    ),
    "info": (
        "reading",
        "info_command",
        _READ,
        "Everything about a show (or one season): dates, cast, crew, trailers, sources.",
    ),
    "search": (
        "reading",
        "search_command",
        _READ,
        "Find shows, people, characters and episodes, best matches first. Exits 1 when nothing"
        "\nmatches.",
    ),
    "next": (
        "scripting",
        "next_command",
        _READ,
        "The show's next release, as one line, or one value with --field (for scripts).",
    ),
    "stats": (
        "stats",
        "stats_command",
        _READ,
        "What you watched, month by month: episodes, hours, shows started and finished.",
    ),
    "follow": (
        "progress",
        "follow_command",
        _TRACK,
        "Follow a show: `remind` alerts of its releases and its seasons' news.",
    ),
    "unfollow": (
        "progress",
        "unfollow_command",
        _TRACK,
        "Stop following a show: no more reminders (it stays in the catalog).",
    ),
    "watched": (
        "progress",
        "watched_command",
        _TRACK,
        "Mark episodes as seen, on the day you saw them.",
    ),
    "unwatched": ("progress", "unwatched_command", _TRACK, "Mark episodes as not seen."),
    "remind": (
        "remind",
        "remind_command",
        _TRACK,
        "Remind of releases of followed shows, and tell their news (a season complete, a"
        "\npremiere dated, a season announced), once each: made to run from cron.",
    ),
    "cron": (
        "remind",
        "cron_command",
        _TRACK,
        "Print a crontab line that runs `seasontrack sync` and `remind` every hour.",
    ),
    "config": ("config", "app", _SETTINGS, "Read or change settings (a TOML file)."),
    "db": (
        "scripting",
        "db_app",
        _SETTINGS,
        "The catalog file: where it is, a check, a backup, the copies kept, a restore.",
    ),
    "export": (
        "interchange",
        "export_command",
        _MOVE,
        "Write the catalog as JSON, CSV or an ICS calendar (to stdout or -o FILE).",
    ),
    "import": (
        "interchange",
        "import_command",
        _MOVE,
        "Merge a JSON catalog or a CSV sheet into this one, or bring in a TV Time or Trakt"
        " history.",
    ),
    "fetch": (
        "online",
        "fetch_command",
        _FETCH,
        "Find a show on TVmaze and record it: seasons, episodes, cast (and TMDB trailers).",
    ),
    "sync": (
        "online",
        "sync_command",
        _FETCH,
        "Refresh linked shows from TVmaze: only those changed since their last sync.",
    ),
}


class WordsOption(TyperOption):
    """An option as `--help` shows it: the metavar it declares, nothing for a flag.

    Typer would show the Python type (`<str>`, `<int range> [x>=0]`, `<bool>` on flags);
    an option that takes a value declares its own metavar (`--premiere WHEN`) instead.
    """

    def display_type_rich(self, ctx: click.Context) -> str | None:
        if self.is_flag:
            return None
        return super().display_type_rich(ctx)

    def _get_number_range_help_str(self) -> str | None:
        return None


class WordsArgument(TyperArgument):
    """An argument as `--help` shows it: `TITLE`, `[SEASON]`, `TITLE...`, with no type."""

    @property
    def display_name_raw(self) -> str:
        return self.metavar or self.name.upper()

    def get_error_hint(self) -> str:
        # Usage errors keep naming the parameter as before: "Missing argument 'title'".
        return f"'{self.metavar or self.name}'"

    def display_type_rich(self, ctx: click.Context) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name + ("..." if self.nargs != 1 else "")

    def _get_number_range_help_str(self) -> str | None:
        return None


def in_words(params: list[click.Parameter]) -> list[click.Parameter]:
    """The same parameters, shown in the user's words (see WordsOption, WordsArgument).

    Typer builds its own parameter classes; these subclasses change only how a parameter
    is shown, so each parameter is switched over in place.
    """
    for param in params:
        if type(param) is TyperOption:
            param.__class__ = WordsOption
        elif type(param) is TyperArgument:
            param.__class__ = WordsArgument
    return params


@contextmanager
def literal_help(command: click.Command, ctx: click.Context) -> Iterator[None]:
    """While ``command``'s help is drawn, its texts (its own, its parameters', and its
    subcommands' in a group's list) are escaped, so that Rich shows brackets as written."""
    from rich.markup import escape

    holders: list[object] = [command, *command.get_params(ctx)]
    if isinstance(command, TyperGroup):
        holders += [
            sub for name in command.list_commands(ctx) if (sub := command.get_command(ctx, name))
        ]
    saved: list[tuple[object, str, str]] = []
    for holder in holders:
        for attribute in ("help", "short_help", "epilog"):
            text = getattr(holder, attribute, None)
            if isinstance(text, str):
                saved.append((holder, attribute, text))
                setattr(holder, attribute, escape(text))
    try:
        yield
    finally:
        for holder, attribute, text in saved:
            setattr(holder, attribute, text)


# The options every command shares, as the root takes them before a command: the root's
# parameter name, and the option a command declares for it.
GLOBAL_OPTIONS = {"db": "--db", "now": "--now", "tz": "--tz", "as_json": "--json"}


def apply_global_options(command: click.Command, ctx: click.Context) -> None:
    """Give ``command`` the shared options given before it (`seasontrack --db FILE list`),
    except those it was given itself (`seasontrack --db A list --db B` reads B)."""
    root = ctx.find_root()
    if root is ctx:
        return
    for name, flag in GLOBAL_OPTIONS.items():
        value = root.params.get(name)
        if value is None or value is False:
            continue
        param = next((p for p in command.params if flag in getattr(p, "opts", ())), None)
        if param is None or param.name is None:
            raise click.exceptions.UsageError(f"{ctx.command_path} does not take {flag}", ctx=ctx)
        if ctx.get_parameter_source(param.name) is not click.core.ParameterSource.COMMANDLINE:
            ctx.params[param.name] = param.process_value(ctx, value)


class WordsCommand(TyperCommand):
    """A command whose `--help` shows its parameters in the user's words, and that takes the
    shared options given before it."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        return in_words(super().get_params(ctx))

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with literal_help(self, ctx):
            super().format_help(ctx, formatter)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        rest = super().parse_args(ctx, args)
        apply_global_options(self, ctx)
        return rest


class WordsGroup(TyperGroup):
    """A group whose `--help` shows its parameters in the user's words."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        return in_words(super().get_params(ctx))

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with literal_help(self, ctx):
            super().format_help(ctx, formatter)


def _build_in_words(app: typer.Typer) -> None:
    """Have Typer build a group app, its commands and its subgroups with the Words classes."""
    # Typer's own classes (or none given) are replaced; a class a module chose is kept.
    if not app.info.cls or app.info.cls is TyperGroup:
        app.info.cls = WordsGroup
    for command in app.registered_commands:
        if not command.cls or command.cls is TyperCommand:
            command.cls = WordsCommand
    for group in app.registered_groups:
        if group.typer_instance is not None:
            _build_in_words(group.typer_instance)


def load_command(name: str) -> click.Command:
    """Import one subcommand's module and build its Click command."""
    module_name, attribute, panel, _ = COMMANDS[name]
    target = getattr(import_module(f"seasontrack.cli.{module_name}"), attribute)
    if isinstance(target, typer.Typer):
        _build_in_words(target)
        group = typer.main.get_group(target)
        group.name = name
        group.rich_help_panel = panel
        return group
    info = typer.models.CommandInfo(
        name=name, callback=target, rich_help_panel=panel, cls=WordsCommand
    )
    return typer.main.get_command_from_info(
        info, pretty_exceptions_short=True, rich_markup_mode=typer.core.DEFAULT_MARKUP_MODE
    )


def listed_command(name: str) -> click.Command:
    """What the root's list of commands shows of one (its `--help`, a shell completing a
    command's name): its name, panel and first paragraph of help, from :data:`COMMANDS`,
    without importing or building it."""
    _, _, panel, summary = COMMANDS[name]
    return TyperCommand(name, help=summary, rich_help_panel=panel)


class LazyCommands(MutableMapping[str, click.Command]):
    """The root's subcommands by name, each built the first time it is looked up.

    Click and Typer read a group's commands through this mapping: listing names ("did you
    mean") costs nothing, and only a command that is looked up gets imported. While the
    root lists its commands (:meth:`listing`), a command not built yet is shown by
    :func:`listed_command` instead.
    """

    def __init__(self) -> None:
        self._loaded: dict[str, click.Command] = {}
        self._names = list(COMMANDS)
        self._listed: dict[str, click.Command] | None = None

    @contextmanager
    def listing(self) -> Iterator[None]:
        """While the root lists its commands, look-ups give what the list shows."""
        self._listed = {}
        try:
            yield
        finally:
            self._listed = None

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            if name not in COMMANDS:
                raise KeyError(name)
            if self._listed is not None:
                # Kept for the listing, so that escaping its help (literal_help) holds.
                return self._listed.setdefault(name, listed_command(name))
            self._loaded[name] = load_command(name)
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        if name not in self._names:
            self._names.append(name)
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        self._names.remove(name)
        self._loaded.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


class CatalogGroup(WordsGroup):
    """The root command: turns every error a user can cause into one line and an exit code."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = LazyCommands()
        self.commands = self.lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        # The names only (Typer's own reads every command, which would build them all).
        return list(self.lazy)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # The list of commands needs only their names and one line of help each.
        with self.lazy.listing():
            super().format_help(ctx, formatter)

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[CompletionItem]:
        # A shell completing a command's name, likewise (its options build the command).
        with self.lazy.listing():
            return super().shell_complete(ctx, incomplete)

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
            # Every error a user can cause, date input errors included (errors.py).
            _error_line(str(exc))
            code = exc.exit_code
        except click.exceptions.NoArgsIsHelpError as exc:
            # A command or group given nothing to do shows its help, as git and gh do: a
            # request for help, not a mistake. (Rich has already drawn it.)
            if exc.format_message():
                typer.echo(exc.format_message())
            code = EXIT_OK
        except typer.TyperException as exc:
            # Click's usage errors: bad option, missing argument, unknown command.
            ctx = getattr(exc, "ctx", None)
            hint = f" (see: {ctx.command_path} --help)" if ctx is not None else ""
            _error_line(exc.format_message().rstrip(".") + hint)
            code = exc.exit_code
        except typer.Abort:
            sys.stderr.write("Aborted.\n")
            code = EXIT_INTERRUPTED
        if not isinstance(code, int):
            code = EXIT_OK
        if standalone_mode:
            sys.exit(code)
        return code


def _version(value: bool) -> None:
    if value:
        typer.echo(f"seasontrack {__version__}")
        raise typer.Exit(EXIT_OK)


app = typer.Typer(
    cls=CatalogGroup,
    name="seasontrack",
    help="Track the next seasons of TV shows: release dates, cast, trailers and countdowns."
    "\n\n--db, --now, --tz and --json may also come after the command; given there, they win.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            metavar="FILE",
            help="Catalog file to use, for any command (as the command's own --db).",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    now: Annotated[
        str | None,
        typer.Option(
            "--now",
            metavar="WHEN",
            help="Answer as if it were this moment, for any reading command.",
            show_default=False,
        ),
    ] = None,
    tz: Annotated[
        str | None,
        typer.Option(
            "--tz",
            metavar="ZONE",
            help="Time zone to show times in, for any reading command.",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print JSON, for any command that can (as its own --json)."),
    ] = False,
) -> None:
    """Track the next seasons of TV shows: release dates, cast, trailers and countdowns.

    --db, --now, --tz and --json may also come after the command; given there, they win.
    """


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
