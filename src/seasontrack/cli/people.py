"""`seasontrack cast ...` and `seasontrack crew ...`: who is in a show and who makes it."""

from __future__ import annotations

from typing import Annotated

import typer

from seasontrack.cli.common import DbOption, SeasonOption, TitleArg, catalog, done
from seasontrack.limits import MAX_EPISODES

cast_app = typer.Typer(help="Add or remove cast members.", no_args_is_help=True)
crew_app = typer.Typer(
    help="Add or remove crew (showrunner, writer, producer, director...).", no_args_is_help=True
)

PersonArg = Annotated[str, typer.Argument(help="The person's name.")]
NoteOption = Annotated[
    str | None, typer.Option("--note", metavar="TEXT", help="Anything worth keeping about it.")
]


def _where(season: int | None) -> str:
    return f" season {season}" if season is not None else ""


@cast_app.command("add")
def cast_add(
    title: TitleArg,
    person: PersonArg,
    character: Annotated[
        str | None,
        typer.Option(
            "--as", metavar="CHARACTER", help="The character they play (omit if undisclosed)."
        ),
    ] = None,
    season: SeasonOption = None,
    new: Annotated[
        bool | None,
        typer.Option(
            "--new/--returning", help="New to the show, or returning.", show_default=False
        ),
    ] = None,
    rumoured: Annotated[
        bool, typer.Option("--rumoured", help="Reported but not confirmed.")
    ] = False,
    billing: Annotated[
        int | None,
        typer.Option(
            "--billing", min=1, max=MAX_EPISODES, metavar="N", help="Billing order, 1 = top billed."
        ),
    ] = None,
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """Add a cast member (again for the same role: update it)."""
    from seasontrack.models import Credit
    from seasontrack.services import editing

    credit = Credit(
        person=person,
        role="cast",
        character=character,
        season=season,
        billing=billing,
        status="rumoured" if rumoured else "confirmed",
        arrival=None if new is None else ("new" if new else "returning"),
        note=note,
    )
    with catalog(db) as conn:
        ref, added = editing.add_credits(conn, title, [credit])
    role = f" as {character}" if character else ""
    verb = "Added" if added else "Updated"
    done(f"{verb} {person}{role} in {ref.title}{_where(season)}.")


@cast_app.command("rm")
def cast_rm(
    title: TitleArg,
    person: PersonArg,
    character: Annotated[
        str | None,
        typer.Option("--as", metavar="CHARACTER", help="Only this role, when they play several."),
    ] = None,
    season: SeasonOption = None,
    db: DbOption = None,
) -> None:
    """Remove a cast member's role(s)."""
    from seasontrack.services import editing

    with catalog(db) as conn:
        ref, count = editing.remove_credits(
            conn, title, "cast", person, season=season, character=character
        )
    done(f"Removed {person} from {ref.title}{_where(season)} ({count} role{'s' * (count != 1)}).")


@crew_app.command("add")
def crew_add(
    title: TitleArg,
    person: PersonArg,
    job: Annotated[
        list[str],
        typer.Option(
            "--job", "-j", metavar="JOB", help="Their job, e.g. showrunner, writer (repeatable)."
        ),
    ],
    season: SeasonOption = None,
    rumoured: Annotated[
        bool, typer.Option("--rumoured", help="Reported but not confirmed.")
    ] = False,
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """Add a crew member with their job(s)."""
    from seasontrack.models import Credit
    from seasontrack.services import editing

    credits = [
        Credit(
            person=person,
            role="crew",
            job=one_job,
            season=season,
            status="rumoured" if rumoured else "confirmed",
            note=note,
        )
        for one_job in job
    ]
    with catalog(db) as conn:
        ref, _ = editing.add_credits(conn, title, credits)
    done(f"Added {person} ({', '.join(job)}) to {ref.title}{_where(season)}.")


@crew_app.command("rm")
def crew_rm(
    title: TitleArg,
    person: PersonArg,
    job: Annotated[
        str | None, typer.Option("--job", "-j", metavar="JOB", help="Only this job.")
    ] = None,
    season: SeasonOption = None,
    db: DbOption = None,
) -> None:
    """Remove a crew member's job(s)."""
    from seasontrack.services import editing

    with catalog(db) as conn:
        ref, count = editing.remove_credits(conn, title, "crew", person, season=season, job=job)
    done(f"Removed {person} from {ref.title}{_where(season)} ({count} job{'s' * (count != 1)}).")
