"""Writing RESULTS.md: the machine, the catalogs, and a table per kind of measure, each
target stated with the floor it is a ratio to."""

from __future__ import annotations

import datetime as dt
import os
import platform
import signal
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from catalogs import HERE
from timing import LOAD_AT_START, Command, first_line

T = TypeVar("T")


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
