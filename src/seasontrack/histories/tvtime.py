"""TV Time's export (the GDPR zip it mailed, or the folder unpacked from it), every layout.

Its layout changed over the years, so every variant present is read:

- ``tracking-prod-records-v2.csv``: rows whose ``key`` starts with ``watch-episode`` or
  ``rewatch-episode`` are episodes watched (``s_id`` is TheTVDB's id of the show,
  ``series_name``, ``season_number``, ``episode_number``, ``created_at``); rows whose
  ``key`` starts with ``user-series`` say whether the show is followed or archived
  (``is_followed``, ``is_archived``);
- ``tracking-prod-records.csv``: ``series_id``, ``series_name``, ``season_number``,
  ``episode_number``, ``watch_date``;
- ``seen_episode*.csv`` and ``rewatched_episode.csv``: ``tv_show_name``,
  ``episode_season_number``, ``episode_number``, ``created_at`` (names only);
- ``followed_tv_show.csv``: ``tv_show_id``, ``tv_show_name``, ``active``, ``archived``;
- ``user_tv_show_data.csv``: ``tv_show_id``, ``tv_show_name``, ``is_followed``.

Other files are listed as ignored. A show named by its TheTVDB id in one file and only by
its name in another is one show.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from seasontrack.errors import InvalidInput
from seasontrack.histories import (
    MAX_EPISODE,
    MAX_ID,
    MAX_SEASON,
    HistoryShow,
    Member,
    Watch,
    WatchHistory,
    number_in,
    show_name,
    text_of,
)

EXAMPLE_FILES = "tracking-prod-records-v2.csv, tracking-prod-records.csv or seen_episode.csv"
WATCH_KEYS = ("watch-episode", "rewatch-episode")
FOLLOW_KEY = "user-series"
TRUE = {"1", "true", "t", "yes", "y"}
FALSE = {"0", "false", "f", "no", "n"}


@dataclass(frozen=True)
class Layout:
    """One of the export's files: the columns it must have and how its rows are read."""

    name: str
    columns: tuple[str, ...]
    read: Callable[[Collector, dict[str, str]], None]


def layout_of(filename: str, header: list[str] | None = None) -> Layout | None:
    """The layout of a file of the export, by its name (or, failing that, its columns)."""
    name = filename.lower()
    for layout in LAYOUTS:
        if name == layout.name or (layout.name == "seen_episode.csv" and _is_seen(name)):
            return layout
    if header is not None:
        present = {column.strip().lower() for column in header}
        for layout in LAYOUTS:
            if set(layout.columns) <= present:
                return layout
    return None


def _is_seen(name: str) -> bool:
    return name.startswith("seen_episode") and name.endswith(".csv")


def recognises_file(path: Path) -> bool:
    """Whether one file on its own is a file of a TV Time export (by name or columns)."""
    if layout_of(path.name) is not None:
        return True
    if path.suffix.lower() != ".csv":
        return False
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), None)
    except (OSError, UnicodeDecodeError, csv.Error):
        return False
    return header is not None and layout_of(path.name, header) is not None


def read(members: list[Member], path: Path) -> WatchHistory:
    history = WatchHistory("tvtime")
    collector = Collector()
    single = len(members) == 1
    for member in members:
        where = member.place(path)
        layout = layout_of(member.basename)
        if layout is None and single:
            layout = _layout_by_header(member, where)
        if layout is None:
            history.ignored.append(member.name)
            continue
        _read_file(collector, layout, member, where, history)
        history.read.append(member.name)
    if not history.read:
        raise InvalidInput(f"{path}: no file of a TV Time export in it (expected {EXAMPLE_FILES})")
    history.shows = collector.shows()
    return history


def _layout_by_header(member: Member, where: str) -> Layout | None:
    header = next(csv.reader(text_of(member, where)), None)
    return layout_of(member.basename, header) if header else None


def _read_file(
    collector: Collector, layout: Layout, member: Member, where: str, history: WatchHistory
) -> None:
    rows = csv.DictReader(text_of(member, where))
    try:
        header = [(column or "").strip().lower() for column in rows.fieldnames or []]
        missing = [column for column in layout.columns if column not in header]
        if missing:
            raise InvalidInput(
                f"{where}: expected the columns {', '.join(layout.columns)}; missing"
                f" {', '.join(missing)}"
            )
        rows.fieldnames = header
        for row in rows:
            line = f"{where}: line {rows.line_num}"
            try:
                layout.read(collector, {k: (v or "").strip() for k, v in row.items() if k})
            except _Skip as skip:
                history.skipped.append(f"{line}: {skip}")
    except csv.Error as exc:
        raise InvalidInput(f"{where}: line {rows.line_num}: not readable CSV ({exc})") from None


class _Skip(Exception):
    """A row that cannot be used: noted, and the reading goes on."""


# ---------------------------------------------------------------------------- the rows


def _watch_v2(collector: Collector, row: dict[str, str]) -> None:
    key = row.get("key", "")
    if key.startswith(WATCH_KEYS):
        seen = _watch(row, "season_number", "episode_number", "created_at")
        collector.show(_id(row.get("s_id")), row.get("series_name")).watched(seen)
    elif key.startswith(FOLLOW_KEY):
        show = collector.show(_id(row.get("s_id")), row.get("series_name"))
        _follow(show, _flag(row.get("is_followed")), _flag(row.get("is_archived")))


def _watch_v1(collector: Collector, row: dict[str, str]) -> None:
    seen = _watch(row, "season_number", "episode_number", "watch_date")
    collector.show(_id(row.get("series_id")), row.get("series_name")).watched(seen)


def _seen(collector: Collector, row: dict[str, str]) -> None:
    seen = _watch(row, "episode_season_number", "episode_number", "created_at")
    collector.show(None, row.get("tv_show_name")).watched(seen)


def _followed(collector: Collector, row: dict[str, str]) -> None:
    show = collector.show(_id(row.get("tv_show_id")), row.get("tv_show_name"))
    active = _flag(row.get("active"))
    _follow(show, True if active is None else active, _flag(row.get("archived")))


def _user_data(collector: Collector, row: dict[str, str]) -> None:
    show = collector.show(_id(row.get("tv_show_id")), row.get("tv_show_name"))
    _follow(show, _flag(row.get("is_followed")), None)


def _follow(show: HistoryShow, followed: bool | None, archived: bool | None) -> None:
    if followed is not None:
        show.followed = followed or bool(show.followed)
    show.archived = show.archived or bool(archived)


def _id(text: str | None) -> int | None:
    """TheTVDB's id of a show; anything else (empty, 0, not a number) is no id."""
    return number_in(text, 1, MAX_ID)


def _flag(text: str | None) -> bool | None:
    value = (text or "").strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    return None


def _watch(row: dict[str, str], season: str, episode: str, when: str) -> Watch:
    numbers = []
    for column, least, most in ((season, 0, MAX_SEASON), (episode, 1, MAX_EPISODE)):
        text = row.get(column, "")
        number = number_in(text, least, most)
        if number is None:
            raise _Skip(f"{column} {text!r} is not a number from {least} to {most}")
        numbers.append(number)
    return Watch(numbers[0], numbers[1], moment(row.get(when, "")))


def moment(text: str) -> datetime | date | None:
    """When TV Time says a thing happened: "2019-05-12 21:30:45" (UTC), with or without
    fractions or an offset, or a day; None when it says nothing readable."""
    text = text.strip()
    if not text:
        return None
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        at = datetime.fromisoformat(text.replace(" UTC", "").replace("Z", "+00:00"))
    except ValueError:
        return None
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


LAYOUTS = (
    Layout(
        "tracking-prod-records-v2.csv",
        ("key", "s_id", "series_name", "season_number", "episode_number", "created_at"),
        _watch_v2,
    ),
    Layout(
        "tracking-prod-records.csv",
        ("series_id", "series_name", "season_number", "episode_number", "watch_date"),
        _watch_v1,
    ),
    Layout(
        "seen_episode.csv",
        ("tv_show_name", "episode_season_number", "episode_number", "created_at"),
        _seen,
    ),
    Layout(
        "rewatched_episode.csv",
        ("tv_show_name", "episode_season_number", "episode_number", "created_at"),
        _seen,
    ),
    Layout(
        "followed_tv_show.csv",
        ("tv_show_id", "tv_show_name", "active", "archived"),
        _followed,
    ),
    Layout("user_tv_show_data.csv", ("tv_show_id", "tv_show_name", "is_followed"), _user_data),
)


# ---------------------------------------------------------------------------- one show each


class Collector:
    """Gathers the rows of every file into shows: by TheTVDB id where a row gives one, else
    by name; a name-only show joins the show with an id that has its name."""

    def __init__(self) -> None:
        self.by_id: dict[int, HistoryShow] = {}
        self.by_name: dict[str, HistoryShow] = {}

    def show(self, thetvdb_id: int | None, name: str | None) -> HistoryShow:
        name = show_name(name)
        if thetvdb_id is not None:
            found = self.by_id.get(thetvdb_id)
            if found is None:
                found = self.by_id[thetvdb_id] = HistoryShow(name, thetvdb_id=thetvdb_id)
            found.name = found.name or name
            return found
        if name is None:
            raise _Skip("no show id and no show name")
        key = name.casefold()
        found = self.by_name.get(key)
        if found is None:
            found = self.by_name[key] = HistoryShow(name)
        return found

    def shows(self) -> list[HistoryShow]:
        named: dict[str, list[HistoryShow]] = {}
        for show in self.by_id.values():
            if show.name:
                named.setdefault(show.name.casefold(), []).append(show)
        shows = list(self.by_id.values())
        for key, show in self.by_name.items():
            owners = named.get(key, [])
            if len(owners) == 1:
                owners[0].absorb(show)
            else:
                shows.append(show)
        return sorted(shows, key=lambda s: (s.label.casefold(), s.thetvdb_id or 0))
