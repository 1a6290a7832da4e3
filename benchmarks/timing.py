"""Timing whole, cold processes: one run (wall time and the process's own peak memory), and
interleaved rounds of several commands, so that a slow moment of the machine spreads over all
of them rather than landing on one."""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

STARTED = time.perf_counter()
LOAD_AT_START = os.getloadavg()[0]


def progress(message: str) -> None:
    print(f"[{time.perf_counter() - STARTED:6.1f}s] {message}", file=sys.stderr, flush=True)


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
    terminal: bool = False,
) -> Sample:
    """Run ``argv`` to its end; its wall time, and its own peak memory (from wait4). With
    ``terminal``, its stdout is a pseudo-terminal (what it shows there goes to ``stdout``)."""
    out = stdout.open("wb") if stdout else open(os.devnull, "wb")  # noqa: SIM115
    err = stderr.open("wb") if stderr else open(os.devnull, "wb")  # noqa: SIM115
    killed = threading.Event()
    leader = follower = -1
    reader: threading.Thread | None = None
    if terminal:
        leader, follower = os.openpty()

        def drain() -> None:
            while True:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                out.write(chunk)

        reader = threading.Thread(target=drain, daemon=True)
    with out, err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=follower if terminal else out,
            stderr=err,
            env=env,
        )
        if reader is not None:
            os.close(follower)
            reader.start()

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
        if reader is not None:
            reader.join(timeout=10)
            os.close(leader)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Sample(elapsed, usage.ru_maxrss, proc.returncode, killed.is_set())


@dataclass(frozen=True)
class Target:
    """A command's time over ``floor``'s (per round) may be at most ``limit``."""

    floor: str
    limit: float


@dataclass
class Command:
    label: str
    argv: list[str]
    env: dict[str, str]
    # How it is judged: its ratio to a floor's time, per round, at most a limit; or not.
    target: Target | None = None
    ok_codes: tuple[int, ...] = (0,)
    samples: list[Sample] = field(default_factory=list)
    output: Path | None = None
    error: Path | None = None
    # Run with its stdout on a pseudo-terminal (as a person at a terminal sees it).
    terminal: bool = False

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
                command.argv,
                command.env,
                stdout=command.output,
                stderr=command.error,
                terminal=command.terminal,
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
