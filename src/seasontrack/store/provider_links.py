"""Provider links: the ids that tie a show to TVmaze (and TMDB), when it was last synced, and
what TVmaze says of an episode beyond the catalog's columns."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime

from seasontrack.models import ShowLink


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


def get_provider_link(conn: sqlite3.Connection, show_id: int) -> ShowLink | None:
    row = conn.execute("SELECT * FROM show_links WHERE show_id = ?", (show_id,)).fetchone()
    return _link_from(row) if row else None


def provider_links_of(conn: sqlite3.Connection, show_ids: list[int]) -> dict[int, ShowLink]:
    """The links of those of ``show_ids`` that are linked, by show id (one query)."""
    rows = conn.execute(
        "SELECT * FROM show_links WHERE show_id IN (SELECT value FROM json_each(?))",
        (json.dumps(show_ids),),
    )
    return {row["show_id"]: _link_from(row) for row in rows}


def show_for_tvmaze(conn: sqlite3.Connection, tvmaze_id: int) -> int | None:
    row = conn.execute(
        "SELECT show_id FROM show_links WHERE tvmaze_id = ?", (tvmaze_id,)
    ).fetchone()
    return int(row["show_id"]) if row else None


def set_provider_link(conn: sqlite3.Connection, show_id: int, link: ShowLink) -> None:
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


def season_runtimes(conn: sqlite3.Connection) -> dict[int, list[int]]:
    """TVmaze's runtimes (minutes) of the episodes of every season with anything watched,
    by season id."""
    rows = conn.execute(
        """
        SELECT episodes.season_id, episode_extras.runtime
        FROM episode_extras JOIN episodes ON episodes.id = episode_extras.episode_id
        WHERE episode_extras.runtime IS NOT NULL
            AND episodes.season_id IN (SELECT DISTINCT season_id FROM watched)
        """
    )
    found: dict[int, list[int]] = {}
    for season_id, runtime in rows:
        found.setdefault(season_id, []).append(runtime)
    return found


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


# ---------------------------------------------------------------------------- history ids

# The other trackers' ids a watch history gave for a show (migration m014), by what they are.
ExternalIds = tuple[int | None, str | None]


def set_history_ids(
    conn: sqlite3.Connection, show_id: int, thetvdb_id: int | None, imdb_id: str | None
) -> None:
    """Keep the TheTVDB and IMDb ids a history gave for the show; an id it leaves out keeps
    the one kept before."""
    if thetvdb_id is None and imdb_id is None:
        return
    conn.execute(
        """
        INSERT INTO history_ids (show_id, thetvdb_id, imdb_id) VALUES (?, ?, ?)
        ON CONFLICT (show_id) DO UPDATE SET
            thetvdb_id = ifnull(excluded.thetvdb_id, history_ids.thetvdb_id),
            imdb_id = ifnull(excluded.imdb_id, history_ids.imdb_id)
        """,
        (show_id, thetvdb_id, imdb_id),
    )


def history_ids(conn: sqlite3.Connection, show_id: int) -> ExternalIds | None:
    row = conn.execute(
        "SELECT thetvdb_id, imdb_id FROM history_ids WHERE show_id = ?", (show_id,)
    ).fetchone()
    return (row["thetvdb_id"], row["imdb_id"]) if row else None


def show_by_ids(
    conn: sqlite3.Connection, thetvdb_id: int | None, imdb_id: str | None
) -> tuple[int, str] | None:
    """The catalog show these ids name, and which id named it ("thetvdb" or "imdb"): a linked
    show by the ids TVmaze gave it, else a show a history gave them for."""
    for column, value in (("thetvdb", thetvdb_id), ("imdb", imdb_id)):
        if value is None:
            continue
        row = conn.execute(_BY_ID[column], (value, value)).fetchone()
        if row is not None:
            return int(row["show_id"]), column
    return None


_BY_ID = {
    "thetvdb": """
        SELECT show_id FROM show_links WHERE thetvdb_id = ?
        UNION ALL SELECT show_id FROM history_ids WHERE thetvdb_id = ?
    """,
    "imdb": """
        SELECT show_id FROM show_links WHERE imdb_id = ?
        UNION ALL SELECT show_id FROM history_ids WHERE imdb_id = ?
    """,
}


def unlinked_with_history_ids(
    conn: sqlite3.Connection, *, followed_only: bool, show_ids: Iterable[int] | None = None
) -> list[tuple[int, str, ExternalIds]]:
    """(show id, title, ids) of the shows not linked yet that a history gave ids for, by
    title: the followed ones, every one, or those of ``show_ids``."""
    rows = conn.execute(
        """
        SELECT shows.id AS id, shows.title AS title, shows.followed AS followed,
            history_ids.thetvdb_id AS thetvdb_id, history_ids.imdb_id AS imdb_id
        FROM history_ids JOIN shows ON shows.id = history_ids.show_id
        WHERE NOT EXISTS (SELECT 1 FROM show_links WHERE show_links.show_id = shows.id)
        ORDER BY shows.title COLLATE NOCASE
        """
    ).fetchall()
    wanted = set(show_ids) if show_ids is not None else None
    return [
        (row["id"], row["title"], (row["thetvdb_id"], row["imdb_id"]))
        for row in rows
        if (wanted is None or row["id"] in wanted)
        and (not followed_only or wanted is not None or row["followed"])
    ]
