"""seasontrack as a real process: the console script, `python -m`, pipes and a terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import on_terminal

BIN = Path(sys.executable).parent
SAMPLE = Path(__file__).parent.parent / "data" / "catalog.json"


def seasontrack(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "seasontrack"), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
        check=False,
    )


def test_console_script_and_module_agree_on_the_version() -> None:
    from seasontrack import __version__

    script = seasontrack("--version")
    module = subprocess.run(
        [sys.executable, "-m", "seasontrack", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert script.returncode == module.returncode == 0
    assert script.stdout == module.stdout == f"seasontrack {__version__}\n"


def test_sample_catalog_round_trip_through_pipes(db: Path) -> None:
    imported = seasontrack("import", str(SAMPLE))
    assert imported.returncode == 0, imported.stderr
    listing = seasontrack("list")
    assert listing.returncode == 0
    assert "Jessica Jones" in listing.stdout
    assert "\x1b[" not in listing.stdout
    missing = seasontrack("info", "Jessica Jonse")
    assert missing.returncode == 1
    assert missing.stdout == ""
    assert missing.stderr.startswith("Error: no show called 'Jessica Jonse'")
    assert "Traceback" not in missing.stderr


def test_a_reader_that_goes_away_is_no_error(db: Path, tmp_path: Path) -> None:
    # Far more than a pipe buffer holds, so the writer really meets the closed pipe.
    shows = [{"title": f"Show {i}", "summary": "x" * 200} for i in range(2000)]
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"format": "seasontrack-catalog", "version": 1, "shows": shows}))
    assert seasontrack("import", str(big)).returncode == 0
    pipeline = subprocess.run(
        f"'{BIN / 'seasontrack'}' export | head -c 10",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in pipeline.stderr
    assert "Broken pipe" not in pipeline.stderr


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_terminal_gets_colour_and_boxes_and_no_color_turns_them_off(db: Path) -> None:
    seasontrack("import", str(SAMPLE))

    def info(extra_env: dict[str, str]) -> str:
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", **extra_env}
        return on_terminal([str(BIN / "seasontrack"), "info", "Jessica Jones"], env).decode()

    fancy = info({})
    assert "\x1b[" in fancy
    assert "╭" in fancy
    plain = info({"NO_COLOR": "1"})
    assert "\x1b[" not in plain
    assert "╭" not in plain
    assert "Krysten Ritter" in plain
