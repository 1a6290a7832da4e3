"""Rows about online providers: show links, the origin of each fact, episode extras."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime

from seasontrack.models import Fact, ShowLink


def _utc(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat(timespec="seconds") if moment else None


def _link_from(row: sqlite3.Row) -> ShowLink:
    synced = row["synced_at"]
    return ShowLink(
        tvmaze_id=row["tvmaze_id"],
        thetvdb_id=row["thetvdb_id"],
        imdb_id=row["imdb_id"],
        tmdb_id=row["tmdb_id"],
        url=row["url"],
        official_site=row["official_site"],
        genres=tuple(json.loads(row["genres"])),
        premiered=row["premiered"],
        updated=row["updated"],
        synced_at=datetime.fromisoformat(synced) if synced else None,
    )


def get_link(conn: sqlite3.Connection, show_id: int) -> ShowLink | None:
    row = conn.execute("SELECT * FROM show_links WHERE show_id = ?", (show_id,)).fetchone()
    return _link_from(row) if row else None


def links_of(conn: sqlite3.Connection, show_ids: list[int]) -> dict[int, ShowLink]:
    """The links of those of ``show_ids`` that are linked, by show id (one query)."""
    rows = conn.execute(
        "SELECT * FROM show_links WHERE show_id IN (SELECT value FROM json_each(?))",
        (json.dumps(show_ids),),
    )
    return {row["show_id"]: _link_from(row) for row in rows}


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


def show_for_tvmaze(conn: sqlite3.Connection, tvmaze_id: int) -> int | None:
    row = conn.execute(
        "SELECT show_id FROM show_links WHERE tvmaze_id = ?", (tvmaze_id,)
    ).fetchone()
    return int(row["show_id"]) if row else None


def set_link(conn: sqlite3.Connection, show_id: int, link: ShowLink) -> None:
    conn.execute(
        """
        INSERT INTO show_links (show_id, tvmaze_id, thetvdb_id, imdb_id, tmdb_id, url,
            official_site, genres, premiered, updated, synced_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (show_id) DO UPDATE SET tvmaze_id = excluded.tvmaze_id,
            thetvdb_id = excluded.thetvdb_id, imdb_id = excluded.imdb_id,
            tmdb_id = ifnull(excluded.tmdb_id, show_links.tmdb_id), url = excluded.url,
            official_site = excluded.official_site, genres = excluded.genres,
            premiered = excluded.premiered, updated = excluded.updated,
            synced_at = excluded.synced_at
        """,
        (
            show_id,
            link.tvmaze_id,
            link.thetvdb_id,
            link.imdb_id,
            link.tmdb_id,
            link.url,
            link.official_site,
            json.dumps(list(link.genres)),
            link.premiered,
            link.updated,
            _utc(link.synced_at),
        ),
    )


def set_synced(conn: sqlite3.Connection, show_id: int, at: datetime) -> None:
    conn.execute("UPDATE show_links SET synced_at = ? WHERE show_id = ?", (_utc(at), show_id))


def linked_shows(
    conn: sqlite3.Connection, *, followed_only: bool, show_ids: Iterable[int] | None = None
) -> list[tuple[int, str, ShowLink]]:
    """(show id, title, link) of linked shows, by title: the followed ones, every one, or
    those of ``show_ids``."""
    rows = conn.execute(
        """
        SELECT shows.id AS id, shows.title AS title, shows.followed AS followed, show_links.*
        FROM show_links JOIN shows ON shows.id = show_links.show_id
        ORDER BY shows.title COLLATE NOCASE
        """
    ).fetchall()
    wanted = set(show_ids) if show_ids is not None else None
    return [
        (row["id"], row["title"], _link_from(row))
        for row in rows
        if (wanted is None or row["id"] in wanted)
        and (not followed_only or wanted is not None or row["followed"])
    ]


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


def set_episode_extra(
    conn: sqlite3.Connection,
    episode_row_id: int,
    tvmaze_id: int | None,
    airstamp: str | None,
    runtime: int | None,
) -> None:
    conn.execute(
        """
        INSERT INTO episode_extras (episode_id, tvmaze_id, airstamp, runtime) VALUES (?, ?, ?, ?)
        ON CONFLICT (episode_id) DO UPDATE SET tvmaze_id = excluded.tvmaze_id,
            airstamp = excluded.airstamp, runtime = excluded.runtime
        """,
        (episode_row_id, tvmaze_id, airstamp, runtime),
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
