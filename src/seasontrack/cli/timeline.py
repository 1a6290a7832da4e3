"""`seasontrack upcoming`, `countdown` and `calendar`: what comes out when."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

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
    span_option,
    when_option,
)
from seasontrack.errors import EXIT_INTERRUPTED, InvalidInput
from seasontrack.limits import MAX_SEASON, MAX_YEAR, MIN_YEAR

if TYPE_CHECKING:
    from collections.abc import Iterator

    from seasontrack.clock import Clock
    from seasontrack.countdown import Window
    from seasontrack.models import Release
    from seasontrack.render.base import Screen
    from seasontrack.render.columns import Listing
    from seasontrack.services import timeline
    from seasontrack.store.seasons import CompleteRow


def upcoming_command(
    within: Annotated[
        str | None,
        typer.Option(
            "--within",
            "-w",
            metavar="SPAN",
            help="Only what starts within this span: 30d, 2w, 12h.",
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="WHEN", help="Only what starts by this date or moment."),
    ] = None,
    network: NetworkFilterOption = None,
    episodes: Annotated[
        bool,
        typer.Option("--episodes", "-e", help="Every episode, not one line per season (and part)."),
    ] = False,
    limit: Annotated[
        int,
        typer.Option("--limit", "-n", min=0, metavar="N", help="Show at most this many (0: all)."),
    ] = 50,
    complete: Annotated[
        bool,
        typer.Option(
            "--complete", help="Seasons by when all their episodes are out, not by release."
        ),
    ] = False,
    announced: Annotated[
        bool,
        typer.Option("--announced", help="Also what is announced without a date (date TBA), last."),
    ] = False,
    as_json: JsonOption = False,
    plain: PlainOption = False,
    template: FormatOption = None,
    no_pager: NoPagerOption = False,
    now: NowOption = None,
    tz: TzOption = None,
    db: DbOption = None,
) -> None:
    """What comes out from now on, soonest first, with countdowns."""
    from seasontrack.countdown import later
    from seasontrack.services import timeline

    template = checked_template(template, as_json, plain)
    at = clock(now, tz)
    if within is not None and until is not None:
        raise InvalidInput("give --within or --until, not both")
    if complete and episodes:
        raise InvalidInput("give --complete or --episodes, not both")
    until_moment = None
    if within is not None:
        until_moment = later(at.now, span_option(within, "--within"))
    if until is not None:
        end = when_option(until, "--until", default_tz=at.zone.name)
        assert end is not None
        if end.start is None or end.end is None:
            raise InvalidInput("--until needs a date, like 2018-04-01")
        # "Until March 2018" includes all of March.
        span = at.view(end).span
        assert span is not None
        until_moment = span.latest
    if complete:
        if template is not None:
            raise InvalidInput("give --format or --complete, not both")
        _complete_command(
            at, until_moment, network, limit, announced, as_json, plain, not no_pager, db
        )
        return
    with catalog(db, read_only=True) as conn:
        items = timeline.upcoming(
            conn,
            at.now,
            at.zone.tzinfo,
            until=until_moment,
            network=network,
            episodes=episodes,
            limit=limit + 1 if limit else None,
            announced=announced,
        )
    items = _at_most(items, limit)

    def as_data(found: list[timeline.Upcoming]) -> object:
        from seasontrack.render.json_views import upcoming_json

        return [upcoming_json(item, at) for item in found]

    def listing(found: list[timeline.Upcoming]) -> list[Listing]:
        from seasontrack.render.listings import upcoming_list

        return [upcoming_list(found, at)]

    def fields(found: list[timeline.Upcoming]) -> Iterator[dict[str, str]]:
        from seasontrack.fields import release_fields

        return (release_fields(item.release, at) for item in found)

    emit(
        items,
        as_json=as_json,
        plain=plain,
        json=as_data,
        rows=lambda found: [_upcoming_row(item, at) for item in found],
        listing=listing,
        template=template,
        fields=fields,
        empty="Nothing known to come out in that time.",
        pager=not no_pager,
    )


T = TypeVar("T")


def _at_most(items: list[T], limit: int) -> list[T]:
    """The first ``limit`` of ``items`` (read one further, to know whether it cuts)."""
    if limit and len(items) > limit:
        typer.echo(f"(the first {limit}; --limit 0 shows all)", err=True)
        return items[:limit]
    return items


def _complete_command(
    at: Clock,
    until: datetime | None,
    network: str | None,
    limit: int,
    announced: bool,
    as_json: bool,
    plain: bool,
    pager: bool,
    db: Path | None,
) -> None:
    """`upcoming --complete`: the seasons not yet complete, by when they will be."""
    from seasontrack.services import timeline

    with catalog(db, read_only=True) as conn:
        items = timeline.completing(
            conn,
            at.now,
            at.zone.tzinfo,
            until=until,
            network=network,
            limit=limit + 1 if limit else None,
            announced=announced,
        )
    items = _at_most(items, limit)

    def as_data(found: list[CompleteRow]) -> object:
        from seasontrack.render.json_views import completing_json

        return [completing_json(item, at) for item in found]

    def rows(found: list[CompleteRow]) -> list[list[str]]:
        """show, season, episodes, when complete, local date (or first day), countdown, airing"""
        lines = []
        for item in found:
            view = at.view(item.complete, item.release_tz)
            first_day = view.first_day
            lines.append(
                [
                    item.show,
                    f"S{item.season}",
                    str(item.episodes or ""),
                    view.local.label(),
                    first_day.isoformat() if first_day else "",
                    view.countdown,
                    "airing" if item.airing else "",
                ]
            )
        return lines

    def listing(found: list[CompleteRow]) -> list[Listing]:
        from seasontrack.render.listings import completing_list

        return [completing_list(found, at)]

    emit(
        items,
        as_json=as_json,
        plain=plain,
        json=as_data,
        rows=rows,
        listing=listing,
        empty="No season known to become complete in that time.",
        pager=pager,
    )


def _upcoming_row(item: timeline.Upcoming, at: Clock) -> list[str]:
    """show, release, when, local date (or first day), countdown, airing|premiere|finale"""
    release = item.release
    view = at.view(release.when, release.release_tz)
    first_day = view.first_day
    return [
        release.show,
        release.code(),
        view.local.label(),
        first_day.isoformat() if first_day else "",
        view.countdown,
        ",".join(_flags(item)),
    ]


def _flags(item: timeline.Upcoming) -> list[str]:
    pairs = (
        ("airing", item.airing),
        ("premiere", item.release.premiere),
        ("finale", item.release.finale),
    )
    return [name for name, on in pairs if on]


def countdown_command(
    title: TitleArg,
    season: Annotated[
        int | None,
        typer.Argument(
            help="The season (default: the show's next release).", min=0, max=MAX_SEASON
        ),
    ] = None,
    live: Annotated[
        bool, typer.Option("--live", help="Tick every second until it is out (Ctrl-C stops).")
    ] = False,
    as_json: JsonOption = False,
    now: NowOption = None,
    tz: TzOption = None,
    db: DbOption = None,
) -> None:
    """A big countdown to a season's premiere, or an airing season's next episode."""
    from seasontrack.services import timeline

    at = clock(now, tz)
    with catalog(db, read_only=True) as conn:
        item = timeline.countdown_target(conn, title, season, at.now, at.zone.tzinfo)
    span = at.view(item.release.when, item.release.release_tz).span

    def as_data(found: timeline.Upcoming) -> object:
        from seasontrack.render.json_views import countdown_json

        return countdown_json(found, at)

    def draw(view: Screen, found: timeline.Upcoming) -> None:
        if live and span is not None:
            _run_live(view, found, span, at)
            return
        from seasontrack.render.timeline import countdown_view

        view.print(countdown_view(view, found, span, at))

    emit(item, as_json=as_json, json=as_data, draw=draw)


def _run_live(view: Screen, item: timeline.Upcoming, span: Window, at: Clock) -> None:
    """Redraw every second until the release moment, then say it is out; Ctrl-C stops."""
    from rich.live import Live

    from seasontrack.countdown import later
    from seasontrack.render.timeline import countdown_view

    started = time.monotonic()

    def current() -> Clock:
        # The injected now moves on with the real clock, so --now still gives a live countdown.
        return at._replace(now=later(at.now, timedelta(seconds=time.monotonic() - started)))

    try:
        with Live(
            countdown_view(view, item, span, at),
            console=view.console,
            auto_refresh=False,
            transient=False,
        ) as live:
            while True:
                moment = current()
                left = (span.earliest - moment.now).total_seconds()
                if left <= 0:
                    live.update(
                        countdown_view(view, item, span, moment, finished=True), refresh=True
                    )
                    return
                live.update(countdown_view(view, item, span, moment), refresh=True)
                # Wake on the next whole second of the countdown, or at the moment itself.
                time.sleep(min(left, (left % 1) or 1.0))
    except KeyboardInterrupt:
        raise typer.Exit(EXIT_INTERRUPTED) from None


def calendar_command(
    month: Annotated[
        str | None,
        typer.Option(
            "--month",
            "-m",
            metavar="YYYY-MM",
            help="First month to show (default: this month).",
        ),
    ] = None,
    months: Annotated[
        int,
        typer.Option(
            "--months", "-n", min=1, max=24, metavar="N", help="How many months, 1 to 24."
        ),
    ] = 1,
    as_json: JsonOption = False,
    plain: PlainOption = False,
    template: FormatOption = None,
    no_pager: NoPagerOption = False,
    now: NowOption = None,
    tz: TzOption = None,
    db: DbOption = None,
) -> None:
    """A month grid with each day's releases (premieres and finales marked)."""
    from seasontrack.services import timeline

    template = checked_template(template, as_json, plain)
    at = clock(now, tz)
    today = at.now.astimezone(at.zone.tzinfo).date()
    year, first_month = today.year, today.month
    if month is not None:
        try:
            first = date.fromisoformat(month.strip() + "-01")
        except ValueError:
            raise InvalidInput(
                f"--month {month!r} is not a month; write it as YYYY-MM, like 2018-03"
            ) from None
        if not MIN_YEAR <= first.year <= MAX_YEAR:
            raise InvalidInput(
                f"--month {month!r} is out of range; use a month from {MIN_YEAR} to {MAX_YEAR}"
            )
        year, first_month = first.year, first.month
    shown = []
    for offset in range(months):
        index = first_month - 1 + offset
        shown.append((year + index // 12, index % 12 + 1))
    start = date(shown[0][0], shown[0][1], 1)
    last_year, last_month = shown[-1]
    end = date(last_year + last_month // 12, last_month % 12 + 1, 1) - timedelta(days=1)
    with catalog(db, read_only=True) as conn:
        days, vague = timeline.calendar(conn, start, end, at.zone.tzinfo, at.zone.name)

    def as_data(found: tuple[list[timeline.CalendarDay], list[Release]]) -> object:
        from seasontrack.render.json_views import calendar_json

        return calendar_json(start, end, *found, at)

    def rows(found: tuple[list[timeline.CalendarDay], list[Release]]) -> list[list[str]]:
        """date, time, show, release, premiere/finale"""
        return [
            [
                day.day.isoformat(),
                release.when.time.strftime("%H:%M") if release.when.time else "",
                release.show,
                release.code(),
                ",".join(_flags(timeline.Upcoming(release, airing=False))),
            ]
            for day in found[0]
            for release in day.releases
        ]

    def draw(view: Screen, found: tuple[list[timeline.CalendarDay], list[Release]]) -> None:
        from seasontrack.render.timeline import calendar_view

        calendar_view(view, shown, *found, at)

    def lines(found: tuple[list[timeline.CalendarDay], list[Release]]) -> list[str]:
        from seasontrack.render.listings import calendar_lines

        return calendar_lines(shown, *found)

    def fields(
        found: tuple[list[timeline.CalendarDay], list[Release]],
    ) -> Iterator[dict[str, str]]:
        from seasontrack.fields import release_fields

        return (release_fields(release, at) for day in found[0] for release in day.releases)

    emit(
        (days, vague),
        as_json=as_json,
        plain=plain,
        json=as_data,
        rows=rows,
        draw=draw,
        lines=lines,
        template=template,
        fields=fields,
        pager=not no_pager,
    )
