"""Writing RESULTS.md: the machine, the catalogs, and a table per kind of measure, each
target stated with the floor it is a ratio to."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import signal
import statistics
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from catalogs import HERE, Catalog, ImportResult
from peers import EPISODER_VENV, KHAL_VENV, Peer
from timing import LOAD_AT_START, Command, first_line

T = TypeVar("T")

TARGET_SCALE = 1.1  # upcoming on the big catalog against upcoming on 100 shows
TARGET_PEER = 1.0  # seasontrack / the peer, per round: faster than the peer
TARGET_IMPORT_S = 10.0
TARGET_IMPORT_FLOOR = 3.0  # import / the import floor (import_floor.py), per run
TARGET_EXPORT_S = 5.0
# The speed issue's targets for the calendar feeds, by export label: the whole catalog's
# (about 290,000 events, through icalendar) and the followed shows' from 30 days back to a
# year ahead.
TARGET_EXPORT_FEED_S = {
    "export --format ics -o FILE": 60.0,
    "export --format ics --followed --past 30d --future 365d -o FILE": 3.0,
}
TARGET_RSS_MB = 200.0


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


def ratio_row(item: Command, floors: dict[str, Command], problems: list[str]) -> str:
    """A command's row: its times, its ratio to its own floor (or the plain floor), and the
    target it is judged by, if any."""
    target = item.target
    floor = floors[target.floor if target else "plain"]
    ratio = item.median / floor.median
    paired = item.paired_ratio(floor) if len(item.times) == len(floor.times) else None
    wanted = f"≤ {target.limit:.2f}x {target.floor} floor" if target else ""
    met = verdict(paired if paired is not None else ratio, target.limit) if target else ""
    bad = item.codes - set(item.ok_codes)
    label = f"`{item.label}`"
    if item.killed:
        label += " (killed: did not finish)"
        bad.discard(-signal.SIGKILL)
    if bad:
        label += f" (exit {', '.join(map(str, sorted(bad)))})"
        problems.append(f"`{item.label}` exited {sorted(bad)}: {first_line(item.error)}")
    more = "> " if item.killed else ""
    shown_floor = target.floor if target else "plain"
    return (
        f"| {label} | {more}{ms(item.median)} | {shown_floor} | {more}{ratio:.2f} |"
        f" {'' if paired is None else f'{paired:.2f}'} | {ms(min(item.times))} |"
        f" {ms(max(item.times))} | {wanted} | {met} |"
    )


RATIO_HEADER = [
    "| Command | Median ms | Floor | Ratio to floor | Per round | Min ms | Max ms | Target | Met |",
    "| --- | ---: | --- | ---: | ---: | ---: | ---: | --- | --- |",
]


def export_notes(
    heavy: list[Command], export_runs: int, runs: int, first: float, timeout: float
) -> list[str]:
    if not heavy:
        return []
    out: list[str] = []
    if export_runs == 0:
        out += [
            "",
            f"Export took up to {first:.1f} s, so each export ran once, with no warm-up"
            f" (killed after {timeout:.0f} s).",
        ]
    elif export_runs != runs:
        out += ["", f"Export took up to {first:.1f} s, so it ran {export_runs} times."]
    if not any("ics" in item.label for item in heavy):
        out += ["", "`export --help` shows no `--format ics`, so no ICS export was timed."]
    return out


def import_section(
    imports: list[ImportResult],
    heavy: list[Command],
    size: str,
    floor: Command,
    reading: list[Command],
    args: argparse.Namespace,
    big_catalog: Catalog,
) -> list[str]:
    out = [
        "",
        "## Import and export",
        "",
        "Targets from the scale issue: import under 10 s, export under 5 s, each under"
        " 200 MB. The speed issue's import target is below the table: the import beside the"
        " import floor, run after each import in the same run.",
        "",
        "| What | Runs | Median s | Min s | Max s | Peak RSS MB | Target | Met |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    upcoming = next((item for item in reading if item.label == "upcoming"), None)
    for result in imports:
        shown = f"`import` of {result.catalog.shows:,} shows into a fresh DB"
        if result.note:
            shown += f" ({result.note})"
        if not result.samples:
            out.append(f"| {shown} | 0 | | | | | | |")
            continue
        finished = [s for s in result.samples if not s.timed_out]
        seconds = [s.seconds for s in result.samples]
        big = result.catalog.shows == args.shows and not args.quick
        target = f"< {TARGET_IMPORT_S:.0f} s, < {TARGET_RSS_MB:.0f} MB" if big else ""
        rss = max(s.max_rss_kb for s in result.samples) / 1024
        met = ""
        if big:
            met = (
                verdict(statistics.median(seconds), TARGET_IMPORT_S)
                + ", "
                + verdict(rss, TARGET_RSS_MB)
            )
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
        limit = TARGET_EXPORT_FEED_S.get(item.label, TARGET_EXPORT_S)
        target = f"< {limit:.0f} s, < {TARGET_RSS_MB:.0f} MB" if big_export else ""
        met = ""
        if big_export:
            met = verdict(item.median, limit) + ", " + verdict(item.max_rss_mb, TARGET_RSS_MB)
        more = "> " if item.killed else ""
        out.append(
            f"| `{item.label}` of {size} | {len(item.samples)} | {more}{item.median:.2f} |"
            f" {min(item.times):.2f} | {max(item.times):.2f} | {item.max_rss_mb:.0f} |"
            f" {target} | {met} |"
        )
    out += import_floor_lines(imports, args)
    out += [
        "",
        "Peak RSS is the process's own maximum resident set size, from `wait4`. For"
        f" comparison, the floor peaks at {floor.max_rss_mb:.0f} MB"
        + (f" and `upcoming` on {size} at {upcoming.max_rss_mb:.0f} MB." if upcoming else "."),
    ]
    return out


def import_floor_lines(imports: list[ImportResult], args: argparse.Namespace) -> list[str]:
    """The import beside the import floor: import_floor.py inserting, with the sqlite3
    module alone, the rows the import left, after each import run (README, "Import")."""
    result = next((r for r in imports if r.floor), None)
    if result is None:
        note = next((r.floor_note for r in imports if r.floor_note), "")
        return ["", f"The import floor was not measured{': ' + note if note else ''}."]
    finished = [s.seconds for s in result.samples if not s.timed_out and s.code == 0]
    pairs = list(zip(finished, result.floor, strict=False))
    ratio = statistics.median(i / f for i, f in pairs)
    return [
        "",
        f"**Import against SQLite itself** ({result.catalog.shows:,} shows): the import floor"
        " (`import_floor.py`: the same rows, every table's and the derived ones, inserted with"
        " one `executemany` per table in one transaction into a fresh catalog of the same"
        f" schema; {result.floor_note}) took {statistics.median(result.floor):.2f} s (median"
        f" of {len(result.floor)}; {', '.join(f'{x:.2f}' for x in result.floor)}). Import /"
        f" floor, per run: **{ratio:.2f}x** (target ≤ {TARGET_IMPORT_FLOOR:.0f}x:"
        f" {verdict(ratio, TARGET_IMPORT_FLOOR).strip('*')}).",
    ]


def scaling_section(
    small_upcoming: Command | None, reading: list[Command], small_catalog: Catalog, size: str
) -> list[str]:
    out = ["", "## Scaling: `upcoming` on a small and a big catalog", ""]
    big = next((item for item in reading if item.label == "upcoming"), None)
    if small_upcoming is None or big is None:
        out.append(
            "Not measured: this run has one catalog only (--quick, --only, or the import failed)."
        )
        return out
    ratio = big.paired_ratio(small_upcoming)
    return [
        *out,
        "| Catalog | Median ms | Min ms | Max ms |",
        "| --- | ---: | ---: | ---: |",
        f"| {small_catalog.shows:,} shows | {ms(small_upcoming.median)} |"
        f" {ms(min(small_upcoming.times))} | {ms(max(small_upcoming.times))} |",
        f"| {size} | {ms(big.median)} | {ms(min(big.times))} | {ms(max(big.times))} |",
        "",
        f"Ratio big / small, per round: **{ratio:.2f}** (target ≤ {TARGET_SCALE:.2f}:"
        f" {verdict(ratio, TARGET_SCALE).strip('*')})."
        f" Lines printed: {lines_of(small_upcoming.output)} and {lines_of(big.output)}.",
    ]


def peer_section(
    peer: Peer,
    mine: Command | None,
    theirs: Command | None,
    floor: Command,
    size: str,
    problems: list[str],
) -> list[str]:
    out = ["", f"## Peer: {peer.name} on the same releases", ""]
    if mine is None or theirs is None:
        return [*out, f"Not measured: {peer.note}."]
    if peer.name == "khal":
        out.append(
            f"{peer.events} releases, the ones `{mine.label}` lists on {size}, were written"
            f" as one .ics file each into a khal calendar folder; khal ({peer.version}, in its"
            f" own venv {KHAL_VENV}) lists them with `{theirs.label}`: khal has no way to set"
            ' "now", so the days are given, and the 30 days from 12:00 on June 1 reach into'
            " July 1. khal's lines include a heading for each day."
        )
    else:
        out.append(
            f"{peer.events} episodes, the ones `{mine.label}` lists on {size}, were written"
            " as epguides.com-style pages, one per show, served from 127.0.0.1; episoder"
            f" ({peer.version}, in its own venv {EPISODER_VENV}) was given each page's URL and"
            f" fetched them with `episoder update --force --nodate`, then lists them with"
            f" `{theirs.label}` (30 days from June 1: it takes a day, not a moment). One line"
            " an episode, in its default format and colours."
        )
    out += [
        "",
        "| Command | Median ms | Ratio to plain floor | Min ms | Max ms | Lines |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for item in (mine, theirs):
        out.append(
            f"| `{item.label}` | {ms(item.median)} | {item.median / floor.median:.2f} |"
            f" {ms(min(item.times))} | {ms(max(item.times))} | {lines_of(item.output)} |"
        )
    ratio = mine.paired_ratio(theirs)
    assert peer.filling is not None
    what = "builds its cache from the .ics files" if peer.name == "khal" else "fetches the pages"
    out += [
        "",
        f"seasontrack / {peer.name}, per round: **{ratio:.2f}** (target < {TARGET_PEER:.2f}:"
        f" {verdict(ratio, TARGET_PEER).strip('*')}). {peer.name}'s first run, which {what},"
        f" took {peer.filling.seconds * 1000:.0f} ms (not counted).",
    ]
    if theirs.codes != {0}:
        problems.append(f"{peer.name} exited {sorted(theirs.codes)}: {first_line(theirs.error)}")
    return out
