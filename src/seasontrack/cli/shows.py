"""`seasontrack show add|edit|rm`: the shows themselves."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import typer

from seasontrack.cli.common import (
    DbOption,
    TitleArg,
    YesOption,
    catalog,
    confirm,
    done,
    offset_option,
)

app = typer.Typer(help="Add, change or remove shows.", no_args_is_help=True)

NetworkOption = Annotated[
    str | None,
    typer.Option("--network", metavar="NAME", help="Network or streaming platform, e.g. Netflix."),
]
CountryOption = Annotated[
    str | None, typer.Option("--country", metavar="CODE", help="Country of origin, e.g. US.")
]
StatusOption = Annotated[
    str | None,
    typer.Option(
        "--status",
        metavar="STATUS",
        help="announced, in production, airing, returning, ended or cancelled.",
        show_default=False,
    ),
]
SummaryOption = Annotated[
    str | None, typer.Option("--summary", metavar="TEXT", help="A sentence or two about it.")
]
OffsetOption = Annotated[
    str | None,
    typer.Option(
        "--offset",
        metavar="SPAN",
        help="Your own viewing time: how much later (or earlier) than announced you can watch"
        " it, like +1d, -3h or +1d6h; 0 clears it.",
        show_default=False,
    ),
]


@app.command("add")
def add(
    title: Annotated[str, typer.Argument(help="The show's title.")],
    network: NetworkOption = None,
    country: CountryOption = None,
    status: StatusOption = None,
    alias: Annotated[
        list[str] | None,
        typer.Option("--alias", "-a", metavar="NAME", help="Another name it goes by (repeatable)."),
    ] = None,
    summary: SummaryOption = None,
    follow: Annotated[
        bool, typer.Option("--follow/--no-follow", help="Follow it: remind of its releases.")
    ] = True,
    offset: OffsetOption = None,
    db: DbOption = None,
) -> None:
    """Add a show to the catalog (followed, unless --no-follow)."""
    from seasontrack.services import editing

    span = offset_option(offset) or timedelta(0)
    with catalog(db) as conn:
        ref = editing.add_show(
            conn,
            title,
            network=network,
            country=country,
            status=status or "announced",
            aliases=alias or [],
            summary=summary,
            followed=follow,
            offset=span,
        )
    done(f"Added {ref.title}{'' if follow else ' (not followed)'}.")


@app.command("edit")
def edit(
    title: TitleArg,
    new_title: Annotated[
        str | None, typer.Option("--title", metavar="TITLE", help="Rename the show.")
    ] = None,
    network: NetworkOption = None,
    country: CountryOption = None,
    status: StatusOption = None,
    alias: Annotated[
        list[str] | None,
        typer.Option("--alias", "-a", metavar="NAME", help="Add an alias (repeatable)."),
    ] = None,
    remove_alias: Annotated[
        list[str] | None,
        typer.Option("--remove-alias", metavar="NAME", help="Remove an alias (repeatable)."),
    ] = None,
    summary: SummaryOption = None,
    offset: OffsetOption = None,
    db: DbOption = None,
) -> None:
    """Change a show. An empty value ("") clears a field."""
    from seasontrack.services import editing

    span = offset_option(offset)
    keep = editing.KEEP
    with catalog(db) as conn:
        ref = editing.edit_show(
            conn,
            title,
            title=new_title,
            network=keep if network is None else network,
            country=keep if country is None else country,
            status=status,
            summary=keep if summary is None else summary,
            add_aliases=alias or [],
            remove_aliases=remove_alias or [],
            offset=span,
        )
    done(f"Updated {ref.title}.")


@app.command("rm")
def remove(title: TitleArg, yes: YesOption = False, db: DbOption = None) -> None:
    """Remove a show with its seasons, credits, trailers and sources."""
    from seasontrack.services import editing
    from seasontrack.services.lookup import resolve_show

    with catalog(db) as conn:
        ref = resolve_show(conn, title)
        confirm(f"Remove {ref.title} and everything recorded about it?", yes)
        editing.remove_show(conn, ref.title)
    done(f"Removed {ref.title}.")
