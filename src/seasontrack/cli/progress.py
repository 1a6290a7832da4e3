"""`seasontrack follow`, `unfollow`, `watched` and `unwatched`: what you follow and have seen."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from seasontrack.cli.common import (
    DbOption,
    NowOption,
    SeasonArg,
    TitleArg,
    TzOption,
    catalog,
    clock,
    done,
    when_option,
)
from seasontrack.errors import InvalidInput

EpisodeArg = Annotated[
    str | None,
    typer.Argument(
        help="An episode (8) or a range (1-8); default: the whole season.", show_default=False
    ),
]


def follow_command(
    title: TitleArg,
    only: Annotated[
        str | None,
        typer.Option(
            "--only",
            metavar="KINDS",
            help="Alert only for these, a comma list of premieres, finales, episodes, complete,"
            " dated, announced [default: all]; again on a followed show changes the choice.",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Follow a show: `remind` alerts of its releases and its seasons' news."""
    from seasontrack.inputs import alert_kinds
    from seasontrack.services import progress

    kinds = alert_kinds(only) if only is not None else None
    with catalog(db) as conn:
        ref = progress.set_following(conn, title, True, alerts=kinds, choose=only is not None)
    what = f" (alerts: {', '.join(kinds)})" if kinds is not None else ""
    done(f"Following {ref.title}{what}.")


def unfollow_command(title: TitleArg, db: DbOption = None) -> None:
    """Stop following a show: no more reminders (it stays in the catalog)."""
    from seasontrack.services import progress

    with catalog(db) as conn:
        ref = progress.set_following(conn, title, False)
    done(f"No longer following {ref.title}.")


def _episodes(first: int, last: int) -> str:
    return f"E{first}" if first == last else f"E{first}-E{last}"


def watched_command(
    title: TitleArg,
    season: SeasonArg,
    episode: EpisodeArg = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="DATE",
            help="The day you watched them, like 2024-03-02 (default: today).",
            show_default=False,
        ),
    ] = None,
    now: NowOption = None,
    tz: TzOption = None,
    db: DbOption = None,
) -> None:
    """Mark episodes as seen, on the day you saw them."""
    from seasontrack.services import progress

    at = clock(now, tz)
    today = at.now.astimezone(at.zone.tzinfo).date()
    day = _watched_day(on, today)
    with catalog(db) as conn:
        ref, first, last = progress.set_watched(
            conn, title, season, episode, True, today=today, on=day
        )
    when = f" on {_day_label(day)}" if day is not None else ""
    done(f"Watched {ref.title} S{season}{_episodes(first, last)}{when}.")


def _watched_day(text: str | None, today: date) -> date | None:
    """The day ``--on`` names: a day (or a moment, whose own day it is), not after today."""
    if text is None:
        return None
    from seasontrack.dates import Precision

    when = when_option(text, "--on")
    if (
        when is None
        or when.start is None
        or when.precision
        not in (
            Precision.DAY,
            Precision.MINUTE,
        )
    ):
        raise InvalidInput(f"--on {text!r} is not a day; write it like 2024-03-02")
    if when.start > today:
        raise InvalidInput(f"--on {text!r} is after today ({today.isoformat()})")
    return when.start


def _day_label(day: date) -> str:
    from seasontrack.dates import PartialDate, Precision

    return PartialDate(Precision.DAY, day).label()


def unwatched_command(
    title: TitleArg, season: SeasonArg, episode: EpisodeArg = None, db: DbOption = None
) -> None:
    """Mark episodes as not seen."""
    from seasontrack.services import progress

    with catalog(db) as conn:
        ref, first, last = progress.set_watched(conn, title, season, episode, False)
    done(f"Marked {ref.title} S{season}{_episodes(first, last)} as not watched.")
