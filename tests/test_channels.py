"""Delivery channels: every one registered, a failed delivery retried, a new one just plugged in."""

from __future__ import annotations

import ast
import inspect
import io
from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar, TextIO

import pytest

from seasontrack import channels
from seasontrack.channels import CHANNELS, DeliveryFailed
from tests.conftest import Run, add_weekly

NOW = "2018-03-06T00:30"  # Weekly S1E1 is on today; S1E2 is 7 days off


@pytest.fixture
def weekly(run: Run) -> None:
    add_weekly(run, "March 6, 2018", 2)


def test_the_registry_names_every_channel_and_each_is_built_from_what_the_user_gave() -> None:
    assert set(CHANNELS) == {"lines", "json", "exec", "notify"}
    defined = {
        value
        for value in vars(channels).values()
        if inspect.isclass(value) and value.__module__ == channels.__name__
        if callable(getattr(value, "deliver", None)) and value is not channels.Channel
    }
    assert defined == set(CHANNELS.values()), "a channel class that no entry names is unused"
    targets = {"exec": "echo hi", "notify": "json://127.0.0.1:9/hook"}
    built = {kind: channels.make(kind, targets.get(kind), io.StringIO()) for kind in CHANNELS}
    # Printed lines and JSON lines go to the same place; a command is a place of its own, and
    # so is each notification URL, known by a digest of it (the URL holds secrets).
    names = {kind: channel.name for kind, channel in built.items()}
    assert names.pop("notify").startswith("notify:")
    assert names == {"lines": "stdout", "json": "stdout", "exec": "exec"}


def test_a_bad_target_is_refused_before_anything_is_claimed(run: Run, weekly: None) -> None:
    assert "needs a command" in run("remind", "--now", NOW, "--exec", " ", code=2).stderr
    unclosed = run("remind", "--now", NOW, "--exec", "notify-send 'New episode", code=2)
    assert unclosed.stderr == ('Error: --exec "notify-send \'New episode": No closing quotation\n')
    run("remind", "--now", NOW, "--exec", "x", "--format", "{shwo}", code=2)
    # Nothing was claimed: the next run still reminds of both.
    assert len(run("remind", "--now", NOW).stdout.splitlines()) == 2


class Flaky:
    """Prints like the line printer, but the first delivery for each show fails."""

    name = "stdout"
    refused: ClassVar[set[str]] = set()

    def __init__(self, target: str | None, out: TextIO) -> None:
        self.out = out

    def deliver(self, fields: Mapping[str, str]) -> None:
        if fields["code"] not in Flaky.refused:
            Flaky.refused.add(fields["code"])
            if fields["code"] == "S1E2":
                raise DeliveryFailed(f"server said 503 for {channels.subject(fields)}")
        self.out.write(f"{fields['code']} {fields['lead']}\n")


def test_a_failed_delivery_is_retried_by_the_next_run_which_exits_5(
    run: Run, weekly: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(CHANNELS, "lines", Flaky)
    monkeypatch.setattr(Flaky, "refused", set())
    first = run("remind", "--now", NOW, code=5)
    assert first.stdout == "S1E1 0d\n"
    assert first.stderr == "Error: server said 503 for Weekly S1E2\n"
    # Only what failed comes again, an hour later; then nothing.
    assert run("remind", "--now", "2018-03-06T01:30").stdout == "S1E2 7d\n"
    assert run("remind", "--now", "2018-03-06T02:30", "--exit-code", code=1).stdout == ""


class Memo:
    """A channel the commands have never heard of: keeps what it is given."""

    name = "memo"
    kept: ClassVar[list[str]] = []

    def __init__(self, target: str | None, out: TextIO) -> None:
        self.prefix = target or ""

    def deliver(self, fields: Mapping[str, str]) -> None:
        Memo.kept.append(f"{self.prefix}{fields['show']} {fields['code']} {fields['countdown']}")


def test_a_channel_added_to_the_registry_is_used_by_the_service_as_it_is(
    run: Run, weekly: None, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from seasontrack.clock import Clock, current_time, parse_leads, parse_span, user_zone
    from seasontrack.services.reminders import deliver_due
    from seasontrack.store import open_catalog

    monkeypatch.setitem(CHANNELS, "memo", Memo)
    monkeypatch.setattr(Memo, "kept", [])
    where = user_zone("America/New_York")
    at = Clock(current_time(NOW, where), where)
    memo = channels.make("memo", "phone: ", io.StringIO())
    with open_catalog(db) as conn:
        outcome = deliver_due(conn, at, parse_leads("7d,0d"), parse_span("14d"), [memo])
        assert (outcome.due, outcome.failed) == (2, 0)
        assert Memo.kept == ["phone: Weekly S1E1 today 21:00", "phone: Weekly S1E2 in 7 days"]
        # Recorded like any delivery, on its own channel: it has nothing left to say...
        again = deliver_due(conn, at, parse_leads("7d,0d"), parse_span("14d"), [memo])
        assert again.due == 0 and len(Memo.kept) == 2
    # ...while the printer, another channel, still has them to print.
    assert run("remind", "--now", NOW, "--lead", "7d,0d").stdout.count("Weekly S1E") == 2


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize(
    ("module", "above"),
    [
        ("channels.py", ("seasontrack.cli", "seasontrack.render", "seasontrack.services")),
        ("services/reminders.py", ("seasontrack.cli", "seasontrack.render")),
        ("printable.py", ("seasontrack.cli", "seasontrack.render", "seasontrack.services")),
        ("settings.py", ("seasontrack.cli", "seasontrack.render", "seasontrack.services")),
    ],
)
def test_delivery_and_settings_import_nothing_above_them(
    module: str, above: tuple[str, ...]
) -> None:
    source = Path(channels.__file__).parent / module
    upward = {name for name in _imports(source) if name.startswith(above)}
    assert upward == set(), f"{module} imports from a higher layer: {upward}"
