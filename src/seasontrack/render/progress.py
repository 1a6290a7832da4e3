"""Progress bars on stderr, for the callbacks the services report their progress through.

A service never draws: it takes a plain function (``advance``) and calls it as it goes. The
command builds that function here, a Rich bar when stderr is a terminal, and a function that
does nothing otherwise, so piped output and logs stay clean.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any

from seasontrack.render import safe

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

# A file smaller than this imports before a bar would be worth drawing.
IMPORT_BAR_FROM = 5_000_000
# Fewer shows than this export before a bar would be worth drawing.
EXPORT_BAR_FROM = 1_000


def on_terminal() -> bool:
    """Whether stderr, where bars are drawn, is a terminal."""
    return sys.stderr.isatty()


@contextmanager
def _bar(label: str, *columns: Any, total: float | None) -> Iterator[tuple[Progress, TaskID]]:
    """A transient bar: ``label``, the bar itself, then ``columns``; gone once done."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress

    bar = Progress(label, BarColumn(), *columns, console=Console(stderr=True), transient=True)
    task = bar.add_task("", total=total)
    bar.start()
    try:
        yield bar, task
    finally:
        bar.stop()


@contextmanager
def import_progress(size: int) -> Iterator[Callable[[int, int], None] | None]:
    """How far an import has read a file of ``size`` bytes, as a bar on a terminal when the
    file is large; None (nothing to report to) otherwise."""
    if size < IMPORT_BAR_FROM or not on_terminal():
        yield None
        return
    from rich.progress import TimeRemainingColumn

    with _bar("Importing", "{task.percentage:>3.0f}%", TimeRemainingColumn(), total=size) as (
        bar,
        task,
    ):

        def advance(done: int, total: int) -> None:
            with suppress(OSError, ValueError):
                bar.update(task, completed=done, total=total or None)

        yield advance


@contextmanager
def count_progress(
    label: str, total: int, show: bool, *, remaining: bool = False
) -> Iterator[Callable[[str], None]]:
    """A bar counting ``total`` items done, each named as it goes (``advance(title)``);
    drawn only when ``show`` (a terminal, and asked for); with ``remaining``, the time left
    at the pace so far."""
    if not show or total == 0:
        yield lambda title: None
        return
    from rich.progress import MofNCompleteColumn, TextColumn, TimeRemainingColumn

    columns: list[Any] = [MofNCompleteColumn()]
    if remaining:
        columns.append(TimeRemainingColumn())
    with _bar(label, *columns, TextColumn("{task.description}", markup=False), total=total) as (
        bar,
        task,
    ):

        def advance(title: str) -> None:
            with suppress(OSError, ValueError):
                bar.update(task, advance=1, description=safe(title))

        yield advance


@contextmanager
def amount_progress(label: str, total: int, show: bool) -> Iterator[Callable[[int], None] | None]:
    """A bar of ``total`` items (an export's shows), advanced by how many each step did
    (``advance(count)``), with the time left; drawn only when ``show`` and stderr is a
    terminal and there are enough to wait for, else None (nothing to report to)."""
    if not show or total < EXPORT_BAR_FROM or not on_terminal():
        yield None
        return
    from rich.progress import MofNCompleteColumn, TimeRemainingColumn

    with _bar(label, MofNCompleteColumn(), TimeRemainingColumn(), total=total) as (bar, task):

        def advance(count: int) -> None:
            with suppress(OSError, ValueError):
                bar.update(task, advance=count)

        yield advance
