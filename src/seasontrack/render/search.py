"""What `search` draws: the shows, people and characters, and episodes found, a section each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from seasontrack.render.base import Screen, text

if TYPE_CHECKING:
    from seasontrack.services.search import SearchResult


def search_results(screen: Screen, result: SearchResult) -> None:
    if result.shows:
        table = screen.table("Show", title=None)
        for ref in result.shows:
            table.add_row(text((ref.title, "bold")))
        screen.print(screen.section("Shows", table))
    if result.credits:
        table = screen.table("Person", "Role", "Show", "Season")
        for match in result.credits:
            credit = match.credit
            role = (
                f"as {credit.character}"
                if credit.character
                else ("role undisclosed" if credit.role == "cast" else credit.job)
            )
            table.add_row(
                text((credit.person, "bold")),
                text(role),
                text(match.show),
                text(f"S{credit.season}" if credit.season is not None else "all"),
            )
        screen.print(screen.section("People and characters", table))
    if result.episodes:
        table = screen.table("Episode", title=None)
        for episode in result.episodes:
            table.add_row(
                text(
                    (episode.show, "bold"),
                    f" S{episode.season}E{episode.number} ",
                    episode.title,
                )
            )
        screen.print(screen.section("Episodes", table))
