"""`seasontrack list`, `info` and `search`: reading the catalog."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from seasontrack.cli.common import (
    DbOption,
    FormatOption,
    JsonOption,
    NetworkFilterOption,
    NoPagerOption,
    NowOption,
    PlainOption,
    TitleArg,
    TzOption,
    catalog,
    checked_template,
    clock,
    emit,
)
from seasontrack.errors import InvalidInput, NotFound
from seasontrack.limits import MAX_SEASON

if TYPE_CHECKING:
    from collections.abc import Iterator

    from seasontrack.clock import Clock
    from seasontrack.models import Show
    from seasontrack.render.columns import Listing, Section
    from seasontrack.services import reading, search


def list_command(
    status: Annotated[
        str | None, typer.Option("--status", metavar="STATUS", help="Only shows with this status.")
    ] = None,
    network: NetworkFilterOption = None,
    unwatched: Annotated[
        bool, typer.Option("--unwatched", help="Only shows with episodes out and not yet seen.")
    ] = False,
    finished: Annotated[
        bool, typer.Option("--finished", help="Only shows whose every episode out you have seen.")
    ] = False,
    as_json: JsonOption = False,
    plain: PlainOption = False,
    template: FormatOption = None,
    no_pager: NoPagerOption = False,
    now: NowOption = None,
    tz: TzOption = None,
    db: DbOption = None,
) -> None:
    """List the shows: latest season, progress, next release and its countdown."""
    from seasontrack.services import reading

    if unwatched and finished:
        raise InvalidInput("--unwatched and --finished exclude each other; give one")
    template = checked_template(template, as_json, plain)
    at = clock(now, tz)
    with catalog(db, read_only=True) as conn:
        summaries = reading.list_shows(
            conn,
            at.now,
            at.zone.tzinfo,
            status=status,
            network=network,
            only_unwatched=unwatched,
            only_finished=finished,
            # Which episodes are out and not seen: in --json, --plain and --unwatched only.
            with_unwatched=as_json or plain or unwatched,
        )

    def as_data(found: list[reading.ShowSummary]) -> object:
        from seasontrack.render.json_views import summary_json

        return [summary_json(s, at) for s in found]

    def listing(found: list[reading.ShowSummary]) -> list[Listing]:
        from seasontrack.render.listings import show_list

        return [show_list(found, at, unwatched=unwatched)]

    def fields(found: list[reading.ShowSummary]) -> Iterator[dict[str, str]]:
        from seasontrack.fields import no_release_fields, release_fields

        for summary in found:
            item = summary.next_release
            if item is None:
                yield no_release_fields(summary.title, summary.network)
            else:
                yield release_fields(item.release, at)

    emit(
        summaries,
        as_json=as_json,
        plain=plain,
        json=as_data,
        rows=lambda found: [_list_row(s, at) for s in found],
        listing=listing,
        template=template,
        fields=fields,
        empty=_no_shows(status, network, unwatched, finished),
        pager=not no_pager,
    )


def _no_shows(
    status: str | None, network: str | None, unwatched: bool, finished: bool = False
) -> str:
    """What `list` says when it lists nothing: the filters that matched nothing, if any."""
    filters = " ".join(
        part
        for part in (
            f"with status {status.strip()}" if status else "",
            f"on {network.strip()}" if network else "",
        )
        if part
    )
    if unwatched:
        among = f" among the shows {filters}" if filters else ""
        return f"Nothing out that you haven't seen{among}."
    if finished:
        among = f" among the shows {filters}" if filters else ""
        return f"No show with every episode out seen{among}."
    if filters:
        return f"No shows {filters}"
    return "No shows yet. Add one with: seasontrack show add TITLE"


def _list_row(summary: reading.ShowSummary, at: Clock) -> list[str]:
    """title, network, status, latest season, progress, next release, its date, countdown,
    unwatched episodes."""
    from seasontrack.render import episode_ranges

    item = summary.next_release
    release = item.release if item else None
    view = at.view(release.when, release.release_tz) if release else None
    return [
        summary.title,
        summary.network or "",
        summary.status,
        f"S{summary.latest_season}" if summary.latest_season is not None else "",
        summary.progress.label() if summary.progress else "",
        release.code() if release else "",
        view.local.label() if view else "",
        view.countdown if view else "",
        "; ".join(f"S{n} {episode_ranges(eps)}" for n, eps in summary.unwatched),
    ]


def info_command(
    title: TitleArg,
    season: Annotated[
        int | None,
        typer.Argument(help="Only this season.", min=0, max=MAX_SEASON, show_default=False),
    ] = None,
    as_json: JsonOption = False,
    no_pager: NoPagerOption = False,
    now: NowOption = None,
    tz: TzOption = None,
    db: DbOption = None,
) -> None:
    """Everything about a show (or one season): dates, cast, crew, trailers, sources."""
    from seasontrack.services import lookup, timeline

    at = clock(now, tz)
    with catalog(db, read_only=True) as conn:
        show = lookup.get_show(conn, title)
        from seasontrack.services import facts

        assert show.id is not None
        link = facts.link_of(conn, show.id)
        differences = facts.differences(conn, show.id) if link else []
        next_release = timeline.next_of_show(conn, show.id, at.now, at.zone.tzinfo)
        from seasontrack.services.progress import show_progress

        progress = show_progress(conn, show.id, at.now, at.zone.tzinfo)
        from seasontrack.services.alerts import premiere_history

        history = premiere_history(conn, show.id)
    if season is not None and show.season(season) is None:
        known = ", ".join(str(s.number) for s in show.seasons) or "none yet"
        raise NotFound(f"{show.title} has no season {season}; its seasons: {known}")
    online = (link, differences) if link is not None else None

    def as_data(found: Show) -> object:
        from seasontrack.render.json_views import info_json

        return info_json(found, next_release, online, season, at, history)

    def sections(found: Show) -> list[Section]:
        from seasontrack.render.reading import show_details

        shown = show_details(found, next_release, progress, season, at, history)
        if online is not None:
            from seasontrack.render.online import OnlineFacts, online_details

            shown.append(online_details(found.title, OnlineFacts(*online)))
        return shown

    emit(show, as_json=as_json, json=as_data, sections=sections, pager=not no_pager)


def search_command(
    text: Annotated[
        str,
        typer.Argument(
            help="Words of a title, an episode's title, a person's or a character's name."
        ),
    ],
    limit: Annotated[
        int,
        typer.Option(
            "--limit",
            "-n",
            min=0,
            metavar="N",
            help="Show at most this many of each kind (0: all).",
        ),
    ] = 50,
    as_json: JsonOption = False,
    plain: PlainOption = False,
    no_pager: NoPagerOption = False,
    db: DbOption = None,
) -> None:
    """Find shows, people, characters and episodes, best matches first. Exits 1 when nothing
    matches."""
    from seasontrack.services import search

    with catalog(db, read_only=True) as conn:
        result = search.search(conn, text, limit=limit)

    def as_data(found: search.SearchResult) -> object:
        from seasontrack.render.json_views import search_json

        return search_json(found)

    def listing(found: search.SearchResult) -> list[Listing]:
        from seasontrack.render.listings import search_lists

        return search_lists(found)

    emit(
        result,
        as_json=as_json,
        plain=plain,
        json=as_data,
        rows=_search_rows,
        listing=listing,
        pager=not no_pager,
    )
    if result.cut:
        typer.echo(f"(the first {limit} of each kind; --limit 0 shows all)", err=True)
    if result.empty:
        raise NotFound(f"nothing in the catalog matches {result.text!r}{result.suggestion}")


def _search_rows(result: search.SearchResult) -> list[list[str]]:
    """kind, show, person (an episode: its code), character or job (an episode: its title),
    season"""
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
    rows += [
        ["episode", m.show, f"S{m.season}E{m.number}", m.title, str(m.season)]
        for m in result.episodes
    ]
    return rows
