"""Drawing for `fetch` and `sync` (the pick list, the progress bar), and the part of `info`
about a linked show: where TVmaze differs from you, and the credit TVmaze's licence asks for."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from seasontrack.models import ShowLink
from seasontrack.render import safe

if TYPE_CHECKING:
    from seasontrack.render.base import Screen

TVMAZE_LICENCE = "CC BY-SA 4.0"


@dataclass(frozen=True)
class OnlineFacts:
    """What `info` shows of a linked show: its link, and where TVmaze differs from you."""

    link: ShowLink
    differences: list[str]


def online_details(screen: Screen, title: str, online: OnlineFacts) -> None:
    """A section after `info`'s own: genres, website, differences, and the TVmaze credit."""
    from rich.table import Table

    from seasontrack.render.base import text

    link = online.link
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold" if screen.fancy else "", no_wrap=True)
    grid.add_column()
    if link.genres:
        grid.add_row("Genres", text(", ".join(link.genres)))
    if link.official_site:
        grid.add_row("Website", text((link.official_site, "underline")))
    if online.differences:
        grid.add_row("Differences", text("\n".join(online.differences)))
    # TVmaze's licence asks for credit with a link.
    url = link.url or f"https://www.tvmaze.com/shows/{link.tvmaze_id}"
    grid.add_row("Data from", text(f"TVmaze ({TVMAZE_LICENCE})\n  ", (url, "underline")))
    if not screen.fancy:
        # `info`'s plain sections are apart by a blank line; the last one's was trimmed.
        sys.stdout.write("\n")
    screen.print(screen.section(f"{title} · TVmaze", grid))


def numbered(labels: list[str]) -> list[str]:
    """A numbered list, one literal line each."""
    width = len(str(len(labels)))
    return [f"{i:>{width}}. {safe(label)}" for i, label in enumerate(labels, start=1)]


@contextmanager
def sync_progress(total: int, show: bool) -> Iterator[Callable[[str], None]]:
    """A progress bar on stderr (a terminal only); yields the function that advances it."""
    from seasontrack.render.progress import count_progress

    with count_progress("Syncing", total, show) as advance:
        yield advance
