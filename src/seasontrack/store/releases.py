"""The release index: every release of every season, with its bounds in UTC, for
`upcoming`, `calendar`, `remind` and progress to read as index range scans."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from typing import NamedTuple

from seasontrack.dates import PartialDate
from seasontrack.models import TBA, Release
from seasontrack.store.codecs import json_ids, moment_from, utc_text


class Derived(NamedTuple):
    """A season's releases as derived, as rows of the index; and, for each, what decides
    when it comes out (a change to any of these moves an event of a calendar feed, which
    the season's revision, the feed's SEQUENCE, counts)."""

    season_id: int
    rows: list[tuple[object, ...]]
    moments: list[tuple[object, ...]]


def derived_rows(
    season_id: int, show_id: int, releases: list[Release], complete_ends: datetime | None
) -> Derived:
    """The index rows of a season's releases (no SQL: a worker process may build them).
    ``complete_ends`` is the latest moment the season can be complete by (None: not known)."""
    from seasontrack.schedule import release_bounds

    rows: list[tuple[object, ...]] = []
    moments: list[tuple[object, ...]] = []
    bounds = [release_bounds(release) for release in releases]
    for position, (release, (starts, ends, exact), out_at) in enumerate(
        zip(releases, bounds, _out_at(bounds, complete_ends), strict=True)
    ):
        when = release.when
        announced = release.announced
        moment: tuple[object, ...] = (
            release.first_episode,
            release.last_episode,
            when.precision.value,
            when.start.isoformat() if when.start else None,
            when.time.strftime("%H:%M") if when.time else None,
            when.tz,
            int(release.premiere),
            int(release.finale),
        )
        moments.append(moment)
        rows.append(
            (
                season_id,
                position,
                show_id,
                *moment[:2],
                release.episode_title,
                *moment[2:],
                utc_text(starts),
                utc_text(ends),
                int(exact),
                release.part,
                release.part_title,
                release.pattern,
                release.release_tz,
                announced.start.isoformat() if announced and announced.start else None,
                announced.time.strftime("%H:%M") if announced and announced.time else None,
                utc_text(out_at),
            )
        )
    return Derived(season_id, rows, moments)


def replace_releases(conn: sqlite3.Connection, seasons: list[Derived]) -> set[int]:
    """Replace these seasons' stored releases (what `upcoming`, `calendar` and `remind`
    read); return the seasons of which a release they had before now comes out at another
    moment (or is gone, or new). Only the store's derivation (``seasons.rebuild_stale``)
    calls this; a few statements per batch of seasons, whatever its size.

    Each release keeps its calendar feed's SEQUENCE when it comes out at the moment it did,
    and has it raised by one when its moment changed; a sequence restored from a catalog
    file (``restored_sequences``, by event) is a floor under it.
    """
    plain = conn.cursor()
    plain.row_factory = None
    ids = json_ids([season.season_id for season in seasons])
    before: dict[int, list[tuple[object, ...]]] = {}
    # A feed's event is a release's first episode (its UID says so): 0 for none.
    had: dict[int, dict[object, tuple[tuple[object, ...], int]]] = {}
    for season_id, *moment, sequence in plain.execute(
        """
        SELECT season_id, first_episode, last_episode, precision, start, time, tz, premiere,
            finale, sequence
        FROM releases WHERE season_id IN (SELECT value FROM json_each(?))
        ORDER BY season_id, position
        """,
        (ids,),
    ):
        before.setdefault(season_id, []).append(tuple(moment))
        had.setdefault(season_id, {})[moment[0] or 0] = (tuple(moment), sequence)
    restored: dict[int, dict[str, int]] = {}
    for season_id, event, sequence in plain.execute(
        """
        SELECT season_id, event, sequence FROM restored_sequences
        WHERE season_id IN (SELECT value FROM json_each(?))
        """,
        (ids,),
    ):
        restored.setdefault(season_id, {})[event] = sequence
    if before:
        conn.execute(
            "DELETE FROM releases WHERE season_id IN (SELECT value FROM json_each(?))", (ids,)
        )
    rows = []
    for season in seasons:
        own_had = had.get(season.season_id, {})
        own_restored = restored.get(season.season_id, {})
        for row, moment in zip(season.rows, season.moments, strict=True):
            event = moment[0] or 0
            sequence = 0
            if event in own_had:
                was, sequence = own_had[event]
                sequence += was != moment
            rows.append((*row, max(sequence, own_restored.get(str(event), 0))))
    conn.executemany(
        """
        INSERT INTO releases (season_id, position, show_id, first_episode, last_episode, title,
            precision, start, time, tz, premiere, finale, starts_at, ends_at, exact, part,
            part_title, pattern, release_tz, announced_start, announced_time, out_at, sequence)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        rows,
    )
    return {
        season.season_id
        for season in seasons
        if before.get(season.season_id) and before[season.season_id] != season.moments
    }


def restore_sequences(
    conn: sqlite3.Connection, season_row_id: int, sequences: dict[str, int]
) -> None:
    """Give the season's feed events at least these sequences (what an exported catalog
    says they had), from its next rebuild on; the season is marked stale by a trigger."""
    conn.executemany(
        """
        INSERT INTO restored_sequences (season_id, event, sequence) VALUES (?, ?, ?)
        ON CONFLICT (season_id, event) DO UPDATE SET sequence = max(sequence, excluded.sequence)
        """,
        [(season_row_id, event, sequence) for event, sequence in sequences.items()],
    )


def feed_sequences(
    conn: sqlite3.Connection, show_ids: list[int]
) -> dict[int, dict[int, dict[str, int]]]:
    """The feed events that have moved (a sequence above 0), by show id, season number and
    event (its first episode, "0" for none, or "complete"): what an export carries so that
    a restored catalog does not rewind subscribed calendars."""
    found: dict[int, dict[int, dict[str, int]]] = {}
    ids = json_ids(show_ids)
    plain = conn.cursor()
    plain.row_factory = None
    for show_id, season, event, sequence in plain.execute(
        """
        SELECT seasons.show_id, seasons.number, coalesce(releases.first_episode, 0),
            releases.sequence
        FROM releases JOIN seasons ON seasons.id = releases.season_id
        WHERE releases.show_id IN (SELECT value FROM json_each(?)) AND releases.sequence > 0
        UNION ALL
        SELECT show_id, number, 'complete', complete_sequence FROM seasons
        WHERE show_id IN (SELECT value FROM json_each(?)) AND complete_sequence > 0
        """,
        (ids, ids),
    ):
        found.setdefault(show_id, {}).setdefault(season, {})[str(event)] = sequence
    return found


def _out_at(
    bounds: list[tuple[datetime | None, datetime | None, bool]], complete_ends: datetime | None
) -> list[datetime | None]:
    """For each release, the latest moment by which it is surely out: its own end, or the
    end of a later release of the season (episodes come out in order), or the season's
    complete moment, whichever comes first; None when none of them is known."""
    found: list[datetime | None] = []
    soonest = complete_ends
    for _, ends, _ in reversed(bounds):
        if ends is not None and (soonest is None or ends < soonest):
            soonest = ends
        found.append(soonest)
    return found[::-1]


class StoredRelease(NamedTuple):
    """A release as stored: its season row, its place in the season, whether followed, and
    when its season is complete (TBA: not known)."""

    season_id: int
    position: int
    followed: bool
    release: Release
    complete: PartialDate = TBA
    # Whether a later season of its show has surely begun (read only where asked for).
    later_begun: bool = False


def stored_release(row: sqlite3.Row, *, later_begun: bool = False) -> StoredRelease:
    when = moment_from(row["precision"], row["start"], row["time"], row["tz"])
    announced = None
    if row["announced_start"] is not None:
        announced = moment_from(
            row["precision"], row["announced_start"], row["announced_time"], row["tz"]
        )
    return StoredRelease(
        season_id=row["season_id"],
        position=row["position"],
        followed=bool(row["followed"]),
        complete=moment_from(
            row["complete_precision"],
            row["complete_start"],
            row["complete_time"],
            row["complete_tz"],
        ),
        release=Release(
            show=row["show"],
            network=row["network"],
            season=row["season"],
            first_episode=row["first_episode"],
            last_episode=row["last_episode"],
            episode_title=row["episode_title"],
            when=when,
            release_tz=row["release_tz"],
            pattern=row["release_pattern"],
            premiere=bool(row["premiere"]),
            finale=bool(row["finale"]),
            show_id=row["show_id"],
            part=row["part"],
            part_title=row["part_title"],
            announced=announced,
        ),
        later_begun=later_begun,
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
        (utc_text(start - timedelta(days=3)), network, network),
    )
    return (stored_release(row) for row in rows)


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
        (utc_text(start - timedelta(days=3)), utc_text(end), int(followed_only)),
    )
    return [stored_release(row) for row in rows]


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
            utc_text(start),
            utc_text(ends_by) if ends_by else _NEVER,
            utc_text(starts_by),
            utc_text(starts_by),
            network,
            network,
        ),
    )
    return [stored_release(row) for row in rows]


# Later than any stored moment: the open end of a range.
_NEVER = "9999-12-31T23:59:59"


# How far "now" can be from a release's stored bounds and still not settle for every viewer
# whether it is out: the stored bounds of a date without a zone stretch over every zone on
# Earth (26 hours), and a release stays "now" for its minute.
_UNSETTLED = timedelta(hours=50)

# Each season's releases that may be out for some viewers and not for others (a few per
# season), and its first release surely not out yet anywhere (out_at only grows along a
# season, and is NULL from where nothing later is dated): of every season, or of some. With
# each, whether a later season of its show has surely begun (seasons come out in order too;
# specials, season 0, come out whenever).
_PENDING = """
    SELECT pending.*, pending.season > 0 AND EXISTS (
        SELECT 1 FROM seasons AS later JOIN releases AS opening
            ON opening.season_id = later.id AND opening.position = 0
        WHERE later.show_id = pending.show_id AND later.number > pending.season
            AND opening.ends_at < :low
    ) AS later_begun
    FROM (
        SELECT * FROM release_rows WHERE out_at >= :low AND out_at < :high
        UNION ALL
        SELECT release_rows.* FROM release_rows JOIN (
            SELECT season_id, min(position) AS position FROM (
                -- Two ranges of the out_at index (an OR would read the whole table).
                SELECT season_id, position FROM releases WHERE out_at >= :high
                UNION ALL
                SELECT season_id, position FROM releases WHERE out_at IS NULL
            )
            GROUP BY season_id
        ) AS firsts
        ON release_rows.season_id = firsts.season_id AND release_rows.position = firsts.position
    ) AS pending
"""
_PENDING_OF = """
    SELECT pending.*, pending.season > 0 AND EXISTS (
        SELECT 1 FROM seasons AS later JOIN releases AS opening
            ON opening.season_id = later.id AND opening.position = 0
        WHERE later.show_id = pending.show_id AND later.number > pending.season
            AND opening.ends_at < :low
    ) AS later_begun
    FROM (
        SELECT * FROM release_rows
        WHERE season_id IN (SELECT value FROM json_each(:ids))
            AND out_at >= :low AND out_at < :high
        UNION ALL
        SELECT release_rows.* FROM release_rows JOIN (
            SELECT season_id, min(position) AS position FROM releases
            WHERE season_id IN (SELECT value FROM json_each(:ids))
                AND (out_at >= :high OR out_at IS NULL)
            GROUP BY season_id
        ) AS firsts
        ON release_rows.season_id = firsts.season_id AND release_rows.position = firsts.position
    ) AS pending
"""


def pending_releases(
    conn: sqlite3.Connection,
    now: datetime,
    *,
    show_ids: Iterable[int] | None = None,
    season_ids: Iterable[int] | None = None,
) -> list[StoredRelease]:
    """Each season's releases that may not all be out at ``now`` for every viewer, by
    season and position: from its first one that is not surely out everywhere (``out_at``
    not passed) up to its first one that is surely not out anywhere, each saying whether a
    later season has surely begun. What comes between is for the caller to settle where the
    user is (``services.timeline.season_pending``).

    Of all seasons, or of the shows ``show_ids``, or the ``season_ids``. A season with
    nothing left to come gives nothing (or the releases still unsettled somewhere).
    """
    if show_ids is not None:
        season_ids = [
            row[0]
            for row in conn.execute(
                "SELECT id FROM seasons WHERE show_id IN (SELECT value FROM json_each(?))",
                (json_ids(list(show_ids)),),
            )
        ]
    bounds = {"low": utc_text(now - timedelta(minutes=2)), "high": utc_text(now + _UNSETTLED)}
    if season_ids is None:
        rows = conn.execute(_PENDING, bounds)
    else:
        rows = conn.execute(_PENDING_OF, bounds | {"ids": json_ids(list(season_ids))})
    found = [stored_release(row, later_begun=bool(row["later_begun"])) for row in rows]
    found.sort(key=lambda stored: (stored.season_id, stored.position))
    return found


def undated_releases(conn: sqlite3.Connection, season_ids: Iterable[int]) -> list[StoredRelease]:
    """The releases of these seasons whose date is not known at all, by season and position."""
    rows = conn.execute(
        """
        SELECT * FROM release_rows
        WHERE season_id IN (SELECT value FROM json_each(?)) AND starts_at IS NULL
        ORDER BY season_id, position
        """,
        (json_ids(list(season_ids)),),
    )
    return [stored_release(row) for row in rows]


def seasons_with_undated(
    conn: sqlite3.Connection, now: datetime, *, network: str | None = None
) -> list[int]:
    """The seasons with a release not surely out at ``now`` whose date is not known at all."""
    rows = conn.execute(
        """
        SELECT DISTINCT season_id FROM release_rows
        WHERE starts_at IS NULL AND (out_at IS NULL OR out_at >= ?)
            AND (? IS NULL OR network = ? COLLATE NOCASE)
        """,
        (utc_text(now - timedelta(minutes=2)), network, network),
    )
    return [row[0] for row in rows]


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
    ids = json_ids(show_ids)
    seasons = {
        r["id"]: (r["show_id"], r["number"], r["episode_count"])
        for r in conn.execute(
            "SELECT id, show_id, number, episode_count FROM seasons"
            " WHERE show_id IN (SELECT value FROM json_each(?))",
            (ids,),
        )
    }
    # The releases by their seasons: the index's primary key finds a show's few rows.
    season_ids = json_ids(list(seasons))
    sizes = {
        r["season_id"]: r["size"]
        for r in conn.execute(
            "SELECT season_id, max(last_episode) AS size FROM releases"
            " WHERE season_id IN (SELECT value FROM json_each(?)) AND last_episode IS NOT NULL"
            " GROUP BY season_id",
            (season_ids,),
        )
    }
    moment = utc_text(now)
    # Most are surely out: read those as bare tuples (hundreds of thousands of them).
    plain = conn.cursor()
    plain.row_factory = None
    released: list[tuple[int, int, int, StoredRelease | None]] = [
        (season_id, first, last, None)
        for season_id, first, last in plain.execute(
            """
            SELECT season_id, first_episode, last_episode FROM releases
            WHERE season_id IN (SELECT value FROM json_each(?)) AND first_episode IS NOT NULL
                AND out_at <= ?
            """,
            (season_ids, moment),
        )
    ]
    # Only the ones whose window holds "now" need a closer look.
    released += [
        (r["season_id"], r["first_episode"], r["last_episode"], stored_release(r))
        for r in conn.execute(
            """
            SELECT * FROM release_rows
            WHERE season_id IN (SELECT value FROM json_each(?)) AND first_episode IS NOT NULL
                AND starts_at <= ? AND ends_at > ?
            """,
            (season_ids, moment, moment),
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


class SeasonCounts(NamedTuple):
    """A season's progress as counts: its stated episode count, its highest episode number
    released at any time, the episodes surely out by a moment, and the episodes watched."""

    season_id: int
    show_id: int
    number: int
    episode_count: int | None
    size: int | None
    out: int
    watched: int


def progress_counts(
    conn: sqlite3.Connection, show_ids: list[int], now: datetime, *, from_watched: bool = True
) -> tuple[list[SeasonCounts], list[tuple[int, int, int, StoredRelease]]]:
    """What progress is worked out from, as counts per season (a season's releases hold
    each of its episodes once, so the episodes out are the sum of the releases' sizes),
    and the releases whose window holds ``now``, not surely out yet (season id, first and
    last episode, the release), for the caller to settle where the user is.

    Progress is about the latest season with episodes out or watched. With
    ``from_watched``, only the seasons that can be it are counted: each show's latest
    season above the one watched last with an episode surely out (else the one watched
    last), and those with a release unsettled at ``now``; otherwise every season of the
    shows. Each season's releases are read by its key, never their rows into Python."""
    moment = utc_text(now)
    plain = conn.cursor()
    plain.row_factory = None
    ids = json_ids(show_ids)
    unsettled = [
        (r["season_id"], r["first_episode"], r["last_episode"], stored_release(r))
        for r in conn.execute(
            """
            SELECT * FROM release_rows
            WHERE (
                -- A release known to the day or minute spans at most a few days.
                (exact = 1 AND starts_at BETWEEN :since AND :now)
                OR (exact = 0 AND ends_at > :now AND starts_at <= :now)
            )
                AND ends_at > :now AND (out_at IS NULL OR out_at > :now)
                AND first_episode IS NOT NULL
                AND show_id IN (SELECT value FROM json_each(:ids))
            """,
            {"now": moment, "since": utc_text(now - timedelta(days=3)), "ids": ids},
        )
    ]
    if from_watched:
        import json  # the show list's: a command about one show needs no JSON

        tops = plain.execute(
            """
            SELECT seasons.show_id, max(seasons.number) FROM watched
            JOIN seasons ON seasons.id = watched.season_id
            WHERE seasons.show_id IN (SELECT value FROM json_each(?))
            GROUP BY seasons.show_id
            """,
            (ids,),
        ).fetchall()
        # Each show's latest season above the one watched last with an episode surely out
        # (it holds the progress, unless a later one's release is out where the user is),
        # else that one watched last.
        chosen = dict(
            plain.execute(
                """
                SELECT coalesce((
                    SELECT later.id FROM seasons AS later
                    WHERE later.show_id = top.value ->> 0 AND later.number > top.value ->> 1
                        AND EXISTS (
                            SELECT 1 FROM releases WHERE season_id = later.id
                                AND first_episode IS NOT NULL AND out_at <= :now
                        )
                    ORDER BY later.number DESC LIMIT 1
                ), watched_last.id), watched_last.show_id
                FROM json_each(:tops) AS top JOIN seasons AS watched_last
                    ON watched_last.show_id = top.value ->> 0
                        AND watched_last.number = top.value ->> 1
                """,
                {"now": moment, "tops": json.dumps(tops)},
            ).fetchall()
        )
        # A later season whose release is out only where the user is may hold it instead.
        watched_last = dict(tops)
        chosen.update(
            (season_id, stored.release.show_id)
            for season_id, _, _, stored in unsettled
            if stored.release.season > watched_last.get(stored.release.show_id, -1)
        )
        where = "seasons.id IN (SELECT value FROM json_each(:seasons))"
        params = {"now": moment, "seasons": json_ids(list(chosen))}
    else:
        where = "seasons.show_id IN (SELECT value FROM json_each(:ids))"
        params = {"now": moment, "ids": ids}
    seasons = [
        SeasonCounts(*row)
        for row in plain.execute(
            f"""
            SELECT seasons.id, seasons.show_id, seasons.number, seasons.episode_count,
                (SELECT max(last_episode) FROM releases WHERE season_id = seasons.id),
                (SELECT coalesce(sum(last_episode - first_episode + 1), 0) FROM releases
                    WHERE season_id = seasons.id AND first_episode IS NOT NULL
                        AND out_at <= :now),
                (SELECT count(*) FROM watched WHERE season_id = seasons.id)
            FROM seasons WHERE {where}
            """,  # noqa: S608  (the clause is one of the two above; values are parameters)
            params,
        )
    ]
    return seasons, unsettled


class FeedKinds(NamedTuple):
    """Which releases a calendar feed holds: premieres, finales, and the episodes between."""

    premieres: bool = True
    finales: bool = True
    episodes: bool = True


EVERY_RELEASE = FeedKinds()


def feed_releases(
    conn: sqlite3.Connection,
    show_ids: list[int],
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    kinds: FeedKinds = EVERY_RELEASE,
) -> list[tuple[StoredRelease, int]]:
    """The releases of these shows a calendar feed holds, each with its sequence: those of
    the ``kinds`` asked for that may fall between ``since`` and ``until`` (None: open), by
    show, season and order within the season. Each show's releases are an index range scan
    (releases_by_show: by show, then by end); with no window, TBA ones too.
    """
    windowed = since is not None or until is not None
    rows = conn.execute(
        _FEED_WINDOW if windowed else _FEED,
        {
            "ids": json_ids(show_ids),
            # An open side: before or after every stored moment.
            "since": utc_text(since) or "",
            "until": utc_text(until) or _NEVER,
            **{kind: int(wanted) for kind, wanted in kinds._asdict().items()},
        },
    )
    return [(stored_release(row), row["sequence"]) for row in rows]


_FEED_ROWS = """
    SELECT release_rows.*, releases.sequence FROM release_rows
    JOIN releases ON releases.season_id = release_rows.season_id
        AND releases.position = release_rows.position
    WHERE release_rows.show_id IN (SELECT value FROM json_each(:ids))
        AND ((:premieres AND release_rows.premiere) OR (:finales AND release_rows.finale)
            OR (:episodes AND NOT release_rows.premiere AND NOT release_rows.finale))
"""
_FEED_ORDER = """
    ORDER BY release_rows.show COLLATE NOCASE, release_rows.show_id, release_rows.season,
        release_rows.position
"""
_FEED = _FEED_ROWS + _FEED_ORDER
# Bounds the index can range over (a NULL bound, or "? IS NULL OR", would make it read
# every release of the show).
_FEED_WINDOW = (
    _FEED_ROWS
    + "AND release_rows.ends_at >= :since AND release_rows.starts_at <= :until"
    + _FEED_ORDER
)
