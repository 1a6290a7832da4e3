"""Where each fact came from (typed, imported, or a provider), and what the user removed."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from seasontrack.models import Fact


def facts_of(conn: sqlite3.Connection, show_ids: list[int]) -> dict[int, list[Fact]]:
    """The recorded facts of ``show_ids``, by show id, in a stable order (one query)."""
    rows = conn.execute(
        """
        SELECT show_id, subject, field, origin, value, offered, offered_by FROM facts
        WHERE show_id IN (SELECT value FROM json_each(?))
        ORDER BY show_id, subject, field
        """,
        (json.dumps(show_ids),),
    )
    found: dict[int, list[Fact]] = {}
    for r in rows:
        found.setdefault(r["show_id"], []).append(
            Fact(r["subject"], r["field"], r["origin"], r["value"], r["offered"], r["offered_by"])
        )
    return found


def get_facts(conn: sqlite3.Connection, show_id: int) -> dict[tuple[str, str], Fact]:
    rows = conn.execute(
        "SELECT subject, field, origin, value, offered, offered_by FROM facts WHERE show_id = ?",
        (show_id,),
    )
    return {
        (r["subject"], r["field"]): Fact(
            r["subject"], r["field"], r["origin"], r["value"], r["offered"], r["offered_by"]
        )
        for r in rows
    }


def set_facts(conn: sqlite3.Connection, show_id: int, facts: Iterable[Fact]) -> None:
    conn.executemany(
        """
        INSERT INTO facts (show_id, subject, field, origin, value, offered, offered_by)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (show_id, subject, field) DO UPDATE SET origin = excluded.origin,
            value = excluded.value, offered = excluded.offered, offered_by = excluded.offered_by
        """,
        [(show_id, f.subject, f.field, f.origin, f.value, f.offered, f.offered_by) for f in facts],
    )


def delete_facts(conn: sqlite3.Connection, show_id: int, keys: Iterable[tuple[str, str]]) -> None:
    conn.executemany(
        "DELETE FROM facts WHERE show_id = ? AND subject = ? AND field = ?",
        [(show_id, subject, field) for subject, field in keys],
    )


# A fact row with this field says the user removed the season or episode of its subject:
# a provider must not bring it back.
REMOVED = "removed"


def mark_removed(conn: sqlite3.Connection, show_id: int, subject: str) -> None:
    """Remember that the user removed ``subject`` ("S3", "S3E2") of a linked show."""
    conn.execute(
        """
        INSERT INTO facts (show_id, subject, field, origin)
        SELECT show_id, ?, ?, 'typed' FROM show_links WHERE show_id = ?
        ON CONFLICT (show_id, subject, field) DO NOTHING
        """,
        (subject, REMOVED, show_id),
    )


def clear_removed(conn: sqlite3.Connection, show_id: int, subject: str) -> None:
    """The user added ``subject`` back: providers may fill it again."""
    conn.execute(
        "DELETE FROM facts WHERE show_id = ? AND subject = ? AND field = ?",
        (show_id, subject, REMOVED),
    )


def entered_by(conn: sqlite3.Connection, show_id: int) -> str:
    """How the show came into the catalog ("typed" or "imported"): where its facts without
    a row of their own came from."""
    row = conn.execute("SELECT entered_by FROM shows WHERE id = ?", (show_id,)).fetchone()
    return str(row[0]) if row else "typed"


def set_entered_by(conn: sqlite3.Connection, show_id: int, origin: str) -> None:
    conn.execute("UPDATE shows SET entered_by = ? WHERE id = ?", (origin, show_id))


def claim_facts(
    conn: sqlite3.Connection, show_id: int, subject: str, fields: Iterable[str], origin: str
) -> None:
    """The user (``origin``) has just set these fields of ``subject``: record them as theirs.

    A provider's value the user replaced is kept as what the provider offers (to show the
    difference); a fact that came the way the show came needs no row.
    """
    default = entered_by(conn, show_id)
    for name in fields:
        row = conn.execute(
            "SELECT origin, value, offered FROM facts WHERE show_id = ? AND subject = ?"
            " AND field = ?",
            (show_id, subject, name),
        ).fetchone()
        if row is None:
            if origin != default:
                set_facts(conn, show_id, [Fact(subject, name, origin)])
        elif row["origin"] in ("tvmaze", "tmdb"):
            set_facts(
                conn,
                show_id,
                [Fact(subject, name, origin, offered=row["value"], offered_by=row["origin"])],
            )
        elif row["origin"] != origin:
            if origin == default and row["offered"] is None:
                delete_facts(conn, show_id, [(subject, name)])
            else:
                conn.execute(
                    "UPDATE facts SET origin = ? WHERE show_id = ? AND subject = ? AND field = ?",
                    (origin, show_id, subject, name),
                )
