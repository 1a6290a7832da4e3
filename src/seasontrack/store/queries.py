"""Reading and writing the catalog's rows. Every value goes in as a ``?`` parameter."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple, TypeVar

from seasontrack.dates import PartialDate, Precision
from seasontrack.models import Credit, Episode, Release, Season, Show, ShowRef, Source, Trailer
from seasontrack.schedule import release_bounds

# ---------------------------------------------------------------------------- dates


def _date_columns(value: PartialDate) -> tuple[str, str | None]:
    """A date as (precision, first day); a time of day is the season's, not the date's."""
    day = value.date_only()
    return day.precision.value, day.start.isoformat() if day.start else None


_PRECISIONS = {p.value: p for p in Precision}
_TBA = PartialDate(Precision.TBA)


def _date_from(precision: str, start: str | None) -> PartialDate:
    if start is None:
        return _TBA
    return PartialDate.trusted(_PRECISIONS[precision], date.fromisoformat(start))


# ---------------------------------------------------------------------------- shows


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
        INSERT INTO shows (title, network, country, status, summary, followed)
        VALUES (?, ?, ?, ?, ?, ?)
        """,
        (show.title, show.network, show.country, show.status, show.summary, int(show.followed)),
    )
    show_id = int(cursor.lastrowid or 0)
    set_aliases(conn, show_id, show.aliases)
    return show_id


def update_show(conn: sqlite3.Connection, show_id: int, show: Show) -> None:
    """Write the show's own fields and aliases (not its seasons or credits)."""
    conn.execute(
        """
        UPDATE shows SET title = ?, network = ?, country = ?, status = ?, summary = ?,
            followed = ?
        WHERE id = ?
        """,
        (
            show.title,
            show.network,
            show.country,
            show.status,
            show.summary,
            int(show.followed),
            show_id,
        ),
    )
    set_aliases(conn, show_id, show.aliases)


def set_aliases(conn: sqlite3.Connection, show_id: int, aliases: Iterable[str]) -> None:
    conn.execute("DELETE FROM show_aliases WHERE show_id = ?", (show_id,))
    conn.executemany(
        "INSERT INTO show_aliases (show_id, alias) VALUES (?, ?)",
        [(show_id, alias) for alias in aliases],
    )


def delete_show(conn: sqlite3.Connection, show_id: int) -> None:
    conn.execute("DELETE FROM shows WHERE id = ?", (show_id,))
    delete_orphan_people(conn)


def delete_orphan_people(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM people WHERE id NOT IN (SELECT person_id FROM credits)")


def get_show(conn: sqlite3.Connection, show_id: int) -> Show:
    """The whole show: its fields, aliases, seasons, credits, trailers and sources."""
    return get_shows(conn, [show_id])[0]


T = TypeVar("T")


def _by_show(rows: Iterable[sqlite3.Row], build: Callable[[sqlite3.Row], T]) -> dict[int, list[T]]:
    """Rows with a show_id column, built and grouped by show, in the order they come."""
    grouped: dict[int, list[T]] = {}
    for row in rows:
        grouped.setdefault(row["show_id"], []).append(build(row))
    return grouped


def get_shows(conn: sqlite3.Connection, show_ids: list[int], *, seasons: bool = True) -> list[Show]:
    """Whole shows, in the order of ``show_ids``, read with one query per kind of row
    (without their seasons when ``seasons`` is false)."""
    ids = _json_ids(show_ids)
    rows = {
        r["id"]: r
        for r in conn.execute(
            "SELECT * FROM shows WHERE id IN (SELECT value FROM json_each(?))", (ids,)
        )
    }
    aliases = _by_show(
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
    credits = _by_show(conn.execute(_CREDITS_OF_SHOWS, (ids,)), _credit_from_row)
    trailers = _by_show(
        conn.execute(
            """
            SELECT trailers.*, seasons.number AS season FROM trailers
            LEFT JOIN seasons ON seasons.id = trailers.season_id
            WHERE trailers.show_id IN (SELECT value FROM json_each(?))
            ORDER BY trailers.show_id, published_start IS NULL, published_start, trailers.id
            """,
            (ids,),
        ),
        _trailer_from_row,
    )
    sources = _by_show(
        conn.execute(
            """
            SELECT sources.*, seasons.number AS season FROM sources
            LEFT JOIN seasons ON seasons.id = sources.season_id
            WHERE sources.show_id IN (SELECT value FROM json_each(?))
            ORDER BY sources.show_id, published_start IS NULL, published_start, sources.id
            """,
            (ids,),
        ),
        _source_from_row,
    )
    by_show = list_seasons(conn, show_ids) if seasons else {}
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
            seasons=tuple(by_show.get(show_id, [])),
            credits=tuple(credits.get(show_id, [])),
            trailers=tuple(trailers.get(show_id, [])),
            sources=tuple(sources.get(show_id, [])),
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


def _show_row(row: sqlite3.Row, id_column: str = "id") -> ShowRow:
    return ShowRow(
        row[id_column],
        row["title"],
        row["network"],
        row["country"],
        row["status"],
        bool(row["followed"]),
    )


def list_show_rows(
    conn: sqlite3.Connection, *, status: str | None = None, network: str | None = None
) -> list[ShowRow]:
    rows = conn.execute(
        """
        SELECT id, title, network, country, status, followed FROM shows
        WHERE (? IS NULL OR status = ?) AND (? IS NULL OR network = ? COLLATE NOCASE)
        ORDER BY title COLLATE NOCASE
        """,
        (status, status, network, network),
    )
    return [_show_row(r) for r in rows]


def latest_season_numbers(conn: sqlite3.Connection) -> dict[int, int]:
    """Each show's highest season number, by show id."""
    rows = conn.execute("SELECT show_id, max(number) AS latest FROM seasons GROUP BY show_id")
    return {r["show_id"]: r["latest"] for r in rows}


def network_names(conn: sqlite3.Connection) -> list[str]:
    """Every network a show or a season is on."""
    rows = conn.execute(
        "SELECT network FROM shows WHERE network IS NOT NULL"
        " UNION SELECT network FROM seasons WHERE network IS NOT NULL"
    )
    return [r["network"] for r in rows]


# ---------------------------------------------------------------------------- seasons


def _season_from_row(
    row: sqlite3.Row, episodes: list[Episode], skips: list[date], watched: list[int]
) -> Season:
    return Season(
        number=row["number"],
        premiere=_date_from(row["premiere_precision"], row["premiere_start"]),
        finale=_date_from(row["finale_precision"], row["finale_start"]),
        episode_count=row["episode_count"],
        release_pattern=row["release_pattern"],
        release_time=time.fromisoformat(row["release_time"]) if row["release_time"] else None,
        release_tz=row["release_tz"],
        synopsis=row["synopsis"],
        notes=row["notes"],
        network=row["network"],
        premiere_episodes=row["premiere_episodes"],
        revision=row["revision"],
        skips=tuple(skips),
        episodes=tuple(episodes),
        watched=tuple(watched),
    )


def _seasons_from_rows(conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[Season]:
    """Seasons with their episodes and breaks, read in two more queries for all of them."""
    ids = _json_ids([row["id"] for row in rows])
    episodes: dict[int, list[Episode]] = {}
    # Plain tuples: an export reads every episode of the catalog (500,000 of a big one).
    plain = conn.cursor()
    plain.row_factory = None
    for season_id, number, title, precision, start, at, tz, director, writer in plain.execute(
        """
        SELECT season_id, number, title, airs_precision, airs_start, airs_time, airs_tz,
            director, writer
        FROM episodes WHERE season_id IN (SELECT value FROM json_each(?))
        ORDER BY season_id, number
        """,
        (ids,),
    ):
        episodes.setdefault(season_id, []).append(
            Episode(
                number=number,
                title=title,
                airs=_moment_from(precision, start, at, tz),
                director=director,
                writer=writer,
            )
        )
    skips: dict[int, list[date]] = {}
    for r in conn.execute(
        """
        SELECT season_id, day FROM season_skips WHERE season_id IN (SELECT value FROM json_each(?))
        ORDER BY season_id, day
        """,
        (ids,),
    ):
        skips.setdefault(r["season_id"], []).append(date.fromisoformat(r["day"]))
    watched: dict[int, list[int]] = {}
    for r in conn.execute(
        """
        SELECT season_id, episode FROM watched WHERE season_id IN (SELECT value FROM json_each(?))
        ORDER BY season_id, episode
        """,
        (ids,),
    ):
        watched.setdefault(r["season_id"], []).append(r["episode"])
    return [
        _season_from_row(
            row,
            episodes.get(row["id"], []),
            skips.get(row["id"], []),
            watched.get(row["id"], []),
        )
        for row in rows
    ]


def list_seasons(conn: sqlite3.Connection, show_ids: Iterable[int]) -> dict[int, list[Season]]:
    """Seasons of the given shows, by show id, in season order."""
    # One query for all shows, with the ids as a JSON array parameter (no string-built IN list).
    rows = conn.execute(
        """
        SELECT * FROM seasons WHERE show_id IN (SELECT value FROM json_each(?))
        ORDER BY show_id, number
        """,
        (_json_ids(list(show_ids)),),
    ).fetchall()
    result: dict[int, list[Season]] = {}
    for row, season in zip(rows, _seasons_from_rows(conn, rows), strict=True):
        result.setdefault(row["show_id"], []).append(season)
    return result


def _json_ids(ids: list[int]) -> str:
    return "[" + ",".join(str(int(i)) for i in ids) + "]"


def season_id(conn: sqlite3.Connection, show_id: int, number: int) -> int | None:
    row = conn.execute(
        "SELECT id FROM seasons WHERE show_id = ? AND number = ?", (show_id, number)
    ).fetchone()
    return int(row["id"]) if row else None


def season_show_id(conn: sqlite3.Connection, season_row_id: int) -> int:
    row = conn.execute("SELECT show_id FROM seasons WHERE id = ?", (season_row_id,)).fetchone()
    return int(row["show_id"])


def get_season(conn: sqlite3.Connection, season_row_id: int) -> Season:
    rows = conn.execute("SELECT * FROM seasons WHERE id = ?", (season_row_id,)).fetchall()
    return _seasons_from_rows(conn, rows)[0]


def season_numbers(conn: sqlite3.Connection, show_id: int) -> list[int]:
    rows = conn.execute("SELECT number FROM seasons WHERE show_id = ? ORDER BY number", (show_id,))
    return [r["number"] for r in rows]


def _season_values(season: Season) -> tuple[object, ...]:
    return (
        season.number,
        *_date_columns(season.premiere),
        *_date_columns(season.finale),
        season.episode_count,
        season.release_pattern,
        season.release_time.strftime("%H:%M") if season.release_time else None,
        season.release_tz,
        season.synopsis,
        season.notes,
        season.premiere_episodes,
        season.network,
    )


def insert_season(conn: sqlite3.Connection, show_id: int, season: Season) -> int:
    cursor = conn.execute(
        """
        INSERT INTO seasons (show_id, number, premiere_precision, premiere_start,
            finale_precision, finale_start, episode_count, release_pattern, release_time,
            release_tz, synopsis, notes, premiere_episodes, network)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        (show_id, *_season_values(season)),
    )
    row_id = int(cursor.lastrowid or 0)
    _set_skips(conn, row_id, season.skips)
    return row_id


def update_season(conn: sqlite3.Connection, season_row_id: int, season: Season) -> None:
    """Write the season's own fields and breaks (its episodes are written one by one)."""
    conn.execute(
        """
        UPDATE seasons SET number = ?, premiere_precision = ?, premiere_start = ?,
            finale_precision = ?, finale_start = ?, episode_count = ?, release_pattern = ?,
            release_time = ?, release_tz = ?, synopsis = ?, notes = ?, premiere_episodes = ?,
            network = ?
        WHERE id = ?
        """,
        (*_season_values(season), season_row_id),
    )
    _set_skips(conn, season_row_id, season.skips)


def bump_revision(conn: sqlite3.Connection, season_row_id: int) -> None:
    conn.execute("UPDATE seasons SET revision = revision + 1 WHERE id = ?", (season_row_id,))


def _set_skips(conn: sqlite3.Connection, season_row_id: int, skips: Iterable[date]) -> None:
    conn.execute("DELETE FROM season_skips WHERE season_id = ?", (season_row_id,))
    conn.executemany(
        "INSERT OR IGNORE INTO season_skips (season_id, day) VALUES (?, ?)",
        [(season_row_id, day.isoformat()) for day in skips],
    )


# ---------------------------------------------------------------------------- episodes


def _moment_columns(value: PartialDate) -> tuple[str, str | None, str | None, str | None]:
    """A date with its time and zone, for an episode's own air date."""
    return (
        value.precision.value,
        value.start.isoformat() if value.start else None,
        value.time.strftime("%H:%M") if value.time else None,
        value.tz,
    )


def _moment_from(precision: str, start: str | None, at: str | None, tz: str | None) -> PartialDate:
    if start is None:
        return _TBA
    return PartialDate.trusted(
        _PRECISIONS[precision],
        date.fromisoformat(start),
        time.fromisoformat(at) if at else None,
        tz,
    )


def episode_id(conn: sqlite3.Connection, season_row_id: int, number: int) -> int | None:
    row = conn.execute(
        "SELECT id FROM episodes WHERE season_id = ? AND number = ?", (season_row_id, number)
    ).fetchone()
    return int(row["id"]) if row else None


def insert_episode(conn: sqlite3.Connection, season_row_id: int, episode: Episode) -> int:
    cursor = conn.execute(
        """
        INSERT INTO episodes (season_id, number, title, airs_precision, airs_start, airs_time,
            airs_tz, director, writer)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        (
            season_row_id,
            episode.number,
            episode.title,
            *_moment_columns(episode.airs),
            episode.director,
            episode.writer,
        ),
    )
    return int(cursor.lastrowid or 0)


def insert_episodes(
    conn: sqlite3.Connection, season_row_id: int, episodes: Iterable[Episode]
) -> None:
    conn.executemany(
        """
        INSERT INTO episodes (season_id, number, title, airs_precision, airs_start, airs_time,
            airs_tz, director, writer)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
            (season_row_id, e.number, e.title, *_moment_columns(e.airs), e.director, e.writer)
            for e in episodes
        ],
    )


def update_episode(conn: sqlite3.Connection, episode_row_id: int, episode: Episode) -> None:
    conn.execute(
        """
        UPDATE episodes SET number = ?, title = ?, airs_precision = ?, airs_start = ?,
            airs_time = ?, airs_tz = ?, director = ?, writer = ?
        WHERE id = ?
        """,
        (
            episode.number,
            episode.title,
            *_moment_columns(episode.airs),
            episode.director,
            episode.writer,
            episode_row_id,
        ),
    )


def delete_episode(conn: sqlite3.Connection, episode_row_id: int) -> None:
    conn.execute("DELETE FROM episodes WHERE id = ?", (episode_row_id,))


def delete_season(conn: sqlite3.Connection, season_row_id: int) -> None:
    conn.execute("DELETE FROM seasons WHERE id = ?", (season_row_id,))
    delete_orphan_people(conn)


# ---------------------------------------------------------------------------- credits


def person_id(conn: sqlite3.Connection, name: str) -> int:
    """The id of the person called ``name`` (ignoring case), added if new."""
    row = conn.execute("SELECT id FROM people WHERE name = ? COLLATE NOCASE", (name,)).fetchone()
    if row:
        return int(row["id"])
    cursor = conn.execute("INSERT INTO people (name) VALUES (?)", (name,))
    return int(cursor.lastrowid or 0)


# Written out whole, each of these, so that no SQL is built by joining strings.
_CREDITS_MATCHING = r"""
    SELECT credits.id, people.name AS person, credits.role, credits.character, credits.job,
        seasons.number AS season, credits.billing, credits.status, credits.arrival, credits.note,
        shows.title AS show_title, credits.show_id
    FROM credits
    JOIN people ON people.id = credits.person_id
    JOIN shows ON shows.id = credits.show_id
    LEFT JOIN seasons ON seasons.id = credits.season_id
    WHERE credits.id IN (
        SELECT credits.id FROM credits WHERE person_id IN (
            SELECT id FROM people WHERE name LIKE ?1 ESCAPE '\'
        )
        UNION SELECT id FROM credits WHERE character LIKE ?1 ESCAPE '\'
    )
    ORDER BY people.name COLLATE NOCASE, shows.title COLLATE NOCASE,
        ifnull(seasons.number, -1), credits.id
"""
_CREDITS_OF_SHOWS = """
    SELECT credits.id, people.name AS person, credits.role, credits.character, credits.job,
        seasons.number AS season, credits.billing, credits.status, credits.arrival, credits.note,
        shows.title AS show_title, credits.show_id
    FROM credits
    JOIN people ON people.id = credits.person_id
    JOIN shows ON shows.id = credits.show_id
    LEFT JOIN seasons ON seasons.id = credits.season_id
    WHERE credits.show_id IN (SELECT value FROM json_each(?))
    ORDER BY credits.show_id, credits.role, ifnull(seasons.number, -1),
        credits.billing IS NULL, credits.billing, credits.id
"""


def _credit_from_row(row: sqlite3.Row) -> Credit:
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


def insert_credit(
    conn: sqlite3.Connection, show_id: int, season_row_id: int | None, credit: Credit
) -> int:
    cursor = conn.execute(
        """
        INSERT INTO credits (show_id, season_id, person_id, role, character, job, billing,
            status, arrival, note)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        (
            show_id,
            season_row_id,
            person_id(conn, credit.person),
            credit.role,
            credit.character,
            credit.job,
            credit.billing,
            credit.status,
            credit.arrival,
            credit.note,
        ),
    )
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
        rows.append(
            (
                show_id,
                season_row_id,
                people[key],
                credit.role,
                credit.character,
                credit.job,
                credit.billing,
                credit.status,
                credit.arrival,
                credit.note,
            )
        )
    conn.executemany(
        """
        INSERT INTO credits (show_id, season_id, person_id, role, character, job, billing,
            status, arrival, note)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        rows,
    )


def update_credit(conn: sqlite3.Connection, credit_id: int, credit: Credit) -> None:
    conn.execute(
        "UPDATE credits SET billing = ?, status = ?, arrival = ?, note = ? WHERE id = ?",
        (credit.billing, credit.status, credit.arrival, credit.note, credit_id),
    )


def delete_credits(conn: sqlite3.Connection, credit_ids: Iterable[int]) -> None:
    conn.executemany("DELETE FROM credits WHERE id = ?", [(i,) for i in credit_ids])
    delete_orphan_people(conn)


# ---------------------------------------------------------------------------- links


def list_trailer_rows(conn: sqlite3.Connection, show_id: int) -> list[tuple[int, Trailer]]:
    """A show's trailers with their row ids, oldest first (undated last)."""
    rows = conn.execute(
        """
        SELECT trailers.*, seasons.number AS season FROM trailers
        LEFT JOIN seasons ON seasons.id = trailers.season_id
        WHERE trailers.show_id = ?
        ORDER BY published_start IS NULL, published_start, trailers.id
        """,
        (show_id,),
    )
    return [(int(r["id"]), _trailer_from_row(r)) for r in rows]


def _trailer_from_row(r: sqlite3.Row) -> Trailer:
    return Trailer(
        url=r["url"],
        title=r["title"],
        kind=r["kind"],
        publisher=r["publisher"],
        published=_date_from(r["published_precision"], r["published_start"]),
        note=r["note"],
        season=r["season"],
    )


def find_trailer(
    conn: sqlite3.Connection, show_id: int, season_row_id: int | None, trailer: Trailer
) -> int | None:
    """The same trailer already recorded: same URL, or (without a URL) same title and date."""
    precision, start = _date_columns(trailer.published)
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
            *_date_columns(trailer.published),
            trailer.note,
        ),
    )
    return int(cursor.lastrowid or 0)


def update_trailer(conn: sqlite3.Connection, trailer_id: int, trailer: Trailer) -> None:
    conn.execute(
        """
        UPDATE trailers SET title = ?, kind = ?, publisher = ?, published_precision = ?,
            published_start = ?, note = ?
        WHERE id = ?
        """,
        (
            trailer.title,
            trailer.kind,
            trailer.publisher,
            *_date_columns(trailer.published),
            trailer.note,
            trailer_id,
        ),
    )


def delete_trailers(conn: sqlite3.Connection, trailer_ids: Iterable[int]) -> None:
    conn.executemany("DELETE FROM trailers WHERE id = ?", [(i,) for i in trailer_ids])


def list_source_rows(conn: sqlite3.Connection, show_id: int) -> list[tuple[int, Source]]:
    """A show's sources with their row ids, oldest first (undated last)."""
    rows = conn.execute(
        """
        SELECT sources.*, seasons.number AS season FROM sources
        LEFT JOIN seasons ON seasons.id = sources.season_id
        WHERE sources.show_id = ?
        ORDER BY published_start IS NULL, published_start, sources.id
        """,
        (show_id,),
    )
    return [(int(r["id"]), _source_from_row(r)) for r in rows]


def _source_from_row(r: sqlite3.Row) -> Source:
    return Source(
        url=r["url"],
        outlet=r["outlet"],
        title=r["title"],
        published=_date_from(r["published_precision"], r["published_start"]),
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
            *_date_columns(source.published),
        ),
    )
    return int(cursor.lastrowid or 0)


def update_source(conn: sqlite3.Connection, source_id: int, source: Source) -> None:
    conn.execute(
        "UPDATE sources SET outlet = ?, title = ?, published_precision = ?, published_start = ?"
        " WHERE id = ?",
        (source.outlet, source.title, *_date_columns(source.published), source_id),
    )


def delete_sources(conn: sqlite3.Connection, source_ids: Iterable[int]) -> None:
    conn.executemany("DELETE FROM sources WHERE id = ?", [(i,) for i in source_ids])


# ---------------------------------------------------------------------------- search


def like_escape(text: str) -> str:
    """``text`` as a literal inside a LIKE pattern with ESCAPE '\\'."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class CreditMatch(NamedTuple):
    """A credit found by search, with the title of its show."""

    show: str
    credit: Credit


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


def search_credits(conn: sqlite3.Connection, text: str) -> list[CreditMatch]:
    """Credits whose person or character contains ``text``, ignoring case.

    People and characters are matched apart (each a scan of one narrow table or index)
    and the credits found by id: a LIKE across the joined rows read every credit in full.
    """
    pattern = "%" + like_escape(text) + "%"
    rows = conn.execute(_CREDITS_MATCHING, (pattern,))
    return [CreditMatch(r["show_title"], _credit_from_row(r)) for r in rows]


# ---------------------------------------------------------------------------- following, progress


def set_followed(conn: sqlite3.Connection, show_id: int, followed: bool) -> None:
    conn.execute("UPDATE shows SET followed = ? WHERE id = ?", (int(followed), show_id))


def set_watched(
    conn: sqlite3.Connection, season_row_id: int, episodes: Iterable[int], watched: bool
) -> None:
    if watched:
        conn.executemany(
            "INSERT OR IGNORE INTO watched (season_id, episode) VALUES (?, ?)",
            [(season_row_id, n) for n in episodes],
        )
    else:
        conn.executemany(
            "DELETE FROM watched WHERE season_id = ? AND episode = ?",
            [(season_row_id, n) for n in episodes],
        )


# ---------------------------------------------------------------------------- reminders


class ReminderKey(NamedTuple):
    """One reminder: a release (show, season, first episode, its moment) and a lead."""

    show_id: int
    season: int
    episode: int
    release_at: str
    lead_minutes: int


def _key_values(key: ReminderKey) -> tuple[int, int, int, str, int]:
    return (key.show_id, key.season, key.episode, key.release_at, key.lead_minutes)


def recorded_reminders(
    conn: sqlite3.Connection, show_ids: Iterable[int], stale_before: float
) -> set[ReminderKey]:
    """Reminders sent, or claimed by a `remind` still running (claimed after ``stale_before``)."""
    rows = conn.execute(
        """
        SELECT show_id, season, episode, release_at, lead_minutes FROM reminders
        WHERE show_id IN (SELECT value FROM json_each(?))
            AND (state = 'sent' OR claimed_at >= ?)
        """,
        (_json_ids(list(show_ids)), stale_before),
    )
    return {
        ReminderKey(r["show_id"], r["season"], r["episode"], r["release_at"], r["lead_minutes"])
        for r in rows
    }


def claim_reminders(
    conn: sqlite3.Connection, keys: Iterable[ReminderKey], claimed_at: float
) -> None:
    conn.executemany(
        """
        INSERT INTO reminders (show_id, season, episode, release_at, lead_minutes, state,
            claimed_at)
        VALUES (?, ?, ?, ?, ?, 'pending', ?)
        ON CONFLICT DO UPDATE SET state = 'pending', claimed_at = excluded.claimed_at
        """,
        [(*_key_values(k), claimed_at) for k in keys],
    )


def mark_reminders_sent(conn: sqlite3.Connection, keys: Iterable[ReminderKey]) -> None:
    conn.executemany(
        """
        UPDATE reminders SET state = 'sent'
        WHERE show_id = ? AND season = ? AND episode = ? AND release_at = ? AND lead_minutes = ?
        """,
        [_key_values(k) for k in keys],
    )


def release_reminders(conn: sqlite3.Connection, keys: Iterable[ReminderKey]) -> None:
    """Forget claims whose delivery failed, so that the next run tries them again."""
    conn.executemany(
        """
        DELETE FROM reminders
        WHERE show_id = ? AND season = ? AND episode = ? AND release_at = ? AND lead_minutes = ?
            AND state = 'pending'
        """,
        [_key_values(k) for k in keys],
    )


# ---------------------------------------------------------------------------- releases


def _utc_text(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is not None and moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    # isoformat, not strftime: an import writes two of these for each of 500,000 releases.
    return moment.replace(tzinfo=None, microsecond=0).isoformat()


def set_releases(
    conn: sqlite3.Connection, season_row_id: int, show_id: int, releases: list[Release]
) -> None:
    """Replace a season's stored releases (what `upcoming`, `calendar` and `remind` read)."""
    conn.execute("DELETE FROM releases WHERE season_id = ?", (season_row_id,))
    rows = []
    for position, release in enumerate(releases):
        starts, ends, exact = release_bounds(release)
        when = release.when
        rows.append(
            (
                season_row_id,
                position,
                show_id,
                release.first_episode,
                release.last_episode,
                release.episode_title,
                when.precision.value,
                when.start.isoformat() if when.start else None,
                when.time.strftime("%H:%M") if when.time else None,
                when.tz,
                int(release.premiere),
                int(release.finale),
                _utc_text(starts),
                _utc_text(ends),
                int(exact),
            )
        )
    conn.executemany(
        """
        INSERT INTO releases (season_id, position, show_id, first_episode, last_episode, title,
            precision, start, time, tz, premiere, finale, starts_at, ends_at, exact)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        rows,
    )


class StoredRelease(NamedTuple):
    """A release as stored: its season row, its place in the season, whether followed."""

    season_id: int
    position: int
    followed: bool
    release: Release


def _stored(row: sqlite3.Row) -> StoredRelease:
    return StoredRelease(
        season_id=row["season_id"],
        position=row["position"],
        followed=bool(row["followed"]),
        release=Release(
            show=row["show"],
            network=row["network"],
            season=row["season"],
            first_episode=row["first_episode"],
            last_episode=row["last_episode"],
            episode_title=row["episode_title"],
            when=_moment_from(row["precision"], row["start"], row["time"], row["tz"]),
            release_tz=row["release_tz"],
            pattern=row["release_pattern"],
            premiere=bool(row["premiere"]),
            finale=bool(row["finale"]),
            show_id=row["show_id"],
        ),
    )


def exact_releases_from(
    conn: sqlite3.Connection, start: datetime, *, network: str | None = None
) -> Iterator[StoredRelease]:
    """Releases known to the day or minute that may happen from ``start`` on, soonest first.

    A cursor: the caller reads only as far as it needs (an index range scan).
    """
    rows = conn.execute(
        """
        SELECT * FROM release_rows
        WHERE exact = 1 AND starts_at >= ? AND (? IS NULL OR network = ? COLLATE NOCASE)
        ORDER BY starts_at, season_id, position
        """,
        (_utc_text(start - timedelta(days=3)), network, network),
    )
    return (_stored(row) for row in rows)


def exact_releases_between(
    conn: sqlite3.Connection, start: datetime, end: datetime, *, followed_only: bool = False
) -> list[StoredRelease]:
    """Releases known to the day or minute that may happen between ``start`` and ``end``
    (of followed shows only, when ``followed_only``)."""
    rows = conn.execute(
        """
        SELECT * FROM release_rows
        WHERE exact = 1 AND starts_at BETWEEN ? AND ? AND (? = 0 OR followed = 1)
        ORDER BY starts_at, season_id, position
        """,
        (_utc_text(start - timedelta(days=3)), _utc_text(end), int(followed_only)),
    )
    return [_stored(row) for row in rows]


def vague_releases(
    conn: sqlite3.Connection,
    start: datetime,
    *,
    ends_by: datetime | None = None,
    starts_by: datetime | None = None,
    network: str | None = None,
) -> list[StoredRelease]:
    """Releases known only to the month, season or year that may happen from ``start`` on:
    those over by ``ends_by`` and begun by ``starts_by`` when given (an index range scan)."""
    rows = conn.execute(
        """
        SELECT * FROM release_rows
        WHERE exact = 0 AND ends_at BETWEEN ? AND ?
            AND (? IS NULL OR starts_at <= ?)
            AND (? IS NULL OR network = ? COLLATE NOCASE)
        ORDER BY starts_at, season_id, position
        """,
        (
            _utc_text(start),
            _utc_text(ends_by) if ends_by else _NEVER,
            _utc_text(starts_by),
            _utc_text(starts_by),
            network,
            network,
        ),
    )
    return [_stored(row) for row in rows]


def tba_premieres(conn: sqlite3.Connection, *, network: str | None = None) -> list[StoredRelease]:
    """The premieres of the seasons whose date is not known at all."""
    rows = conn.execute(
        """
        SELECT * FROM release_rows
        WHERE exact = 0 AND ends_at IS NULL AND position = 0
            AND (? IS NULL OR network = ? COLLATE NOCASE)
        ORDER BY season_id
        """,
        (network, network),
    )
    return [_stored(row) for row in rows]


def vague_releases_of(
    conn: sqlite3.Connection, season_ids: Iterable[int], start: datetime
) -> list[StoredRelease]:
    """The vague releases (and TBA premieres) of these seasons that may happen from ``start`` on.

    (``+exact`` keeps SQLite from walking the exact/ends_at index over every vague release:
    the seasons' primary key finds the few rows wanted.)
    """
    rows = conn.execute(
        """
        SELECT * FROM release_rows
        WHERE season_id IN (SELECT value FROM json_each(?)) AND +exact = 0
            AND (ends_at >= ? OR (ends_at IS NULL AND position = 0))
        ORDER BY season_id, position
        """,
        (json.dumps(sorted(set(season_ids))), _utc_text(start)),
    )
    return [_stored(row) for row in rows]


# Later than any stored moment: the open end of a range.
_NEVER = "9999-12-31T23:59:59"


def next_releases_by_show(conn: sqlite3.Connection, now: datetime) -> list[StoredRelease]:
    """For each show, its first few releases that may still be ahead, soonest first, a TBA
    premiere last (the caller drops the ones already past where the user is)."""
    rows = conn.execute(
        """
        SELECT * FROM (
            SELECT *, row_number() OVER (
                PARTITION BY show_id
                ORDER BY starts_at IS NULL, starts_at, season_id, position
            ) AS rank
            FROM release_rows
            WHERE ends_at >= ? OR (ends_at IS NULL AND position = 0)
        )
        WHERE rank <= 3
        ORDER BY show_id, rank
        """,
        (_utc_text(now),),
    )
    return [_stored(row) for row in rows]


def shows_with_watched(conn: sqlite3.Connection) -> list[int]:
    rows = conn.execute(
        "SELECT DISTINCT seasons.show_id FROM watched"
        " JOIN seasons ON seasons.id = watched.season_id"
    )
    return [r["show_id"] for r in rows]


def progress_rows(
    conn: sqlite3.Connection, show_ids: list[int], now: datetime
) -> tuple[
    dict[int, int],
    list[tuple[int, int, int, StoredRelease | None]],
    dict[int, list[int]],
    dict[int, tuple[int, int, int | None]],
]:
    """For progress: each season's highest episode number released at any time; the
    releases that may be out by ``now`` as (season id, first and last episode, and the
    release itself when it is not surely out yet); the episodes watched; and the seasons
    (show id, number, stated episode count), by season id."""
    ids = _json_ids(show_ids)
    seasons = {
        r["id"]: (r["show_id"], r["number"], r["episode_count"])
        for r in conn.execute(
            "SELECT id, show_id, number, episode_count FROM seasons"
            " WHERE show_id IN (SELECT value FROM json_each(?))",
            (ids,),
        )
    }
    sizes = {
        r["season_id"]: r["size"]
        for r in conn.execute(
            "SELECT season_id, max(last_episode) AS size FROM releases"
            " WHERE show_id IN (SELECT value FROM json_each(?)) GROUP BY season_id",
            (ids,),
        )
    }
    moment = _utc_text(now)
    # Most are surely out: read those as bare tuples (hundreds of thousands of them).
    plain = conn.cursor()
    plain.row_factory = None
    released: list[tuple[int, int, int, StoredRelease | None]] = [
        (season_id, first, last, None)
        for season_id, first, last in plain.execute(
            """
            SELECT season_id, first_episode, last_episode FROM releases
            WHERE show_id IN (SELECT value FROM json_each(?)) AND first_episode IS NOT NULL
                AND ends_at <= ?
            """,
            (ids, moment),
        )
    ]
    # Only the ones whose window holds "now" need a closer look.
    released += [
        (r["season_id"], r["first_episode"], r["last_episode"], _stored(r))
        for r in conn.execute(
            """
            SELECT * FROM release_rows
            WHERE show_id IN (SELECT value FROM json_each(?)) AND first_episode IS NOT NULL
                AND starts_at <= ? AND ends_at > ?
            """,
            (ids, moment, moment),
        )
    ]
    watched: dict[int, list[int]] = {}
    for r in conn.execute(
        """
        SELECT watched.season_id, watched.episode FROM watched
        JOIN seasons ON seasons.id = watched.season_id
        WHERE seasons.show_id IN (SELECT value FROM json_each(?))
        ORDER BY watched.season_id, watched.episode
        """,
        (ids,),
    ):
        watched.setdefault(r["season_id"], []).append(r["episode"])
    return sizes, released, watched, seasons


def season_revisions(conn: sqlite3.Connection, show_ids: list[int]) -> dict[int, int]:
    rows = conn.execute(
        "SELECT id, revision FROM seasons WHERE show_id IN (SELECT value FROM json_each(?))",
        (_json_ids(show_ids),),
    )
    return {r["id"]: r["revision"] for r in rows}


def releases_of_shows(conn: sqlite3.Connection, show_ids: list[int]) -> list[StoredRelease]:
    """Every stored release of the shows, by show, season and order within the season."""
    rows = conn.execute(
        """
        SELECT * FROM release_rows WHERE show_id IN (SELECT value FROM json_each(?))
        ORDER BY show COLLATE NOCASE, show_id, season, position
        """,
        (_json_ids(show_ids),),
    )
    return [_stored(row) for row in rows]
