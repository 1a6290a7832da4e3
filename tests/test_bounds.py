"""Hostile input (issue 15): bounded memory on any import file, documented bounds on numbers,
spans, years and text wherever they enter, and one line with exit 2 for anything typed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from seasontrack.limits import MAX_EPISODES, MAX_ID, MAX_SEASON, MAX_TEXT
from tests.conftest import Run, dump
from tests.providers import CACHE_CONTROL, network_show

HEADER = '{"format": "seasontrack-catalog", "version": 1, "shows": ['


def catalog_file(tmp_path: Path, *shows: dict[str, Any], name: str = "catalog.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"format": "seasontrack-catalog", "version": 1, "shows": shows}))
    return path


def one_line_error(result: Any, *fragments: str) -> None:
    """A refusal as the README promises it: one line on stderr, naming what was wrong."""
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def import_in_a_child(file: Path, db: Path) -> tuple[int, str, int]:
    """Import ``file`` in a fresh Python process: its exit code, stderr and peak memory (KiB).

    A child, so that a runaway import costs that process and not the test run: its address
    space is capped at 1 GiB, and it reports its own peak resident size on its way out.
    """
    script = (
        "import atexit, resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        # Its own peak: VmHWM belongs to the process's memory map, which exec makes anew;
        # ru_maxrss may count the memory of the test run that forked it.
        "def peak():\n"
        "    try:\n"
        "        for line in open('/proc/self/status'):\n"
        "            if line.startswith('VmHWM:'):\n"
        "                return int(line.split()[1])\n"
        "    except OSError:\n"
        "        pass\n"
        "    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "atexit.register(lambda: sys.stderr.write('peak=%d\\n' % peak()))\n"
        "from seasontrack.cli import main\n"
        "sys.argv = ['seasontrack', 'import', sys.argv[2], '--db', sys.argv[1]]\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(db), str(file)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = done.stderr.splitlines()
    peaks = [line for line in lines if line.startswith("peak=")]
    errors = "\n".join(line for line in lines if not line.startswith("peak="))
    peak = int(peaks[-1].removeprefix("peak=")) if peaks else 0
    return done.returncode, errors, peak


# ---------------------------------------------------------------------------- nesting


@pytest.mark.parametrize(
    "document",
    [
        # The report: 100,000 levels inside "shows" (24 GB before the kernel stepped in).
        HEADER + "[" * 100_000 + "]" * 100_000 + "]}",
        # Inside a show's seasons.
        HEADER + '{"title": "Deep", "seasons": ' + "[" * 100_000 + "]" * 100_000 + "}]}",
        # Before "shows", where only the header is looked for.
        '{"padding": ' + "{" * 50_000 + "}" * 50_000 + ', "format": "seasontrack-catalog"}',
    ],
    ids=["in-shows", "in-a-season", "before-shows"],
)
def test_nesting_deeper_than_the_format_is_refused_in_bounded_memory(
    tmp_path: Path, document: str
) -> None:
    file = tmp_path / "deep.json"
    file.write_text(document)
    db = tmp_path / "child.db"

    code, errors, peak = import_in_a_child(file, db)

    assert code == 2, errors
    assert errors.startswith(f"Error: {file}: ")
    assert "nested deeper than 8 levels" in errors
    assert len(errors.splitlines()) == 1
    assert peak < 200 * 1024, f"peak {peak} KiB"
    assert dump(db) == [] or all(row[0] != "shows" for row in dump(db))


def test_the_deepest_the_format_holds_still_imports(run: Run, tmp_path: Path) -> None:
    # catalog > shows > show > seasons > season > episodes > episode > airs: 8 levels.
    file = catalog_file(
        tmp_path,
        {
            "title": "Deep Enough",
            "seasons": [
                {
                    "number": 1,
                    "episodes": [
                        {"number": 1, "airs": {"precision": "day", "start": "2030-01-05"}}
                    ],
                }
            ],
        },
    )
    run("import", str(file))
    assert json.loads(run("info", "Deep Enough", "--json").stdout)["seasons"][0]["episodes"][0][
        "airs"
    ]["start"] == ("2030-01-05")


# ---------------------------------------------------------------------------- big values


def test_a_huge_text_field_is_refused_not_stored(run: Run, tmp_path: Path, db: Path) -> None:
    run("show", "add", "Kept")
    before = dump(db)
    file = tmp_path / "huge.json"
    file.write_text(HEADER + '{"title": "Huge", "summary": "' + "x" * 3_000_000 + '"}]}')

    result = run("import", str(file), code=2)

    one_line_error(result, f"longer than {MAX_TEXT:,} characters")
    assert dump(db) == before


def test_a_text_field_just_over_the_bound_is_refused_and_at_the_bound_kept(
    run: Run, tmp_path: Path
) -> None:
    over = catalog_file(tmp_path, {"title": "Long", "summary": "y" * (MAX_TEXT + 1)})
    result = run("import", str(over), code=2)
    one_line_error(result, "shows[0]", "summary", f"{MAX_TEXT:,} characters")

    at = catalog_file(tmp_path, {"title": "Long", "summary": "y" * MAX_TEXT}, name="at.json")
    run("import", str(at))
    assert len(json.loads(run("info", "Long", "--json").stdout)["summary"]) == MAX_TEXT


def test_a_300_mb_field_is_read_in_bounded_memory(tmp_path: Path) -> None:
    file = tmp_path / "field.json"
    with file.open("w") as out:
        out.write(HEADER + '{"title": "Huge", "summary": "')
        chunk = "z" * (1 << 20)
        for _ in range(300):
            out.write(chunk)
        out.write('"}]}')

    code, errors, peak = import_in_a_child(file, tmp_path / "child.db")
    file.unlink()  # 300 MB: not kept with the test's other files

    assert code == 2, errors
    assert f"longer than {MAX_TEXT:,} characters" in errors
    assert peak < 200 * 1024, f"peak {peak} KiB"


def test_a_huge_number_outside_quotes_is_refused(run: Run, tmp_path: Path) -> None:
    file = tmp_path / "number.json"
    file.write_text(HEADER + '{"title": "N", "seasons": [{"number": ' + "9" * 100_000 + "}]}]}")
    one_line_error(run("import", str(file), code=2), "number")


def test_one_show_larger_than_the_bound_is_refused(run: Run, tmp_path: Path) -> None:
    cast = [{"person": f"Person {i:07d}", "note": "n" * 200} for i in range(70_000)]
    file = catalog_file(tmp_path, {"title": "Crowded", "cast": cast})
    one_line_error(run("import", str(file), code=2), "16 MiB")


# ---------------------------------------------------------------------------- shapes


@pytest.mark.parametrize(
    ("document", "says"),
    [
        ('{"format": "seasontrack-catalog", "version": 1, "shows": 42}', "list"),
        ('{"format": "seasontrack-catalog", "version": 1}', '"shows"'),
        ('{"format": "seasontrack-catalog", "version": 1, "shows": {"title": "X"}}', "list"),
        ('{"format": "seasontrack-catalog", "version": 1, "shows": null}', "list"),
        ('{"format": "seasontrack-catalog", "version": 1, "shows": "X"}', "list"),
        ('[{"format": "seasontrack-catalog"}]', "not a seasontrack catalog"),
    ],
)
def test_a_wrong_shape_is_refused_and_the_catalog_unchanged(
    run: Run, tmp_path: Path, db: Path, document: str, says: str
) -> None:
    run("show", "add", "Kept")
    before = dump(db)
    file = tmp_path / "shape.json"
    file.write_text(document)
    one_line_error(run("import", str(file), code=2), says)
    assert dump(db) == before


# ---------------------------------------------------------------------------- counts


@pytest.mark.parametrize(
    ("season", "says"),
    [
        ({"number": 1, "episode_count": 20_000_000}, f"{MAX_EPISODES:,}"),
        ({"number": 1, "episode_count": 2**63 - 1}, f"{MAX_EPISODES:,}"),
        # Beyond 64 bits the JSON reader itself gives up: the bound named is the largest.
        ({"number": 1, "episode_count": 2**64}, f"{MAX_ID:,}"),
        ({"number": 2**63}, f"{MAX_ID:,}"),
        ({"number": 2**62}, f"{MAX_SEASON:,}"),
        ({"number": 1, "premiere_episodes": 2**70}, f"{MAX_ID:,}"),
        ({"number": 1, "premiere_episodes": 20_000}, f"{MAX_EPISODES:,}"),
        ({"number": 1, "episodes": [{"number": 2**40}]}, f"{MAX_EPISODES:,}"),
        ({"number": 1, "watched": [2**60]}, f"{MAX_EPISODES:,}"),
        (
            {
                "number": 1,
                "episode_count": 5000,
                "release": "weekly",
                "premiere": {"precision": "day", "start": "2030-01-01"},
            },
            "520 weeks",
        ),
        ({"number": 1, "skips": ["9999-01-04"]}, "2200"),
    ],
)
def test_counts_in_an_import_file_have_bounds(
    run: Run, tmp_path: Path, db: Path, season: dict[str, Any], says: str
) -> None:
    before = dump(db)
    file = catalog_file(tmp_path, {"title": "Counted", "seasons": [season]})
    result = run("import", str(file), code=2)
    one_line_error(result, says)
    assert dump(db) == before


def test_ids_and_billing_in_an_import_file_have_bounds(run: Run, tmp_path: Path) -> None:
    for show, says in (
        ({"title": "Billed", "cast": [{"person": "P", "billing": 2**40}]}, f"{MAX_EPISODES:,}"),
        ({"title": "Linked", "online": {"tvmaze_id": 2**60}}, f"{MAX_ID:,}"),
        ({"title": "Linked", "online": {"tvmaze_id": 1, "updated": 2**64}}, f"{MAX_ID:,}"),
        ({"title": "Seasoned", "cast": [{"person": "P", "season": 2**40}]}, f"{MAX_SEASON:,}"),
        (
            {"title": "Seen", "online": {"tvmaze_id": 1, "synced_at": "9999-01-01T00:00+00:00"}},
            "2200",
        ),
    ):
        one_line_error(run("import", str(catalog_file(tmp_path, show)), code=2), says)


@pytest.mark.parametrize(
    ("row", "says"),
    [
        ("Sheet,1,,,,,99999999999999999999", f"{MAX_EPISODES:,}"),
        ("Sheet,99999999999999999999", f"{MAX_SEASON:,}"),
        ("Sheet,²", "number"),
        ("Sheet,1,,,,,²", "number"),
        ("Sheet,1,,,,,5000,weekly", "520 weeks"),
    ],
)
def test_counts_in_a_csv_sheet_have_bounds(run: Run, tmp_path: Path, row: str, says: str) -> None:
    file = tmp_path / "sheet.csv"
    file.write_text(
        "show,season,premiere,premiere_precision,finale,finale_precision,episode_count,release\n"
        + row.replace(",1,,,,,5000", ",1,2030-01-01,day,,,5000")
        + "\n"
    )
    one_line_error(run("import", str(file), code=2), says)


def test_a_csv_line_longer_than_the_bound_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    file = tmp_path / "sheet.csv"
    with file.open("w") as out:
        out.write("show,season,network\nWide,1,")
        chunk = "w" * (1 << 20)
        for _ in range(100):
            out.write(chunk)
        out.write("\n")

    code, errors, peak = import_in_a_child(file, tmp_path / "child.db")
    file.unlink()

    assert code == 2, errors
    assert "line 2" in errors
    assert peak < 200 * 1024, f"peak {peak} KiB"


def test_a_provider_value_beyond_a_bound_is_refused(run: Run, tvmaze: HTTPServer, db: Path) -> None:
    body = network_show(4242, "Endless")
    body["_embedded"]["seasons"][0]["episodeOrder"] = 20_000_000
    tvmaze.expect_request("/shows/4242").respond_with_json(body, headers=CACHE_CONTROL)
    before = dump(db)
    result = run("fetch", "--tvmaze", "4242", code=2)
    assert "Traceback" not in result.stderr
    assert f"{MAX_EPISODES:,}" in result.stderr
    assert dump(db) == before

    body = network_show(4243, "Wordy", summary="<p>" + "w" * (MAX_TEXT + 1) + "</p>")
    tvmaze.expect_request("/shows/4243").respond_with_json(body, headers=CACHE_CONTROL)
    result = run("fetch", "--tvmaze", "4243", code=2)
    assert f"{MAX_TEXT:,} characters" in result.stderr
    assert dump(db) == before


# ---------------------------------------------------------------------------- typed input


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["season", "add", "X", "4", "--episodes", "99999999999999999999"], f"{MAX_EPISODES}"),
        (
            [
                "season",
                "add",
                "X",
                "5",
                "--episodes",
                "600",
                "--release",
                "weekly",
                "--premiere",
                "2030-01-01",
            ],
            "520 weeks",
        ),
        (["upcoming", "--within", "3000000d"], "36500d"),
        (["remind", "--catch-up", "1000000d"], "36500d"),
        (["remind", "--lead", "99999999999d"], "36500d"),
        (["config", "set", "remind.lead", "99999999999d"], "36500d"),
        (["list", "--now", "9999-12-31 23:59"], "2200"),
        (["calendar", "--month", "9999-12"], "2200"),
        (["remind", "--exec", 'echo "unbalanced'], "quotation"),
        # And the like, found on the way.
        (["list", "--now", "0001-01-01T00:00+14:00"], "1900"),
        (["season", "rm", "X", "99999999999999999999", "--yes"], f"{MAX_SEASON}"),
        (["season", "edit", "X", "1", "--number", "99999999999999999999"], f"{MAX_SEASON}"),
        (["watched", "X", "99999999999999999999"], f"{MAX_SEASON}"),
        (["watched", "X", "2", "1-20000"], f"{MAX_EPISODES:,}"),
        (["episode", "add", "X", "1", "99999999999999999999"], f"{MAX_EPISODES}"),
        (["cast", "add", "X", "P", "--billing", "99999999999999999999"], f"{MAX_EPISODES}"),
        (["cast", "add", "X", "P", "--season", "99999999999999999999"], f"{MAX_SEASON}"),
        (["trailer", "add", "X", "--title", "T", "--season", "99999999999999999999"], "9999"),
        (["season", "add", "X", "7", "--premiere-episodes", "99999999999999999999"], "10000"),
        (["upcoming", "--within", "9" * 5000 + "d"], "36500d"),
        (["upcoming", "--within", "²d"], "30d"),
        (["fetch", "--tvmaze", "99999999999999999999", "--offline"], f"{MAX_ID}"),
    ],
)
def test_typed_input_is_one_line_and_exit_2(
    run: Run, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], says: str
) -> None:
    monkeypatch.setenv("SEASONTRACK_CONFIG", str(tmp_path / "config.toml"))
    run("show", "add", "X")
    run("season", "add", "X", "1", "--episodes", "3")
    run("season", "add", "X", "2")
    before = dump(db)
    one_line_error(run(*args, code=2), says)
    assert dump(db) == before


def test_a_weekly_season_at_the_bound_is_scheduled_to_its_last_week(run: Run) -> None:
    run("show", "add", "Long Runner")
    run(
        "season",
        *("add", "Long Runner", "1", "--release", "weekly", "--premiere", "2030-01-01"),
        *("--episodes", "520"),
    )
    last = json.loads(
        run("upcoming", "--episodes", "--limit", "0", "--json", "--now", "2030-01-01").stdout
    )[-1]
    assert last["first_episode"] == 520
    assert last["date"]["start"] == "2039-12-13"  # 519 weeks after the premiere


def test_the_years_a_moment_may_have_are_the_dates_years(run: Run) -> None:
    run("list", "--now", "2200-12-31 23:59", "--tz", "Pacific/Kiritimati")
    run("list", "--now", "1900-01-01 00:00", "--tz", "Etc/GMT+12")
    run("calendar", "--month", "2200-12", "--months", "24")
    run("upcoming", "--within", "36500d", "--now", "2200-12-31")
    run("remind", "--catch-up", "36500d", "--now", "1900-01-01", "--dry-run")


def test_a_long_weekly_season_whose_episodes_have_their_own_dates_imports(
    run: Run, tmp_path: Path
) -> None:
    # A daily show a provider calls weekly: 600 episodes, each with its own day.
    from datetime import date, timedelta

    first = date(2030, 1, 1)
    episodes = [
        {"number": n, "airs": {"precision": "day", "start": str(first + timedelta(days=n - 1))}}
        for n in range(1, 601)
    ]
    season = {
        "number": 1,
        "episode_count": 600,
        "release": "weekly",
        "premiere": {"precision": "day", "start": str(first)},
    }
    run("import", str(catalog_file(tmp_path, {"title": "Daily", "seasons": [season]})), code=2)
    with_dates = catalog_file(
        tmp_path, {"title": "Daily", "seasons": [{**season, "episodes": episodes}]}, name="d.json"
    )
    run("import", str(with_dates))
    run("import", str(with_dates))  # merged into the show now there: the same check
    last = json.loads(
        run("upcoming", "--episodes", "--limit", "0", "--json", "--now", "2030-01-01").stdout
    )[-1]
    assert (last["first_episode"], last["date"]["start"]) == (600, "2031-08-23")
