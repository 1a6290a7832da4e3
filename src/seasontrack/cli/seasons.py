"""`seasontrack season add|edit|rm`: seasons, their dates and how they are released."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from seasontrack.cli.common import (
    DbOption,
    TitleArg,
    YesOption,
    catalog,
    confirm,
    done,
    time_option,
    when_option,
    zone_option,
)
from seasontrack.errors import InvalidInput
from seasontrack.limits import MAX_EPISODES, MAX_SEASON

if TYPE_CHECKING:
    from seasontrack import inputs

app = typer.Typer(help="Add, change or remove seasons.", no_args_is_help=True)

NumberArg = Annotated[
    int, typer.Argument(help="Season number (0 for specials).", min=0, max=MAX_SEASON)
]
PremiereOption = Annotated[
    str | None,
    typer.Option(
        "--premiere",
        metavar="WHEN",
        help="When it starts, as precise as known: 'March 8, 2018', 'March 2018', 'Q1 2018',"
        " 'late 2018', 2018, TBA, or with a time: '8 Mar 2018 00:01 PST'.",
    ),
]
FinaleOption = Annotated[
    str | None,
    typer.Option("--finale", metavar="WHEN", help="When its last episode comes out (same forms)."),
]
EpisodesOption = Annotated[
    int | None,
    typer.Option(
        "--episodes", "-e", min=0, max=MAX_EPISODES, metavar="N", help="How many episodes it has."
    ),
]
ReleaseOption = Annotated[
    str | None,
    typer.Option(
        "--release", metavar="PATTERN", help="all-at-once, weekly or unknown.", show_default=False
    ),
]
TimeOption = Annotated[
    str | None, typer.Option("--time", metavar="HH:MM", help="Release time of day (in --tz).")
]
ZoneOption = Annotated[
    str | None,
    typer.Option(
        "--tz", metavar="ZONE", help="IANA time zone of the release time, e.g. America/Los_Angeles."
    ),
]
PremiereEpisodesOption = Annotated[
    int | None,
    typer.Option(
        "--premiere-episodes",
        min=1,
        max=MAX_EPISODES,
        metavar="N",
        help="Episodes the premiere brings (2: a double).",
    ),
]
SkipOption = Annotated[
    list[str] | None,
    typer.Option(
        "--skip",
        metavar="DATE",
        help="A week with no episode (mid-season break), by its date. Repeatable.",
    ),
]
BreakOption = Annotated[
    list[str] | None,
    typer.Option(
        "--break",
        metavar="RANGE",
        help="A longer break of a weekly schedule, FROM..TO with both days included, e.g."
        " 2024-11-28..2024-12-31: no episode in it. Repeatable.",
    ),
]
SynopsisOption = Annotated[
    str | None, typer.Option("--synopsis", metavar="TEXT", help="What it is about.")
]
SeasonNetworkOption = Annotated[
    str | None,
    typer.Option(
        "--network",
        metavar="NAME",
        help="Where this season comes out, if not on the show's network.",
    ),
]
NoteOption = Annotated[
    str | None,
    typer.Option(
        "--note", metavar="TEXT", help="Free notes, e.g. 'all 13 episodes directed by women'."
    ),
]


def _season_input(
    premiere: str | None,
    finale: str | None,
    episodes: int | None,
    release: str | None,
    time: str | None,
    tz: str | None,
    synopsis: str | None,
    note: str | None,
    premiere_episodes: int | None = None,
    skip: list[str] | None = None,
    unskip: list[str] | None = None,
    network: str | None = None,
    breaks: list[str] | None = None,
    clear_breaks: bool = False,
) -> inputs.SeasonInput:
    from seasontrack import inputs

    zone = zone_option(tz)
    return inputs.SeasonInput(
        premiere_episodes=premiere_episodes,
        add_skips=tuple(_day(text, "--skip") for text in skip or ()),
        remove_skips=tuple(_day(text, "--unskip") for text in unskip or ()),
        add_breaks=tuple(inputs.parse_break(text) for text in breaks or ()),
        clear_breaks=clear_breaks,
        premiere=when_option(premiere, "--premiere", default_tz=zone),
        finale=when_option(finale, "--finale", default_tz=zone),
        episode_count=episodes,
        release_pattern=release,
        release_time=time_option(time),
        release_tz=zone,
        synopsis=synopsis,
        notes=note,
        network=network,
    )


def _day(text: str, option: str) -> date:
    when = when_option(text, option)
    if when is None or when.start is None or when.start != when.end:
        raise InvalidInput(f"{option} {text!r} is not a single day; write it like 2024-02-11")
    return when.start


@app.command("add")
def add(
    title: TitleArg,
    number: NumberArg,
    premiere: PremiereOption = None,
    finale: FinaleOption = None,
    episodes: EpisodesOption = None,
    release: ReleaseOption = None,
    time: TimeOption = None,
    tz: ZoneOption = None,
    premiere_episodes: PremiereEpisodesOption = None,
    skip: SkipOption = None,
    breaks: BreakOption = None,
    synopsis: SynopsisOption = None,
    note: NoteOption = None,
    network: SeasonNetworkOption = None,
    db: DbOption = None,
) -> None:
    """Add a season to a show.

    A weekly season's episodes come out one a week from the premiere, at --time in --tz.
    """
    from seasontrack.services import editing

    given = _season_input(
        premiere,
        finale,
        episodes,
        release,
        time,
        tz,
        synopsis,
        note,
        premiere_episodes,
        skip,
        network=network,
        breaks=breaks,
    )
    with catalog(db) as conn:
        ref, season = editing.add_season(conn, title, number, given)
    done(f"Added {ref.title} season {season.number} (premiere: {season.premiere_moment.label()}).")


@app.command("edit")
def edit(
    title: TitleArg,
    number: NumberArg,
    new_number: Annotated[
        int | None,
        typer.Option("--number", min=0, max=MAX_SEASON, metavar="N", help="Renumber the season."),
    ] = None,
    premiere: PremiereOption = None,
    finale: FinaleOption = None,
    episodes: EpisodesOption = None,
    release: ReleaseOption = None,
    time: TimeOption = None,
    tz: ZoneOption = None,
    premiere_episodes: PremiereEpisodesOption = None,
    skip: SkipOption = None,
    unskip: Annotated[
        list[str] | None,
        typer.Option("--unskip", metavar="DATE", help="Remove a --skip. Repeatable."),
    ] = None,
    breaks: BreakOption = None,
    clear_breaks: Annotated[
        bool,
        typer.Option("--clear-breaks", help="Remove every --break (before adding any given)."),
    ] = False,
    synopsis: SynopsisOption = None,
    note: NoteOption = None,
    network: SeasonNetworkOption = None,
    db: DbOption = None,
) -> None:
    """Change a season. An empty --synopsis, --note or --network ("") clears it."""
    from seasontrack.services import editing

    given = _season_input(
        premiere,
        finale,
        episodes,
        release,
        time,
        tz,
        synopsis,
        note,
        premiere_episodes,
        skip,
        unskip,
        network,
        breaks,
        clear_breaks,
    )
    with catalog(db) as conn:
        ref, season = editing.edit_season(conn, title, number, given, new_number=new_number)
    done(
        f"Updated {ref.title} season {season.number} (premiere: {season.premiere_moment.label()})."
    )


@app.command("rm")
def remove(title: TitleArg, number: NumberArg, yes: YesOption = False, db: DbOption = None) -> None:
    """Remove a season with its credits, trailers and sources."""
    from seasontrack.services import editing
    from seasontrack.services.lookup import resolve_show

    with catalog(db) as conn:
        ref = resolve_show(conn, title)
        editing.check_season(conn, ref, number)
        confirm(f"Remove {ref.title} season {number} and everything recorded about it?", yes)
        editing.remove_season(conn, ref.title, number)
    done(f"Removed {ref.title} season {number}.")
