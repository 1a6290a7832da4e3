"""Links: a show's trailers and the sources (articles) its facts come from."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable

from seasontrack.models import TRAILER_DETAILS, Source, Trailer
from seasontrack.store.codecs import by_show, date_columns, date_from, json_ids, upsert


def trailers_of_shows(
    conn: sqlite3.Connection, show_ids: list[int]
) -> dict[int, list[tuple[int, Trailer]]]:
    """The shows' trailers with their row ids, by show, oldest first (undated last)."""
    rows = conn.execute(
        """
        SELECT trailers.*, seasons.number AS season FROM trailers
        LEFT JOIN seasons ON seasons.id = trailers.season_id
        WHERE trailers.show_id IN (SELECT value FROM json_each(?))
        ORDER BY trailers.show_id, published_start IS NULL, published_start, trailers.id
        """,
        (json_ids(show_ids),),
    )
    return by_show(rows, lambda r: (int(r["id"]), trailer_from_row(r)))


def list_trailer_rows(conn: sqlite3.Connection, show_id: int) -> list[tuple[int, Trailer]]:
    """A show's trailers with their row ids, oldest first (undated last)."""
    return trailers_of_shows(conn, [show_id]).get(show_id, [])


def trailer_from_row(r: sqlite3.Row) -> Trailer:
    return Trailer(
        url=r["url"],
        title=r["title"],
        kind=r["kind"],
        publisher=r["publisher"],
        published=date_from(r["published_precision"], r["published_start"]),
        note=r["note"],
        season=r["season"],
    )


def find_trailer(
    conn: sqlite3.Connection, show_id: int, season_row_id: int | None, trailer: Trailer
) -> int | None:
    """The same trailer already recorded: same URL, or (without a URL) same title and date."""
    precision, start = date_columns(trailer.published)
    row = conn.execute(
        """
        SELECT id FROM trailers
        WHERE show_id = ? AND ifnull(season_id, 0) = ifnull(?, 0)
            AND (url = ? OR (url IS NULL AND ? IS NULL
                AND ifnull(title, '') = ifnull(?, '') AND kind = ?
                AND published_precision = ? AND ifnull(published_start, '') = ifnull(?, '')))
        """,
        (
            show_id,
            season_row_id,
            trailer.url,
            trailer.url,
            trailer.title,
            trailer.kind,
            precision,
            start,
        ),
    ).fetchone()
    return int(row["id"]) if row else None


def insert_trailer(
    conn: sqlite3.Connection, show_id: int, season_row_id: int | None, trailer: Trailer
) -> int:
    cursor = conn.execute(
        """
        INSERT INTO trailers (show_id, season_id, url, title, kind, publisher,
            published_precision, published_start, note)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        (
            show_id,
            season_row_id,
            trailer.url,
            trailer.title,
            trailer.kind,
            trailer.publisher,
            *date_columns(trailer.published),
            trailer.note,
        ),
    )
    return int(cursor.lastrowid or 0)


def upsert_trailer(
    conn: sqlite3.Connection,
    show_id: int,
    season_row_id: int | None,
    trailer: Trailer,
    *,
    replace: bool = True,
    named: Collection[str] = TRAILER_DETAILS,
) -> tuple[int, bool]:
    """Record the trailer, or (``replace``) update the same one already there (same URL, or
    without one the same title and date): its details ``named`` (TRAILER_DETAILS) from
    ``trailer``, the others as they are. Return its id and whether it is new."""
    return upsert(
        find_trailer(conn, show_id, season_row_id, trailer),
        lambda: insert_trailer(conn, show_id, season_row_id, trailer),
        (lambda found: update_trailer(conn, found, trailer, named)) if replace else None,
    )


def update_trailer(
    conn: sqlite3.Connection,
    trailer_id: int,
    trailer: Trailer,
    named: Collection[str] = TRAILER_DETAILS,
) -> None:
    """Set the trailer's details ``named`` to ``trailer``'s; leave the others as they are."""
    precision, start = date_columns(trailer.published)
    conn.execute(
        """
        UPDATE trailers SET
            title = CASE WHEN :set_title THEN :title ELSE title END,
            kind = CASE WHEN :set_kind THEN :kind ELSE kind END,
            publisher = CASE WHEN :set_publisher THEN :publisher ELSE publisher END,
            published_precision = CASE WHEN :set_published THEN :precision
                ELSE published_precision END,
            published_start = CASE WHEN :set_published THEN :start ELSE published_start END,
            note = CASE WHEN :set_note THEN :note ELSE note END
        WHERE id = :id
        """,
        {
            "title": trailer.title,
            "kind": trailer.kind,
            "publisher": trailer.publisher,
            "precision": precision,
            "start": start,
            "note": trailer.note,
            **{f"set_{detail}": detail in named for detail in TRAILER_DETAILS},
            "id": trailer_id,
        },
    )


def delete_trailers(conn: sqlite3.Connection, trailer_ids: Iterable[int]) -> None:
    conn.executemany("DELETE FROM trailers WHERE id = ?", [(i,) for i in trailer_ids])


def sources_of_shows(
    conn: sqlite3.Connection, show_ids: list[int]
) -> dict[int, list[tuple[int, Source]]]:
    """The shows' sources with their row ids, by show, oldest first (undated last)."""
    rows = conn.execute(
        """
        SELECT sources.*, seasons.number AS season FROM sources
        LEFT JOIN seasons ON seasons.id = sources.season_id
        WHERE sources.show_id IN (SELECT value FROM json_each(?))
        ORDER BY sources.show_id, published_start IS NULL, published_start, sources.id
        """,
        (json_ids(show_ids),),
    )
    return by_show(rows, lambda r: (int(r["id"]), source_from_row(r)))


def list_source_rows(conn: sqlite3.Connection, show_id: int) -> list[tuple[int, Source]]:
    """A show's sources with their row ids, oldest first (undated last)."""
    return sources_of_shows(conn, [show_id]).get(show_id, [])


def source_from_row(r: sqlite3.Row) -> Source:
    return Source(
        url=r["url"],
        outlet=r["outlet"],
        title=r["title"],
        published=date_from(r["published_precision"], r["published_start"]),
        season=r["season"],
    )


def find_source(
    conn: sqlite3.Connection, show_id: int, season_row_id: int | None, url: str
) -> int | None:
    row = conn.execute(
        "SELECT id FROM sources WHERE show_id = ? AND ifnull(season_id, 0) = ifnull(?, 0)"
        " AND url = ?",
        (show_id, season_row_id, url),
    ).fetchone()
    return int(row["id"]) if row else None


def insert_source(
    conn: sqlite3.Connection, show_id: int, season_row_id: int | None, source: Source
) -> int:
    cursor = conn.execute(
        """
        INSERT INTO sources (show_id, season_id, url, outlet, title, published_precision,
            published_start)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """,
        (
            show_id,
            season_row_id,
            source.url,
            source.outlet,
            source.title,
            *date_columns(source.published),
        ),
    )
    return int(cursor.lastrowid or 0)


def upsert_source(
    conn: sqlite3.Connection,
    show_id: int,
    season_row_id: int | None,
    source: Source,
    *,
    replace: bool = True,
) -> tuple[int, bool]:
    """Record the source, or (``replace``) update the one with the same URL; return its id
    and whether it is new."""
    return upsert(
        find_source(conn, show_id, season_row_id, source.url),
        lambda: insert_source(conn, show_id, season_row_id, source),
        (lambda found: update_source(conn, found, source)) if replace else None,
    )


def update_source(conn: sqlite3.Connection, source_id: int, source: Source) -> None:
    conn.execute(
        "UPDATE sources SET outlet = ?, title = ?, published_precision = ?, published_start = ?"
        " WHERE id = ?",
        (source.outlet, source.title, *date_columns(source.published), source_id),
    )


def delete_sources(conn: sqlite3.Connection, source_ids: Iterable[int]) -> None:
    conn.executemany("DELETE FROM sources WHERE id = ?", [(i,) for i in source_ids])
