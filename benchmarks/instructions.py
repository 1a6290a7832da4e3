"""Count the instructions each reading command executes, beside the floor, with valgrind.

Wall-clock times on a shared machine move by 10 to 30% between runs, which hides the
differences a change to start-up makes. The number of instructions a process executes
hardly moves at all (under 0.5% here), so this script counts them, once per command, with
valgrind's callgrind tool, and gives each as a ratio to the floor's count. Instructions are
not time (a cache miss or a system call costs more than an instruction), so run.py stays
the measure of record; this one says where the time goes.

Besides the commands, it counts two probes that run the floor program with part of a
command's work added, to split off what Rich itself costs:

- "floor + import Rich": the floor after importing rich.console, rich.table and rich.text;
- "floor + Rich table": that, then printing a 50-row, 5-column table of plain text, the
  size of `upcoming`'s.

Run it after run.py, which generates and imports the catalog it reads:

    python benchmarks/instructions.py            # writes benchmarks/INSTRUCTIONS.md
    python benchmarks/instructions.py --quick    # next and the floor only

Each count takes 5 to 30 s (valgrind runs Python about 50 times slower). It counts run.py's
reading commands, with the same arguments, except `list`.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run as bench  # noqa: E402  (run.py sits beside this file; it is not a package)
from catalogs import NOW, TZ, base_env, take_snapshot  # noqa: E402
from report import source_state  # noqa: E402

RICH_IMPORT = "import rich.console, rich.table, rich.text"
RICH_TABLE = """
import sys
from rich.console import Console
from rich.table import Table
from rich.text import Text
table = Table(box=None)
for heading in ("Show", "Release", "When", "Countdown", "Network"):
    table.add_column(heading)
for n in range(50):
    table.add_row(Text(f"Show {n:05d}"), Text("S2E1"), Text("June 6, 2026 16:00 EDT"),
        Text("in 5 days"), Text("Network 12"))
Console(file=sys.stdout).print(table)
"""


@dataclass(frozen=True)
class Probe:
    label: str
    argv: list[str]


def floor_with(code: str) -> list[str]:
    """The floor program, run after ``code`` in the same process."""
    script = (
        f"{code}\nimport runpy, sys\n"
        f"sys.argv = [{str(HERE / 'floor.py')!r}, 'NAME', '--greeting', 'hi']\n"
        f"runpy.run_path(sys.argv[0], run_name='__main__')\n"
    )
    return [sys.executable, "-c", script]


def count(argv: list[str], env: dict[str, str]) -> int:
    """Instructions executed by ``argv`` and its threads, as callgrind counts them."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "callgrind.out"
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *argv],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        if done.returncode != 0 or not out.exists():
            raise SystemExit(f"valgrind failed on {argv[1:]}: {done.stderr.strip()[-300:]}")
        for line in out.read_text().splitlines():
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
    raise SystemExit(f"no instruction count in callgrind's output for {argv[1:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/seasontrack-bench"))
    parser.add_argument("--shows", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="the floor and next only")
    parser.add_argument("--results", type=Path, default=HERE / "INSTRUCTIONS.md")
    args = parser.parse_args(argv)

    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt install valgrind)", file=sys.stderr)
        return 2
    db = args.workdir / f"catalog-{args.shows}-0.db"
    if not db.exists():
        print(f"no catalog at {db}: run `python benchmarks/run.py` first", file=sys.stderr)
        return 2
    where = take_snapshot(args.workdir, wanted=True)
    env = base_env(args.workdir, db)
    seasontrack = bench.find_seasontrack()
    if not seasontrack:
        print("no seasontrack next to this Python or on PATH", file=sys.stderr)
        return 2
    helps: dict[str, str] = {}
    probes = [Probe("floor: floor.py NAME --greeting hi", floor_with(""))]
    if not args.quick:
        probes += [
            Probe("floor + import Rich", floor_with(RICH_IMPORT)),
            Probe("floor + Rich table (50 rows, 5 columns)", floor_with(RICH_TABLE)),
        ]
    for label, command, _ in bench.READING:
        # `list` would take about 10 minutes under valgrind; --quick counts `next` only.
        if command[0] == "list" or (args.quick and command[0] != "next"):
            continue
        probes.append(
            Probe(label, [seasontrack, *bench.with_clock(seasontrack, command, env, helps)])
        )
    started = time.perf_counter()
    counts: dict[str, int] = {}
    for probe in probes:
        counts[probe.label] = count(probe.argv, env)
        print(f"{probe.label}: {counts[probe.label] / 1e6:,.1f} M", file=sys.stderr, flush=True)
    floor = counts[probes[0].label]

    lines = [
        "# seasontrack instruction counts",
        "",
        "Written by `python benchmarks/instructions.py`: each process run once under valgrind's"
        " callgrind, which counts the instructions it executes (see the script's docstring)."
        " Ratio is the count over the floor's.",
        "",
        f"- Code measured: {where}",
        f"- Source: {source_state()}",
        f"- Python {platform.python_version()}, catalog of {args.shows:,} shows,"
        f" with `--now {NOW} --tz {TZ}` where the command takes them",
        f"- Took {time.perf_counter() - started:.0f} s",
        "",
        "| Process | Instructions (millions) | Ratio to floor |",
        "| --- | ---: | ---: |",
    ]
    for probe in probes:
        done = counts[probe.label]
        lines.append(f"| `{probe.label}` | {done / 1e6:,.1f} | {done / floor:.2f} |")
    text = "\n".join(lines) + "\n"
    args.results.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
