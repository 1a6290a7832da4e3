"""`--help` speaks the user's words: values named in capitals, no Python types, no `{title}`.

Every command and subcommand in the registry is rendered at a fixed width and checked, both
on the page a user sees and on the parameters it was drawn from.
"""

from __future__ import annotations

import inspect
import re

import pytest
from typer import _click as click
from typer.core import TyperGroup, TyperOption
from typer.testing import CliRunner

from seasontrack.cli import COMMANDS, app, load_command


def _paths() -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = [()]
    for name in COMMANDS:
        paths.append((name,))
        command = load_command(name)
        if isinstance(command, TyperGroup):
            paths += [(name, sub) for sub in command.commands]
    return paths


PATHS = _paths()


def _label(path: tuple[str, ...]) -> str:
    return " ".join(path) or "seasontrack"


def _command(path: tuple[str, ...]) -> click.Command:
    if not path:
        return _root()
    command = load_command(path[0])
    for name in path[1:]:
        assert isinstance(command, TyperGroup)
        command = command.commands[name]
    return command


def _root() -> click.Command:
    import typer.main

    return typer.main.get_command(app)


def _page(path: tuple[str, ...]) -> str:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return result.stdout


def _params(path: tuple[str, ...]) -> list[click.Parameter]:
    command = _command(path)
    return command.get_params(click.Context(command))


@pytest.mark.parametrize("path", PATHS, ids=_label)
def test_flags_show_no_type_and_arguments_show_in_capitals(path: tuple[str, ...]) -> None:
    page = _page(path)
    assert "<bool>" not in page
    usage = next(line for line in page.splitlines() if "Usage:" in line).split()
    # Usage: seasontrack season add [OPTIONS] TITLE NUMBER; [SEASON] when optional.
    arguments = usage[usage.index("[OPTIONS]") + 1 :]
    if arguments[:2] == ["COMMAND", "[ARGS]..."]:
        arguments = arguments[2:]
    for shown in arguments:
        assert re.fullmatch(r"\[?[A-Z][A-Z0-9_]*\]?(\.\.\.)?", shown), usage


@pytest.mark.parametrize("path", PATHS, ids=_label)
def test_every_value_is_named_in_capitals(path: tuple[str, ...]) -> None:
    page = _page(path)
    assert re.search(r"<(str|int|float|list|path|file|bool|datetime)\b", page) is None, page
    assert "[x>=" not in page and "<=x" not in page
    for param in _params(path):
        if not isinstance(param, TyperOption) or param.hidden or param.is_flag:
            continue
        metavar = param.metavar
        assert metavar is not None and re.fullmatch(r"[A-Z][A-Z0-9:_-]*", metavar), (
            f"{param.opts} needs a metavar saying what its value is, like WHEN or FILE"
        )
        long = max(param.opts, key=len)
        assert re.search(rf"{re.escape(long)}\s+(-\w\s+)?{re.escape(metavar)}\s", page), page


@pytest.mark.parametrize("path", PATHS, ids=_label)
def test_every_help_line_ends_in_a_full_stop(path: tuple[str, ...]) -> None:
    command = _command(path)
    texts = [command.help or ""]
    texts += [
        getattr(param, "help", None) or ""
        for param in _params(path)
        if not getattr(param, "hidden", False)
    ]
    page = _page(path)
    for text in texts:
        assert text, f"{_label(path)}: every command and parameter says what it is"
        for paragraph in text.strip().split("\n\n"):
            assert paragraph.rstrip().endswith("."), paragraph
        # Help is plain text: "[default: ...]" is shown as written, not read as Rich markup.
        for bracketed in re.findall(r"\[[^\]]*\]", text):
            assert " ".join(bracketed.split()) in _flat(page), (bracketed, page)
    assert re.search(r"\s\.(\s|$)", page) is None, page


def _flat(page: str) -> str:
    """The page's words, without the panels' borders or line breaks."""
    return " ".join(page.replace("│", " ").split())


def test_bracketed_help_survives_rich_markup() -> None:
    remind = _flat(_page(("remind",)))
    for shown in (
        "e.g. 14d,2d,0d [config: remind.lead].",
        "this recent [config: remind.catch_up].",
        "e.g. '2018-03-05 12:00' [default: the clock].",
        "like Europe/Berlin [default: the system's].",
        "Catalog file to use [default: seasontrack.db in the user data folder].",
    ):
        assert shown in remind, shown


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_root_lists_each_command_with_the_first_paragraph_of_its_own_help(name: str) -> None:
    # `seasontrack --help` lists the commands from the registry without building them:
    # what it shows of each must be what the command itself says.
    command = load_command(name)
    own = inspect.cleandoc(command.short_help or command.help or "").split("\n\n")[0]
    assert COMMANDS[name][3] == own
    panel = COMMANDS[name][2]
    assert getattr(command, "rich_help_panel", None) == panel
    assert f"{name} " in _flat(_page(()))
