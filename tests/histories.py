"""Watch-history exports for the tests, written by the tests' own code in the layouts TV Time
and Trakt use (the columns and keys their exports have; made-up rows, nobody's account)."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path
from typing import Any

# Each TV Time file and its columns.
TVTIME_COLUMNS = {
    "tracking-prod-records-v2.csv": [
        "key",
        "s_id",
        "series_name",
        "season_number",
        "episode_number",
        "created_at",
        "is_followed",
        "is_archived",
        "updated_at",
    ],
    "tracking-prod-records.csv": [
        "series_id",
        "series_name",
        "season_number",
        "episode_number",
        "watch_date",
    ],
    "seen_episode.csv": [
        "tv_show_name",
        "episode_season_number",
        "episode_number",
        "episode_id",
        "created_at",
    ],
    "rewatched_episode.csv": [
        "tv_show_name",
        "episode_season_number",
        "episode_number",
        "created_at",
    ],
    "followed_tv_show.csv": ["tv_show_id", "tv_show_name", "active", "archived", "created_at"],
    "user_tv_show_data.csv": ["tv_show_id", "tv_show_name", "is_followed", "nb_seen_episodes"],
}


def write_csv(path: Path, columns: list[str], rows: list[dict[str, object]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, columns, restval="", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def tvtime_folder(folder: Path, files: dict[str, list[dict[str, object]]]) -> Path:
    """A TV Time export unpacked: each named file with its rows (columns as TV Time's)."""
    for name, rows in files.items():
        columns = TVTIME_COLUMNS.get(name) or TVTIME_COLUMNS["seen_episode.csv"]
        write_csv(folder / name, columns, rows)
    return folder


def zipped(folder: Path, target: Path, *, inside: str = "") -> Path:
    """The folder as the zip TV Time mailed (its files under ``inside``, if given)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in sorted(folder.rglob("*")):
            if item.is_file():
                archive.write(item, f"{inside}{item.relative_to(folder).as_posix()}")
    return target


def watch(key: str, tvdb: int, name: str, season: int, episode: int, at: str) -> dict[str, object]:
    """A `tracking-prod-records-v2.csv` row of an episode watched (or rewatched)."""
    return {
        "key": f"{key}-{tvdb}-{season}-{episode}",
        "s_id": tvdb,
        "series_name": name,
        "season_number": season,
        "episode_number": episode,
        "created_at": at,
        "updated_at": at,
    }


def follow(
    tvdb: int, name: str, *, followed: bool = True, archived: bool = False
) -> dict[str, object]:
    """A `tracking-prod-records-v2.csv` row saying whether a show is followed or archived."""
    return {
        "key": f"user-series-{tvdb}",
        "s_id": tvdb,
        "series_name": name,
        "is_followed": int(followed),
        "is_archived": int(archived),
        "created_at": "2018-01-01 10:00:00",
    }


def seen(name: str, season: int, episode: int, at: str) -> dict[str, object]:
    """A `seen_episode.csv` (or `rewatched_episode.csv`) row: a show by name only."""
    return {
        "tv_show_name": name,
        "episode_season_number": season,
        "episode_number": episode,
        "episode_id": 1000 * season + episode,
        "created_at": at,
    }


def trakt_show(
    title: str, year: int, *, trakt: int, tvdb: int | None = None, imdb: str | None = None
) -> dict[str, Any]:
    """A show as Trakt describes one."""
    slug = title.lower().replace(" ", "-")
    return {
        "title": title,
        "year": year,
        "ids": {"trakt": trakt, "slug": slug, "tvdb": tvdb, "imdb": imdb, "tmdb": trakt + 50000},
    }


def trakt_watched(
    show: dict[str, Any], seasons: dict[int, list[tuple[int, int, str]]]
) -> dict[str, Any]:
    """A `/sync/watched/shows` entry: per season, (episode, plays, last_watched_at)."""
    last = max(at for episodes in seasons.values() for _, _, at in episodes)
    return {
        "plays": sum(plays for episodes in seasons.values() for _, plays, _ in episodes),
        "last_watched_at": last,
        "last_updated_at": last,
        "reset_at": None,
        "show": show,
        "seasons": [
            {
                "number": number,
                "episodes": [
                    {"number": episode, "plays": plays, "last_watched_at": at}
                    for episode, plays, at in episodes
                ],
            }
            for number, episodes in seasons.items()
        ],
    }


def trakt_listed(show: dict[str, Any], rank: int = 1) -> dict[str, Any]:
    """A watchlist entry of a show."""
    return {
        "rank": rank,
        "id": 9000 + rank,
        "listed_at": "2024-01-02T03:04:05.000Z",
        "notes": None,
        "type": "show",
        "show": show,
    }


def write_json(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path
