"""Export the catalog as JSON and import it back: merging, idempotent, all or nothing."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run, dump


def export(run: Run) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(run("export").stdout)
    return data


def test_export_then_import_into_an_empty_catalog_gives_the_same_catalog(
    run: Run, jessica: None, tmp_path: Path
) -> None:
    original = export(run)
    assert original["format"] == "seasontrack-catalog"
    assert original["version"] == 1
    file = tmp_path / "catalog.json"
    file.write_text(json.dumps(original))
    other = tmp_path / "other.db"
    result = run("import", str(file), "--db", str(other))
    assert "1 added, 0 changed, 0 unchanged" in result.stdout
    assert json.loads(run("export", "--db", str(other)).stdout) == original


def test_importing_the_same_file_again_changes_nothing(
    run: Run, jessica: None, tmp_path: Path, db: Path
) -> None:
    file = tmp_path / "catalog.json"
    run("export", "-o", str(file))
    before = dump(db)
    result = run("import", str(file))
    assert "0 added, 0 changed, 1 unchanged" in result.stdout
    assert dump(db) == before


def test_import_merges_by_title_and_season(run: Run, jessica: None, tmp_path: Path) -> None:
    update = {
        "format": "seasontrack-catalog",
        "version": 1,
        "shows": [
            {
                "title": "marvel's jessica jones",
                "status": "ended",
                "seasons": [
                    {
                        "number": 3,
                        "premiere": {"precision": "day", "start": "2019-06-14"},
                        "episode_count": 13,
                    },
                    {"number": 2, "synopsis": "A new case."},
                ],
                "cast": [{"person": "Krysten Ritter", "character": "Jessica Jones", "season": 3}],
            },
            {"title": "The Defenders", "network": "Netflix"},
        ],
    }
    file = tmp_path / "update.json"
    file.write_text(json.dumps(update))
    result = run("import", str(file))
    assert "1 added, 1 changed, 0 unchanged" in result.stdout
    data = json.loads(run("info", "Jessica Jones", "--json").stdout)
    seasons = {s["number"]: s for s in data["seasons"]}
    assert sorted(seasons) == [1, 2, 3]
    assert seasons[3]["premiere"]["text"] == "June 14, 2019"
    # What the file leaves out is kept.
    assert seasons[2]["synopsis"] == "A new case."
    assert seasons[2]["premiere"]["text"] == "March 8, 2018 00:01 PST"
    assert seasons[2]["episode_count"] == 13
    assert data["network"] == "Netflix"
    assert len([c for c in data["cast"] if c["person"] == "Krysten Ritter"]) == 2
    assert "The Defenders" in run("list").stdout


def test_dry_run_reports_and_writes_nothing(
    run: Run, jessica: None, tmp_path: Path, db: Path
) -> None:
    file = tmp_path / "new.json"
    file.write_text(
        json.dumps(
            {"format": "seasontrack-catalog", "version": 1, "shows": [{"title": "Daredevil"}]}
        )
    )
    before = dump(db)
    result = run("import", str(file), "--dry-run")
    assert result.stdout.startswith("Would import")
    assert "added: Daredevil" in result.stdout
    assert dump(db) == before


def catalog_text(*shows: str) -> str:
    """A catalog file whose first show is good: all or nothing means it is not imported either."""
    body = ", ".join(['{"title": "Good one"}', *shows])
    return '{"format": "seasontrack-catalog", "version": 1, "shows": [' + body + "]}"


BAD_FILES = [
    ("not json {", "not a JSON catalog (lexical error"),
    ('{"shows": []}', "not a seasontrack catalog"),
    ('{"format": "seasontrack-catalog", "version": 99, "shows": []}', "upgrade seasontrack"),
    (catalog_text('{"network": "X"}'), "shows[1]: 'title' is missing"),
    (
        catalog_text(
            '{"title": "A", "seasons": [{"number": 1, "premiere":'
            ' {"precision": "month", "start": "2018-13-01"}}]}'
        ),
        "shows[1].seasons[0].premiere",
    ),
    (catalog_text('{"title": "A", "status": "done"}'), "shows[1]: status 'done' is not one of"),
    (
        catalog_text('{"title": "A", "trailers": [{"url": "javascript:alert(1)"}]}'),
        "shows[1].trailers[0]: trailer link",
    ),
    (
        catalog_text('{"title": "A", "cast": [{"person": "P", "season": 4}]}'),
        "season 4, which the file does not list",
    ),
    (catalog_text('{"title": "A"}', '{"title": "a"}'), "shows[2] repeats the title 'a'"),
    (
        catalog_text('{"title": "Z", "aliases": ["Marvel\'s Jessica Jones"]}'),
        "already names 'Jessica Jones'",
    ),
]


@pytest.mark.parametrize(("content", "message"), BAD_FILES)
def test_a_bad_file_is_reported_and_nothing_is_imported(
    run: Run, jessica: None, tmp_path: Path, db: Path, content: str, message: str
) -> None:
    file = tmp_path / "bad.json"
    file.write_text(content)
    before = dump(db)
    result = run("import", str(file), code=2)
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert dump(db) == before


def test_a_missing_file_is_an_input_error(run: Run, tmp_path: Path) -> None:
    result = run("import", str(tmp_path / "nope.json"), code=2)
    assert "no such file" in result.stderr


def test_export_to_a_file_replaces_it_whole(run: Run, jessica: None, tmp_path: Path) -> None:
    out = tmp_path / "catalog.json"
    out.write_text("old content")
    result = run("export", "-o", str(out))
    assert result.stdout == f"Exported 1 shows to {out}.\n"
    assert json.loads(out.read_text())["shows"][0]["title"] == "Jessica Jones"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".catalog")] == []


def test_export_to_a_new_file_follows_the_umask(run: Run, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        run("export", "-o", str(tmp_path / "new.json"))
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644


def test_the_sample_catalog_imports_cleanly(run: Run) -> None:
    sample = Path(__file__).parent.parent / "data" / "catalog.json"
    result = run("import", str(sample))
    assert "0 changed" in result.stdout
    info = run("info", "Jessica Jones", "2").stdout
    assert "March 8, 2018 03:01 EST (March 8, 2018 00:01 PST)" in info
    assert "Kilgrave" in info
    assert "0 added" in run("import", str(sample)).stdout


@pytest.mark.parametrize("kind", ["json", "ics"])
def test_export_shared_among_processes_writes_the_same_file(
    run: Run, jessica: None, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    from seasontrack.services import workers

    for i in range(5):
        run("show", "add", f"Weekly {i}")
        run(
            "season",
            "add",
            f"Weekly {i}",
            "1",
            "--premiere",
            f"2018-04-0{i + 1} 21:00 ET",
            "--release",
            "weekly",
            "--episodes",
            "4",
        )
    # Two shows a batch: the catalog's 6 shows are 3 batches, shared by 3 worker processes.
    monkeypatch.setattr(workers, "BATCH", 2)
    alone = run("export", "--format", kind, "--jobs", "1", "--now", "2018-03-05").stdout_bytes
    shared = run("export", "--format", kind, "--jobs", "3", "--now", "2018-03-05").stdout_bytes
    assert shared == alone
    if kind == "json":
        titles = [s["title"] for s in json.loads(shared)["shows"]]
        assert titles == ["Jessica Jones", *(f"Weekly {i}" for i in range(5))]
    else:
        assert shared.count(b"BEGIN:VEVENT") == 5 * 4 + 2  # the weekly episodes, JJ S1 and S2
