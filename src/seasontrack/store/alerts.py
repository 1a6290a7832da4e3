"""Alerts beyond releases: what each show alerts for, its seasons' news (announced, dated:
the premiere's history) and their complete moments, as the alert service reads them.

The news is written by the schema's triggers (migration m017), whoever writes a season;
:func:`stamp_news` gives it the moment of the transaction that wrote it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from seasontrack.dates import PartialDate
from seasontrack.models import SeasonNews, SentAlert
from seasontrack.store.codecs import (
    SEASON_EPISODES,
    alerts_text,
    complete_moment,
    date_columns,
    date_from,
    json_ids,
    utc_text,
)


def stamp_news(conn: sqlite3.Connection, now: datetime | None = None) -> None:
    """Before a write transaction commits: its news gets the moment it happened, and the
    shows it inserted stop being new. ``now`` defaults to the moment the command goes by
    (``CatalogConnection.now``, its ``--now``), else :func:`seasontrack.clock.write_time`
    (read only when there is news to stamp)."""
    if conn.execute("SELECT 1 FROM season_news WHERE noticed_at IS NULL LIMIT 1").fetchone():
        now = now or getattr(conn, "now", None)
        if now is None:
            from seasontrack.clock import write_time

            now = write_time()
        conn.execute(
            "UPDATE season_news SET noticed_at = ? WHERE noticed_at IS NULL", (utc_text(now),)
        )
    conn.execute("DELETE FROM new_shows")


def set_alerts(conn: sqlite3.Connection, show_id: int, kinds: tuple[str, ...] | None) -> None:
    """What the show alerts for (None: every kind)."""
    conn.execute("UPDATE shows SET alerts = ? WHERE id = ?", (alerts_text(kinds), show_id))


class News(NamedTuple):
    """A season's news: announced, or its premiere changed from ``was`` to ``now``."""

    show_id: int
    show: str
    network: str | None
    season: int
    kind: str
    noticed_at: str
    was: PartialDate | None
    now: PartialDate
    release_tz: str | None
    alerts: str | None


def news_between(conn: sqlite3.Connection, since: datetime, until: datetime) -> list[News]:
    """The news of followed shows' seasons noticed from ``since`` to ``until`` (an index
    range scan), oldest first."""
    rows = conn.execute(
        """
        SELECT n.kind, n.noticed_at, n.was_precision, n.was_start, n.now_precision,
            n.now_start, seasons.show_id, seasons.number, seasons.release_tz, shows.title,
            shows.alerts,
            coalesce(seasons.network, shows.network) AS network
        FROM season_news n
        JOIN seasons ON seasons.id = n.season_id
        JOIN shows ON shows.id = seasons.show_id
        WHERE n.noticed_at BETWEEN ? AND ? AND shows.followed = 1
            -- A season you have watched episodes of (a watch history brought it) is no news.
            AND NOT (n.kind = 'announced'
                AND EXISTS (SELECT 1 FROM watched WHERE watched.season_id = n.season_id))
        ORDER BY n.noticed_at, n.id
        """,
        (utc_text(since), utc_text(until)),
    )
    return [
        News(
            show_id=r["show_id"],
            show=r["title"],
            network=r["network"],
            season=r["number"],
            kind=r["kind"],
            noticed_at=r["noticed_at"],
            was=None if r["kind"] != "dated" else date_from(r["was_precision"], r["was_start"]),
            now=date_from(r["now_precision"], r["now_start"]),
            release_tz=r["release_tz"],
            alerts=r["alerts"],
        )
        for r in rows
    ]


class Completed(NamedTuple):
    """A followed show's season whose complete moment falls in a span."""

    show_id: int
    show: str
    network: str | None
    season: int
    episodes: int | None
    complete: PartialDate
    complete_at: str  # its latest moment, UTC text: the alert's key
    release_tz: str | None
    alerts: str | None


def completed_between(
    conn: sqlite3.Connection, since: datetime, until: datetime
) -> list[Completed]:
    """Followed shows' seasons surely complete from ``since`` to ``until`` (an index range
    scan of their complete moments), soonest first; not those that came out in one release
    (all at once), which their release told whole."""
    rows = conn.execute(
        f"""
        SELECT seasons.show_id, seasons.number, seasons.release_tz,
            {SEASON_EPISODES} AS episodes,
            complete_precision, complete_start, complete_time, complete_tz, complete_ends_at,
            shows.title, shows.alerts, coalesce(seasons.network, shows.network) AS network
        FROM seasons JOIN shows ON shows.id = seasons.show_id
        WHERE complete_ends_at BETWEEN ? AND ? AND shows.followed = 1
            AND complete_precision IN ('day', 'minute')
            -- A season out in one go was told whole by its release.
            AND (SELECT count(*) FROM releases WHERE season_id = seasons.id) > 1
        ORDER BY complete_ends_at, shows.title COLLATE NOCASE, seasons.number
        """,  # noqa: S608  (a constant expression; values are parameters)
        (utc_text(since), utc_text(until)),
    )
    return [
        Completed(
            show_id=r["show_id"],
            show=r["title"],
            network=r["network"],
            season=r["number"],
            episodes=r["episodes"] or None,
            complete=complete_moment(r),
            complete_at=r["complete_ends_at"],
            release_tz=r["release_tz"],
            alerts=r["alerts"],
        )
        for r in rows
    ]


def alerts_of(conn: sqlite3.Connection, show_ids: Iterable[int]) -> dict[int, str | None]:
    """What each show alerts for (None: every kind), by show id."""
    rows = conn.execute(
        "SELECT id, alerts FROM shows WHERE id IN (SELECT value FROM json_each(?))",
        (json_ids(list(show_ids)),),
    )
    return {r["id"]: r["alerts"] for r in rows}


class Dated(NamedTuple):
    """One change of a season's premiere: it was ``was`` until ``until`` (UTC text)."""

    season: int
    was: PartialDate
    now: PartialDate
    until: str


def premiere_history(conn: sqlite3.Connection, show_id: int) -> list[Dated]:
    """The show's seasons' earlier premieres, by season, oldest change first."""
    rows = conn.execute(
        """
        SELECT seasons.number, n.was_precision, n.was_start, n.now_precision, n.now_start,
            n.noticed_at
        FROM season_news n JOIN seasons ON seasons.id = n.season_id
        WHERE seasons.show_id = ? AND n.kind = 'dated' AND n.noticed_at IS NOT NULL
        ORDER BY seasons.number, n.noticed_at, n.id
        """,
        (show_id,),
    )
    return [
        Dated(
            r["number"],
            date_from(r["was_precision"], r["was_start"]),
            date_from(r["now_precision"], r["now_start"]),
            r["noticed_at"],
        )
        for r in rows
    ]


# ---------------------------------------------------------------------------- the alert log


def alert_log(
    conn: sqlite3.Connection, show_ids: list[int]
) -> tuple[dict[int, list[SeasonNews]], dict[int, list[SentAlert]]]:
    """The shows' season news and delivered alerts, by show id (two queries)."""
    ids = json_ids(show_ids)
    news: dict[int, list[SeasonNews]] = {}
    for r in conn.execute(
        """
        SELECT seasons.show_id, seasons.number, n.kind, n.noticed_at, n.was_precision,
            n.was_start, n.now_precision, n.now_start
        FROM season_news n JOIN seasons ON seasons.id = n.season_id
        WHERE seasons.show_id IN (SELECT value FROM json_each(?)) AND n.noticed_at IS NOT NULL
        ORDER BY seasons.number, n.noticed_at, n.id
        """,
        (ids,),
    ):
        was = None if r["kind"] != "dated" else date_from(r["was_precision"], r["was_start"])
        news.setdefault(r["show_id"], []).append(
            SeasonNews(
                r["number"],
                r["kind"],
                r["noticed_at"],
                was,
                date_from(r["now_precision"], r["now_start"]),
            )
        )
    sent: dict[int, list[SentAlert]] = {}
    for r in conn.execute(
        """
        SELECT show_id, kind, season, episode, release_at, lead_minutes, channel, claimed_at
        FROM reminders
        WHERE show_id IN (SELECT value FROM json_each(?)) AND state = 'sent'
        ORDER BY kind, season, episode, release_at, lead_minutes, channel
        """,
        (ids,),
    ):
        sent.setdefault(r["show_id"], []).append(
            SentAlert(
                r["kind"],
                r["season"],
                r["episode"],
                r["release_at"],
                r["lead_minutes"],
                r["channel"],
                r["claimed_at"],
            )
        )
    return news, sent


def restore_alert_log(
    conn: sqlite3.Connection, show_id: int, news: Iterable[SeasonNews], sent: Iterable[SentAlert]
) -> None:
    """What an export carried: news of the show's seasons (those the catalog has) and its
    delivered alerts; what the catalog already holds is kept."""
    conn.executemany(
        """
        INSERT OR IGNORE INTO season_news (season_id, kind, noticed_at, was_precision,
            was_start, now_precision, now_start)
        SELECT id, ?, ?, ?, ?, ?, ? FROM seasons WHERE show_id = ? AND number = ?
        """,
        [
            (
                n.kind,
                n.noticed_at,
                *(date_columns(n.was) if n.was is not None else (None, None)),
                *date_columns(n.now),
                show_id,
                n.season,
            )
            for n in news
        ],
    )
    conn.executemany(
        """
        INSERT INTO reminders (kind, show_id, season, episode, release_at, lead_minutes,
            channel, state, claimed_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, 'sent', ?)
        ON CONFLICT DO UPDATE SET state = 'sent'
        """,
        [
            (
                s.kind,
                show_id,
                s.season,
                s.episode,
                s.release_at,
                s.lead_minutes,
                s.channel,
                s.claimed_at,
            )
            for s in sent
        ],
    )
