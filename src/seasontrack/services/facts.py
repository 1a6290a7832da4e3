"""Facts and where they came from: typed by the user, imported from a file, or a provider's.

A fact is one field of a show ("status"), of a season ("S2" "premiere") or of an episode
("S2E3" "airs"), compared as the text a user reads. The catalog's values are the user's
unless a provider wrote them. A user's fact with no row of its own came the way its show
came (typed in, or imported); a row records every other case, and the value a provider
offers where it differs from the user's.
"""

from __future__ import annotations

import sqlite3

from seasontrack.dates import PartialDate
from seasontrack.models import PROVIDER_NAMES, Episode, Season, Show
from seasontrack.store import online

Facts = dict[str, str | None]
SHOW_FIELDS = ("network", "country", "status", "summary")


def label(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, PartialDate):
        return None if value.start is None else value.date_only().label()
    return str(value)


def airs_label(episode: Episode) -> str | None:
    return None if episode.airs.start is None else episode.airs.label()


def time_label(season: Season) -> str | None:
    if season.release_time is None:
        return None
    return f"{season.release_time:%H:%M} {season.release_tz or ''}".strip()


def show_facts(show: Show) -> Facts:
    return {
        name: label(getattr(show, name)) for name in ("network", "country", "status", "summary")
    }


def season_facts(season: Season) -> Facts:
    return {
        "premiere": label(season.premiere),
        "finale": label(season.finale),
        "episodes": label(season.episode_count),
        "release": None if season.release_pattern == "unknown" else season.release_pattern,
        "time": time_label(season),
        "network": season.network,
    }


def episode_facts(episode: Episode) -> Facts:
    return {"title": episode.title, "airs": airs_label(episode)}


def claim(
    conn: sqlite3.Connection,
    show_id: int,
    subject: str,
    before: Facts,
    after: Facts,
    origin: str,
) -> None:
    """The user set these facts (``origin``: "typed" or "imported"): each one that changed
    is theirs from now on, and says how it came."""
    changed = [name for name, value in after.items() if value != before.get(name)]
    if changed:
        online.claim_facts(conn, show_id, subject, changed, origin)


def yours(origin: str) -> str:
    """How a difference names the user's value."""
    return "yours (imported)" if origin == "imported" else "yours"


def difference(where: str, origin: str, current: str, provider: str, offered: str) -> str:
    """'S2 premiere: yours March 8, 2018, TVmaze March 9, 2018'."""
    return f"{where}: {yours(origin)} {current}, {PROVIDER_NAMES[provider]} {offered}"
