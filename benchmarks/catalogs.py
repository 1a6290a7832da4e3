"""The catalogs the benchmark reads: generated, imported into fresh catalog files, and the
environment every timed process gets (that catalog, an empty settings file, and a snapshot of
src/ ahead of the installed package)."""

from __future__ import annotations

import compileall
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from timing import Sample, first_line, progress, run_once

HERE = Path(__file__).resolve().parent
# The "now" every reading command is given, and the zone it reads in.
NOW = "2026-06-01T12:00"
TZ = "America/New_York"


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
    # The import floor's seconds (import_floor.py), one after each import run that finished.
    floor: list[float] = field(default_factory=list)
    floor_note: str = ""


def import_catalog(
    seasontrack: str,
    workdir: Path,
    catalog: Catalog,
    runs: int,
    timeout: float,
    slow: float,
    *,
    floor: bool = False,
) -> ImportResult:
    """Import ``catalog`` into a fresh DB ``runs`` times; the first DB is kept for reading.
    With ``floor``, the import floor runs after each import, on the rows it wrote."""
    samples: list[Sample] = []
    floors: list[float] = []
    floor_note = ""
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
        if floor:
            seconds, floor_note = import_floor(workdir, db, timeout)
            if seconds is not None:
                floors.append(seconds)
        if kept is None:
            kept = db
        else:
            remove_db(db)
        if sample.seconds > slow and index + 1 < runs:
            note = f"one run only: it took more than {slow:.0f} s"
            break
    return ImportResult(catalog, kept, samples, note, floors, floor_note)


def import_floor(workdir: Path, db: Path, timeout: float) -> tuple[float | None, str]:
    """The seconds the sqlite3 module alone takes to insert the rows of ``db`` into a fresh
    catalog (import_floor.py), or None and why not."""
    progress("  the import floor: the same rows, inserted by the sqlite3 module alone")
    out, err = workdir / "import-floor.out", workdir / "import-floor.err"
    sample = run_once(
        [
            sys.executable,
            str(HERE / "import_floor.py"),
            str(db),
            "--scratch",
            str(workdir / "import-floor.db"),
        ],
        base_env(workdir, workdir / "unused.db"),
        stdout=out,
        stderr=err,
        timeout=timeout,
    )
    remove_db(workdir / "import-floor.db")
    if sample.code != 0 or sample.timed_out:
        return None, f"the import floor failed: {first_line(err)}"
    seconds = float(out.read_text().split()[0])
    progress(f"  {seconds:.1f} s ({first_line(err)})")
    return seconds, first_line(err)
