"""`seasontrack episode add|edit|rm`: episodes, their titles and their own air dates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from seasontrack.cli.common import (
    DbOption,
    SeasonArg,
    TitleArg,
    TzOption,
    YesOption,
    catalog,
    confirm,
    done,
    when_option,
)
from seasontrack.errors import InvalidInput
from seasontrack.limits import MAX_EPISODES

if TYPE_CHECKING:
    from seasontrack import inputs

app = typer.Typer(help="Add, change or remove episodes.", no_args_is_help=True)

NumberArg = Annotated[
    int, typer.Argument(help="Episode number within the season.", min=1, max=MAX_EPISODES)
]
EpisodeTitleOption = Annotated[
    str | None, typer.Option("--title", metavar="TITLE", help="The episode's title.")
]
AirsOption = Annotated[
    str | None,
    typer.Option(
        "--airs",
        metavar="WHEN",
        help="Its own release date, overriding the season's schedule: 'Jan 14, 2024',"
        " '2024-01-14 21:00 America/New_York'.",
    ),
]
DirectorOption = Annotated[
    str | None, typer.Option("--director", metavar="NAME", help="Who directed it.")
]
WriterOption = Annotated[str | None, typer.Option("--writer", metavar="NAME", help="Who wrote it.")]


def _episode_input(
    title: str | None,
    airs: str | None,
    director: str | None,
    writer: str | None,
    tz: str | None,
    shift: bool = False,
) -> inputs.EpisodeInput:
    from seasontrack import inputs
    from seasontrack.clock import user_zone
    from seasontrack.dates import DateInputError

    try:
        fallback = user_zone(tz).name
    except DateInputError as exc:
        raise InvalidInput(f"--tz: {exc}") from None
    return inputs.EpisodeInput(
        title=title,
        airs=when_option(airs, "--airs"),
        director=director,
        writer=writer,
        fallback_tz=fallback,
        shift=shift,
    )


@app.command("add")
def add(
    title: TitleArg,
    season: SeasonArg,
    number: NumberArg,
    episode_title: EpisodeTitleOption = None,
    airs: AirsOption = None,
    director: DirectorOption = None,
    writer: WriterOption = None,
    tz: TzOption = None,
    db: DbOption = None,
) -> None:
    """Add an episode. A time in --airs without a zone is in the season's zone (else --tz)."""
    from seasontrack.services import editing

    given = _episode_input(episode_title, airs, director, writer, tz)
    with catalog(db) as conn:
        ref, episode = editing.add_episode(conn, title, season, number, given)
    done(f"Added {ref.title} S{season}E{episode.number}.")


@app.command("edit")
def edit(
    title: TitleArg,
    season: SeasonArg,
    number: NumberArg,
    new_number: Annotated[
        int | None,
        typer.Option(
            "--number", min=1, max=MAX_EPISODES, metavar="N", help="Renumber the episode."
        ),
    ] = None,
    episode_title: EpisodeTitleOption = None,
    airs: AirsOption = None,
    director: DirectorOption = None,
    writer: WriterOption = None,
    shift: Annotated[
        bool,
        typer.Option(
            "--shift",
            help="With --airs: the later episodes of a weekly season keep their weekly rhythm"
            " from its new date (without it, only this episode moves).",
        ),
    ] = False,
    tz: TzOption = None,
    db: DbOption = None,
) -> None:
    """Change an episode. --airs TBA goes back to the season's schedule; "" clears a field."""
    from seasontrack.services import editing

    given = _episode_input(episode_title, airs, director, writer, tz, shift)
    with catalog(db) as conn:
        ref, episode = editing.edit_episode(
            conn, title, season, number, given, new_number=new_number
        )
    done(f"Updated {ref.title} S{season}E{episode.number}.")


@app.command("rm")
def remove(
    title: TitleArg,
    season: SeasonArg,
    number: NumberArg,
    yes: YesOption = False,
    db: DbOption = None,
) -> None:
    """Remove an episode (the season's schedule still counts it if --episodes says so)."""
    from seasontrack.services import editing
    from seasontrack.services.lookup import resolve_show

    with catalog(db) as conn:
        ref = resolve_show(conn, title)
        confirm(f"Remove {ref.title} S{season}E{number}?", yes)
        editing.remove_episode(conn, ref.title, season, number)
    done(f"Removed {ref.title} S{season}E{number}.")
