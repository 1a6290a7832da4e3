"""The seams that let new formats and views in: the export format registry, the one release
view, progress reported through callbacks, and services that draw nothing."""

from __future__ import annotations

import sqlite3
import sys
import types
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import pytest

from seasontrack.countdown import ReleaseView
from seasontrack.dates import parse_when, zone
from seasontrack.services import formats
from tests.conftest import Run

SRC = Path(__file__).parent.parent / "src" / "seasontrack"
NEW_YORK = zone("America/New_York")


def test_every_registered_format_is_its_module() -> None:
    for name in formats.FORMATS:
        assert formats.export_format(name).name == name


def test_an_option_a_format_does_without_names_the_formats_that_take_it() -> None:
    assert formats.refusal("within") == "--within is for csv and ics; json exports whole shows"
    assert formats.refusal("episodes") == (
        "--episodes is for csv; json and ics always hold every release"
    )


def test_a_new_format_is_a_module_and_a_registry_line(
    run: Run, jessica: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def write(conn: sqlite3.Connection, out: IO[Any], request: formats.ExportRequest) -> Any:
        for row in request.rows:
            out.write(row.title + "\n")
        return formats.Written(len(request.rows), "titles")

    module = types.ModuleType("seasontrack.services.formats.titles")
    module.FORMAT = formats.ExportFormat("titles", write)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setitem(formats.FORMATS, "titles", "titles")
    assert run("export", "--format", "titles").stdout == "Jessica Jones\n"
    assert "--within is for csv and ics; json and titles export whole shows" in (
        run("export", "--format", "titles", "--within", "3d", code=2).stderr
    )


def test_a_release_view_answers_every_reader_question() -> None:
    now = datetime(2018, 3, 5, 12, 0, tzinfo=NEW_YORK)
    exact = ReleaseView(parse_when("2018-03-08 00:01 PST"), None, now, NEW_YORK, "America/New_York")
    assert exact.local.label() == "March 8, 2018 03:01 EST"
    assert exact.countdown == "in 3 days"
    assert exact.exact and exact.seconds == 2 * 86_400 + 15 * 3600 + 60
    assert exact.latest_seconds == exact.seconds
    assert exact.days == 3 and str(exact.first_day) == "2018-03-08"
    assert not exact.past and not exact.out
    assert exact.starts_by(datetime(2018, 3, 9, tzinfo=NEW_YORK))
    month = ReleaseView(parse_when("March 2018"), "America/Los_Angeles", now, NEW_YORK)
    assert not month.exact and month.out and not month.past
    assert month.countdown == "any day now (March 2018)"
    assert month.overlaps(datetime(2018, 3, 6, tzinfo=NEW_YORK))
    tba = ReleaseView(parse_when("TBA"), None, now, NEW_YORK)
    assert tba.span is None and tba.seconds is None and tba.days is None
    assert tba.countdown == "TBA" and not tba.past and not tba.out


def test_import_reports_how_far_it_has_read(run: Run, tmp_path: Path) -> None:
    from seasontrack.services.interchange import import_file
    from seasontrack.store import open_catalog

    sample = Path(__file__).parent.parent / "data" / "catalog.json"
    seen: list[tuple[int, int]] = []
    with open_catalog(tmp_path / "progress.db") as conn:
        report = import_file(conn, sample, progress=lambda done, total: seen.append((done, total)))
    size = sample.stat().st_size
    assert len(seen) == len(report.added) > 0
    assert all(total == size and 0 < done <= size for done, total in seen)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_services_and_the_catalog_file_draw_nothing_and_know_no_view() -> None:
    for folder in ("services", "catalog_file"):
        for path in (SRC / folder).rglob("*.py"):
            source = path.read_text()
            for banned in ("rich", "seasontrack.render", "seasontrack.cli", "serialize"):
                assert f"import {banned}" not in source, (path, banned)
                assert f"from {banned}" not in source, (path, banned)
    for path in (SRC / "catalog_file").rglob("*.py"):
        assert "seasontrack.services" not in path.read_text(), path
