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
from typing import Any, TypeGuard

from seasontrack.errors import InvalidInput
from seasontrack.histories import HistoryShow, Member, Watch, WatchHistory, json_of
from seasontrack.histories.tvtime import moment

EXPECTED = (
    'expected Trakt\'s watched shows or watchlist JSON: a list of {"show": {"title", "ids"},'
    ' "seasons": [...]} or {"type": "show", "show": {...}}'
)


def recognises_file(path: Path) -> bool:
    """Whether one file on its own is Trakt's JSON: a list, where the catalog's is an object."""
    try:
        with path.open("rb") as handle:
            start = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False
    return start.startswith(b"[")


def read(members: list[Member], path: Path) -> WatchHistory:
    history = WatchHistory("trakt")
    shows: dict[tuple[str, object], HistoryShow] = {}
    single = len(members) == 1
    for member in members:
        where = f"{path.name}: {member.name}" if member.name != path.name else member.name
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
        number = season.get("number") if isinstance(season, dict) else None
        if not _whole(number, 0):
            history.skipped.append(f"{s_where}: no season number")
            continue
        episodes = season.get("episodes") or []
        for e_index, episode in enumerate(episodes if isinstance(episodes, list) else []):
            e_where = f"{s_where}.episodes[{e_index}]"
            episode_number = episode.get("number") if isinstance(episode, dict) else None
            if not _whole(episode_number, 1):
                history.skipped.append(f"{e_where}: no episode number")
                continue
            assert isinstance(episode, dict)
            plays = episode.get("plays")
            if _whole(plays, 0) and plays == 0:
                continue
            at = episode.get("last_watched_at")
            known.watched(Watch(number, episode_number, _when(at)))


def _whole(value: object, least: int) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= least


def _when(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    found = moment(value)
    return found if isinstance(found, datetime) else None


def _show(raw: Mapping[str, Any]) -> HistoryShow | None:
    ids = raw.get("ids") if isinstance(raw.get("ids"), dict) else {}
    assert isinstance(ids, dict)
    title = raw.get("title")
    name = title.strip() if isinstance(title, str) and title.strip() else None
    tvdb = ids.get("tvdb")
    imdb = ids.get("imdb")
    year = raw.get("year")
    show = HistoryShow(
        name,
        thetvdb_id=tvdb if _whole(tvdb, 1) else None,
        imdb_id=imdb.strip() if isinstance(imdb, str) and imdb.strip() else None,
        year=year if _whole(year, 1) else None,
    )
    if name is None and show.thetvdb_id is None and show.imdb_id is None:
        return None
    return show


def _key(raw: Mapping[str, Any], show: HistoryShow) -> tuple[str, object]:
    """The same show on the watched list and the watchlist: by Trakt's id, else another."""
    ids = raw.get("ids") if isinstance(raw.get("ids"), dict) else {}
    assert isinstance(ids, dict)
    trakt = ids.get("trakt")
    if _whole(trakt, 1):
        return ("trakt", trakt)
    if show.thetvdb_id is not None:
        return ("tvdb", show.thetvdb_id)
    if show.imdb_id:
        return ("imdb", show.imdb_id)
    return ("title", (show.name or "").casefold())
