"""`seasontrack list`, `info` and `search`: reading the catalog."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from seasontrack.cli.common import (
    DbOption,
    JsonOption,
    NetworkFilterOption,
    NowOption,
    PlainOption,
    TitleArg,
    TzOption,
    catalog,
    clock,
    print_json,
    print_rows,
    screen,
)
from seasontrack.errors import NotFound

if TYPE_CHECKING:
    from seasontrack.clock import Clock
    from seasontrack.services import reading


def list_command(
    status: Annotated[
        str | None, typer.Option("--status", metavar="STATUS", help="Only shows with this status.")
    ] = None,
    network: NetworkFilterOption = None,
    unwatched: Annotated[
        bool, typer.Option("--unwatched", help="Only shows with episodes out and not yet seen.")
    ] = False,
    as_json: JsonOption = False,
    plain: PlainOption = False,
    now: NowOption = None,
    tz: TzOption = None,
    db: DbOption = None,
) -> None:
    """List the shows: latest season, progress, next release and its countdown."""
    from seasontrack.services import reading

    at = clock(now, tz)
    with catalog(db) as conn:
        summaries = reading.list_shows(
            conn, at.now, at.zone.tzinfo, status=status, network=network, only_unwatched=unwatched
        )
    if as_json:
        from seasontrack.serialize import summary_json

        print_json([summary_json(s, at) for s in summaries])
        return
    if plain:
        print_rows([_list_row(s, at) for s in summaries])
        return
    if not summaries:
        if unwatched:
            typer.echo("Nothing out that you haven't seen.", err=True)
        else:
            typer.echo("No shows yet. Add one with: seasontrack show add TITLE", err=True)
        return
    from seasontrack.render.catalog import show_list

    show_list(screen(), summaries, at, unwatched=unwatched)


def _list_row(summary: reading.ShowSummary, at: Clock) -> list[str]:
    """title, network, status, latest season, progress, next release, its date, countdown,
    unwatched episodes."""
    from seasontrack.render import episode_ranges

    item = summary.next_release
    release = item.release if item else None
    return [
        summary.title,
        summary.network or "",
        summary.status,
        f"S{summary.latest_season}" if summary.latest_season is not None else "",
        summary.progress.label() if summary.progress else "",
        release.code() if release else "",
        at.local(release.when).label() if release else "",
        at.countdown(release.when, release.release_tz) if release else "",
        "; ".join(f"S{n} {episode_ranges(eps)}" for n, eps in summary.unwatched),
    ]


def info_command(
    title: TitleArg,
    season: Annotated[
        int | None, typer.Argument(help="Only this season.", min=0, show_default=False)
    ] = None,
    as_json: JsonOption = False,
    now: NowOption = None,
    tz: TzOption = None,
    db: DbOption = None,
) -> None:
    """Everything about a show (or one season): dates, cast, crew, trailers, sources."""
    from seasontrack.services import lookup, timeline

    at = clock(now, tz)
    with catalog(db) as conn:
        show = lookup.get_show(conn, title)
        from seasontrack.services import facts

        link = facts.link_of(conn, show.id) if show.id is not None else None
        differences = facts.differences(conn, show.id) if link and show.id is not None else []
    if season is not None and show.season(season) is None:
        known = ", ".join(str(s.number) for s in show.seasons) or "none yet"
        raise NotFound(f"{show.title} has no season {season}; its seasons: {known}")
    next_release = timeline.next_of_show(show, at.now, at.zone.tzinfo)
    if as_json:
        from seasontrack.serialize import online_json, show_json, upcoming_json

        data = show_json(show)
        data["next_release"] = upcoming_json(next_release, at) if next_release else None
        data["online"] = online_json(link, differences) if link else None
        if season is not None:
            # One season: its own entries, and the whole show's, which hold for it too.
            data["seasons"] = [s for s in data["seasons"] if s["number"] == season]
            for key in ("cast", "crew", "trailers", "sources"):
                data[key] = [item for item in data[key] if item["season"] in (None, season)]
        print_json(data)
        return
    from seasontrack.render.catalog import show_details
    from seasontrack.services.progress import show_progress

    progress = show_progress(show.seasons, at.now, at.zone.tzinfo)
    drawn = screen()
    show_details(drawn, show, next_release, progress, season, at)
    if link is not None:
        from seasontrack.render.online import OnlineFacts, online_details

        online_details(drawn, show.title, OnlineFacts(link, differences))


def search_command(
    text: Annotated[str, typer.Argument(help="Part of a title, a person's or a character's name.")],
    as_json: JsonOption = False,
    plain: PlainOption = False,
    db: DbOption = None,
) -> None:
    """Find shows, people and characters. Exits 1 when nothing matches."""
    from seasontrack.services import reading

    with catalog(db) as conn:
        result = reading.search(conn, text)
    if as_json:
        from seasontrack.serialize import search_json

        print_json(search_json(result))
    elif plain:
        # kind, show, person, character or job, season
        rows = [["show", ref.title, "", "", ""] for ref in result.shows]
        rows += [
            [
                m.credit.role,
                m.show,
                m.credit.person,
                (m.credit.character or "") if m.credit.role == "cast" else (m.credit.job or ""),
                str(m.credit.season) if m.credit.season is not None else "",
            ]
            for m in result.credits
        ]
        print_rows(rows)
    elif not result.empty:
        from seasontrack.render.catalog import search_results

        search_results(screen(), result)
    if result.empty:
        raise NotFound(f"nothing in the catalog matches {result.text!r}")
