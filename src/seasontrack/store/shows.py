"""Shows: their own fields and aliases, finding them by name, and reading them whole."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING, NamedTuple

from seasontrack.models import ShowRef
from seasontrack.store.codecs import alerts_from, alerts_text, by_show, json_ids, like_escape

if TYPE_CHECKING:
    from seasontrack.models import Show


def find_shows_by_name(conn: sqlite3.Connection, name: str) -> list[ShowRef]:
    """Shows whose title or an alias is ``name``, ignoring case."""
    rows = conn.execute(
        """
        SELECT id, title FROM shows WHERE title = ? COLLATE NOCASE
        UNION
        SELECT shows.id, shows.title FROM show_aliases JOIN shows ON shows.id = show_aliases.show_id
        WHERE alias = ? COLLATE NOCASE
        ORDER BY title
        """,
        (name, name),
    )
    return [ShowRef(row["id"], row["title"]) for row in rows]


def find_shows_by_prefix(conn: sqlite3.Connection, prefix: str) -> list[ShowRef]:
    """Shows whose title or an alias starts with ``prefix``, ignoring case."""
    pattern = like_escape(prefix) + "%"
    rows = conn.execute(
        r"""
        SELECT id, title FROM shows WHERE title LIKE ? ESCAPE '\'
        UNION
        SELECT shows.id, shows.title FROM show_aliases JOIN shows ON shows.id = show_aliases.show_id
        WHERE alias LIKE ? ESCAPE '\'
        ORDER BY title
        """,
        (pattern, pattern),
    )
    return [ShowRef(row["id"], row["title"]) for row in rows]


def all_show_names(conn: sqlite3.Connection) -> list[tuple[str, ShowRef]]:
    """Every title and alias with the show it names: the haystack for "did you mean"."""
    rows = conn.execute(
        """
        SELECT title AS name, id, title FROM shows
        UNION ALL
        SELECT alias, shows.id, shows.title FROM show_aliases JOIN shows ON shows.id = show_id
        """
    )
    return [(row["name"], ShowRef(row["id"], row["title"])) for row in rows]


def name_owner(conn: sqlite3.Connection, name: str) -> ShowRef | None:
    """The show that already uses ``name`` as its title or an alias, if any."""
    found = find_shows_by_name(conn, name)
    return found[0] if found else None


def insert_show(conn: sqlite3.Connection, show: Show) -> int:
    cursor = conn.execute(
        """
        INSERT INTO shows (title, network, country, status, summary, followed, offset_minutes,
            alerts)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """,
        _show_values(show),
    )
    show_id = int(cursor.lastrowid or 0)
    set_aliases(conn, show_id, show.aliases)
    return show_id


def update_show(conn: sqlite3.Connection, show_id: int, show: Show) -> None:
    """Write the show's own fields and aliases (not its seasons or credits)."""
    conn.execute(
        """
        UPDATE shows SET title = ?, network = ?, country = ?, status = ?, summary = ?,
            followed = ?, offset_minutes = ?, alerts = ?
        WHERE id = ?
        """,
        (*_show_values(show), show_id),
    )
    set_aliases(conn, show_id, show.aliases)


def _show_values(show: Show) -> tuple[object, ...]:
    return (
        show.title,
        show.network,
        show.country,
        show.status,
        show.summary,
        int(show.followed),
        # An offset changed here is seen by the schema's trigger: the show's seasons are
        # derived again at the viewer's new time.
        show.offset // timedelta(minutes=1),
        alerts_text(show.alerts),
    )


def set_aliases(conn: sqlite3.Connection, show_id: int, aliases: Iterable[str]) -> None:
    conn.execute("DELETE FROM show_aliases WHERE show_id = ?", (show_id,))
    conn.executemany(
        "INSERT INTO show_aliases (show_id, alias) VALUES (?, ?)",
        [(show_id, alias) for alias in aliases],
    )


def delete_show(conn: sqlite3.Connection, show_id: int) -> None:
    conn.execute("DELETE FROM shows WHERE id = ?", (show_id,))
    from seasontrack.store.credits import delete_orphan_people

    delete_orphan_people(conn)


def get_show(conn: sqlite3.Connection, show_id: int) -> Show:
    """The whole show: its fields, aliases, seasons, credits, trailers and sources."""
    return get_shows(conn, [show_id])[0]


def get_shows(conn: sqlite3.Connection, show_ids: list[int], *, seasons: bool = True) -> list[Show]:
    """Whole shows, in the order of ``show_ids``, read with one query per kind of row
    (without their seasons when ``seasons`` is false)."""
    ids = json_ids(show_ids)
    rows = {
        r["id"]: r
        for r in conn.execute(
            "SELECT * FROM shows WHERE id IN (SELECT value FROM json_each(?))", (ids,)
        )
    }
    aliases = by_show(
        conn.execute(
            """
            SELECT show_id, alias FROM show_aliases
            WHERE show_id IN (SELECT value FROM json_each(?))
            ORDER BY id
            """,
            (ids,),
        ),
        lambda r: str(r["alias"]),
    )
    # Imported here: finding a show by name (every command that names one) needs none of
    # them, nor the catalog's records, and seasons bring the whole schedule with them.
    from seasontrack.models import Show
    from seasontrack.store.credits import credits_of_shows
    from seasontrack.store.links import sources_of_shows, trailers_of_shows
    from seasontrack.store.seasons import list_seasons

    credits = credits_of_shows(conn, show_ids)
    trailers = trailers_of_shows(conn, show_ids)
    sources = sources_of_shows(conn, show_ids)
    seasons_by_show = list_seasons(conn, show_ids) if seasons else {}
    return [
        Show(
            id=show_id,
            title=rows[show_id]["title"],
            aliases=tuple(aliases.get(show_id, [])),
            network=rows[show_id]["network"],
            country=rows[show_id]["country"],
            status=rows[show_id]["status"],
            summary=rows[show_id]["summary"],
            followed=bool(rows[show_id]["followed"]),
            offset=timedelta(minutes=rows[show_id]["offset_minutes"]),
            alerts=alerts_from(rows[show_id]["alerts"]),
            seasons=tuple(seasons_by_show.get(show_id, [])),
            credits=tuple(credits.get(show_id, [])),
            trailers=tuple(t for _, t in trailers.get(show_id, [])),
            sources=tuple(s for _, s in sources.get(show_id, [])),
        )
        for show_id in show_ids
    ]


class ShowRow(NamedTuple):
    """A show's own fields, without its seasons and credits: what `list` needs."""

    id: int
    title: str
    network: str | None
    country: str | None
    status: str
    followed: bool = True
    # What it alerts for (None: every kind).
    alerts: tuple[str, ...] | None = None


def list_show_rows(
    conn: sqlite3.Connection, *, status: str | None = None, network: str | None = None
) -> list[ShowRow]:
    # Plain tuples: the list of a big catalog reads every show.
    plain = conn.cursor()
    plain.row_factory = None
    rows = plain.execute(
        """
        SELECT id, title, network, country, status, followed, alerts FROM shows
        WHERE (? IS NULL OR status = ?) AND (? IS NULL OR network = ? COLLATE NOCASE)
        ORDER BY title COLLATE NOCASE
        """,
        (status, status, network, network),
    )
    return [
        ShowRow(show_id, title, on, country, state, bool(followed), alerts_from(alerts))
        for show_id, title, on, country, state, followed, alerts in rows
    ]


def latest_season_numbers(conn: sqlite3.Connection) -> dict[int, int]:
    """Each show's highest season number, by show id."""
    plain = conn.cursor()
    plain.row_factory = None
    return dict(plain.execute("SELECT show_id, max(number) FROM seasons GROUP BY show_id"))


def network_names(conn: sqlite3.Connection) -> list[str]:
    """Every network a show or a season is on."""
    rows = conn.execute(
        "SELECT network FROM shows WHERE network IS NOT NULL"
        " UNION SELECT network FROM seasons WHERE network IS NOT NULL"
    )
    return [r["network"] for r in rows]


def search_shows(conn: sqlite3.Connection, text: str) -> list[ShowRef]:
    """Shows whose title or an alias contains ``text``, ignoring case."""
    pattern = "%" + like_escape(text) + "%"
    rows = conn.execute(
        r"""
        SELECT id, title FROM shows WHERE title LIKE ? ESCAPE '\'
        UNION
        SELECT shows.id, shows.title FROM show_aliases JOIN shows ON shows.id = show_id
        WHERE alias LIKE ? ESCAPE '\'
        ORDER BY title COLLATE NOCASE
        """,
        (pattern, pattern),
    )
    return [ShowRef(r["id"], r["title"]) for r in rows]


def set_followed(conn: sqlite3.Connection, show_id: int, followed: bool) -> None:
    conn.execute("UPDATE shows SET followed = ? WHERE id = ?", (int(followed), show_id))
