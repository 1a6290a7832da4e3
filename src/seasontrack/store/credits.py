"""Cast and crew credits, and the people they name."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable
from typing import NamedTuple

from seasontrack.models import CREDIT_DETAILS, Credit
from seasontrack.store.codecs import by_show, json_ids, like_escape, upsert


def person_id(conn: sqlite3.Connection, name: str) -> int:
    """The id of the person called ``name`` (ignoring case), added if new."""
    row = conn.execute("SELECT id FROM people WHERE name = ? COLLATE NOCASE", (name,)).fetchone()
    if row:
        return int(row["id"])
    cursor = conn.execute("INSERT INTO people (name) VALUES (?)", (name,))
    return int(cursor.lastrowid or 0)


def person_names(conn: sqlite3.Connection) -> list[str]:
    """Everyone's name: a haystack for "did you mean"."""
    return [row["name"] for row in conn.execute("SELECT name FROM people")]


def delete_orphan_people(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM people WHERE id NOT IN (SELECT person_id FROM credits)")


# credit_rows (a view, migration m010) joins each credit with its person, show and season.
_CREDITS_MATCHING = r"""
    SELECT * FROM credit_rows
    WHERE id IN (
        SELECT id FROM credits WHERE person_id IN (
            SELECT id FROM people WHERE name LIKE ?1 ESCAPE '\'
        )
        UNION SELECT id FROM credits WHERE character LIKE ?1 ESCAPE '\'
    )
    ORDER BY person COLLATE NOCASE, show_title COLLATE NOCASE, ifnull(season, -1), id
"""


def credits_of_shows(conn: sqlite3.Connection, show_ids: list[int]) -> dict[int, list[Credit]]:
    """The shows' credits, by show: cast then crew, by season (whole-show first), by billing."""
    rows = conn.execute(
        """
        SELECT * FROM credit_rows WHERE show_id IN (SELECT value FROM json_each(?))
        ORDER BY show_id, role, ifnull(season, -1), billing IS NULL, billing, id
        """,
        (json_ids(show_ids),),
    )
    return by_show(rows, credit_from_row)


def credit_from_row(row: sqlite3.Row) -> Credit:
    return Credit(
        person=row["person"],
        role=row["role"],
        character=row["character"],
        job=row["job"],
        season=row["season"],
        billing=row["billing"],
        status=row["status"],
        arrival=row["arrival"],
        note=row["note"],
    )


def find_credit(
    conn: sqlite3.Connection, show_id: int, season_row_id: int | None, credit: Credit
) -> int | None:
    """The id of the credit with the same person, role, season and character or job."""
    row = conn.execute(
        """
        SELECT credits.id FROM credits JOIN people ON people.id = credits.person_id
        WHERE show_id = ? AND ifnull(season_id, 0) = ifnull(?, 0) AND role = ?
            AND people.name = ? COLLATE NOCASE
            AND ifnull(character, '') = ifnull(?, '') COLLATE NOCASE
            AND ifnull(job, '') = ifnull(?, '') COLLATE NOCASE
        """,
        (show_id, season_row_id, credit.role, credit.person, credit.character, credit.job),
    ).fetchone()
    return int(row["id"]) if row else None


def find_person_credits(
    conn: sqlite3.Connection, show_id: int, season_row_id: int | None, role: str, person: str
) -> list[int]:
    """Ids of a person's credits of one role on a show (one season, or whole-show when None)."""
    rows = conn.execute(
        """
        SELECT credits.id FROM credits JOIN people ON people.id = credits.person_id
        WHERE show_id = ? AND ifnull(season_id, 0) = ifnull(?, 0) AND role = ?
            AND people.name = ? COLLATE NOCASE
        """,
        (show_id, season_row_id, role, person),
    )
    return [int(r["id"]) for r in rows]


_INSERT_CREDIT = """
    INSERT INTO credits (show_id, season_id, person_id, role, character, job, billing,
        status, arrival, note)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""


def _credit_row(
    show_id: int, season_row_id: int | None, person: int, credit: Credit
) -> tuple[object, ...]:
    """The parameters of :data:`_INSERT_CREDIT` for one credit."""
    return (
        show_id,
        season_row_id,
        person,
        credit.role,
        credit.character,
        credit.job,
        credit.billing,
        credit.status,
        credit.arrival,
        credit.note,
    )


def insert_credit(
    conn: sqlite3.Connection, show_id: int, season_row_id: int | None, credit: Credit
) -> int:
    person = person_id(conn, credit.person)
    cursor = conn.execute(_INSERT_CREDIT, _credit_row(show_id, season_row_id, person, credit))
    return int(cursor.lastrowid or 0)


def insert_credits(
    conn: sqlite3.Connection,
    show_id: int,
    credits: list[tuple[int | None, Credit]],
    people: dict[str, int],
) -> None:
    """Many credits of a new show at once; ``people`` caches person ids by folded name."""
    rows = []
    for season_row_id, credit in credits:
        key = credit.person.casefold()
        if key not in people:
            people[key] = person_id(conn, credit.person)
        rows.append(_credit_row(show_id, season_row_id, people[key], credit))
    conn.executemany(_INSERT_CREDIT, rows)


def upsert_credit(
    conn: sqlite3.Connection,
    show_id: int,
    season_row_id: int | None,
    credit: Credit,
    *,
    replace: bool = True,
    named: Collection[str] = CREDIT_DETAILS,
) -> tuple[int, bool]:
    """Record the credit, or (``replace``) update the same one already there (same person,
    role, season and character or job): its details ``named`` (CREDIT_DETAILS) from
    ``credit``, the others as they are. Return its id and whether it is new."""
    return upsert(
        find_credit(conn, show_id, season_row_id, credit),
        lambda: insert_credit(conn, show_id, season_row_id, credit),
        (lambda found: update_credit(conn, found, credit, named)) if replace else None,
    )


def update_credit(
    conn: sqlite3.Connection,
    credit_id: int,
    credit: Credit,
    named: Collection[str] = CREDIT_DETAILS,
) -> None:
    """Set the credit's details ``named`` to ``credit``'s; leave the others as they are."""
    conn.execute(
        """
        UPDATE credits SET
            billing = CASE WHEN :set_billing THEN :billing ELSE billing END,
            status = CASE WHEN :set_status THEN :status ELSE status END,
            arrival = CASE WHEN :set_arrival THEN :arrival ELSE arrival END,
            note = CASE WHEN :set_note THEN :note ELSE note END
        WHERE id = :id
        """,
        {
            **{detail: getattr(credit, detail) for detail in CREDIT_DETAILS},
            **{f"set_{detail}": detail in named for detail in CREDIT_DETAILS},
            "id": credit_id,
        },
    )


def delete_credits(conn: sqlite3.Connection, credit_ids: Iterable[int]) -> None:
    conn.executemany("DELETE FROM credits WHERE id = ?", [(i,) for i in credit_ids])
    delete_orphan_people(conn)


class CreditMatch(NamedTuple):
    """A credit found by search, with the title of its show."""

    show: str
    credit: Credit


def search_credits(conn: sqlite3.Connection, text: str) -> list[CreditMatch]:
    """Credits whose person or character contains ``text``, ignoring case.

    People and characters are matched apart (each a scan of one narrow table or index)
    and the credits found by id: a LIKE across the joined rows read every credit in full.
    """
    pattern = "%" + like_escape(text) + "%"
    rows = conn.execute(_CREDITS_MATCHING, (pattern,))
    return [CreditMatch(r["show_title"], credit_from_row(r)) for r in rows]
