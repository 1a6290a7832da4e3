"""Drawing for `fetch` and `sync`: the pick list and the progress bar."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

from seasontrack.render import safe


def numbered(labels: list[str]) -> list[str]:
    """A numbered list, one literal line each."""
    width = len(str(len(labels)))
    return [f"{i:>{width}}. {safe(label)}" for i, label in enumerate(labels, start=1)]


@contextmanager
def sync_progress(total: int, show: bool) -> Iterator[Callable[[str], None]]:
    """A progress bar on stderr (a terminal only); yields the function that advances it."""
    if not show or total == 0:
        yield lambda title: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    bar = Progress(
        "Syncing",
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}", markup=False),
        console=Console(stderr=True),
        transient=True,
    )
    task = bar.add_task("", total=total)
    bar.start()

    def advance(title: str) -> None:
        with suppress(OSError, ValueError):
            bar.update(task, advance=1, description=safe(title))

    try:
        yield advance
    finally:
        bar.stop()
