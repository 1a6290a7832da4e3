"""`export --format json`: the whole catalog, in the file format `import` reads back."""

from __future__ import annotations

import json
import sqlite3
from typing import IO

from seasontrack import store
from seasontrack.catalog_file import FORMAT_NAME, FORMAT_VERSION
from seasontrack.catalog_file.writing import alert_log_json, link_json, sequences_json, show_json
from seasontrack.services.formats import ExportFormat, ExportRequest, Written
from seasontrack.services.workers import in_batches


def write_json(conn: sqlite3.Connection, out: IO[str], request: ExportRequest) -> Written:
    """The full-fidelity catalog, the format `import` reads.

    One show to a line: Python's C encoder writes that several times faster than an
    indented document, and a changed show is a one-line change in a diff.
    """
    out.write("{\n")
    out.write(f'"format": {json.dumps(FORMAT_NAME)},\n"version": {FORMAT_VERSION},\n')
    out.write('"shows": [')
    count = 0
    ids = [row.id for row in request.rows]
    for lines in in_batches(conn, ids, _json_lines, jobs=request.jobs):
        for line in lines:
            count += 1
            out.write(("," if count > 1 else "") + "\n" + line)
        if request.progress is not None:
            request.progress(len(lines))
    out.write("\n]\n}\n" if count else "]\n}\n")
    return Written(count, "shows")


def _json_lines(conn: sqlite3.Connection, ids: list[int]) -> list[str]:
    """A batch of shows, one JSON document each (with its TVmaze link when it has one, and
    its alert log when it has one)."""
    links = store.provider_links.provider_links_of(conn, ids)
    facts = store.facts.facts_of(conn, list(links))
    news, sent = store.alerts.alert_log(conn, ids)
    sequences = store.releases.feed_sequences(conn, ids)
    lines = []
    for show_id, show in zip(ids, store.shows.get_shows(conn, ids), strict=True):
        document = show_json(show)
        if show_id in links:
            document["online"] = link_json(links[show_id], facts.get(show_id, []))
        if show_id in news or show_id in sent:
            document["alert_log"] = alert_log_json(news.get(show_id, []), sent.get(show_id, []))
        document["feed_sequences"] = sequences_json(sequences.get(show_id, {}))
        lines.append(json.dumps(document, ensure_ascii=False))
    return lines


FORMAT = ExportFormat("json", write_json, accepts=frozenset({"jobs"}))
