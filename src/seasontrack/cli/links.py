"""`seasontrack trailer ...` and `seasontrack source ...`: trailers and where facts came from."""

from __future__ import annotations

from typing import Annotated

import typer

from seasontrack.cli.common import (
    DbOption,
    SeasonOption,
    TitleArg,
    catalog,
    done,
    named,
    when_option,
)

trailer_app = typer.Typer(help="Add, remove or open trailers.", no_args_is_help=True)
source_app = typer.Typer(
    help="Add or remove sources: the articles facts came from.", no_args_is_help=True
)

PublishedOption = Annotated[
    str | None,
    typer.Option("--published", metavar="WHEN", help="When it was published, e.g. 'Dec 9, 2017'."),
]


def _where(season: int | None) -> str:
    return f" season {season}" if season is not None else ""


@trailer_app.command("add")
def trailer_add(
    title: TitleArg,
    url: Annotated[
        str | None, typer.Argument(help="http(s) link to the video, if known.", show_default=False)
    ] = None,
    season: SeasonOption = None,
    trailer_title: Annotated[
        str | None, typer.Option("--title", metavar="TITLE", help="The video's title.")
    ] = None,
    no_title: Annotated[bool, typer.Option("--no-title", help="Remove the title.")] = False,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="teaser, trailer, clip or featurette (a new one: trailer).",
            show_default=False,
        ),
    ] = None,
    publisher: Annotated[
        str | None,
        typer.Option("--publisher", metavar="NAME", help="Who released it, e.g. Netflix."),
    ] = None,
    no_publisher: Annotated[
        bool, typer.Option("--no-publisher", help="Remove the publisher.")
    ] = False,
    published: PublishedOption = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note", metavar="TEXT", help="Anything worth keeping, e.g. the song it uses."
        ),
    ] = None,
    no_note: Annotated[bool, typer.Option("--no-note", help="Remove the note.")] = False,
    db: DbOption = None,
) -> None:
    """Add a trailer.

    The same link again updates it: only what you give changes (--no-title,
    --no-publisher, --no-note and --published TBA change a detail back).
    """
    from seasontrack.models import TBA, Trailer
    from seasontrack.services import editing

    given = {
        "title": named(trailer_title, no_title, "--title", "--no-title"),
        "kind": kind is not None,
        "publisher": named(publisher, no_publisher, "--publisher", "--no-publisher"),
        "published": published is not None,
        "note": named(note, no_note, "--note", "--no-note"),
    }
    trailer = Trailer(
        url=url,
        title=trailer_title,
        kind=kind or "trailer",
        publisher=publisher,
        published=when_option(published, "--published") or TBA,
        note=note,
        season=season,
    )
    with catalog(db) as conn:
        ref, added = editing.add_trailer(
            conn, title, trailer, [name for name, yes in given.items() if yes]
        )
    what = kind or "trailer"
    done(f"{'Added' if added else 'Updated'} a {what} for {ref.title}{_where(season)}.")


@trailer_app.command("rm")
def trailer_rm(
    title: TitleArg,
    url: Annotated[str | None, typer.Argument(help="The trailer's link.")] = None,
    season: SeasonOption = None,
    trailer_title: Annotated[
        str | None,
        typer.Option(
            "--title", metavar="TITLE", help="The trailer's title (for one without a link)."
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Remove a trailer, named by its link or its title."""
    from seasontrack.services import editing

    with catalog(db) as conn:
        ref, count = editing.remove_trailer(
            conn, title, url=url, season=season, title=trailer_title
        )
    done(f"Removed {count} trailer{'s' * (count != 1)} from {ref.title}{_where(season)}.")


@trailer_app.command("open")
def trailer_open(title: TitleArg, season: SeasonOption = None, db: DbOption = None) -> None:
    """Open the newest trailer in the web browser (prints its link when there is none)."""
    from seasontrack.services import editing

    with catalog(db, read_only=True) as conn:
        trailer = editing.newest_trailer(conn, title, season)
    assert trailer.url is not None  # newest_trailer only returns linked trailers
    import webbrowser

    # The link was checked to be http(s) when it was recorded, so the browser gets a web page.
    if not webbrowser.open(trailer.url):
        typer.echo("No web browser found; the trailer is at:", err=True)
    done(trailer.url)


@source_app.command("add")
def source_add(
    title: TitleArg,
    url: Annotated[str, typer.Argument(help="http(s) link to the article or announcement.")],
    season: SeasonOption = None,
    outlet: Annotated[
        str | None,
        typer.Option("--outlet", metavar="NAME", help="Who published it, e.g. The Daily Dot."),
    ] = None,
    source_title: Annotated[
        str | None, typer.Option("--title", metavar="TITLE", help="The article's title.")
    ] = None,
    published: PublishedOption = None,
    db: DbOption = None,
) -> None:
    """Record the article or announcement that facts came from."""
    from seasontrack.models import TBA, Source
    from seasontrack.services import editing

    source = Source(
        url=url,
        outlet=outlet,
        title=source_title,
        published=when_option(published, "--published") or TBA,
        season=season,
    )
    with catalog(db) as conn:
        ref, added = editing.add_source(conn, title, source)
    done(f"{'Added' if added else 'Updated'} a source for {ref.title}{_where(season)}.")


@source_app.command("rm")
def source_rm(
    title: TitleArg,
    url: Annotated[str, typer.Argument(help="The source's link.")],
    season: SeasonOption = None,
    db: DbOption = None,
) -> None:
    """Remove a source."""
    from seasontrack.services import editing

    with catalog(db) as conn:
        ref = editing.remove_source(conn, title, url, season=season)
    done(f"Removed a source from {ref.title}{_where(season)}.")
