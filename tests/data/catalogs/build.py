"""Rebuild the catalogs written by earlier schema versions, for tests/test_migrations.py.

    python tests/data/catalogs/build.py        # all of them
    python tests/data/catalogs/build.py 10     # one

For each schema version below, the seasontrack of the commit that introduced it builds the
sample catalog of its own day with its own `data/build-sample.sh` (typed commands, so the
catalog holds what that version wrote, revisions and all), then exports it with its own
`export`. Kept here: the database as SQL (`vN.sql`, with its `PRAGMA user_version`) and the
export (`vN.json`). The tests load `vN.sql`, let today's migrations run, and compare the
result with `vN.json` imported into a fresh catalog.

Needs a git checkout with history and the dependencies of those versions installed (the
project's own are enough). Each version is built by its first commit that runs (c2e1cea,
the very first, missed a file).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]

# Schema version -> the commit that introduced it.
VERSIONS = {
    1: "827bca1",
    2: "4f8de5d",
    4: "5320594",
    5: "554f329",
    9: "43c08b7",
    10: "99c2d8c",
    11: "e163f4c",
}


def _run(args: list[str], env: dict[str, str], cwd: Path) -> None:
    subprocess.run(args, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def build(version: int, commit: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        tree = Path(scratch) / "tree"
        tree.mkdir()
        archive = subprocess.run(
            ["git", "archive", commit], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
        db = Path(scratch) / "catalog.db"
        # The sample script runs "$SEASONTRACK": one program, so a wrapper around this Python.
        program = Path(scratch) / "seasontrack"
        program.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m seasontrack "$@"\n')
        program.chmod(0o755)
        env = {key: value for key, value in os.environ.items() if not key.startswith("SEASONTRACK")}
        env.update(
            PYTHONPATH=str(tree / "src"),
            SEASONTRACK=str(program),
            SEASONTRACK_DB=str(db),
            SEASONTRACK_CONFIG=str(Path(scratch) / "config.toml"),
            SEASONTRACK_TZ="America/New_York",
        )
        if (tree / "data" / "build-sample.sh").exists():
            _run(["bash", str(tree / "data" / "build-sample.sh"), str(db)], env, tree)
        else:
            sample = Path(scratch) / "sample.json"
            sample.write_bytes(
                subprocess.run(
                    ["git", "show", f"{VERSIONS[2]}:data/catalog.json"],
                    cwd=ROOT,
                    check=True,
                    capture_output=True,
                ).stdout
            )
            _run([sys.executable, "-m", "seasontrack", "import", str(sample)], env, tree)
        exported = HERE / f"v{version}.json"
        _run([sys.executable, "-m", "seasontrack", "export", "-o", str(exported)], env, tree)
        conn = sqlite3.connect(db)
        (found,) = conn.execute("PRAGMA user_version").fetchone()
        assert found == version, f"{commit} wrote schema {found}, not {version}"
        lines = [f"PRAGMA user_version = {version};", *conn.iterdump()]
        conn.close()
        (HERE / f"v{version}.sql").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"v{version}: {commit}", file=sys.stderr)


def main() -> None:
    wanted = [int(arg) for arg in sys.argv[1:]] or list(VERSIONS)
    for version in wanted:
        build(version, VERSIONS[version])


if __name__ == "__main__":
    main()
