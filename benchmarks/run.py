"""Time seasontrack's commands as whole, cold processes, beside a floor, and write RESULTS.md.

Each command is started fresh (a new Python process) several times, after one warm-up run
that is not counted, and the median, minimum and maximum wall-clock times are reported. The
floor, a minimal Typer program (floor.py), runs in the same rounds, so each command's time is
also given as a ratio to what any Typer command costs. Rounds interleave the commands, so a
slow moment of the machine spreads over all of them rather than landing on one.

Run it with the Python that has seasontrack installed:

    python benchmarks/run.py            # full: 10,000-show catalog, writes benchmarks/RESULTS.md
    python benchmarks/run.py --quick    # smoke test: 100-show catalog, fewer runs
    python benchmarks/run.py --no-peer  # without the khal comparison

Progress goes to stderr. See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

HERE = Path(__file__).resolve().parent
NOW = "2026-06-01T12:00"
TZ = "America/New_York"
PEER_START = "2026-06-01"
# `upcoming --within 30d` from 2026-06-01 12:00 reaches into July 1, so khal lists to that day.
PEER_END = "2026-07-01"
FEATURED = "Show 00042"
SEARCHED = "Actor 00001"
KHAL_VENV = Path("/tmp/khal-venv")

T = TypeVar("T")

# Targets from the issue: a ratio to the floor's median for reading commands.
TARGET_TIGHT = 1.15  # next --field days, remind --dry-run
TARGET_READ = 1.4  # every other reading command except export
TARGET_SCALE = 1.1  # upcoming on the big catalog against upcoming on 100 shows
TARGET_IMPORT_S = 10.0
TARGET_EXPORT_S = 5.0
TARGET_RSS_MB = 200.0

STARTED = time.perf_counter()
LOAD_AT_START = os.getloadavg()[0]


def progress(message: str) -> None:
    print(f"[{time.perf_counter() - STARTED:6.1f}s] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------- one process


@dataclass(frozen=True)
class Sample:
    seconds: float
    max_rss_kb: int
    code: int
    timed_out: bool = False


def run_once(
    argv: Sequence[str],
    env: dict[str, str],
    *,
    stdout: Path | None = None,
    stderr: Path | None = None,
    timeout: float | None = None,
) -> Sample:
    """Run ``argv`` to its end; its wall time, and its own peak memory (from wait4)."""
    out = stdout.open("wb") if stdout else open(os.devnull, "wb")  # noqa: SIM115
    err = stderr.open("wb") if stderr else open(os.devnull, "wb")  # noqa: SIM115
    killed = threading.Event()
    with out, err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            list(argv), stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env
        )

        def kill() -> None:
            killed.set()
            proc.send_signal(signal.SIGKILL)

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            if timer:
                timer.cancel()
        elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Sample(elapsed, usage.ru_maxrss, proc.returncode, killed.is_set())


@dataclass
class Command:
    label: str
    argv: list[str]
    env: dict[str, str]
    # How it is judged: "tight" or "read" (ratio to the floor), or None.
    target: str | None = None
    ok_codes: tuple[int, ...] = (0,)
    samples: list[Sample] = field(default_factory=list)
    output: Path | None = None
    error: Path | None = None

    @property
    def times(self) -> list[float]:
        return [s.seconds for s in self.samples]

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def paired_ratio(self, other: Command) -> float:
        """The median of this command's time over ``other``'s in the same round: robust to
        the machine speeding up or slowing down between rounds."""
        pairs = zip(self.times, other.times, strict=False)
        return statistics.median(mine / theirs for mine, theirs in pairs)

    @property
    def codes(self) -> set[int]:
        return {s.code for s in self.samples}

    @property
    def killed(self) -> bool:
        return any(s.timed_out for s in self.samples)

    @property
    def max_rss_mb(self) -> float:
        return max(s.max_rss_kb for s in self.samples) / 1024


def run_rounds(commands: list[Command], runs: int, warmups: int, what: str) -> None:
    """Interleaved rounds: each round runs every command once; warm-ups are dropped."""
    for index in range(warmups + runs):
        kind = "warm-up" if index < warmups else f"round {index - warmups + 1}/{runs}"
        progress(f"{what}: {kind}")
        for command in commands:
            sample = run_once(
                command.argv, command.env, stdout=command.output, stderr=command.error
            )
            if index >= warmups:
                command.samples.append(sample)
            if sample.code not in command.ok_codes and index == 0:
                progress(f"  {command.label}: exit {sample.code}: {first_line(command.error)}")


def first_line(path: Path | None) -> str:
    if path is None or not path.exists():
        return ""
    lines = path.read_text(errors="replace").strip().splitlines()
    return lines[0] if lines else ""


# ---------------------------------------------------------------------------- set-up


@dataclass
class Catalog:
    shows: int
    path: Path
    summary: str
    seconds: float


def generate(workdir: Path, shows: int, seed: int | None) -> Catalog:
    path = workdir / f"catalog-{shows}.json"
    argv = [sys.executable, str(HERE / "generate.py"), "--shows", str(shows), "-o", str(path)]
    if seed is not None:
        argv += ["--seed", str(seed)]
    progress(f"generating {shows:,} shows")
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    summary = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    summary = summary.removeprefix("generated ").split(" in ")[0]
    progress(f"  {summary} in {seconds:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")
    return Catalog(shows, path, summary, seconds)


def base_env(workdir: Path, db: Path) -> dict[str, str]:
    """The environment of every timed process: this catalog, an empty settings file, and
    the snapshot of the source (when there is one) ahead of the installed package."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEASONTRACK_")}
    env["SEASONTRACK_DB"] = str(db)
    env["SEASONTRACK_CONFIG"] = str(workdir / "config.toml")
    env.pop("NO_COLOR", None)
    env.pop("PYTHONPATH", None)
    snapshot = workdir / "snapshot" / "src"
    if snapshot.is_dir():
        env["PYTHONPATH"] = str(snapshot)
    return env


def take_snapshot(workdir: Path, wanted: bool) -> str:
    """Copy src/ into the scratch folder, so that edits made while the benchmark runs (the
    package is installed editable) do not change the code half-way; says what runs."""
    target = workdir / "snapshot"
    shutil.rmtree(target, ignore_errors=True)
    source = HERE.parent / "src"
    if wanted and (source / "seasontrack").is_dir():
        shutil.copytree(source, target / "src", ignore=shutil.ignore_patterns("__pycache__"))
        # Compile the copy's bytecode now, as pip does when it installs a package: otherwise,
        # where PYTHONDONTWRITEBYTECODE is set, every run would compile seasontrack from
        # source while the floor's Typer loads its installed bytecode.
        compileall.compile_dir(target / "src", quiet=1)
    done = subprocess.run(
        [sys.executable, "-c", "import seasontrack; print(seasontrack.__file__)"],
        env=base_env(workdir, workdir / "unused.db"),
        capture_output=True,
        text=True,
    )
    where = done.stdout.strip() or f"not importable: {done.stderr.strip()[-200:]}"
    if (target / "src").is_dir():
        return f"a copy of src/ taken at the start, imported from {where}"
    return f"the installed package, imported from {where}"


def remove_db(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


@dataclass
class ImportResult:
    catalog: Catalog
    db: Path | None
    samples: list[Sample]
    note: str = ""


def import_catalog(
    seasontrack: str, workdir: Path, catalog: Catalog, runs: int, timeout: float, slow: float
) -> ImportResult:
    """Import ``catalog`` into a fresh DB ``runs`` times; the first DB is kept for reading."""
    samples: list[Sample] = []
    kept: Path | None = None
    note = ""
    for index in range(runs):
        db = workdir / f"catalog-{catalog.shows}-{index}.db"
        remove_db(db)
        progress(f"importing {catalog.shows:,} shows, run {index + 1}/{runs}")
        error = workdir / f"import-{catalog.shows}.err"
        sample = run_once(
            [seasontrack, "import", str(catalog.path)],
            base_env(workdir, db),
            stderr=error,
            timeout=timeout,
        )
        samples.append(sample)
        progress(
            f"  {sample.seconds:.1f} s, peak {sample.max_rss_kb / 1024:.0f} MB, exit {sample.code}"
        )
        if sample.timed_out:
            note = f"killed after {timeout:.0f} s; the import did not finish"
            remove_db(db)
            break
        if sample.code != 0:
            note = f"exit {sample.code}: {first_line(error)}"
            remove_db(db)
            break
        if kept is None:
            kept = db
        else:
            remove_db(db)
        if sample.seconds > slow and index + 1 < runs:
            note = f"one run only: it took more than {slow:.0f} s"
            break
    return ImportResult(catalog, kept, samples, note)


# ---------------------------------------------------------------------------- khal


@dataclass
class Peer:
    khal: str | None
    version: str = ""
    note: str = ""
    events: int = 0
    indexing: Sample | None = None


def find_khal(install: bool) -> Peer:
    """khal from its own venv under /tmp; installed there from PyPI when allowed."""
    khal = KHAL_VENV / "bin" / "khal"
    if not khal.exists() and install:
        progress(f"installing khal into {KHAL_VENV} (a separate venv)")
        try:
            subprocess.run(
                [sys.executable, "-m", "venv", str(KHAL_VENV)], check=True, capture_output=True
            )
            subprocess.run(
                [str(KHAL_VENV / "bin" / "pip"), "install", "-q", "khal"],
                check=True,
                capture_output=True,
                timeout=300,
            )
        except (subprocess.SubprocessError, OSError) as exc:
            return Peer(None, note=f"khal could not be installed ({type(exc).__name__})")
    if not khal.exists():
        return Peer(None, note=f"khal is not installed in {KHAL_VENV}")
    try:
        done = subprocess.run([str(khal), "--version"], capture_output=True, text=True, timeout=60)
    except (subprocess.SubprocessError, OSError) as exc:
        return Peer(None, note=f"khal does not run ({type(exc).__name__})")
    if done.returncode != 0:
        return Peer(None, note=f"khal --version failed: {done.stderr.strip()[:200]}")
    return Peer(str(khal), version=done.stdout.strip())


def ics_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def write_vdir(releases: list[dict[str, Any]], vdir: Path) -> int:
    """One .ics file per release: timed events in UTC, the rest as all-day events.

    A release known only to the month, quarter or year is listed by `upcoming` when its period
    overlaps the window; it becomes an all-day event on its first day inside the window, so
    that khal lists it once too.
    """
    window_start = dt.date.fromisoformat(PEER_START)
    shutil.rmtree(vdir, ignore_errors=True)
    vdir.mkdir(parents=True)
    count = 0
    for index, release in enumerate(releases):
        when = release["date"]
        if when["start"] is None:
            continue
        episodes = ""
        if release["first_episode"] is not None:
            episodes = f"E{release['first_episode']}"
            if release["last_episode"] not in (None, release["first_episode"]):
                episodes += f"-E{release['last_episode']}"
        summary = f"{release['show']} S{release['season']}{episodes}"
        if when["at"]:
            start = dt.datetime.fromisoformat(when["at"])
            times = [
                f"DTSTART:{ics_stamp(start)}",
                f"DTEND:{ics_stamp(start + dt.timedelta(hours=1))}",
            ]
        else:
            day = max(dt.date.fromisoformat(when["start"]), window_start)
            times = [
                f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
            ]
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//seasontrack benchmarks//EN",
            "BEGIN:VEVENT",
            f"UID:release-{index:05d}@seasontrack-bench.example.org",
            "DTSTAMP:20260601T000000Z",
            *times,
            f"SUMMARY:{summary}",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
        (vdir / f"release-{index:05d}.ics").write_text("\r\n".join(lines) + "\r\n")
        count += 1
    return count


def khal_config(workdir: Path, vdir: Path) -> Path:
    config = workdir / "khal.conf"
    config.write_text(
        "[calendars]\n"
        "[[releases]]\n"
        f"path = {vdir}\n"
        "[locale]\n"
        f"local_timezone = {TZ}\n"
        f"default_timezone = {TZ}\n"
        "timeformat = %H:%M\n"
        "dateformat = %Y-%m-%d\n"
        "longdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\n"
        "longdatetimeformat = %Y-%m-%d %H:%M\n"
        "[default]\n"
        "default_calendar = releases\n"
        "[sqlite]\n"
        f"path = {workdir / 'khal.db'}\n"
    )
    return config


# ---------------------------------------------------------------------------- the report


def source_state() -> str:
    """The commit measured, and whether src/ had changes not yet committed."""
    root = HERE.parent
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%h %s"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--", "src", "pyproject.toml"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown (not a git checkout)"
    return f"commit {commit}" + (", with uncommitted changes in src/" if dirty else "")


def machine() -> list[tuple[str, str]]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    return [
        ("Source", source_state()),
        ("CPU", cpu),
        ("Cores", str(os.cpu_count())),
        ("OS", platform.platform()),
        ("Python", f"{platform.python_version()} ({sys.executable})"),
        ("seasontrack", version("seasontrack")),
        ("typer", version("typer")),
        ("rich", version("rich")),
        ("Date", dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")),
        (
            "Load average",
            f"{LOAD_AT_START:.2f} at the start, {os.getloadavg()[0]:.2f} at the end (1 minute;"
            " the benchmark itself keeps one core busy, so much above 1 means other work ran)",
        ),
    ]


def distinct(items: list[T]) -> list[T]:
    """``items`` without repeats of the same object (in quick mode, small and big are one)."""
    seen: list[T] = []
    for item in items:
        if not any(item is other for other in seen):
            seen.append(item)
    return seen


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def verdict(value: float, limit: float) -> str:
    return "yes" if value <= limit else "**no**"


def lines_of(path: Path | None) -> int:
    if path is None or not path.exists():
        return 0
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


# The reading commands timed: label, arguments, and which target judges them ("tight": 1.15x,
# "read": 1.4x). Each gets --now and --tz when it takes them (see with_clock).
READING: list[tuple[str, list[str], str]] = [
    ("--help", ["--help"], "read"),
    ("list", ["list"], "read"),
    (f'info "{FEATURED}"', ["info", FEATURED], "read"),
    ("upcoming", ["upcoming"], "read"),
    ("upcoming --episodes --within 30d", ["upcoming", "--episodes", "--within", "30d"], "read"),
    ("calendar", ["calendar"], "read"),
    (f'next "{FEATURED}" --field days', ["next", FEATURED, "--field", "days"], "tight"),
    ("remind --dry-run", ["remind", "--dry-run"], "tight"),
    (f'search "{SEARCHED}"', ["search", SEARCHED], "read"),
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke test: 100 shows, fewer runs")
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
    parser.add_argument("--no-peer", action="store_true", help="skip the khal comparison")
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
        help="report to write (default benchmarks/RESULTS.md; with --quick, in --workdir)",
    )
    args = parser.parse_args(argv)
    runs = args.runs or (2 if args.quick else 11)
    import_runs = args.import_runs or (1 if args.quick else 3)
    results = args.results or (args.workdir / "RESULTS.md" if args.quick else HERE / "RESULTS.md")
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

    # Catalogs and their import.
    small_catalog = generate(workdir, args.small_shows, args.seed)
    big_catalog = small_catalog if args.quick else generate(workdir, args.shows, args.seed)
    small_import = import_catalog(
        seasontrack, workdir, small_catalog, 1, args.import_timeout, args.import_timeout
    )
    big_import = (
        small_import
        if args.quick
        else import_catalog(
            seasontrack, workdir, big_catalog, import_runs, args.import_timeout, 20.0
        )
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

    # The reading commands, with the floor, in interleaved rounds.
    env = base_env(workdir, big_db)
    clock = ["--now", NOW, "--tz", TZ]
    logs = workdir / "logs"
    logs.mkdir(exist_ok=True)

    helps: dict[str, str] = {}

    def command(label: str, args_: list[str], target: str | None, **kw: Any) -> Command:
        """``seasontrack ARGS``, with --now and --tz when the command takes them."""
        name = "".join(c if c.isalnum() else "-" for c in label).strip("-")[:60]
        return Command(
            label,
            [seasontrack, *with_clock(seasontrack, args_, env, helps)],
            kw.pop("env", env),
            target,
            output=logs / f"{name}.out",
            error=logs / f"{name}.err",
            **kw,
        )

    floor = Command(
        "floor: floor.py NAME --greeting hi",
        [sys.executable, str(HERE / "floor.py"), "NAME", "--greeting", "hi"],
        env,
        output=logs / "floor.out",
        error=logs / "floor.err",
    )
    reading = [command(label, args_, target) for label, args_, target in READING]
    small_upcoming = command(
        f"upcoming ({small_catalog.shows} shows)",
        ["upcoming"],
        None,
        env=base_env(workdir, small_import.db),
    )
    timed = [floor, *reading]
    if big_catalog is not small_catalog:
        timed.append(small_upcoming)

    # The peer: khal on the same releases as `upcoming --within 30d`.
    peer = Peer(None, note="skipped (--no-peer)")
    # Every release in the window: `upcoming` may cut its list short by default (--limit).
    limited = "--limit" in help_of(seasontrack, "upcoming", env, helps)
    unlimited = ["--limit", "0"] if limited else []
    within_args = ["upcoming", "--within", "30d", *unlimited]
    within = command(" ".join(within_args), within_args, None)
    khal_cmd: Command | None = None
    if not args.no_peer:
        peer = find_khal(install=not args.quick)
        if peer.khal is not None:
            listing = subprocess.run(
                [seasontrack, *within_args, "--json", *clock],
                env=env,
                capture_output=True,
                text=True,
            )
            try:
                releases = json.loads(listing.stdout)
            except json.JSONDecodeError:
                releases = None
                peer = Peer(None, note=f"upcoming --json failed: {listing.stderr.strip()[:200]}")
            if releases is not None:
                vdir = workdir / "khal" / "releases"
                peer.events = write_vdir(releases, vdir)
                config = khal_config(workdir, vdir)
                (workdir / "khal.db").unlink(missing_ok=True)
                khal_argv = [str(peer.khal), "-c", str(config), "list", PEER_START, PEER_END]
                progress(f"khal: {peer.events} events; first run builds its cache")
                peer.indexing = run_once(
                    khal_argv,
                    env,
                    stdout=logs / "khal-first.out",
                    stderr=logs / "khal-first.err",
                )
                if peer.indexing.code != 0:
                    peer.note = f"khal failed: {first_line(logs / 'khal-first.err')}"
                    peer.khal = None
                else:
                    khal_cmd = Command(
                        f"khal list {PEER_START} {PEER_END}",
                        khal_argv,
                        env,
                        output=logs / "khal.out",
                        error=logs / "khal.err",
                    )
                    timed += [within, khal_cmd]
        if peer.khal is None:
            progress(f"peer comparison skipped: {peer.note}")

    # Export's warm-up first: how long it takes decides how many runs everything gets.
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
    if first < 5:
        export_runs = runs
    elif first < 30:
        export_runs = min(runs, 3)
    else:
        # Too slow to repeat within the budget: the warm-up run is the one run reported.
        export_runs = 0
        for item, sample in zip(heavy, warm, strict=True):
            item.samples.append(sample)

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
    floor_ms = floor.median
    no_clock = [sub for sub, text in helps.items() if "--now" not in text]
    out: list[str] = ["# seasontrack benchmark results", ""]
    out.append(
        "Written by `python benchmarks/run.py"
        + (" --quick" if args.quick else "")
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
        + ". Ratio is the command's median over the floor's median. Per round is the median"
        " of the ratios of the command's time to the floor's in each round: this machine's"
        " speed drifts between rounds, and targets are judged by it.",
        "",
        "| Command | Median ms | Ratio to floor | Per round | Min ms | Max ms | Target | Met |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    problems: list[str] = []

    def row(item: Command, limit: float | None) -> str:
        ratio = item.median / floor_ms
        paired = item.paired_ratio(floor) if len(item.times) == len(floor.times) else None
        target = f"≤ {limit:.2f}x" if limit else ""
        met = verdict(paired if paired is not None else ratio, limit) if limit else ""
        bad = item.codes - set(item.ok_codes)
        label = f"`{item.label}`"
        if item.killed:
            label += " (killed: did not finish)"
            bad.discard(-signal.SIGKILL)
        if bad:
            label += f" (exit {', '.join(map(str, sorted(bad)))})"
            problems.append(f"`{item.label}` exited {sorted(bad)}: {first_line(item.error)}")
        more = "> " if item.killed else ""
        return (
            f"| {label} | {more}{ms(item.median)} | {more}{ratio:.2f} |"
            f" {'' if paired is None else f'{paired:.2f}'} | {ms(min(item.times))} |"
            f" {ms(max(item.times))} | {target} | {met} |"
        )

    out.append(row(floor, None))
    for item in reading:
        limit = {"tight": TARGET_TIGHT, "read": TARGET_READ}.get(item.target or "")
        out.append(row(item, limit))
    for item in heavy:
        out.append(row(item, None))
    if export_runs == 0:
        out += [
            "",
            f"Export took up to {first:.1f} s, so each export ran once, with no warm-up"
            f" (killed after {args.import_timeout:.0f} s).",
        ]
    elif export_runs != runs:
        out += ["", f"Export took up to {first:.1f} s, so it ran {export_runs} times."]
    if not has_ics:
        out += [
            "",
            "`export --help` shows no `--format ics`, so no ICS export was timed"
            + (
                "."
                if has_format
                else " (nor `--format json`: plain `export -o FILE` writes the JSON)."
            ),
        ]
    out += ["", "Output sizes (lines printed, from the last run):", ""]
    for item in reading:
        out.append(f"- `{item.label}`: {lines_of(item.output)} lines")

    # Import, export: time and memory.
    out += [
        "",
        "## Import and export",
        "",
        "| What | Runs | Median s | Min s | Max s | Peak RSS MB | Target | Met |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for result in distinct([small_import, big_import]):
        finished = [s for s in result.samples if not s.timed_out]
        seconds = [s.seconds for s in result.samples]
        big = result.catalog.shows == args.shows and not args.quick
        target = f"< {TARGET_IMPORT_S:.0f} s, < {TARGET_RSS_MB:.0f} MB" if big else ""
        met = ""
        if big:
            met = (
                verdict(statistics.median(seconds), TARGET_IMPORT_S)
                + ", "
                + verdict(max(s.max_rss_kb for s in result.samples) / 1024, TARGET_RSS_MB)
            )
        shown = f"`import` of {result.catalog.shows:,} shows into a fresh DB"
        if result.note:
            shown += f" ({result.note})"
        rss = max(s.max_rss_kb for s in result.samples) / 1024
        if not finished:
            out.append(
                f"| {shown} | {len(seconds)} | > {args.import_timeout:.0f} | | |"
                f" {rss:.0f} (when killed) | {target} | **no** |"
            )
            continue
        out.append(
            f"| {shown} | {len(seconds)} | {statistics.median(seconds):.2f} |"
            f" {min(seconds):.2f} | {max(seconds):.2f} | {rss:.0f} | {target} | {met} |"
        )
    big_export = big_catalog.shows == args.shows and not args.quick
    for item in heavy:
        target = f"< {TARGET_EXPORT_S:.0f} s, < {TARGET_RSS_MB:.0f} MB" if big_export else ""
        met = ""
        if big_export:
            met = (
                verdict(item.median, TARGET_EXPORT_S)
                + ", "
                + verdict(item.max_rss_mb, TARGET_RSS_MB)
            )
        more = "> " if item.killed else ""
        out.append(
            f"| `{item.label}` of {size} | {len(item.samples)} | {more}{item.median:.2f} |"
            f" {min(item.times):.2f} | {max(item.times):.2f} | {item.max_rss_mb:.0f} |"
            f" {target} | {met} |"
        )
    out += [
        "",
        "Peak RSS is the process's own maximum resident set size, from `wait4`. For"
        f" comparison, the floor peaks at {floor.max_rss_mb:.0f} MB and `upcoming` on"
        f" {size} at {reading[3].max_rss_mb:.0f} MB.",
    ]

    # Scaling.
    out += ["", "## Scaling: `upcoming` on a small and a big catalog", ""]
    if big_catalog is small_catalog:
        out.append("Not measured: this run has one catalog only (--quick, or the import failed).")
    else:
        ratio = reading[3].paired_ratio(small_upcoming)
        out += [
            "| Catalog | Median ms | Min ms | Max ms |",
            "| --- | ---: | ---: | ---: |",
            f"| {small_catalog.shows:,} shows | {ms(small_upcoming.median)} |"
            f" {ms(min(small_upcoming.times))} | {ms(max(small_upcoming.times))} |",
            f"| {size} | {ms(reading[3].median)} | {ms(min(reading[3].times))} |"
            f" {ms(max(reading[3].times))} |",
            "",
            f"Ratio big / small, per round: **{ratio:.2f}** (target ≤ {TARGET_SCALE:.2f}:"
            f" {verdict(ratio, TARGET_SCALE).strip('*')})."
            f" Lines printed: {lines_of(small_upcoming.output)} and"
            f" {lines_of(reading[3].output)}.",
        ]

    # Peer.
    out += ["", "## Peer: khal on the same releases", ""]
    if khal_cmd is None:
        out.append(f"Not measured: {peer.note}.")
    else:
        ratio = within.paired_ratio(khal_cmd)
        out += [
            f"{peer.events} releases, the ones `{within.label}` lists on {size}, were"
            f" written as one .ics file each into a khal calendar folder; khal ({peer.version},"
            f" in its own venv {KHAL_VENV}) lists them with"
            f' `khal list {PEER_START} {PEER_END}`: khal has no way to set "now", so the'
            " days are given, and the 30 days from 12:00 on June 1 reach into July 1."
            " khal's lines include a heading for each day.",
            "",
            "| Command | Median ms | Ratio to floor | Min ms | Max ms | Lines |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for item in (within, khal_cmd):
            out.append(
                f"| `{item.label}` | {ms(item.median)} | {item.median / floor_ms:.2f} |"
                f" {ms(min(item.times))} | {ms(max(item.times))} | {lines_of(item.output)} |"
            )
        assert peer.indexing is not None
        out += [
            "",
            f"seasontrack / khal, per round: **{ratio:.2f}**. khal's first run, which fills"
            f" its cache from the .ics files, took {peer.indexing.seconds * 1000:.0f} ms"
            " (not counted).",
        ]
        if khal_cmd.codes != {0}:
            problems.append(f"khal exited {sorted(khal_cmd.codes)}: {first_line(khal_cmd.error)}")

    if problems:
        out += ["", "## Problems", ""] + [f"- {p}" for p in problems]
    out += ["", f"The whole run took {time.perf_counter() - STARTED:.0f} s.", ""]
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text("\n".join(out))
    progress(f"wrote {results}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
