"""Reminders sent as notifications (Apprise URLs): each once per channel, a failed one
retried without repeating the others, a bad URL refused before anything, secrets never shown.

The notification service is a real HTTP server on 127.0.0.1: Apprise's ``json://`` URL posts
a JSON body (title, message) to it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.conftest import Run, add_weekly, dump

NOW = "2018-03-06T00:30"  # Weekly S1E1 is on today; S1E2 is 7 days off
LEADS = ("--lead", "7d,0d")


@pytest.fixture
def weekly(run: Run) -> None:
    add_weekly(run, "March 6, 2018", 2)
    run("trailer", "add", "Weekly", "https://example.com/weekly-trailer", "--season", "1")


@pytest.fixture
def hook(httpserver: HTTPServer) -> str:
    """A json:// notification URL to the local server, with a secret in its path."""
    return httpserver.url_for("/hook/s3cr3t-t0ken-abcdef").replace("http://", "json://")


def _posted(httpserver: HTTPServer) -> list[dict[str, str]]:
    return [json.loads(request.data) for request, _ in httpserver.log]


def test_each_reminder_is_notified_once_with_its_title_body_and_link(
    run: Run, weekly: None, hook: str, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/hook/s3cr3t-t0ken-abcdef", method="POST").respond_with_data("ok")
    printed = run("remind", "--now", NOW, *LEADS, "--notify", hook).stdout
    assert printed.count("Weekly S1E") == 2
    posted = _posted(httpserver)
    assert [p["title"] for p in posted] == ["Weekly S1E1", "Weekly S1E2"]
    assert "today 21:00" in posted[0]["message"]
    assert "https://example.com/weekly-trailer" in posted[0]["message"]
    # Once: the next run sends and prints nothing.
    assert run("remind", "--now", NOW, *LEADS, "--notify", hook).stdout == ""
    assert len(_posted(httpserver)) == 2


def test_a_failing_service_gets_the_reminder_next_run_and_stdout_does_not_repeat_it(
    run: Run, weekly: None, hook: str, httpserver: HTTPServer
) -> None:
    httpserver.expect_ordered_request("/hook/s3cr3t-t0ken-abcdef").respond_with_data(
        "down", status=500
    )
    httpserver.expect_ordered_request("/hook/s3cr3t-t0ken-abcdef").respond_with_data(
        "down", status=500
    )
    first = run("remind", "--now", NOW, *LEADS, "--notify", hook, code=5)
    assert first.stdout.count("Weekly S1E") == 2
    assert "will retry" in first.stderr and "s3cr3t" not in first.stderr
    assert len(httpserver.log) == 2  # both tried, both refused
    httpserver.clear()
    httpserver.expect_request("/hook/s3cr3t-t0ken-abcdef").respond_with_data("ok")
    second = run("remind", "--now", NOW, *LEADS, "--notify", hook)
    assert second.stdout == ""
    assert [p["title"] for p in _posted(httpserver)] == ["Weekly S1E1", "Weekly S1E2"]


def test_a_bad_url_is_refused_before_anything_is_sent_or_recorded(
    run: Run, weekly: None, db: Path
) -> None:
    before = dump(db)
    failed = run("remind", "--now", NOW, *LEADS, "--notify", "nosuchservice://abc:def@x", code=2)
    assert "Apprise" in failed.stderr and "abc:def" not in failed.stderr
    assert failed.stdout == ""
    assert dump(db) == before


def test_configured_urls_are_used_and_their_secrets_never_printed(
    run: Run, weekly: None, hook: str, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/hook/s3cr3t-t0ken-abcdef").respond_with_data("ok")
    assert "s3cr3t" not in run("config", "set", "remind.notify", hook).stdout
    assert "s3cr3t" not in run("config", "get", "remind.notify").stdout
    assert "s3cr3t" not in run("config", "list").stdout
    run("remind", "--now", NOW, *LEADS)
    assert len(_posted(httpserver)) == 2
    bad = run("config", "set", "remind.notify", "nosuchservice://abc:def@x", code=2)
    assert "abc:def" not in bad.stderr
