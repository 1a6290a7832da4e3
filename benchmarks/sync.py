"""Time `seasontrack sync` of 200 linked shows, 3 of them changed, against a local server.

A catalog of 200 shows linked to TVmaze is built through the fetch service (as `fetch` leaves
them), a threaded HTTP server on 127.0.0.1 answers as TVmaze would (the updates map, and the
3 changed shows with everything embedded), and `seasontrack sync` runs as a whole, cold process
against a fresh copy of the catalog each time. Prints the median, minimum and maximum wall-clock
times and the requests the server saw per run.

Run it from the repository's root with the Python that has seasontrack installed:

    python benchmarks/sync.py [--shows 200] [--changed 3] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.providers import network_show  # noqa: E402

SYNCED = "2029-12-30T12:00:00+00:00"
NOW = "2029-12-30 09:00"  # two hours later, in New York
BASE_STAMP = 1900000000


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, bodies: dict[str, bytes]) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.bodies = bodies
        self.seen: list[str] = []


class Handler(BaseHTTPRequestHandler):
    server: Server

    def do_GET(self) -> None:
        self.server.seen.append(self.path)
        body = self.server.bodies.get(urlsplit(self.path).path)
        if body is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Cache-Control", "public, max-age=3600")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return


def build(db: Path, shows: int) -> None:
    from seasontrack.providers.tvmaze import parse_show
    from seasontrack.services import online
    from seasontrack.store import open_catalog

    at = datetime.fromisoformat(SYNCED)
    with open_catalog(db) as conn:
        for index in range(shows):
            body = network_show(5000 + index, f"Show {index:03d}", updated=BASE_STAMP)
            online.record(conn, parse_show(body, date(2030, 1, 1)), at)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shows", type=int, default=200)
    parser.add_argument("--changed", type=int, default=3)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="seasontrack-sync-"))
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")
    pristine = work / "pristine.db"
    build(pristine, options.shows)

    changed = [5000 + i * options.shows // max(options.changed, 1) for i in range(options.changed)]
    stamps = {str(5000 + i): BASE_STAMP for i in range(options.shows)}
    bodies: dict[str, bytes] = {}
    for identity in changed:
        stamps[str(identity)] = BASE_STAMP + 7200
        body = network_show(
            identity,
            f"Show {identity - 5000:03d}",
            updated=BASE_STAMP + 7200,
            episodes=[(1, 1, "2030-01-05"), (1, 2, "2030-01-12"), (1, 3, "2030-01-26")],
        )
        bodies[f"/shows/{identity}"] = json.dumps(body).encode()
    bodies["/updates/shows"] = json.dumps(stamps).encode()

    server = Server(bodies)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    program = shutil.which("seasontrack", path=str(Path(sys.executable).parent))
    command = [program or "seasontrack", "sync", "--now", NOW]
    times, counts, summary = [], [], ""
    for run in range(options.runs):
        db = work / f"run{run}.db"
        shutil.copy(pristine, db)
        shutil.rmtree(work / "cache", ignore_errors=True)
        env = {
            **os.environ,
            "SEASONTRACK_DB": str(db),
            "SEASONTRACK_TZ": "America/New_York",
            "SEASONTRACK_TVMAZE_URL": f"http://{host!s}:{port}",
        }
        before = len(server.seen)
        started = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        times.append(time.perf_counter() - started)
        counts.append(len(server.seen) - before)
        summary = done.stdout.strip().splitlines()[-1]
    server.shutdown()
    shutil.rmtree(work, ignore_errors=True)
    print(f"sync of {options.shows} linked shows, {options.changed} changed, {options.runs} runs:")
    print(
        f"  median {statistics.median(times):.3f} s, min {min(times):.3f} s,"
        f" max {max(times):.3f} s (whole process)"
    )
    print(f"  requests per run: {sorted(set(counts))}")
    print(f"  last summary: {summary}")


if __name__ == "__main__":
    main()
