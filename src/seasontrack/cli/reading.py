"""`seasontrack list`, `info` and `search`: reading the catalog."""

from __future__ import annotations

from typing import Annotated

import typer

from seasontrack.cli.common import (
    DbOption,
    JsonOption,
    NowOption,
    TzOption,
    catalog,
    clock,
    print_json,
    screen,
)
from seasontrack.errors import NotFound
from seasontrack.services import catalog as svc
from seasontrack.services import reading, timeline


def list_command(
    status: Annotated[
        str | None, typer.Option("--status", help="Only shows with this status.")
    ] = None,
    network: Annotated[
        str | None, typer.Option("--network", help="Only shows on this network or platform.")
    ] = None,
    as_json: JsonOption = False,
    now: NowOption = None,
    tz: TzOption = None,
    db: DbOption = None,
) -> None:
    """List the shows, with their latest season and next known premiere."""
    at = clock(now, tz)
    with catalog(db) as conn:
        summaries = reading.list_shows(conn, at.now, at.zone.tzinfo, status=status, network=network)
    if as_json:
        from seasontrack.serialize import summary_json

        print_json([summary_json(s, at) for s in summaries])
        return
    if not summaries:
        typer.echo("No shows yet. Add one with: seasontrack show add TITLE", err=True)
        return
    from seasontrack.render.catalog import show_list

    show_list(screen(), summaries, at)


def info_command(
    title: Annotated[str, typer.Argument(help="The show's title, an alias, or a unique prefix.")],
    season: Annotated[
        int | None, typer.Argument(help="Only this season.", min=0, show_default=False)
    ] = None,
    as_json: JsonOption = False,
    now: NowOption = None,
    tz: TzOption = None,
    db: DbOption = None,
) -> None:
    """Everything about a show (or one season): dates, cast, crew, trailers, sources."""
    at = clock(now, tz)
    with catalog(db) as conn:
        show = svc.get_show(conn, title)
    if season is not None and show.season(season) is None:
        known = ", ".join(str(s.number) for s in show.seasons) or "none yet"
        raise NotFound(f"{show.title} has no season {season}; its seasons: {known}")
    next_release = timeline.next_of_show(show, at.now, at.zone.tzinfo)
    if as_json:
        from seasontrack.serialize import show_json, upcoming_json

        data = show_json(show)
        data["next_release"] = upcoming_json(next_release, at) if next_release else None
        if season is not None:
            # One season: its own entries, and the whole show's, which hold for it too.
            data["seasons"] = [s for s in data["seasons"] if s["number"] == season]
            for key in ("cast", "crew", "trailers", "sources"):
                data[key] = [item for item in data[key] if item["season"] in (None, season)]
        print_json(data)
        return
    from seasontrack.render.catalog import show_details

    show_details(screen(), show, next_release, season, at)


def search_command(
    text: Annotated[str, typer.Argument(help="Part of a title, a person's or a character's name.")],
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Find shows, people and characters. Exits 1 when nothing matches."""
    with catalog(db) as conn:
        result = reading.search(conn, text)
    if as_json:
        from seasontrack.serialize import search_json

        print_json(search_json(result))
    elif not result.empty:
        from seasontrack.render.catalog import search_results

        search_results(screen(), result)
    if result.empty:
        raise NotFound(f"nothing in the catalog matches {result.text!r}")
