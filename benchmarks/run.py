"""Time seasontrack's commands as whole, cold processes, beside two floors and two peers.

Each command is started fresh (a new Python process) several times, after one warm-up run
that is not counted, and the median, minimum and maximum wall-clock times are reported.
Two floors run in the same rounds: the smallest Typer program (floor.py), and the same
program printing a 50-row, 5-column Rich table (floor_rich.py). Each command is judged by its
time over one of them, per round; rounds interleave the commands, so a slow moment of the
machine spreads over all of them rather than landing on one.

Run it with the Python that has seasontrack installed:

    python benchmarks/run.py                 # full: 10,000 shows, writes benchmarks/RESULTS.md
    python benchmarks/run.py --quick         # smoke test: 100-show catalog, fewer runs
    python benchmarks/run.py --only search   # the floors and the commands named so, alone
    python benchmarks/run.py --no-peer       # without khal and episoder

It writes RESULTS.md; progress goes to stderr. See benchmarks/README.md for what each figure
means. The work is shared among timing.py (one process, rounds), catalogs.py (generating and
importing), peers.py (khal and episoder) and report.py (RESULTS.md).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from catalogs import (
    HERE,
    NOW,
    TZ,
    Catalog,
    ImportResult,
    base_env,
    generate,
    import_catalog,
    take_snapshot,
)
from peers import (
    EPISODER_VENV,
    KHAL_VENV,
    PEER_END,
    PEER_START,
    Peer,
    fill_episoder,
    find_peer,
    khal_config,
    write_vdir,
)
from report import (
    RATIO_HEADER,
    TARGET_PEER,
    distinct,
    export_notes,
    import_section,
    lines_of,
    machine,
    peer_section,
    ratio_row,
    scaling_section,
)
from timing import STARTED, Command, Sample, Target, first_line, progress, run_once, run_rounds

FEATURED = "Show 00042"
SEARCHED = "Actor 00001"
# Two words of the generator's episode titles: about 2,000 of the 500,000 episodes.
SEARCHED_EPISODES = "Silent Harbor"

# Targets from the speed issue (17), each a ratio to a floor's time, per round (the others,
# for scaling, peers, import and export, are in report.py).
PLAIN = "plain"
# The export of the followed shows from 30 days back to a year ahead (label and arguments;
# FILE is the output's place).
FOLLOWED_FEED = "export --format ics --followed --past 30d --future 365d -o FILE"
RICH = "Rich"
DRAWN = Target(RICH, 1.15)  # a command that draws a table
TIGHT = Target(PLAIN, 1.10)  # next --field days, remind --dry-run
LISTED = Target(PLAIN, 2.0)  # list of the whole catalog, piped
PAGED = Target(RICH, 5.0)  # list of the whole catalog on a terminal, to a pager that quits
# On a terminal: a screen of this size, and a pager that exits at once (the first screen is
# all that is drawn before the reader could see it).
TERMINAL_ENV = {
    "TERM": "xterm-256color",
    "COLUMNS": "120",
    "LINES": "40",
    "SEASONTRACK_PAGER": "true",
}
HELP = Target(PLAIN, 1.4)  # --help: the earlier scale issue's target for every reading command

# The reading commands timed: label, arguments, target. Each gets --now and --tz when it
# takes them (see with_clock). Timed with stdout to a file: piped, as a script reads them.
READING: list[tuple[str, list[str], Target]] = [
    ("--help", ["--help"], HELP),
    ("list", ["list"], LISTED),
    (f'info "{FEATURED}"', ["info", FEATURED], DRAWN),
    ("upcoming", ["upcoming"], DRAWN),
    ("upcoming --episodes --within 30d", ["upcoming", "--episodes", "--within", "30d"], DRAWN),
    ("calendar", ["calendar"], DRAWN),
    (f'next "{FEATURED}" --field days', ["next", FEATURED, "--field", "days"], TIGHT),
    ("remind --dry-run", ["remind", "--dry-run"], TIGHT),
    (f'search "{SEARCHED}"', ["search", SEARCHED], DRAWN),
    (f'search "{SEARCHED_EPISODES}"', ["search", SEARCHED_EPISODES], DRAWN),
]


def find_seasontrack() -> str:
    """The seasontrack command beside this Python, else on PATH; "" when there is none."""
    beside = Path(sys.executable).with_name("seasontrack")
    if beside.exists():
        return str(beside)
    return shutil.which("seasontrack") or ""


def help_of(seasontrack: str, sub: str, env: dict[str, str], helps: dict[str, str]) -> str:
    """``seasontrack SUB --help``, run once per SUB (the texts are kept in ``helps``)."""
    if sub not in helps:
        helps[sub] = subprocess.run(
            [seasontrack, sub, "--help"], env=env, capture_output=True, text=True
        ).stdout
    return helps[sub]


def with_clock(
    seasontrack: str, args: list[str], env: dict[str, str], helps: dict[str, str]
) -> list[str]:
    """``args`` with --now and --tz added when the command takes them, as its --help says."""
    if not args[0].startswith("-") and "--now" in help_of(seasontrack, args[0], env, helps):
        return [*args, "--now", NOW, "--tz", TZ]
    return args


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke test: 100 shows, fewer runs")
    parser.add_argument(
        "--only",
        metavar="TEXT",
        help="time only the floors and the commands whose label holds TEXT (search, khal,"
        " episoder, export...), on the catalog an earlier run imported if there is one;"
        " writes WORKDIR/RESULTS.md",
    )
    parser.add_argument("--runs", type=int, help="counted runs per command (default 11; quick 2)")
    parser.add_argument("--shows", type=int, default=10_000, help="big catalog size (10000)")
    parser.add_argument("--small-shows", type=int, default=100, help="small catalog size (100)")
    parser.add_argument("--import-runs", type=int, help="runs of the full import (default 3)")
    parser.add_argument(
        "--import-timeout", type=float, default=180.0, help="kill an import after this (180 s)"
    )
    parser.add_argument("--seed", type=int, help="generator seed (default: generate.py's)")
    parser.add_argument(
        "--budget",
        type=float,
        default=540.0,
        help="seconds the whole run should take at most; runs are cut to fit (540)",
    )
    parser.add_argument("--no-peer", action="store_true", help="skip khal and episoder")
    parser.add_argument(
        "--no-snapshot",
        action="store_true",
        help="run the installed package rather than a copy of src/ taken at the start",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path("/tmp/seasontrack-bench"),
        help="scratch folder for catalogs and DBs (default /tmp/seasontrack-bench)",
    )
    parser.add_argument(
        "--results",
        type=Path,
        help="report to write (default benchmarks/RESULTS.md; with --quick or --only, in"
        " --workdir)",
    )
    return parser.parse_args(argv)


def reuse_import(workdir: Path, catalog: Catalog) -> ImportResult | None:
    """The catalog database an earlier run imported, when there is one (for --only)."""
    db = workdir / f"catalog-{catalog.shows}-0.db"
    if not db.exists():
        return None
    progress(f"reusing {db} (imported by an earlier run)")
    return ImportResult(catalog, db, [], note="imported by an earlier run, not timed")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    only: str | None = args.only.casefold() if args.only else None
    runs = args.runs or (2 if args.quick else 11)
    import_runs = args.import_runs or (1 if args.quick else 3)
    scratch = args.quick or only is not None
    results = args.results or (args.workdir / "RESULTS.md" if scratch else HERE / "RESULTS.md")
    workdir: Path = args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "config.toml").write_text("")
    code = take_snapshot(workdir, not args.no_snapshot)
    progress(f"code measured: {code}")

    seasontrack = find_seasontrack()
    if not seasontrack:
        print("Error: no seasontrack next to this Python or on PATH", file=sys.stderr)
        return 2
    progress(f"seasontrack: {seasontrack}; results go to {results}")

    def wanted(label: str) -> bool:
        return only is None or only in label.casefold()

    # Catalogs and their import.
    small_catalog = generate(workdir, args.small_shows, args.seed)
    big_catalog = small_catalog if args.quick else generate(workdir, args.shows, args.seed)
    small_import = (only is not None and reuse_import(workdir, small_catalog)) or import_catalog(
        seasontrack,
        workdir,
        small_catalog,
        1,
        args.import_timeout,
        args.import_timeout,
        floor=args.quick,
    )
    if args.quick:
        big_import = small_import
    else:
        # `--only import` times the import and its floor again; any other --only reuses it.
        timed_import = only in (None, "import")
        big_import = (not timed_import and reuse_import(workdir, big_catalog)) or import_catalog(
            seasontrack,
            workdir,
            big_catalog,
            import_runs if timed_import else 1,
            args.import_timeout,
            # Alone (`--only import`), every run, so that the ratio has a pair per run.
            args.import_timeout if only == "import" else 40.0,
            floor=True,
        )
    if small_import.db is None:
        print(f"Error: the small import failed: {small_import.note}", file=sys.stderr)
        return 1
    big_db = big_import.db
    fallback = ""
    if big_db is None:
        fallback = (
            f"The {big_catalog.shows:,}-show import did not finish ({big_import.note}), so the"
            f" reading commands below ran on the {small_catalog.shows}-show catalog instead."
        )
        big_db, big_catalog = small_import.db, small_catalog
        progress(fallback)
    size = f"{big_catalog.shows:,} shows"

    # The reading commands, with the floors, in interleaved rounds.
    env = base_env(workdir, big_db)
    clock = ["--now", NOW, "--tz", TZ]
    logs = workdir / "logs"
    logs.mkdir(exist_ok=True)
    helps: dict[str, str] = {}

    def command(label: str, args_: list[str], target: Target | None, **kw: Any) -> Command:
        """``seasontrack ARGS``, with --now and --tz when the command takes them."""
        return Command(
            label,
            [seasontrack, *with_clock(seasontrack, args_, env, helps)],
            kw.pop("env", env),
            target,
            output=logs / f"{file_name(label)}.out",
            error=logs / f"{file_name(label)}.err",
            **kw,
        )

    def program(label: str, argv_: list[str], target: Target | None = None) -> Command:
        return Command(
            label,
            argv_,
            env,
            target,
            output=logs / f"{file_name(label)}.out",
            error=logs / f"{file_name(label)}.err",
        )

    floor = program(
        "floor: floor.py NAME --greeting hi",
        [sys.executable, str(HERE / "floor.py"), "NAME", "--greeting", "hi"],
    )
    rich_floor = program(
        "Rich floor: floor_rich.py NAME --greeting hi",
        [sys.executable, str(HERE / "floor_rich.py"), "NAME", "--greeting", "hi"],
    )
    floors = {PLAIN: floor, RICH: rich_floor}
    reading = [command(label, a, target) for label, a, target in READING if wanted(label)]
    if wanted("list on a terminal"):
        reading.insert(
            2 if len(reading) > 1 else len(reading),
            command(
                "list on a terminal (pager: true)",
                ["list"],
                PAGED,
                env={**env, **TERMINAL_ENV},
                terminal=True,
            ),
        )
    timed = [floor, rich_floor, *reading]
    small_upcoming: Command | None = None
    if big_catalog is not small_catalog and wanted("upcoming"):
        small_upcoming = command(
            f"upcoming ({small_catalog.shows} shows)",
            ["upcoming"],
            None,
            env=base_env(workdir, small_import.db),
        )
        timed.append(small_upcoming)

    # The peers, on the releases of the next 30 days: every one (`upcoming` may cut its list
    # short by default, --limit).
    limited = "--limit" in help_of(seasontrack, "upcoming", env, helps)
    unlimited = ["--limit", "0"] if limited else []
    peers: list[tuple[Peer, Command | None, Command | None]] = []
    if not args.no_peer:
        for name in ("khal", "episoder"):
            if wanted(name) or only == "peer":
                peer, mine, theirs = set_up_peer(
                    name, seasontrack, unlimited, env, clock, workdir, args.quick, command, program
                )
                peers.append((peer, mine, theirs))
                timed += [c for c in (mine, theirs) if c is not None]

    heavy, export_runs, first = plan_exports(seasontrack, env, workdir, command, wanted, args)

    round_started = time.perf_counter()
    run_rounds(timed, 0, 1, f"reading commands on {size}")
    round_seconds = time.perf_counter() - round_started
    left = args.budget - (time.perf_counter() - STARTED) - first * len(heavy) * export_runs
    planned = runs
    runs = max(3, min(runs, int(left // round_seconds))) if not args.quick else runs
    if runs != planned:
        progress(
            f"one round takes {round_seconds:.0f} s: {runs} counted runs instead of {planned}"
            f" to stay within {args.budget:.0f} s"
        )
    run_rounds(timed, runs, 0, f"reading commands on {size}")
    if export_runs:
        run_rounds(heavy, export_runs, 0, f"export of {size}")

    # ------------------------------------------------------------------------ RESULTS.md
    no_clock = [sub for sub, text in helps.items() if "--now" not in text]
    out: list[str] = ["# seasontrack benchmark results", ""]
    out.append(
        "Written by `python benchmarks/run.py"
        + (" --quick" if args.quick else "")
        + (f" --only {args.only}" if only is not None else "")
        + "`; see README.md in this folder for what each figure means."
        " Times are wall-clock times of whole, cold processes (a new Python each run),"
        f" {runs} counted runs after 1 warm-up, unless a row says otherwise."
    )
    if runs != planned:
        out += [
            "",
            f"One round of the reading commands took {round_seconds:.0f} s, so they ran"
            f" {runs} times rather than {planned}, to keep the whole run within"
            f" {args.budget:.0f} s.",
        ]
    out += ["", "## Machine", "", "| | |", "| --- | --- |"]
    out += [f"| {k} | {v} |" for k, v in [("Code measured", code), *machine()]]
    out += ["", "## Catalogs", ""]
    for catalog in distinct([small_catalog, big_catalog]):
        out.append(
            f"- `generate.py --shows {catalog.shows}`: {catalog.summary};"
            f" {catalog.path.stat().st_size / 1e6:.1f} MB of JSON, written in"
            f" {catalog.seconds:.1f} s."
        )
    if fallback:
        out += ["", f"**{fallback}**"]
    out += [
        "",
        f"## Reading commands on {size}",
        "",
        f"Each with `--now {NOW} --tz {TZ}` where the command takes them"
        + (
            f" ({' and '.join(f'`{sub}`' for sub in no_clock)}"
            f" take{'s' if len(no_clock) == 1 else ''} neither)"
            if no_clock
            else ""
        )
        + ", its output going to a file (piped). Each is judged against one of two floors run"
        " in the same rounds: the plain floor, the smallest Typer program"
        " (`floor.py`, one printed line), or the Rich floor, the same program printing a"
        " 50-row, 5-column Rich table (`floor_rich.py`): the least a command that draws a"
        " table costs. Ratio is the command's median over its floor's median. Per round is"
        " the median of the ratios of the command's time to its floor's in each round: this"
        " machine's speed drifts between rounds, and targets are judged by it.",
        "",
        *RATIO_HEADER,
    ]
    problems: list[str] = []
    out.append(ratio_row(floor, floors, problems))
    out.append(ratio_row(rich_floor, floors, problems))
    for item in [*reading, *heavy]:
        out.append(ratio_row(item, floors, problems))
    out += export_notes(heavy, export_runs, runs, first, args.import_timeout)
    out += ["", "Output sizes (lines printed, from the last run):", ""]
    out += [f"- `{item.label}`: {lines_of(item.output)} lines" for item in reading]

    out += import_section(
        distinct([small_import, big_import]), heavy, size, floor, reading, args, big_catalog
    )
    out += scaling_section(small_upcoming, reading, small_catalog, size)
    for peer, mine, theirs in peers:
        out += peer_section(peer, mine, theirs, floor, size, problems)

    if problems:
        out += ["", "## Problems", ""] + [f"- {p}" for p in problems]
    out += ["", f"The whole run took {time.perf_counter() - STARTED:.0f} s.", ""]
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text("\n".join(out))
    progress(f"wrote {results}")
    return 0


def file_name(label: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in label).strip("-")[:60]


def set_up_peer(
    name: str,
    seasontrack: str,
    unlimited: list[str],
    env: dict[str, str],
    clock: list[str],
    workdir: Path,
    quick: bool,
    command: Any,
    program: Any,
) -> tuple[Peer, Command | None, Command | None]:
    """The peer ``name`` set up on the releases seasontrack lists for the next 30 days, and
    the two commands timed side by side: seasontrack's and the peer's. A peer that cannot
    be installed, filled or run has its reason in ``note``, and no commands."""
    venv = KHAL_VENV if name == "khal" else EPISODER_VENV
    peer = find_peer(name, venv, install=not quick, version_args=["--version"])
    # khal lists releases; episoder, episodes (a release of several is one line each).
    mine_args = ["upcoming", "--within", "30d", *unlimited]
    if name == "episoder":
        mine_args.append("--episodes")
    mine = command(" ".join(mine_args), mine_args, Target(name, TARGET_PEER))
    if peer.program is None:
        progress(f"{name} comparison skipped: {peer.note}")
        return peer, None, None
    listing = subprocess.run(
        [seasontrack, *mine_args, "--json", *clock], env=env, capture_output=True, text=True
    )
    try:
        releases = json.loads(listing.stdout)
    except json.JSONDecodeError:
        peer.note = f"upcoming --json failed: {listing.stderr.strip()[:200]}"
        peer.program = None
        return peer, None, None
    logs = workdir / "logs"
    if name == "khal":
        vdir = workdir / "khal" / "releases"
        peer.events = write_vdir(releases, vdir)
        config = khal_config(workdir, vdir)
        (workdir / "khal.db").unlink(missing_ok=True)
        argv = [peer.program, "-c", str(config), "list", PEER_START, PEER_END]
        progress(f"khal: {peer.events} events; first run builds its cache")
        peer.filling = run_once(
            argv, env, stdout=logs / "khal-first.out", stderr=logs / "khal-first.err"
        )
        if peer.filling.code != 0:
            peer.note = f"khal failed: {first_line(logs / 'khal-first.err')}"
            peer.program = None
            return peer, None, None
        label = f"khal list {PEER_START} {PEER_END}"
    else:
        listed = fill_episoder(peer, releases, workdir, env)
        if listed is None:
            progress(f"episoder comparison skipped: {peer.note}")
            peer.program = None
            return peer, None, None
        argv = listed
        label = f"episoder list -d {PEER_START} -n 30"
    theirs = program(label, argv)
    return peer, mine, theirs


def plan_exports(
    seasontrack: str,
    env: dict[str, str],
    workdir: Path,
    command: Any,
    wanted: Any,
    args: argparse.Namespace,
) -> tuple[list[Command], int, float]:
    """The exports to time, how many runs each gets, and the longest warm-up: export's
    warm-up comes first, since how long it takes decides how many runs everything gets."""
    if not wanted("export"):
        return [], 0, 0.0
    export_help = subprocess.run(
        [seasontrack, "export", "--help"], env=env, capture_output=True, text=True
    ).stdout
    has_format = "--format" in export_help
    has_ics = has_format and "ics" in export_help
    if has_format:
        export = command(
            "export --format json -o FILE",
            ["export", "--format", "json", "-o", str(workdir / "export.json")],
            None,
        )
    else:
        export = command("export -o FILE", ["export", "-o", str(workdir / "export.json")], None)
    heavy = [export]
    if has_ics:
        heavy.append(
            command(
                "export --format ics -o FILE",
                ["export", "--format", "ics", "-o", str(workdir / "export.ics")],
                None,
            )
        )
    if has_ics and "--followed" in export_help:
        # The feed a subscriber keeps small (the speed issue's point 3).
        heavy.append(
            command(
                FOLLOWED_FEED,
                [*FOLLOWED_FEED.split()[:-1], str(workdir / "followed.ics")],
                None,
            )
        )
    progress("export: warm-up")
    warm: list[Sample] = []
    for item in heavy:
        sample = run_once(
            item.argv, env, stdout=item.output, stderr=item.error, timeout=args.import_timeout
        )
        warm.append(sample)
        progress(
            f"  {item.label}: {sample.seconds:.1f} s, peak {sample.max_rss_kb / 1024:.0f} MB,"
            f" exit {sample.code}" + (" (killed)" if sample.timed_out else "")
        )
    first = max(sample.seconds for sample in warm)
    runs = args.runs or (2 if args.quick else 11)
    if first < 5:
        export_runs = runs
    elif first < 30:
        export_runs = min(runs, 3)
    else:
        # Too slow to repeat within the budget: the warm-up run is the one run reported;
        # an export under 5 s beside it still gets 3 runs of its own after its warm-up.
        export_runs = 0
        for item, sample in zip(heavy, warm, strict=True):
            if sample.seconds >= 5 or sample.code != 0:
                item.samples.append(sample)
                continue
            for _ in range(3):
                item.samples.append(
                    run_once(
                        item.argv,
                        env,
                        stdout=item.output,
                        stderr=item.error,
                        timeout=args.import_timeout,
                    )
                )
    return heavy, export_runs, first


if __name__ == "__main__":
    raise SystemExit(main())
