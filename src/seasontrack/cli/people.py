"""`seasontrack cast ...` and `seasontrack crew ...`: who is in a show and who makes it."""

from __future__ import annotations

from typing import Annotated

import typer

from seasontrack.cli.common import DbOption, SeasonOption, TitleArg, catalog, done, named
from seasontrack.limits import MAX_EPISODES

cast_app = typer.Typer(help="Add or remove cast members.", no_args_is_help=True)
crew_app = typer.Typer(
    help="Add or remove crew (showrunner, writer, producer, director...).", no_args_is_help=True
)

PersonArg = Annotated[str, typer.Argument(help="The person's name.")]
NoteOption = Annotated[
    str | None, typer.Option("--note", metavar="TEXT", help="Anything worth keeping about it.")
]
NoNoteOption = Annotated[bool, typer.Option("--no-note", help="Remove the note.")]
RumouredOption = Annotated[
    bool | None,
    typer.Option(
        "--rumoured/--confirmed",
        help="Reported but not confirmed, or confirmed (a new credit: confirmed).",
        show_default=False,
    ),
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
    no_arrival: Annotated[
        bool, typer.Option("--no-arrival", help="Neither new nor returning: not known.")
    ] = False,
    rumoured: RumouredOption = None,
    billing: Annotated[
        int | None,
        typer.Option(
            "--billing", min=1, max=MAX_EPISODES, metavar="N", help="Billing order, 1 = top billed."
        ),
    ] = None,
    no_billing: Annotated[bool, typer.Option("--no-billing", help="Remove the billing.")] = False,
    note: NoteOption = None,
    no_note: NoNoteOption = False,
    db: DbOption = None,
) -> None:
    """Add a cast member.

    Adding the same role again updates it: only what you give changes (--confirmed,
    --no-note, --no-billing, --no-arrival change a detail back).
    """
    from seasontrack.models import Credit
    from seasontrack.services import editing

    arrival = None if new is None else ("new" if new else "returning")
    given = {
        "billing": named(billing, no_billing, "--billing", "--no-billing"),
        "arrival": named(new, no_arrival, "--new or --returning", "--no-arrival"),
        "note": named(note, no_note, "--note", "--no-note"),
        "status": rumoured is not None,
    }
    credit = Credit(
        person=person,
        role="cast",
        character=character,
        season=season,
        billing=billing,
        status="rumoured" if rumoured else "confirmed",
        arrival=arrival,
        note=note,
    )
    with catalog(db) as conn:
        ref, added = editing.add_credits(
            conn, title, [credit], [name for name, yes in given.items() if yes]
        )
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
    rumoured: RumouredOption = None,
    note: NoteOption = None,
    no_note: NoNoteOption = False,
    db: DbOption = None,
) -> None:
    """Add a crew member with their job(s).

    Adding the same job again updates it: only what you give changes (--confirmed and
    --no-note change a detail back).
    """
    from seasontrack.models import Credit
    from seasontrack.services import editing

    given = {"status": rumoured is not None, "note": named(note, no_note, "--note", "--no-note")}
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
        ref, _ = editing.add_credits(
            conn, title, credits, [name for name, yes in given.items() if yes]
        )
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
