"""`seasontrack stats`: what you watched, month by month."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from seasontrack.cli.common import DbOption, JsonOption, NowOption, TzOption, catalog, clock, emit

if TYPE_CHECKING:
    from seasontrack.render.columns import Listing
    from seasontrack.services.stats import WatchStats


def stats_command(
    year: Annotated[
        int | None,
        typer.Option(
            "--year", min=1, max=9999, metavar="YEAR", help="Only this year (default: all)."
        ),
    ] = None,
    as_json: JsonOption = False,
    now: NowOption = None,
    tz: TzOption = None,
    db: DbOption = None,
) -> None:
    """What you watched, month by month: episodes, hours, shows started and finished.

    Hours come from TVmaze's runtimes; only episodes marked watched on a known day count.
    """
    from seasontrack.services.stats import watch_stats

    at = clock(now, tz)
    with catalog(db) as conn:
        stats = watch_stats(conn, at.now, at.zone.tzinfo, year=year)

    def as_data(found: WatchStats) -> object:
        from seasontrack.render.json_views import stats_json

        return stats_json(found)

    def listing(found: WatchStats) -> list[Listing]:
        from seasontrack.render.stats import watch_stats as stats_list

        return [stats_list(found)]

    within = f" in {year}" if year is not None else ""
    emit(
        stats,
        as_json=as_json,
        json=as_data,
        listing=listing,
        empty=f"Nothing watched with a day{within}. Mark episodes with:"
        " seasontrack watched TITLE SEASON EPISODE, or import a history.",
    )
