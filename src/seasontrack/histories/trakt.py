"""Trakt's JSON: the watched shows (as ``/sync/watched/shows`` and the export tools built on
it write them) and a watchlist, whose shows are followed.

Watched shows: ``[{"show": {"title", "year", "ids": {"trakt", "slug", "tvdb", "imdb",
"tmdb"}}, "seasons": [{"number", "episodes": [{"number", "plays", "last_watched_at"}]}]}]``.
A watchlist: ``[{"type": "show", "show": {...}}]``; its movies and episodes are not shows and
are passed over. One file, or a zip or folder of them (other files are listed as ignored).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from seasontrack.errors import InvalidInput
from seasontrack.histories import (
    MAX_EPISODE,
    MAX_ID,
    MAX_SEASON,
    HistoryShow,
    Member,
    Watch,
    WatchHistory,
    imdb_id,
    json_of,
    number_in,
    show_name,
)
from seasontrack.histories.tvtime import moment

EXPECTED = (
    'expected Trakt\'s watched shows or watchlist JSON: a list of {"show": {"title", "ids"},'
    ' "seasons": [...]} or {"type": "show", "show": {...}}'
)


def recognises_file(path: Path) -> bool:
    """Whether one file on its own is Trakt's JSON: a list (the catalog's is an object) that
    is empty or names a show near its start; any other list is left to the catalog reader,
    which says what it is not."""
    try:
        with path.open("rb") as handle:
            start = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False
    if not start.startswith(b"["):
        return False
    return start[1:].lstrip(b" \t\r\n").startswith(b"]") or b'"show"' in start


def read(members: list[Member], path: Path) -> WatchHistory:
    history = WatchHistory("trakt")
    shows: dict[tuple[str, object], HistoryShow] = {}
    single = len(members) == 1
    for member in members:
        where = member.place(path)
        if not member.basename.lower().endswith(".json") and not single:
            history.ignored.append(member.name)
            continue
        data = json_of(member, where)
        items = _items(data)
        if items is None:
            if single:
                raise InvalidInput(f"{where}: {EXPECTED}")
            history.ignored.append(member.name)
            continue
        for index, item in enumerate(items):
            _read_item(item, f"{where}[{index}]", shows, history)
        history.read.append(member.name)
    if not history.read:
        raise InvalidInput(f"{path}: no Trakt JSON in it ({EXPECTED})")
    history.shows = sorted(shows.values(), key=lambda s: s.label.casefold())
    return history


def _items(data: object) -> list[Mapping[str, Any]] | None:
    """The entries of a Trakt list, or None when ``data`` is not one."""
    if not isinstance(data, list):
        return None
    if not all(isinstance(item, dict) for item in data):
        return None
    if data and not any("show" in item or "type" in item for item in data):
        return None
    return data


def _read_item(
    item: Mapping[str, Any],
    where: str,
    shows: dict[tuple[str, object], HistoryShow],
    history: WatchHistory,
) -> None:
    kind = item.get("type")
    raw = item.get("show")
    if kind not in (None, "show") or not isinstance(raw, dict):
        return  # a movie, an episode or a person on a watchlist: not a show
    show = _show(raw)
    if show is None:
        history.skipped.append(f"{where}: a show with no title and no ids")
        return
    key = _key(raw, show)
    known = shows.get(key)
    if known is None:
        known = shows[key] = show
    seasons = item.get("seasons")
    if seasons is None:
        # On a watchlist: a show to follow.
        known.followed = True
        return
    if not isinstance(seasons, list):
        history.skipped.append(f"{where}.seasons: expected a list")
        return
    for s_index, season in enumerate(seasons):
        s_where = f"{where}.seasons[{s_index}]"
        number = (
            number_in(season.get("number"), 0, MAX_SEASON) if isinstance(season, dict) else None
        )
        if number is None:
            history.skipped.append(f"{s_where}: no season number (0 to {MAX_SEASON})")
            continue
        episodes = season.get("episodes") or []
        for e_index, episode in enumerate(episodes if isinstance(episodes, list) else []):
            e_where = f"{s_where}.episodes[{e_index}]"
            if not isinstance(episode, dict):
                history.skipped.append(f"{e_where}: expected an object")
                continue
            episode_number = number_in(episode.get("number"), 1, MAX_EPISODE)
            if episode_number is None:
                history.skipped.append(f"{e_where}: no episode number (1 to {MAX_EPISODE})")
                continue
            if episode.get("plays") == 0:
                continue
            at = episode.get("last_watched_at")
            known.watched(Watch(number, episode_number, _when(at)))


def _when(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    found = moment(value)
    return found if isinstance(found, datetime) else None


def _show(raw: Mapping[str, Any]) -> HistoryShow | None:
    ids = raw.get("ids") if isinstance(raw.get("ids"), dict) else {}
    assert isinstance(ids, dict)
    name = show_name(raw.get("title"))
    show = HistoryShow(
        name,
        thetvdb_id=number_in(ids.get("tvdb"), 1, MAX_ID),
        imdb_id=imdb_id(ids.get("imdb")),
        year=number_in(raw.get("year"), 1, 9999),
    )
    if name is None and show.thetvdb_id is None and show.imdb_id is None:
        return None
    return show


def _key(raw: Mapping[str, Any], show: HistoryShow) -> tuple[str, object]:
    """The same show on the watched list and the watchlist: by Trakt's id, else another."""
    ids = raw.get("ids") if isinstance(raw.get("ids"), dict) else {}
    assert isinstance(ids, dict)
    trakt = number_in(ids.get("trakt"), 1, MAX_ID)
    if trakt is not None:
        return ("trakt", trakt)
    if show.thetvdb_id is not None:
        return ("tvdb", show.thetvdb_id)
    if show.imdb_id:
        return ("imdb", show.imdb_id)
    return ("title", (show.name or "").casefold())
