"""`seasontrack import` of a watch history (a TV Time or Trakt export): read it, look its
shows up on TVmaze (unless offline), record them, and say what became of each."""

from __future__ import annotations

import sys
from pathlib import Path

from seasontrack.cli.common import catalog, clock, done, print_json

# A run of look-ups expected to take longer than this is announced, with its estimate.
ANNOUNCE_AFTER_SECONDS = 10.0


def import_history(
    path: Path,
    kind: str,
    *,
    dry_run: bool,
    offline: bool,
    as_json: bool,
    now: str | None,
    tz: str | None,
    db: Path | None,
) -> None:
    from seasontrack.histories import read_history
    from seasontrack.providers import offline_requested
    from seasontrack.services import histories

    # The export is read whole before the catalog is opened: a bad file changes nothing.
    history = read_history(path, kind)
    at = clock(now, tz)
    zone = at.zone.tzinfo
    today = at.now.astimezone(zone).date()
    with catalog(db) as conn:
        if offline or offline_requested():
            report = histories.import_history(
                conn,
                history,
                str(path),
                shows=None,
                now=at.now,
                today=today,
                zone=zone,
                dry_run=dry_run,
            )
        else:
            from seasontrack.render.progress import count_progress, on_terminal
            from seasontrack.services import sources

            # Trailers are for `fetch` and `sync`: a history of hundreds of shows would
            # cost a request per season on top.
            with sources.open_sources("import", trailers=None) as providers:
                _announce(histories.to_look_up(conn, history), providers.shows)
                with count_progress(
                    "Looking up", len(history.shows), on_terminal(), remaining=True
                ) as advance:
                    report = histories.import_history(
                        conn,
                        history,
                        str(path),
                        shows=providers.shows,
                        now=at.now,
                        today=today,
                        zone=zone,
                        dry_run=dry_run,
                        advance=advance,
                    )
    if as_json:
        from seasontrack.render.json_views import history_json

        print_json(history_json(report))
        return
    from seasontrack.render.histories import history_lines

    for line in history_lines(report):
        done(line)


def _announce(shows: int, provider: object) -> None:
    """Say up front how long the look-ups will take, when it is more than a moment."""
    from seasontrack.providers.protocol import Paced
    from seasontrack.services.histories import REQUESTS_PER_SHOW

    if not isinstance(provider, Paced):
        return
    requests = shows * REQUESTS_PER_SHOW
    seconds = provider.seconds_for(requests)
    if seconds < ANNOUNCE_AFTER_SECONDS:
        return
    from seasontrack.render import safe
    from seasontrack.render.histories import estimate_line

    sys.stderr.write(safe(estimate_line(shows, requests, seconds, provider.pace)) + "\n")
