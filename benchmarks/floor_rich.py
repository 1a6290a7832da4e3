"""The Rich floor: the floor program (floor.py) that prints a 50-row, 5-column Rich table
instead of one line, the size of `upcoming`'s screen.

A command that draws a table pays at least this much (starting Python, importing Typer,
Click and Rich, laying out and printing the table), so run.py judges the drawing commands
(`info`, `upcoming`, `calendar`, `search`) by their ratio to it.

    python benchmarks/floor_rich.py NAME --greeting hi
"""

from __future__ import annotations

import typer

app = typer.Typer()


@app.command()
def main(name: str, greeting: str = "hello") -> None:
    # Imported here, as seasontrack's commands do: Typer's own start-up stays the same.
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, title=f"{greeting}, {name}")
    for heading in ("Show", "Release", "When", "Countdown", "Network"):
        table.add_column(heading)
    for n in range(50):
        table.add_row(
            Text(f"Show {n:05d}"),
            Text("S2E1"),
            Text("June 6, 2026 16:00 EDT"),
            Text("in 5 days"),
            Text("Network 12"),
        )
    Console().print(table)


if __name__ == "__main__":
    app()
