"""The floor: the smallest Typer program, one argument and one option, printing one line.

Every seasontrack command pays at least this much (starting Python, importing Typer and
Click, parsing the command line), so run.py reports each command's time as a ratio to it.

    python benchmarks/floor.py NAME --greeting hi
"""

from __future__ import annotations

import typer

app = typer.Typer()


@app.command()
def main(name: str, greeting: str = "hello") -> None:
    print(f"{greeting}, {name}")


if __name__ == "__main__":
    app()
