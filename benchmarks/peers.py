"""The peers a user might pick instead, on the same releases: khal (a calendar, fed one .ics
file per release) and episoder (an episode notifier, fed epguides-style pages).

Each is installed from PyPI into its own venv under /tmp on the first full run, and run with
its own settings and data in the scratch folder. Neither can be told what "now" is, so the
first day of the window is given instead of "today".
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from catalogs import TZ
from timing import Sample, progress, run_once

PEER_START = "2026-06-01"
# `upcoming --within 30d` from 2026-06-01 12:00 reaches into July 1, so khal lists to that day.
PEER_END = "2026-07-01"
PEER_DAYS = 30
KHAL_VENV = Path("/tmp/khal-venv")
EPISODER_VENV = Path("/tmp/episoder-venv")


@dataclass
class Peer:
    name: str
    program: str | None
    version: str = ""
    note: str = ""
    events: int = 0
    # The run that fills the peer's own cache or database: reported, not counted.
    filling: Sample | None = None


def find_peer(name: str, venv: Path, install: bool, version_args: list[str]) -> Peer:
    """``name`` from its own venv, installed there from PyPI when allowed."""
    program = venv / "bin" / name
    if not program.exists() and install:
        progress(f"installing {name} into {venv} (a separate venv)")
        try:
            subprocess.run(
                [sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True
            )
            subprocess.run(
                [str(venv / "bin" / "pip"), "install", "-q", name],
                check=True,
                capture_output=True,
                timeout=300,
            )
        except (subprocess.SubprocessError, OSError) as exc:
            return Peer(name, None, note=f"{name} could not be installed ({type(exc).__name__})")
    if not program.exists():
        return Peer(name, None, note=f"{name} is not installed in {venv}")
    try:
        done = subprocess.run(
            [str(program), *version_args], capture_output=True, text=True, timeout=60
        )
    except (subprocess.SubprocessError, OSError) as exc:
        return Peer(name, None, note=f"{name} does not run ({type(exc).__name__})")
    if done.returncode != 0:
        return Peer(
            name, None, note=f"{name} {' '.join(version_args)} failed: {done.stderr.strip()[:200]}"
        )
    return Peer(name, str(program), version=(done.stdout or done.stderr).strip())


def window_day(release: dict[str, Any]) -> dt.date | None:
    """The day a release falls on inside the window, in the user's zone: its own day, or for
    one known only to the month, quarter or year, the first day of the window in its period
    (as `upcoming` lists it once). None for TBA."""
    when = release["date"]
    if when["start"] is None:
        return None
    if when["at"]:
        return dt.datetime.fromisoformat(when["at"]).date()
    return max(dt.date.fromisoformat(when["start"]), dt.date.fromisoformat(PEER_START))


# ---------------------------------------------------------------------------- khal


def ics_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def write_vdir(releases: list[dict[str, Any]], vdir: Path) -> int:
    """One .ics file per release: timed events in UTC, the rest as all-day events.

    A release known only to the month, quarter or year is listed by `upcoming` when its period
    overlaps the window; it becomes an all-day event on its first day inside the window, so
    that khal lists it once too.
    """
    shutil.rmtree(vdir, ignore_errors=True)
    vdir.mkdir(parents=True)
    count = 0
    for index, release in enumerate(releases):
        when = release["date"]
        if when["start"] is None:
            continue
        episodes = ""
        if release["first_episode"] is not None:
            episodes = f"E{release['first_episode']}"
            if release["last_episode"] not in (None, release["first_episode"]):
                episodes += f"-E{release['last_episode']}"
        summary = f"{release['show']} S{release['season']}{episodes}"
        if when["at"]:
            start = dt.datetime.fromisoformat(when["at"])
            times = [
                f"DTSTART:{ics_stamp(start)}",
                f"DTEND:{ics_stamp(start + dt.timedelta(hours=1))}",
            ]
        else:
            day = window_day(release)
            assert day is not None
            times = [
                f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
            ]
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//seasontrack benchmarks//EN",
            "BEGIN:VEVENT",
            f"UID:release-{index:05d}@seasontrack-bench.example.org",
            "DTSTAMP:20260601T000000Z",
            *times,
            f"SUMMARY:{summary}",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
        (vdir / f"release-{index:05d}.ics").write_text("\r\n".join(lines) + "\r\n")
        count += 1
    return count


def khal_config(workdir: Path, vdir: Path) -> Path:
    config = workdir / "khal.conf"
    config.write_text(
        "[calendars]\n"
        "[[releases]]\n"
        f"path = {vdir}\n"
        "[locale]\n"
        f"local_timezone = {TZ}\n"
        f"default_timezone = {TZ}\n"
        "timeformat = %H:%M\n"
        "dateformat = %Y-%m-%d\n"
        "longdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\n"
        "longdatetimeformat = %Y-%m-%d %H:%M\n"
        "[default]\n"
        "default_calendar = releases\n"
        "[sqlite]\n"
        f"path = {workdir / 'khal.db'}\n"
    )
    return config


# ---------------------------------------------------------------------------- episoder


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", title.lower()) or "show"


def write_epguides(releases: list[dict[str, Any]], root: Path) -> tuple[list[str], int]:
    """One epguides.com-style page per show under ``root``/epguides.com/SLUG/, listing its
    episodes of ``releases`` (from `upcoming --episodes --json`) in the text layout episoder
    reads; the pages' paths, and how many episodes they list.

    Each release of one episode is a line; a release of several episodes at once (a
    two-episode premiere) a line for each. A release with no episode number (an unknown
    count) is left out, since episoder has no episode without one; so is TBA.
    """
    shutil.rmtree(root, ignore_errors=True)
    by_show: dict[str, list[tuple[dt.date, int, int, str]]] = {}
    for release in releases:
        day = window_day(release)
        first, last = release["first_episode"], release["last_episode"]
        if day is None or first is None:
            continue
        for number in range(first, (last or first) + 1):
            title = release["episode_title"] if number == first and first == last else None
            by_show.setdefault(release["show"], []).append(
                (day, release["season"], number, title or f"Episode {number}")
            )
    paths: list[str] = []
    count = 0
    for show, episodes in by_show.items():
        page = root / "epguides.com" / slug(show)
        page.mkdir(parents=True, exist_ok=True)
        lines = [
            "<html><head>",
            f"<title>{html.escape(show)} (a Titles &amp; Air Dates Guide)</title>",
            "</head><body>",
            '<span class="status">current series</span>',
            "<pre>",
        ]
        for index, (day, season, number, title) in enumerate(sorted(episodes), start=1):
            lines.append(
                f"{index:4d}.   {season:2d}-{number:2d}        {day:%d %b %y}"
                f"  <a href='https://example.org/{index}'>{html.escape(title)}</a>"
            )
            count += 1
        lines += ["</pre>", "</body></html>"]
        (page / "index.html").write_text(
            "\n".join(lines) + "\n", encoding="iso-8859-1", errors="xmlcharrefreplace"
        )
        paths.append(f"epguides.com/{slug(show)}/")
    return paths, count


@contextmanager
def serving(root: Path) -> Iterator[str]:
    """A local HTTP server for the files under ``root``; yields its base URL."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=root))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def episoder_config(workdir: Path) -> Path:
    config = workdir / "episoder.conf"
    config.write_text(f"data={workdir / 'episoder.db'}\n")
    return config


# Adds the shows with episoder's own database class, in one process (a process per show,
# through `episoder add`, would take minutes for 1,000 shows); `update` then fetches them.
ADD_SHOWS = """
import sys
from episoder.episoder import Database
from episoder.database import Show
db = Database(sys.argv[1])
for url in sys.argv[2:]:
    db.add_show(Show("Unknown Show", url))
db.commit()
"""


def fill_episoder(
    peer: Peer, releases: list[dict[str, Any]], workdir: Path, env: dict[str, str]
) -> list[str] | None:
    """Fill episoder from local epguides-style pages of ``releases``; the command that lists
    them (None, with ``peer.note`` saying why, when it could not be filled)."""
    assert peer.program is not None
    pages = workdir / "episoder" / "pages"
    paths, peer.events = write_epguides(releases, pages)
    config = episoder_config(workdir)
    (workdir / "episoder.db").unlink(missing_ok=True)
    own = {**env, "XDG_CACHE_HOME": str(workdir / "episoder" / "cache")}
    python = str(Path(peer.program).with_name("python"))
    progress(f"episoder: {peer.events} episodes of {len(paths)} shows; filling its database")
    with serving(pages) as base:
        added = subprocess.run(
            [python, "-c", ADD_SHOWS, str(workdir / "episoder.db"), *(base + p for p in paths)],
            env=own,
            capture_output=True,
            text=True,
        )
        if added.returncode != 0:
            peer.note = f"adding shows to episoder failed: {added.stderr.strip()[-200:]}"
            return None
        update = [peer.program, "-c", str(config), "update", "--force", "--nodate"]
        log = workdir / "logs" / "episoder-update.err"
        peer.filling = run_once(update, own, stderr=log)
    if peer.filling.code != 0 or "Error" in log.read_text(errors="replace"):
        peer.note = f"episoder update failed: {log.read_text(errors='replace').strip()[:200]}"
        return None
    return [peer.program, "-c", str(config), "list", "-d", PEER_START, "-n", str(PEER_DAYS)]
