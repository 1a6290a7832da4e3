"""Every test gets its own catalog file and never sees the user's real data, zone or clock."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner, Result

from seasontrack.cli import app


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    db = tmp_path / "catalog.db"
    monkeypatch.setenv("SEASONTRACK_DB", str(db))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for name in (
        "SEASONTRACK_CONFIG",
        "SEASONTRACK_OFFLINE",
        "SEASONTRACK_TIMEOUT",
        "SEASONTRACK_TMDB_KEY",
        "SEASONTRACK_TMDB_URL",
        "SEASONTRACK_TVMAZE_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SEASONTRACK_TZ", "America/New_York")
    monkeypatch.delenv("SEASONTRACK_NOW", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    # No pager for a command a test runs on a pseudo-terminal (the pager tests set one).
    monkeypatch.setenv("SEASONTRACK_PAGER", "")
    yield db


_LOOPBACK = ("127.0.0.1", "::1", "localhost")


@pytest.fixture(autouse=True)
def no_internet(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail any test that tries to reach a host other than this machine."""
    attempts: list[str] = []
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(host, bytes):
            host = host.decode()
        if host not in _LOOPBACK and host is not None:
            attempts.append(str(host))
            raise socket.gaierror(socket.EAI_NONAME, f"tests may not reach {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    def connect(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in _LOOPBACK:
            attempts.append(str(address[0]))
            raise ConnectionRefusedError(f"tests may not reach {address[0]}")
        return real_connect(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    yield
    if attempts:
        pytest.fail(f"a test tried to reach the internet: {attempts}")


@pytest.fixture
def tvmaze(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> HTTPServer:
    """A real HTTP server on 127.0.0.1 standing in for TVmaze (and TMDB, under /3)."""
    root = httpserver.url_for("/").rstrip("/")
    monkeypatch.setenv("SEASONTRACK_TVMAZE_URL", root)
    monkeypatch.setenv("SEASONTRACK_TMDB_URL", root + "/3")
    return httpserver


@pytest.fixture
def db(isolated: Path) -> Path:
    return isolated


Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    """Run seasontrack in-process; asserts the exit code (0 unless ``code=`` says otherwise)."""
    runner = CliRunner()

    def invoke(*args: str, code: int = 0, input: str | None = None) -> Result:
        result = runner.invoke(app, list(args), input=input, catch_exceptions=False)
        assert result.exit_code == code, (
            f"exit {result.exit_code} != {code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        )
        return result

    return invoke


def add_weekly(run: Run, premiere: str, episodes: int, *more: str) -> None:
    """A show called Weekly, one episode a week at 21:00 New York time from ``premiere``."""
    run("show", "add", "Weekly")
    run(
        "season",
        "add",
        "Weekly",
        "1",
        "--release",
        "weekly",
        "--premiere",
        f"{premiere} 21:00",
        "--tz",
        "America/New_York",
        "--episodes",
        str(episodes),
        *more,
    )


def on_terminal(command: list[str], env: dict[str, str]) -> bytes:
    """What ``command`` shows on a pseudo-terminal (stdout and stderr, as a user sees them)."""
    leader, follower = os.openpty()
    process = subprocess.Popen(command, stdout=follower, stderr=follower, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks)


# The search index's own records of how far it has got (migration m016).
SEARCH_BOOKKEEPING = ("search_indexed", "stale_search")


def dump(db: Path) -> list[tuple[object, ...]]:
    """Every row of every table: to check that a failed command changed nothing.

    The search index's own tables are left out: FTS5 fills them as soon as they exist, and
    what they hold is the search tests' business (how it reads, not how it is stored).
    """
    if not db.exists():
        return []
    conn = sqlite3.connect(db)
    try:
        virtual = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'"
            )
        ]
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
            if r[0] not in SEARCH_BOOKKEEPING
            and not any(r[0] == v or r[0].startswith(f"{v}_") for v in virtual)
        ]
        rows: list[tuple[object, ...]] = []
        for table in tables:
            # Table names come from sqlite_master, not from user input.
            rows += [(table, *r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY 1")]
        return rows
    finally:
        conn.close()


JESSICA_JONES = [
    (
        "show",
        "add",
        "Jessica Jones",
        "--network",
        "Netflix",
        "--country",
        "US",
        "--status",
        "ended",
        "--alias",
        "Marvel's Jessica Jones",
    ),
    (
        "season",
        "add",
        "Jessica Jones",
        "1",
        "--premiere",
        "November 20, 2015",
        "--episodes",
        "13",
        "--release",
        "all-at-once",
    ),
    (
        "season",
        "add",
        "Jessica Jones",
        "2",
        "--premiere",
        "March 8, 2018",
        "--time",
        "00:01",
        "--tz",
        "America/Los_Angeles",
        "--release",
        "all-at-once",
        "--episodes",
        "13",
        "--note",
        "All 13 episodes directed by women",
    ),
    (
        "cast",
        "add",
        "Jessica Jones",
        "Krysten Ritter",
        "--as",
        "Jessica Jones",
        "--season",
        "2",
        "--returning",
        "--billing",
        "1",
    ),
    (
        "cast",
        "add",
        "Jessica Jones",
        "Rachael Taylor",
        "--as",
        "Trish Walker",
        "--season",
        "2",
        "--returning",
    ),
    (
        "cast",
        "add",
        "Jessica Jones",
        "Janet McTeer",
        "--season",
        "2",
        "--new",
        "--note",
        "undisclosed character",
    ),
    (
        "cast",
        "add",
        "Jessica Jones",
        "David Tennant",
        "--as",
        "Kilgrave",
        "--season",
        "2",
        "--returning",
    ),
    ("crew", "add", "Jessica Jones", "Melissa Rosenberg", "--job", "showrunner"),
    (
        "crew",
        "add",
        "Jessica Jones",
        "Raelle Tucker",
        "--job",
        "writer",
        "--job",
        "producer",
        "--season",
        "2",
    ),
    (
        "trailer",
        "add",
        "Jessica Jones",
        "--season",
        "2",
        "--publisher",
        "Netflix",
        "--published",
        "Dec. 9, 2017",
        "--note",
        "Set to Heart's Barracuda",
    ),
    (
        "source",
        "add",
        "Jessica Jones",
        "https://example.org/jessica-jones-season-2",
        "--season",
        "2",
        "--outlet",
        "The Daily Dot",
        "--title",
        "Jessica Jones offers gritty, intense trailer",
    ),
]


@pytest.fixture
def jessica(run: Run) -> None:
    """The seed article's facts about Jessica Jones, typed in as a user would."""
    for args in JESSICA_JONES:
        run(*args)
