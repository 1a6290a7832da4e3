"""The full-text index `search` reads: show titles, aliases, people, characters and episode
titles, each in its own FTS5 table (migration m016), ranked by bm25.

The store keeps it, like the release index: the schema's triggers mark each row changed or
deleted in those tables in ``stale_search`` (with the text the index holds for it), whoever
writes it, ``search_indexed`` says up to which row id each table is indexed, and
``store.transaction()`` runs :func:`refresh_stale` before it commits. No one else writes to
the index (migration m016 says why it is built this way). Rows another program writes in
plain SQL are taken at seasontrack's next write (or after a migration), not by readers,
which never take the write lock; until then the substring match still finds them.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, NamedTuple

from seasontrack.models import ShowRef

if TYPE_CHECKING:
    from seasontrack.store.credits import CreditMatch


class EpisodeMatch(NamedTuple):
    """An episode whose title matched, with its show's title and its season's number."""

    show: str
    season: int
    number: int
    title: str


# For each indexed table: drop the text the index holds for the rows marked, then add what
# they hold now (a deleted row has nothing to add), and the rows new since the last time; a
# row that holds what the index holds (an alias deleted and written again, as an import
# does) is left alone. One statement each, whatever the number of rows: FTS5 writes its
# pending words to disk at the end of every statement that writes to it. Rows above a
# table's ``up_to`` were never indexed: their marks (written and changed in one
# transaction) have nothing to drop.
_REFRESH = [
    """
    INSERT INTO shows_fts (shows_fts, rowid, title)
    SELECT 'delete', stale.id, stale.indexed
    FROM stale_search AS stale LEFT JOIN shows ON shows.id = stale.id
    WHERE stale.source = 'shows' AND stale.indexed IS NOT NULL
        AND stale.indexed IS NOT shows.title
        AND stale.id <= (SELECT up_to FROM search_indexed WHERE source = 'shows')
    """,
    """
    INSERT INTO shows_fts (rowid, title)
    SELECT shows.id, shows.title
    FROM stale_search AS stale JOIN shows ON shows.id = stale.id
    WHERE stale.source = 'shows' AND shows.title IS NOT stale.indexed
        AND stale.id <= (SELECT up_to FROM search_indexed WHERE source = 'shows')
    UNION ALL
    SELECT id, title FROM shows
    WHERE id > (SELECT up_to FROM search_indexed WHERE source = 'shows')
    """,
    """
    UPDATE search_indexed SET up_to = (SELECT ifnull(max(id), 0) FROM shows)
    WHERE source = 'shows'
    """,
    """
    INSERT INTO show_aliases_fts (show_aliases_fts, rowid, alias)
    SELECT 'delete', stale.id, stale.indexed
    FROM stale_search AS stale LEFT JOIN show_aliases ON show_aliases.id = stale.id
    WHERE stale.source = 'show_aliases' AND stale.indexed IS NOT NULL
        AND stale.indexed IS NOT show_aliases.alias
        AND stale.id <= (SELECT up_to FROM search_indexed WHERE source = 'show_aliases')
    """,
    """
    INSERT INTO show_aliases_fts (rowid, alias)
    SELECT show_aliases.id, show_aliases.alias
    FROM stale_search AS stale JOIN show_aliases ON show_aliases.id = stale.id
    WHERE stale.source = 'show_aliases' AND show_aliases.alias IS NOT stale.indexed
        AND stale.id <= (SELECT up_to FROM search_indexed WHERE source = 'show_aliases')
    UNION ALL
    SELECT id, alias FROM show_aliases
    WHERE id > (SELECT up_to FROM search_indexed WHERE source = 'show_aliases')
    """,
    """
    UPDATE search_indexed SET up_to = (SELECT ifnull(max(id), 0) FROM show_aliases)
    WHERE source = 'show_aliases'
    """,
    """
    INSERT INTO people_fts (people_fts, rowid, name)
    SELECT 'delete', stale.id, stale.indexed
    FROM stale_search AS stale LEFT JOIN people ON people.id = stale.id
    WHERE stale.source = 'people' AND stale.indexed IS NOT NULL
        AND stale.indexed IS NOT people.name
        AND stale.id <= (SELECT up_to FROM search_indexed WHERE source = 'people')
    """,
    """
    INSERT INTO people_fts (rowid, name)
    SELECT people.id, people.name
    FROM stale_search AS stale JOIN people ON people.id = stale.id
    WHERE stale.source = 'people' AND people.name IS NOT stale.indexed
        AND stale.id <= (SELECT up_to FROM search_indexed WHERE source = 'people')
    UNION ALL
    SELECT id, name FROM people
    WHERE id > (SELECT up_to FROM search_indexed WHERE source = 'people')
    """,
    """
    UPDATE search_indexed SET up_to = (SELECT ifnull(max(id), 0) FROM people)
    WHERE source = 'people'
    """,
    """
    INSERT INTO credits_fts (credits_fts, rowid, character)
    SELECT 'delete', stale.id, stale.indexed
    FROM stale_search AS stale LEFT JOIN credits ON credits.id = stale.id
    WHERE stale.source = 'credits' AND stale.indexed IS NOT NULL
        AND stale.indexed IS NOT credits.character
        AND stale.id <= (SELECT up_to FROM search_indexed WHERE source = 'credits')
    """,
    """
    INSERT INTO credits_fts (rowid, character)
    SELECT credits.id, credits.character
    FROM stale_search AS stale JOIN credits ON credits.id = stale.id
    WHERE stale.source = 'credits' AND credits.character IS NOT stale.indexed
        AND credits.character IS NOT NULL
        AND stale.id <= (SELECT up_to FROM search_indexed WHERE source = 'credits')
    UNION ALL
    SELECT id, character FROM credits
    WHERE id > (SELECT up_to FROM search_indexed WHERE source = 'credits')
        AND character IS NOT NULL
    """,
    """
    UPDATE search_indexed SET up_to = (SELECT ifnull(max(id), 0) FROM credits)
    WHERE source = 'credits'
    """,
    """
    INSERT INTO episodes_fts (episodes_fts, rowid, title)
    SELECT 'delete', stale.id, stale.indexed
    FROM stale_search AS stale LEFT JOIN episodes ON episodes.id = stale.id
    WHERE stale.source = 'episodes' AND stale.indexed IS NOT NULL
        AND stale.indexed IS NOT episodes.title
        AND stale.id <= (SELECT up_to FROM search_indexed WHERE source = 'episodes')
    """,
    """
    INSERT INTO episodes_fts (rowid, title)
    SELECT episodes.id, episodes.title
    FROM stale_search AS stale JOIN episodes ON episodes.id = stale.id
    WHERE stale.source = 'episodes' AND episodes.title IS NOT stale.indexed
        AND episodes.title IS NOT NULL
        AND stale.id <= (SELECT up_to FROM search_indexed WHERE source = 'episodes')
    UNION ALL
    SELECT id, title FROM episodes
    WHERE id > (SELECT up_to FROM search_indexed WHERE source = 'episodes')
        AND title IS NOT NULL
    """,
    """
    UPDATE search_indexed SET up_to = (SELECT ifnull(max(id), 0) FROM episodes)
    WHERE source = 'episodes'
    """,
    "DELETE FROM stale_search",
]

_STALE = """
    SELECT EXISTS (SELECT 1 FROM stale_search)
        OR (SELECT up_to FROM search_indexed WHERE source = 'shows')
            < (SELECT ifnull(max(id), 0) FROM shows)
        OR (SELECT up_to FROM search_indexed WHERE source = 'show_aliases')
            < (SELECT ifnull(max(id), 0) FROM show_aliases)
        OR (SELECT up_to FROM search_indexed WHERE source = 'people')
            < (SELECT ifnull(max(id), 0) FROM people)
        OR (SELECT up_to FROM search_indexed WHERE source = 'credits')
            < (SELECT ifnull(max(id), 0) FROM credits)
        OR (SELECT up_to FROM search_indexed WHERE source = 'episodes')
            < (SELECT ifnull(max(id), 0) FROM episodes)
"""


def has_stale(conn: sqlite3.Connection) -> bool:
    """Whether some names wait to be indexed: rows changed, or added since the last time
    (after a migration, say)."""
    return bool(conn.execute(_STALE).fetchone()[0])


def refresh_stale(conn: sqlite3.Connection) -> None:
    """Bring the index up to date with the rows changed and added, inside the caller's
    transaction."""
    if has_stale(conn):
        for statement in _REFRESH:
            conn.execute(statement)


def words_query(text: str, *, prefix: bool = False) -> str | None:
    """An FTS5 query finding every word of ``text`` (in any order), the last one as the start
    of a word when ``prefix``; None when ``text`` has no word to look for.

    Each word is quoted, so nothing the user types is read as FTS5 syntax; a word with
    punctuation inside ("Marvel's") is the phrase of its parts, as the index split it.
    """
    # A NUL would end the query early inside FTS5 ("unterminated string"): a separator here.
    words = [w for w in text.replace("\0", " ").split() if any(c.isalnum() for c in w)]
    if not words:
        return None
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    if prefix:
        quoted[-1] += "*"
    return " ".join(quoted)


# Titles and aliases rank apart (two tables); a show found by both keeps its better rank.
_SHOWS = """
    WITH hits (show_id, rank) AS (
        SELECT rowid, bm25(shows_fts) FROM shows_fts WHERE shows_fts MATCH ?1
        UNION ALL
        SELECT show_aliases.show_id, bm25(show_aliases_fts)
        FROM show_aliases_fts JOIN show_aliases ON show_aliases.id = show_aliases_fts.rowid
        WHERE show_aliases_fts MATCH ?1
    )
    SELECT shows.id, shows.title
    FROM (SELECT show_id, min(rank) AS best FROM hits GROUP BY show_id) AS found
    JOIN shows ON shows.id = found.show_id
    ORDER BY found.best, shows.title COLLATE NOCASE
    LIMIT ?2
"""

# A person found by name brings all their credits, in the rank of the name.
_CREDITS = """
    WITH hits (credit_id, rank) AS (
        SELECT credits.id, bm25(people_fts)
        FROM people_fts JOIN credits ON credits.person_id = people_fts.rowid
        WHERE people_fts MATCH ?1
        UNION ALL
        SELECT rowid, bm25(credits_fts) FROM credits_fts WHERE credits_fts MATCH ?1
    )
    SELECT credit_rows.*
    FROM (SELECT credit_id, min(rank) AS best FROM hits GROUP BY credit_id) AS found
    JOIN credit_rows ON credit_rows.id = found.credit_id
    ORDER BY found.best, person COLLATE NOCASE, show_title COLLATE NOCASE,
        ifnull(season, -1), credit_rows.id
    LIMIT ?2
"""

# The best-ranked episodes first, then looked up: a common word can match 100,000 of them.
# (bm25() named outright: FTS5's "rank" column, the same function, costs a third more.)
_EPISODES = """
    SELECT shows.title AS show, seasons.number AS season, episodes.number, episodes.title
    FROM (
        SELECT rowid AS id, bm25(episodes_fts) AS rank FROM episodes_fts
        WHERE episodes_fts MATCH ?1
        ORDER BY rank LIMIT ?2
    ) AS found
    JOIN episodes ON episodes.id = found.id
    JOIN seasons ON seasons.id = episodes.season_id
    JOIN shows ON shows.id = seasons.show_id
    ORDER BY found.rank, shows.title COLLATE NOCASE, seasons.number, episodes.number
"""


def match_shows(conn: sqlite3.Connection, query: str, limit: int) -> list[ShowRef]:
    """Shows whose title or an alias matches ``query`` (see :func:`words_query`), best first;
    at most ``limit`` (-1: all)."""
    return [ShowRef(r["id"], r["title"]) for r in conn.execute(_SHOWS, (query, limit))]


def match_credits(conn: sqlite3.Connection, query: str, limit: int) -> list[CreditMatch]:
    """Credits whose person or character matches ``query``, best first; at most ``limit``."""
    rows = conn.execute(_CREDITS, (query, limit))
    # Credits (and the catalog's records) load for a search, not for every write that
    # keeps the index fresh.
    from seasontrack.store.credits import CreditMatch, credit_from_row

    return [CreditMatch(r["show_title"], credit_from_row(r)) for r in rows]


def match_episodes(conn: sqlite3.Connection, query: str, limit: int) -> list[EpisodeMatch]:
    """Episodes whose title matches ``query``, best first; at most ``limit``."""
    rows = conn.execute(_EPISODES, (query, limit))
    return [EpisodeMatch(r["show"], r["season"], r["number"], r["title"]) for r in rows]
