"""`seasontrack part add|edit|rm`: the parts of a season that come out on their own."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from seasontrack.cli.common import (
    DbOption,
    SeasonArg,
    TitleArg,
    YesOption,
    catalog,
    confirm,
    done,
    time_option,
    when_option,
    zone_option,
)
from seasontrack.cli.seasons import PremiereOption, TimeOption, ZoneOption
from seasontrack.limits import MAX_EPISODES

if TYPE_CHECKING:
    from seasontrack import inputs
    from seasontrack.models import Part, Season, ShowRef

app = typer.Typer(
    help="Add, change or remove the parts of a season (volumes that come out on their own).",
    no_args_is_help=True,
)

PartArg = Annotated[
    int,
    typer.Argument(help="Part number within the season: 1, 2, ...", min=1, max=MAX_EPISODES),
]
EpisodesOption = Annotated[
    str | None,
    typer.Option(
        "--episodes",
        "-e",
        metavar="A-B",
        help="The episodes it brings: 5-7, or 8 for a part of one episode.",
    ),
]
PartReleaseOption = Annotated[
    str | None,
    typer.Option(
        "--release",
        metavar="PATTERN",
        help="all-at-once (the default) or weekly (one episode a week from its premiere).",
        show_default=False,
    ),
]
PartTitleOption = Annotated[
    str | None,
    typer.Option("--title", metavar="NAME", help="What it is called: 'Volume 2', 'The Finale'."),
]


def _part_input(
    episodes: str | None,
    premiere: str | None,
    time: str | None,
    tz: str | None,
    release: str | None,
    title: str | None,
) -> inputs.PartInput:
    from seasontrack import inputs

    zone = zone_option(tz)
    return inputs.PartInput(
        episodes=None if episodes is None else inputs.episode_range(episodes, "--episodes"),
        premiere=when_option(premiere, "--premiere", default_tz=zone),
        release_time=time_option(time),
        release_tz=zone,
        release_pattern=release,
        title=title,
    )


def _said(ref: ShowRef, season: Season, part: Part) -> str:
    from seasontrack.schedule import part_premiere

    named = f" “{part.title}”" if part.title else ""
    return (
        f"{ref.title} season {season.number} part {part.number}{named}"
        f" ({part.episodes_label()}, premiere: {part_premiere(season, part).label()})"
    )


@app.command("add")
def add(
    title: TitleArg,
    season: SeasonArg,
    part: PartArg,
    episodes: EpisodesOption = None,
    premiere: PremiereOption = None,
    time: TimeOption = None,
    tz: ZoneOption = None,
    release: PartReleaseOption = None,
    part_title: PartTitleOption = None,
    db: DbOption = None,
) -> None:
    """Add a part: episodes that come out together, all at once or weekly from its premiere.

    Its --time and --tz default to the season's. Parts never overlap.
    """
    from seasontrack.services import parts

    given = _part_input(episodes, premiere, time, tz, release, part_title)
    with catalog(db) as conn:
        ref, written, added = parts.add_part(conn, title, season, part, given)
    done(f"Added {_said(ref, written, added)}.")


@app.command("edit")
def edit(
    title: TitleArg,
    season: SeasonArg,
    part: PartArg,
    episodes: EpisodesOption = None,
    premiere: PremiereOption = None,
    time: TimeOption = None,
    tz: ZoneOption = None,
    release: PartReleaseOption = None,
    part_title: PartTitleOption = None,
    db: DbOption = None,
) -> None:
    """Change a part. An empty --title ("") clears it."""
    from seasontrack.services import parts

    given = _part_input(episodes, premiere, time, tz, release, part_title)
    with catalog(db) as conn:
        ref, written, changed = parts.edit_part(conn, title, season, part, given)
    done(f"Updated {_said(ref, written, changed)}.")


@app.command("rm")
def remove(
    title: TitleArg,
    season: SeasonArg,
    part: PartArg,
    yes: YesOption = False,
    db: DbOption = None,
) -> None:
    """Remove a part; its episodes follow the season's own schedule again."""
    from seasontrack.services import parts

    with catalog(db) as conn:
        ref = parts.check_part(conn, title, season, part)
        confirm(f"Remove part {part} of {ref.title} season {season}?", yes)
        parts.remove_part(conn, ref.title, season, part)
    done(f"Removed part {part} of {ref.title} season {season}.")
