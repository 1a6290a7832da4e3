"""Property-based: whatever is typed or given in a file, no traceback and a documented exit code.

Hypothesis feeds generated spans, dates, moments, counts, zones, text and option values to
every command (in-process, through Typer's CliRunner, each example on its own copy of the
sample catalog), and generated JSON and CSV files to `import`. Each test is bounded by its
number of examples (950 in all), so that CI runs the four in about 12 s on 2 cores; a run
with 3,000 examples each took under 3 minutes and found nothing more.
"""

from __future__ import annotations

import json
import shutil
import string
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from seasontrack.cli import COMMANDS, app
from tests.conftest import dump

SAMPLE = Path(__file__).parent.parent / "data" / "catalog.json"
# README, "Exit codes" (130: stopped by the user).
DOCUMENTED_EXITS = {0, 1, 2, 3, 4, 5, 130}


def hostile_settings(examples: int) -> settings:
    """Bounded by the number of examples, so the suite's time stays predictable in CI."""
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# ---------------------------------------------------------------------------- values

# The edges the issue names, and their neighbours.
SPANS = st.one_of(
    st.sampled_from(
        [
            "30d",
            "2w",
            "12h",
            "0d",
            "36500d",
            "36501d",
            "3000000d",
            "99999999999d",
            "5214w",
            "876000h",
            "-1d",
            "1.5d",
            "²d",
            "d",
            "",
            " 3 weeks ",
            "9" * 5000 + "d",
            "7d,1d,0d",
        ]
    ),
    st.builds(
        "{}{}".format,
        st.integers(min_value=0, max_value=10**25),
        st.sampled_from(["h", "d", "w", "days", "weeks", "y", ""]),
    ),
)
MOMENTS = st.one_of(
    st.sampled_from(
        [
            "2018-03-05 12:00",
            "9999-12-31 23:59",
            "0001-01-01T00:00+14:00",
            "1900-01-01",
            "2200-12-31 23:59",
            "1899-12-31",
            "2201-01-01",
            "2018-02-30",
            "March 8",
            "TBA",
            "spring 2018",
            "Q5 2018",
            "2018-03-08T00:01-08:00",
            "8 Mar 2018 00:01 PST",
            "",
            "2018-03-08 21:00 Mars/Base",
            "99999-01-01",
            "late 2200",
            "winter 2201",
        ]
    ),
    st.datetimes().map(lambda moment: moment.isoformat()),
    st.datetimes(timezones=st.timezones()).map(lambda moment: moment.isoformat()),
    st.text(max_size=24),
)
COUNTS = st.one_of(
    st.integers(min_value=-5, max_value=10**25).map(str),
    st.sampled_from(["", "abc", "1e3", "²", "0x10", "9" * 5000, "10000", "10001", "9999"]),
    st.sampled_from(["520", "521", "600", "5000", "1-8", "1-20000", "3-1", "0-0"]),
)
MONTHS = st.one_of(
    st.builds(
        "{:04d}-{:02d}".format,
        st.integers(min_value=0, max_value=9999),
        st.integers(min_value=0, max_value=13),
    ),
    st.sampled_from(["9999-12", "2200-12", "1900-01", "1899-12", "2018-3", "", "march"]),
)
ZONES = st.sampled_from(
    ["UTC", "America/New_York", "Pacific/Kiritimati", "Etc/GMT+12", "Mars/Base", "", "+05:30"]
)
TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["=cmd|' /C calc'!A0", "\x1b]52;c;eA==\x07", "[bold]x", "'", "x" * 10_001]),
)
TITLES = st.one_of(
    st.sampled_from(["Jessica Jones", "jess", "Game of Thrones", "The", "Nope"]), TEXT
)
WHEN = st.one_of(MOMENTS, TEXT)
BREAKS = st.one_of(
    st.builds(lambda first, last: f"{first}..{last}", MOMENTS, MOMENTS),
    st.sampled_from(["2030-01-10..2030-03-01", "2030-03-01..2030-01-10", "0001-01-01..9999-12-31"]),
    TEXT,
)
VALUE = st.one_of(SPANS, MOMENTS, COUNTS, MONTHS, ZONES, TEXT)


def option(name: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    """``[name, value]`` or nothing."""
    return st.one_of(st.just([]), values.map(lambda value: [name, value]))


def flag(name: str) -> st.SearchStrategy[list[str]]:
    return st.sampled_from([[], [name]])


def command(*parts: st.SearchStrategy[list[str]] | list[str]) -> st.SearchStrategy[list[str]]:
    """The words of a command line: fixed words and drawn options, in order."""
    drawn = [st.just(part) if isinstance(part, list) else part for part in parts]
    return st.tuples(*drawn).map(lambda pieces: [word for piece in pieces for word in piece])


def arg(values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    return values.map(lambda value: [value])


def maybe(values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    """An optional argument: given or not."""
    return st.one_of(st.just([]), arg(values))


READING = [option("--now", MOMENTS), option("--tz", ZONES)]

# Every command, with the options that take values (`countdown --live` and `cron
# --install` are left out: one waits for a release, the other edits the user's crontab).
COMMAND_LINES: dict[str, st.SearchStrategy[list[str]]] = {
    "show": st.one_of(
        command(["show", "add"], arg(TITLES), option("--status", TEXT), option("--alias", TEXT)),
        command(["show", "edit"], arg(TITLES), option("--title", TEXT), option("--summary", TEXT)),
        command(["show", "rm"], arg(TITLES), ["--yes"]),
    ),
    "season": st.one_of(
        command(
            ["season", "add"],
            arg(TITLES),
            arg(COUNTS),
            option("--premiere", WHEN),
            option("--finale", WHEN),
            option("--episodes", COUNTS),
            option("--release", st.sampled_from(["weekly", "all-at-once", "unknown", "daily"])),
            option("--time", st.sampled_from(["21:00", "25:00", "9", ""])),
            option("--tz", ZONES),
            option("--premiere-episodes", COUNTS),
            option("--skip", WHEN),
        ),
        command(
            ["season", "edit"],
            arg(TITLES),
            arg(COUNTS),
            option("--number", COUNTS),
            option("--episodes", COUNTS),
            option("--skip", WHEN),
            option("--unskip", WHEN),
            option("--break", BREAKS),
            flag("--clear-breaks"),
            option("--release", st.sampled_from(["weekly", "unknown"])),
        ),
        command(["season", "rm"], arg(TITLES), arg(COUNTS), ["--yes"]),
    ),
    "part": st.one_of(
        command(
            ["part", "add"],
            arg(TITLES),
            arg(COUNTS),
            arg(COUNTS),
            option("--episodes", COUNTS),
            option("--premiere", WHEN),
            option("--release", st.sampled_from(["weekly", "all-at-once", "unknown"])),
            option("--title", TEXT),
        ),
        command(
            ["part", "edit"],
            arg(TITLES),
            arg(COUNTS),
            arg(COUNTS),
            option("--episodes", COUNTS),
            option("--time", st.sampled_from(["21:00", "25:00", ""])),
            option("--tz", ZONES),
        ),
        command(["part", "rm"], arg(TITLES), arg(COUNTS), arg(COUNTS), ["--yes"]),
    ),
    "episode": st.one_of(
        command(
            ["episode", "add"],
            arg(TITLES),
            arg(COUNTS),
            arg(COUNTS),
            option("--airs", WHEN),
            option("--title", TEXT),
            option("--tz", ZONES),
        ),
        command(
            ["episode", "edit"], arg(TITLES), arg(COUNTS), arg(COUNTS), option("--number", COUNTS)
        ),
        command(["episode", "rm"], arg(TITLES), arg(COUNTS), arg(COUNTS), ["--yes"]),
    ),
    "cast": st.one_of(
        command(
            ["cast", "add"],
            arg(TITLES),
            arg(TEXT),
            option("--as", TEXT),
            option("--season", COUNTS),
            option("--billing", COUNTS),
            option("--note", TEXT),
            flag("--rumoured"),
            flag("--no-note"),
        ),
        command(["cast", "rm"], arg(TITLES), arg(TEXT), option("--season", COUNTS)),
    ),
    "crew": st.one_of(
        command(
            ["crew", "add"],
            arg(TITLES),
            arg(TEXT),
            ["--job"],
            arg(TEXT),
            option("--season", COUNTS),
        ),
        command(["crew", "rm"], arg(TITLES), arg(TEXT), option("--job", TEXT)),
    ),
    "trailer": st.one_of(
        command(
            ["trailer", "add"],
            arg(TITLES),
            arg(st.one_of(TEXT, st.just("https://example.org/t"))),
            option("--season", COUNTS),
            option("--kind", TEXT),
            option("--published", WHEN),
            option("--title", TEXT),
        ),
        command(
            ["trailer", "rm"], arg(TITLES), option("--title", TEXT), option("--season", COUNTS)
        ),
        command(["trailer", "open"], arg(TITLES), option("--season", COUNTS)),
    ),
    "source": st.one_of(
        command(
            ["source", "add"],
            arg(TITLES),
            arg(st.one_of(TEXT, st.just("https://example.org/a"))),
            option("--published", WHEN),
            option("--season", COUNTS),
        ),
        command(["source", "rm"], arg(TITLES), arg(TEXT)),
    ),
    "upcoming": command(
        ["upcoming"],
        option("--within", SPANS),
        option("--until", WHEN),
        option("--limit", COUNTS),
        flag("--episodes"),
        flag("--json"),
        *READING,
    ),
    "countdown": command(["countdown"], arg(TITLES), maybe(COUNTS), flag("--json"), *READING),
    "calendar": command(
        ["calendar"],
        option("--month", MONTHS),
        option("--months", COUNTS),
        flag("--plain"),
        *READING,
    ),
    "list": command(
        ["list"],
        option("--status", TEXT),
        flag("--unwatched"),
        flag("--finished"),
        flag("--json"),
        *READING,
    ),
    "stats": command(["stats"], option("--year", COUNTS), flag("--json"), *READING),
    "info": command(["info"], arg(TITLES), maybe(COUNTS), flag("--json"), *READING),
    "search": command(["search"], arg(TEXT), flag("--json")),
    "next": command(["next"], arg(TITLES), option("--field", TEXT), *READING),
    "follow": command(["follow"], arg(TITLES)),
    "unfollow": command(["unfollow"], arg(TITLES)),
    "watched": command(["watched"], arg(TITLES), arg(COUNTS), maybe(COUNTS), option("--on", WHEN)),
    "unwatched": command(["unwatched"], arg(TITLES), arg(COUNTS), maybe(COUNTS)),
    "remind": command(
        ["remind"],
        option("--lead", SPANS),
        option("--catch-up", SPANS),
        option("--format", TEXT),
        option("--exec", st.sampled_from(["true", "false", 'echo "unbalanced', "", "   "])),
        flag("--dry-run"),
        flag("--again"),
        flag("--json"),
        *READING,
    ),
    "cron": st.just(["cron"]),
    "config": st.one_of(
        command(
            ["config", "set"],
            arg(st.sampled_from(["remind.lead", "remind.catch_up", "tmdb.key", "nope"])),
            arg(st.one_of(SPANS, TEXT)),
        ),
        command(["config", "get"], arg(st.sampled_from(["remind.lead", "nope"]))),
        st.just(["config", "list"]),
    ),
    "db": st.sampled_from([["db", "path"], ["db", "check"], ["db", "backup", "{tmp}/copy.db"]]),
    "export": command(
        ["export"],
        option("--format", st.sampled_from(["json", "csv", "ics", "xml", ""])),
        option("--within", SPANS),
        option("--show", TITLES),
        option("--jobs", COUNTS),
        flag("--episodes"),
        option("-o", st.just("{tmp}/out.file")),
        *READING,
    ),
    "import": command(
        ["import"], arg(st.sampled_from(["{tmp}/missing.json", "{tmp}", str(SAMPLE)]))
    ),
    "fetch": command(
        ["fetch", "--offline"],
        maybe(TITLES),
        option("--tvmaze", COUNTS),
        option("--year", COUNTS),
        option("--pick", COUNTS),
    ),
    "sync": command(["sync", "--offline"], maybe(TITLES), flag("--all")),
}


def test_every_command_is_fed() -> None:
    assert set(COMMAND_LINES) == set(COMMANDS)


# ---------------------------------------------------------------------------- running


@pytest.fixture(scope="module")
def sample_catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample catalog, imported once; each example gets a copy of it."""
    db = tmp_path_factory.mktemp("sample") / "sample.db"
    runner = CliRunner()
    result = runner.invoke(app, ["import", str(SAMPLE), "--db", str(db)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        app,
        [
            "season",
            "add",
            "Game of Thrones",
            "9",
            "--release",
            "weekly",
            "--episodes",
            "10",
            "--premiere",
            "2030-01-06 21:00",
            "--tz",
            "America/New_York",
            "--db",
            str(db),
        ],
    )
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def hostile(
    sample_catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[list[str]], Any]]:
    """Run a command line on a fresh copy of the sample catalog; check how it ended."""
    monkeypatch.setenv("SEASONTRACK_OFFLINE", "1")
    # `trailer open` must not start a browser.
    monkeypatch.setattr("webbrowser.open", lambda url: False)
    runner = CliRunner()

    def invoke(words: list[str]) -> Any:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "catalog.db"
            shutil.copyfile(sample_catalog, db)
            args = [word.replace("{tmp}", tmp) for word in words]
            result = runner.invoke(
                app,
                args if args[:1] == ["config"] else [*args, "--db", str(db)],
                env={"SEASONTRACK_CONFIG": f"{tmp}/config.toml", "SEASONTRACK_DB": str(db)},
            )
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                f"{args!r} raised {result.exception!r}"
            )
            assert result.exit_code in DOCUMENTED_EXITS, (args, result.exit_code, result.output)
            assert "Traceback" not in result.output
            if result.exit_code == 2:
                # Bad input: said on stderr, in lines that start "Error: " (fetch may first
                # list its candidates).
                assert result.stderr.splitlines()[-1].startswith("Error: "), result.stderr
            return result

    yield invoke


@hostile_settings(400)
@given(st.sampled_from(sorted(COMMAND_LINES)).flatmap(lambda name: COMMAND_LINES[name]))
def test_any_command_line_ends_in_a_documented_exit_without_a_traceback(
    hostile: Callable[[list[str]], Any], words: list[str]
) -> None:
    hostile(words)


@hostile_settings(150)
@given(
    st.lists(st.sampled_from(sorted(COMMAND_LINES)), min_size=2, max_size=4).flatmap(
        lambda names: st.tuples(*(COMMAND_LINES[name] for name in names))
    )
)
def test_command_lines_in_a_row_on_one_catalog(
    hostile: Callable[[list[str]], Any], lines: tuple[list[str], ...]
) -> None:
    for words in lines:
        hostile(words)


# ---------------------------------------------------------------------------- files

JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["2018-03-08", "weekly", "day", "minute", "America/New_York", "21:00"]),
)
KEYS = st.sampled_from(
    [
        "title",
        "seasons",
        "number",
        "episode_count",
        "episodes",
        "premiere",
        "finale",
        "precision",
        "start",
        "time",
        "tz",
        "release",
        "skips",
        "watched",
        "cast",
        "person",
        "billing",
        "season",
        "online",
        "tvmaze_id",
        "synced_at",
        "facts",
        "aliases",
        "airs",
    ]
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=6)),
    max_leaves=30,
)
SHOWS = st.lists(
    st.fixed_dictionaries({"title": st.text(min_size=1, max_size=10)}, optional={}).flatmap(
        lambda base: st.dictionaries(KEYS, JSON_VALUES, max_size=5).map(
            lambda extra: {**base, **extra}
        )
    ),
    max_size=3,
)
CSV_CELLS = st.one_of(COUNTS, MOMENTS, TEXT.filter(lambda t: len(t) < 50), ZONES)


@hostile_settings(200)
@given(
    st.one_of(
        st.dictionaries(st.sampled_from(["shows", "format", "version"]), JSON_VALUES).map(
            json.dumps
        ),
        SHOWS.map(
            lambda shows: json.dumps(
                {"format": "seasontrack-catalog", "version": 1, "shows": shows}
            )
        ),
        st.text(alphabet=string.printable, max_size=60),
    )
)
def test_any_json_file_imports_or_is_refused_with_the_catalog_unchanged(
    sample_catalog: Path, document: str
) -> None:
    imported_or_refused(sample_catalog, "catalog.json", document)


@hostile_settings(200)
@given(
    st.lists(
        st.lists(CSV_CELLS, min_size=1, max_size=8).map(
            lambda cells: ",".join(json.dumps(cell) for cell in cells)
        ),
        max_size=4,
    ).map(
        lambda rows: "\n".join(
            [
                "show,season,premiere,premiere_precision,finale,episode_count,release,release_tz",
                *rows,
            ]
        )
    )
)
def test_any_csv_sheet_imports_or_is_refused_with_the_catalog_unchanged(
    sample_catalog: Path, document: str
) -> None:
    imported_or_refused(sample_catalog, "sheet.csv", document)


def imported_or_refused(sample_catalog: Path, name: str, document: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "catalog.db"
        shutil.copyfile(sample_catalog, db)
        before = dump(db)
        file = Path(tmp) / name
        file.write_text(document)
        result = CliRunner().invoke(app, ["import", str(file), "--db", str(db)])
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            f"{document!r} raised {result.exception!r}"
        )
        assert result.exit_code in (0, 2), result.output
        if result.exit_code == 2:
            assert result.stderr.startswith("Error: ")
            assert dump(db) == before
