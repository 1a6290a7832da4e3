"""Facts and where they came from: typed by the user, imported from a file, or a provider's.

A fact is one field of a show ("status"), of a season ("S2" "premiere") or of an episode
("S2E3" "airs"), compared as the text a user reads. The catalog's values are the user's
unless a provider wrote them. A user's fact with no row of its own came the way its show
came (typed in, or imported); a row records every other case, and the value a provider
offers where it differs from the user's.
"""

from __future__ import annotations

import sqlite3

from seasontrack import store
from seasontrack.dates import PartialDate
from seasontrack.models import PROVIDER_NAMES, Episode, Fact, Season, Show, ShowLink

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
        store.facts.claim_facts(conn, show_id, subject, changed, origin)


def yours(origin: str) -> str:
    """How a difference names the user's value."""
    return "yours (imported)" if origin == "imported" else "yours"


def difference(where: str, origin: str, current: str, provider: str, offered: str) -> str:
    """'S2 premiere: yours March 8, 2018, TVmaze March 9, 2018'."""
    return f"{where}: {yours(origin)} {current}, {PROVIDER_NAMES[provider]} {offered}"


# ---------------------------------------------------------------------------- for `info`


def link_of(conn: sqlite3.Connection, show_id: int) -> ShowLink | None:
    return store.provider_links.get_provider_link(conn, show_id)


_FIELDS_IN_ORDER = (
    *("network", "country", "status", "summary"),
    *("premiere", "finale", "episodes", "release", "time"),
    *("title", "airs"),
)
_FIELD_ORDER = {name: rank for rank, name in enumerate(_FIELDS_IN_ORDER)}


def differences(conn: sqlite3.Connection, show_id: int) -> list[str]:
    """Where a provider's value differs from the user's, which stands: for `info`. The show's
    first, then each season's and its episodes', in order."""
    found = []
    for fact in store.facts.get_facts(conn, show_id).values():
        if fact.offered is None or fact.offered_by is None:
            continue
        current = _current_value(conn, show_id, fact)
        if current is None or current == fact.offered:
            continue
        line = difference(fact.where(), fact.origin, current, fact.offered_by, fact.offered)
        found.append((_subject_order(fact.subject), _FIELD_ORDER.get(fact.field, 99), line))
    return [line for *_, line in sorted(found)]


def _subject_order(subject: str) -> tuple[int, int]:
    """'' (the show) first, then S1, S1E1, S1E2, S2..."""
    if not subject:
        return (-1, -1)
    season, _, episode = subject[1:].partition("E")
    return (int(season), int(episode) if episode else 0)


def _current_value(conn: sqlite3.Connection, show_id: int, fact: Fact) -> str | None:
    """The catalog's value of a fact now, as text; None when it has none."""
    if not fact.subject:
        show = store.shows.get_shows(conn, [show_id], seasons=False)[0]
        value = getattr(show, fact.field, None)
        return None if value is None else str(value)
    season_part, _, episode_part = fact.subject[1:].partition("E")
    row = store.seasons.season_id(conn, show_id, int(season_part))
    if row is None:
        return None
    season = store.seasons.get_season(conn, row)
    if not episode_part:
        return season_facts(season).get(fact.field)
    episode = next((e for e in season.episodes if e.number == int(episode_part)), None)
    if episode is None:
        return None
    return episode.title if fact.field == "title" else airs_label(episode)
