"""The README's examples are real: each console block is run and its output compared.

Blocks marked ``<!-- readme-test: sample -->`` run against the sample catalog from data/,
``fresh`` ones against an empty catalog; in both, the zone is New York. The tour is also run
as a reader meets it: every block in order, in one shell, after the set-up's import into the
default catalog, with only what the README itself sets (``$ export NAME=value``). To refresh
the README after a deliberate change of output:

    README_UPDATE=1 python -m pytest tests/test_readme.py
"""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seasontrack.cli import app

README = Path(__file__).parent.parent / "README.md"
SAMPLE = Path(__file__).parent.parent / "data" / "catalog.json"
BLOCK = re.compile(r"<!-- readme-test: (\w+) -->\n```console\n(.*?)```", re.DOTALL)


@dataclass
class Step:
    command: str
    expected: str


def steps(body: str) -> list[Step]:
    found: list[Step] = []
    lines = body.splitlines()
    i = 0
    while i < len(lines):
        assert lines[i].startswith("$ "), f"expected a command, found {lines[i]!r}"
        command = lines[i][2:]
        while command.endswith("\\"):
            i += 1
            command = command[:-1] + lines[i].strip()
        i += 1
        output = []
        while i < len(lines) and not lines[i].startswith("$ "):
            output.append(lines[i])
            i += 1
        found.append(Step(command, "".join(line + "\n" for line in output)))
    return found


def run_steps(body: str, env: dict[str, str], results: list[tuple[Step, str]]) -> None:
    """Run a block's commands as a shell would, one after another; ``env`` is the shell's
    environment, which ``export`` lines change for the commands after them."""
    runner = CliRunner()
    last_code = 0
    for step in steps(body):
        if step.command == "echo $?":
            results.append((step, f"{last_code}\n"))
            continue
        if step.command.startswith("export "):
            name, _, value = step.command.removeprefix("export ").partition("=")
            env[name] = value
            results.append((step, ""))
            continue
        words = shlex.split(step.command.removesuffix(" | cat"))
        assert words[0] == "seasontrack"
        result = runner.invoke(app, words[1:], env=env, catch_exceptions=False)
        last_code = result.exit_code
        results.append((step, result.output))


def run_block(mode: str, body: str, tmp_path: Path) -> list[tuple[Step, str]]:
    env = {"SEASONTRACK_DB": str(tmp_path / f"{mode}.db"), "SEASONTRACK_TZ": "America/New_York"}
    if mode == "sample":
        CliRunner().invoke(app, ["import", str(SAMPLE)], env=env, catch_exceptions=False)
    results: list[tuple[Step, str]] = []
    run_steps(body, env, results)
    return results


BLOCKS = BLOCK.findall(README.read_text(encoding="utf-8"))


def test_every_console_block_is_checked() -> None:
    assert README.read_text(encoding="utf-8").count("```console") == len(BLOCKS) > 0


@pytest.mark.parametrize(("mode", "body"), BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_example(
    mode: str, body: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    results = run_block(mode, body, tmp_path)
    if os.environ.get("README_UPDATE"):
        text = README.read_text(encoding="utf-8")
        for step, output in results:
            old = f"$ {step.command}\n{step.expected}"
            if old in text:
                text = text.replace(old, f"$ {step.command}\n{output}", 1)
        README.write_text(text, encoding="utf-8")
        return
    for step, output in results:
        assert output == step.expected, step.command


def test_the_tour_runs_in_order_on_a_fresh_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A new user: the default catalog in the user data folder, the system's zone (UTC here),
    # and nothing set but what the set-up and the tour say.
    monkeypatch.chdir(tmp_path)
    for name in ("SEASONTRACK_DB", "SEASONTRACK_TZ"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TZ", "UTC")
    env: dict[str, str] = {}
    imported = CliRunner().invoke(app, ["import", str(SAMPLE)], env=env, catch_exceptions=False)
    assert imported.exit_code == 0
    results: list[tuple[Step, str]] = []
    for _, body in BLOCKS:
        run_steps(body, env, results)
    for step, output in results:
        assert output == step.expected, step.command
    assert (tmp_path / "new.db").exists()
    assert (tmp_path / "data" / "seasontrack" / "seasontrack.db").exists()
