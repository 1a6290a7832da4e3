"""`seasontrack follow`, `unfollow`, `watched` and `unwatched`: what you follow and have seen."""

from __future__ import annotations

from typing import Annotated

import typer

from seasontrack.cli.common import DbOption, SeasonArg, TitleArg, catalog, done

EpisodeArg = Annotated[
    str | None,
    typer.Argument(
        help="An episode (8) or a range (1-8); default: the whole season.", show_default=False
    ),
]


def follow_command(title: TitleArg, db: DbOption = None) -> None:
    """Follow a show: `remind` reminds of its releases."""
    from seasontrack.services import progress

    with catalog(db) as conn:
        ref = progress.set_following(conn, title, True)
    done(f"Following {ref.title}.")


def unfollow_command(title: TitleArg, db: DbOption = None) -> None:
    """Stop following a show: no more reminders (it stays in the catalog)."""
    from seasontrack.services import progress

    with catalog(db) as conn:
        ref = progress.set_following(conn, title, False)
    done(f"No longer following {ref.title}.")


def _episodes(first: int, last: int) -> str:
    return f"E{first}" if first == last else f"E{first}-E{last}"


def watched_command(
    title: TitleArg, season: SeasonArg, episode: EpisodeArg = None, db: DbOption = None
) -> None:
    """Mark episodes as seen."""
    from seasontrack.services import progress

    with catalog(db) as conn:
        ref, first, last = progress.set_watched(conn, title, season, episode, True)
    done(f"Watched {ref.title} S{season}{_episodes(first, last)}.")


def unwatched_command(
    title: TitleArg, season: SeasonArg, episode: EpisodeArg = None, db: DbOption = None
) -> None:
    """Mark episodes as not seen."""
    from seasontrack.services import progress

    with catalog(db) as conn:
        ref, first, last = progress.set_watched(conn, title, season, episode, False)
    done(f"Marked {ref.title} S{season}{_episodes(first, last)} as not watched.")
