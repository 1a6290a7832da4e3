"""What seasontrack says when asked for nothing, given options before the command, or given
a file it cannot import; and what `fetch` says when a search is unclear, piped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner

from seasontrack.cli import app
from tests.conftest import Run, dump
from tests.providers import CACHE_CONTROL, network_show, search_results

SAMPLE = Path(__file__).parent.parent / "data" / "catalog.json"
HEADER = '{"format": "seasontrack-catalog", "version": 1, "shows": ['


# ---------------------------------------------------------------------------- help


@pytest.mark.parametrize("group", [(), ("db",), ("show",)])
def test_a_command_given_nothing_to_do_prints_its_help_and_exits_0(group: tuple[str, ...]) -> None:
    result = CliRunner().invoke(app, list(group), env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert result.stderr == ""
    assert " Usage: seasontrack " in result.stdout and "Options" in result.stdout


# ---------------------------------------------------------------------------- global options


def test_shared_options_may_come_before_the_command(run: Run, db: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    run("--db", str(other), "import", str(SAMPLE))
    assert "Daredevil" not in run("list").stdout
    assert run("--db", str(other), "db", "path").stdout == f"{other}\n"
    before = ("--db", str(other), "--now", "2018-03-05 12:00", "--tz", "Europe/Berlin")
    after = ("--db", str(other), "--now", "2018-03-05 12:00", "--tz", "Europe/Berlin")
    assert run(*before, "list").stdout == run("list", *after).stdout
    assert "CET" in run(*before, "list").stdout
    data = json.loads(run(*before, "--json", "next", "Jessica Jones").stdout)
    assert data["show"] == "Jessica Jones"
    assert (
        run(*before, "--json", "next", "Jessica Jones").stdout
        == run("next", "Jessica Jones", "--json", *after).stdout
    )


def test_the_commands_own_option_wins_over_one_given_before_it(
    run: Run, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other.db"
    run("import", str(SAMPLE), "--db", str(other))
    run("show", "add", "Only in the first")
    # Before the command it beats the environment; after it, it beats the one before.
    assert "Daredevil" in run("--db", str(other), "list").stdout
    assert "Only in the first" in run("--db", str(other), "list", "--db", str(db)).stdout
    tz = ("list", "--now", "2018-03-05 12:00", "--db", str(other))
    assert "PST" in run("--tz", "Europe/Berlin", *tz, "--tz", "America/Los_Angeles").stdout
    monkeypatch.setenv("SEASONTRACK_NOW", "2030-01-01")
    assert "in 7 months" in run("--now", "2018-03-05 12:00", "list", "--db", str(other)).stdout


def test_an_option_given_before_a_command_that_does_not_take_it_is_an_error(
    run: Run, db: Path
) -> None:
    result = run("--json", "show", "add", "X", code=2)
    assert result.stderr == (
        "Error: seasontrack show add does not take --json (see: seasontrack show add --help)\n"
    )
    assert dump(db) == []


# ---------------------------------------------------------------------------- import errors


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return path


def test_an_import_error_names_its_place_once(run: Run, tmp_path: Path) -> None:
    date = '{"precision": "day", "start": "2018-03-08", "tz": 5}'
    path = write(
        tmp_path,
        "one.json",
        f'{HEADER}{{"title": "A", "seasons": [{{"number": 1, "premiere": {date}}}]}}]}}',
    )
    stderr = run("import", str(path), code=2).stderr
    assert stderr.count(str(path)) == 1
    assert stderr.startswith(f"Error: {path}.shows[0].seasons[0].premiere: bad date field tz")


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("start", "2018-02-30", "bad date field start '2018-02-30': no such day"),
        ("time", "25:00", "bad date field time '25:00': no such time"),
    ],
)
def test_a_date_that_does_not_exist_names_the_field_that_is_wrong(
    run: Run, tmp_path: Path, field: str, value: str, says: str
) -> None:
    date = {"precision": "minute", "start": "2018-03-08", "time": "21:00", "tz": "UTC"}
    date[field] = value
    show = {"title": "A", "seasons": [{"number": 1, "premiere": date}]}
    path = write(tmp_path, "date.json", HEADER + json.dumps(show) + "]}")
    stderr = run("import", str(path), code=2).stderr
    assert says in stderr
    assert "None" not in stderr


def test_malformed_json_is_named_without_the_parsers_bytes(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "bad.json", HEADER.encode() + b'{"title": "A\x01\x1b]52;c;aGk=\x07"}]}')
    stderr = run("import", str(path), code=2).stderr
    assert stderr == (
        f"Error: {path}: the catalog file is damaged (lexical error: invalid character inside"
        " string); nothing was imported; write it again with `seasontrack export`\n"
    )
    cut = write(tmp_path, "cut.json", SAMPLE.read_text()[:3000])
    assert run("import", str(cut), code=2).stderr == (
        f"Error: {cut}: the catalog file is damaged (parse error: premature EOF); nothing was"
        " imported; write it again with `seasontrack export`\n"
    )
    other = write(tmp_path, "other.json", '{"a": [1, 2,, 3]}')
    assert run("import", str(other), code=2).stderr.startswith(
        f"Error: {other}: not a JSON catalog (parse error: "
    )


def test_a_csv_line_number_after_an_oversized_field_is_its_own(run: Run, tmp_path: Path) -> None:
    big = "x" * 200_000
    path = write(tmp_path, "big.csv", f'show,season,network\nA,1,N\nB,2,"{big}\nmore"\nC,x,N\n')
    assert run("import", str(path), code=2).stderr.startswith(f"Error: {path}: line 3: field ")


def test_a_catalog_database_given_to_import_points_to_db_restore(run: Run, tmp_path: Path) -> None:
    run("show", "add", "X")
    copy = tmp_path / "copy.db"
    run("db", "backup", str(copy))
    assert run("import", str(copy), code=2).stderr == (
        f"Error: {copy} is a catalog database (a copy made by `db backup`?), not an export;"
        f" put it back with `seasontrack db restore {copy}`\n"
    )


# ---------------------------------------------------------------------------- fetch


def test_a_404_from_the_search_is_no_show(run: Run, tvmaze: HTTPServer, db: Path) -> None:
    tvmaze.expect_request("/search/shows").respond_with_json(
        {"name": "Not Found", "message": "", "code": 0, "status": 404}, status=404
    )
    before = dump(db)
    assert run("fetch", "Zzyzx", code=1).stderr == "Error: TVmaze knows no show called 'Zzyzx'\n"
    assert dump(db) == before


def test_several_candidates_none_named_as_asked_piped_exit_2_with_the_list(
    run: Run, tvmaze: HTTPServer, db: Path
) -> None:
    shows = [
        network_show(210, "Doctor Who", premiered="1963-11-23", status="Ended"),
        network_show(2103, "Doctor Who", premiered="2030-01-05"),
    ]
    tvmaze.expect_request("/search/shows", query_string={"q": "Dr Who"}).respond_with_json(
        search_results(*shows), headers=CACHE_CONTROL
    )
    failed = run("fetch", "Dr Who", code=2)
    assert failed.stdout == ""
    assert failed.stderr == (
        "1. Doctor Who (1963, BBC One, GB, Ended, TVmaze 210)\n"
        "2. Doctor Who (2030, BBC One, GB, Running, TVmaze 2103)\n"
        "Error: TVmaze has no show called 'Dr Who', and 2 come close (listed above); choose one"
        " with --pick N or --tvmaze ID\n"
    )
    assert dump(db) == []
