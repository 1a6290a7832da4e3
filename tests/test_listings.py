"""Listings piped and on a terminal: plain padded columns without Rich, the pager, and
--format templates for `upcoming`, `list` and `calendar` (issue 17, points 2 and 7)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from seasontrack.render.columns import Listing, display_width, print_listings
from tests.conftest import Run, on_terminal

BIN = Path(sys.executable).parent
SAMPLE = Path(__file__).parent.parent / "data" / "catalog.json"
NOW = ("--now", "2019-04-20 12:00")


def columns_of(line: str, names: list[str]) -> list[int]:
    """Where each value starts on ``line``, counted in terminal cells."""
    return [display_width(line[: line.index(name)]) for name in names]


def test_wide_and_combining_characters_are_padded_by_their_display_width(run: Run) -> None:
    run("show", "add", "東京物語", "--network", "NHK", "--status", "ended")
    run("show", "add", "Cafe\u0301 Society", "--network", "BBC", "--status", "ended")
    run("show", "add", "Plain", "--network", "ITV", "--status", "ended")
    lines = run("list").stdout.splitlines()
    assert lines[0].split() == ["Show", "Network", "Status", "Latest", "Next", "Countdown"]
    starts = {
        columns_of(line, [network, "ended"])[0]: columns_of(line, [network, "ended"])[1]
        for line, network in zip(lines[1:], ["BBC", "ITV", "NHK"], strict=True)
    }
    # Every row's network and status start in the same terminal column as the header's.
    header = columns_of(lines[0], ["Network", "Status"])
    assert starts == {header[0]: header[1]}
    # "東京物語" is 4 characters and 8 cells: padded to "Cafe\u0301 Society"'s 12 cells.
    assert lines[3].startswith("東京物語" + " " * 6 + "NHK")


def test_a_listing_pads_wide_cells_and_keeps_numbers_to_the_right() -> None:
    import io

    out = io.StringIO()
    print_listings(
        [Listing(("Name", "N"), [["ｶﾀｶﾅ", "1"], ["全角", "10"]], right=frozenset({1}))], out
    )
    assert out.getvalue().splitlines() == ["Name   N", "ｶﾀｶﾅ   1", "全角  10"]


def test_escape_codes_and_line_breaks_in_a_piped_listing_are_shown_not_sent(run: Run) -> None:
    run("show", "add", "Evil\x1b[31m\nShow", "--network", "[bold]Net[/bold]")
    out = run("list").stdout
    assert "\x1b" not in out
    assert "Evil\\x1b[31m\\nShow" in out
    assert "[bold]Net[/bold]" in out
    assert all(line == line.rstrip() for line in out.splitlines())


def test_piped_listings_and_info_never_import_rich(tmp_path: Path) -> None:
    env = {**os.environ, "SEASONTRACK_TZ": "America/New_York"}
    subprocess.run(
        [str(BIN / "seasontrack"), "import", str(SAMPLE)], env=env, check=True, capture_output=True
    )
    probe = (
        "import runpy, sys\n"
        "sys.argv = ['seasontrack', *sys.argv[1:]]\n"
        "try:\n"
        "    runpy.run_module('seasontrack', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('RICH' if any(m.split('.')[0] == 'rich' for m in sys.modules) else 'NO RICH',"
        " file=sys.stderr)\n"
    )
    for command in (
        ["list"],
        ["upcoming", "--within", "400d"],
        ["upcoming", "--complete"],
        ["calendar", "--month", "2019-05"],
        ["search", "kilgrave"],
        ["info", "Game of Thrones"],
    ):
        done = subprocess.run(
            [sys.executable, "-c", probe, *command, *(NOW if command[0] != "search" else ())],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.stdout, command
        assert done.stderr.strip().endswith("NO RICH"), (command, done.stderr)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_on_a_terminal_output_longer_than_the_screen_goes_through_the_pager() -> None:
    env = {**os.environ, "SEASONTRACK_TZ": "America/New_York", "TERM": "xterm-256color"}
    subprocess.run(
        [str(BIN / "seasontrack"), "import", str(SAMPLE)], env=env, check=True, capture_output=True
    )
    command = [str(BIN / "seasontrack"), "list", "--now", "2018-03-05 12:00"]
    marked = "sed s/^/PAGED:/"

    def shown(rows: int, extra: dict[str, str], *more: str) -> str:
        screen = {"COLUMNS": "120", "LINES": str(rows)}
        return on_terminal([*command, *more], {**env, **screen, **extra}).decode()

    paged = shown(5, {"SEASONTRACK_PAGER": marked})
    assert "PAGED:" in paged
    assert "Jessica Jones" in paged
    assert "\x1b[" in paged  # drawn, in colour, for the pager to show
    # The pager is $PAGER when SEASONTRACK_PAGER is not set.
    without = {k: v for k, v in env.items() if k != "SEASONTRACK_PAGER"}
    screen = {"COLUMNS": "120", "LINES": "5", "PAGER": marked}
    assert "PAGED:" in on_terminal(command, {**without, **screen}).decode()
    # Output that fits on the screen is not paged; --no-pager and an empty
    # SEASONTRACK_PAGER turn the pager off.
    for text in (
        shown(40, {"SEASONTRACK_PAGER": marked}),
        shown(5, {"SEASONTRACK_PAGER": marked}, "--no-pager"),
        shown(5, {"SEASONTRACK_PAGER": "", "PAGER": marked}),
    ):
        assert "PAGED:" not in text
        assert "Jessica Jones" in text
    # A pager that quits at once ends the output quietly.
    quits = shown(5, {"SEASONTRACK_PAGER": "true"})
    assert "Traceback" not in quits
    assert "Broken pipe" not in quits


def test_upcoming_format_takes_remind_s_fields(run: Run) -> None:
    run("import", str(SAMPLE))
    out = run(
        "upcoming",
        *NOW,
        "--episodes",
        "--within",
        "9d",
        "--format",
        "{show}|{code}|{date}|{release_kind}",
    ).stdout
    assert out.splitlines() == [
        "Game of Thrones|S8E2|2019-04-21|episode",
        "Game of Thrones|S8E3|2019-04-28|episode",
    ]
    same = run(
        "upcoming", *NOW, "--within", "8d", "--format", "{show} {code}: {when} ({countdown})"
    )
    assert same.stdout == "Game of Thrones S8E2: April 21, 2019 21:00 EDT (tomorrow 21:00)\n"


def test_list_format_gives_each_show_s_next_release_or_its_title_and_network(run: Run) -> None:
    run("import", str(SAMPLE))
    out = run("list", "--now", "2018-03-05 12:00", "--format", "{show}|{network}|{code}|{date}")
    lines = out.stdout.splitlines()
    assert "Jessica Jones|Netflix|S2E1-E13|2018-03-08" in lines
    # The Defenders has nothing known to come: its title and network, the rest empty.
    assert "The Defenders|Netflix||" in lines
    assert len(lines) == 6


def test_calendar_format_gives_one_line_per_release_of_the_days(run: Run) -> None:
    run("import", str(SAMPLE))
    out = run(
        "calendar", "--month", "2019-05", "--format", "{date} {time} {show} {code} {release_kind}"
    )
    assert out.stdout.splitlines() == [
        "2019-05-05 21:00 Game of Thrones S8E4 episode",
        "2019-05-12 21:00 Game of Thrones S8E5 episode",
        "2019-05-19 21:00 Game of Thrones S8E6 finale",
    ]


@pytest.mark.parametrize("command", [["upcoming"], ["list"], ["calendar"]])
def test_an_unknown_field_is_exit_2_naming_it_and_the_known_ones(
    run: Run, command: list[str]
) -> None:
    run("import", str(SAMPLE))
    result = run(*command, "--format", "{show} {seson}", code=2)
    assert "unknown field {seson}" in result.stderr
    assert "did you mean 'season'" in result.stderr
    assert "{show}, {season}, {episodes}, {code}" in result.stderr
    assert result.stdout == ""
    both = run(*command, "--format", "{show}", "--json", code=2)
    assert "--format or --json" in both.stderr


def test_a_template_prints_titles_literally(run: Run) -> None:
    run("show", "add", "Evil\x1b[2J{code}")
    run("season", "add", "Evil", "1", "--premiere", "2019-05-01")
    out = run("upcoming", *NOW, "--format", "{show} {code}").stdout
    assert out == "Evil\\x1b[2J{code} S1\n"


def test_list_shows_the_same_progress_piped_as_in_its_json(run: Run) -> None:
    import json

    run("import", str(SAMPLE))
    run("watched", "Game of Thrones", "8", "1-2")
    run("watched", "Jessica Jones", "2")
    run("watched", "Stranger Things", "1", "3")
    for now in ("2018-03-05 12:00", "2019-04-30 12:00", "2019-04-14 21:30", "2026-01-01"):
        piped = run("list", "--now", now).stdout.splitlines()
        assert piped[0].split()[4] == "Progress"
        data = json.loads(run("list", "--now", now, "--json").stdout)
        for show, line in zip(data, piped[1:], strict=True):
            expected = show["progress"]["text"] if show["progress"] else ""
            assert line.startswith(show["title"])
            start = piped[0].index("Progress")
            assert line[start:].startswith(expected + "  " if expected else "  "), (now, line)


def test_a_long_table_on_a_terminal_is_drawn_in_chunks_that_share_column_widths(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from seasontrack.render import base

    monkeypatch.setattr(base, "fancy_output", lambda stream=None: True)
    monkeypatch.setenv("COLUMNS", "100")
    rows: list[list[str]] = [[f"Show {n}", "Net"] for n in range(base.CHUNK_ROWS * 2)]
    # The widest title is in the last chunk: the first chunk is laid out for it too.
    rows.append(["A much longer show title than the others", "Net"])
    screen = base.Screen()
    printed: list[object] = []
    real_print = screen.console.print

    def counted_print(*items: Any, **options: Any) -> None:
        printed.append(items)
        real_print(*items, **options)

    monkeypatch.setattr(screen.console, "print", counted_print)
    screen.listings([Listing(("Show", "Network"), rows)])
    screen.close()
    # One table per chunk of rows: a screenful (24 rows), then chunks as big as what is
    # drawn already, up to CHUNK_ROWS: 24, 24, 48, 96, 192 and the last 17 of 401 rows.
    assert len(printed) == 6
    lines = [line for line in capsys.readouterr().out.splitlines() if "Net" in line]
    starts = {line.index("Net") for line in lines}
    assert len(starts) == 1
    assert lines[0].startswith("Show ") and lines[1].startswith("Show 0 ")


def test_progress_skips_a_watched_season_of_unknown_size_as_the_json_does(run: Run) -> None:
    import json

    run("show", "add", "Odd")
    run("season", "add", "Odd", "1", "--premiere", "2019-01-01", "--episodes", "4")
    run("season", "add", "Odd", "2", "--premiere", "2019-02-01", "--episodes", "6")
    run("season", "add", "Odd", "3", "--premiere", "2019-03-01")
    run("watched", "Odd", "1", "2")
    run("watched", "Odd", "3", "1")
    now = ("--now", "2019-04-01")
    data = json.loads(run("list", *now, "--json").stdout)
    assert data[0]["progress"]["text"] == "S2 0/6"
    assert "S2 0/6" in run("list", *now).stdout.splitlines()[1]
