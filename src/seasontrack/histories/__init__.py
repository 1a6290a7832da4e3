"""Watch histories kept by other trackers (TV Time, Trakt), read into one shape.

Pure and offline: a reader turns an export (a zip, a folder, or one file) into a
:class:`WatchHistory` of shows, each with whatever ids and name the export gives, whether it
was followed, and the episodes watched with when. Matching the shows to TVmaze and recording
them is :mod:`seasontrack.services.histories`'. A file that cannot be read, or is not an
export of a known kind, is an :class:`InvalidInput` (exit 2) naming what was expected.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path, PurePosixPath
from typing import IO, NamedTuple

from seasontrack.errors import InvalidInput

# What `import --from` takes: the watch histories read here, and the catalog's own files.
HISTORY_FORMATS = {"tvtime": "TV Time export", "trakt": "Trakt export"}
FROM_CHOICES = ("tvtime", "trakt", "seasontrack", "csv")

# An export bigger than this is not a watch history: refused before it is read whole.
MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_MEMBERS = 10_000


# Numbers an export may give, within what the catalog keeps (and far beyond any real show).
MAX_ID = 2**31 - 1
MAX_SEASON = 9_999
MAX_EPISODE = 99_999
# A name longer than this is not a show's.
MAX_NAME = 500


def number_in(value: object, least: int, most: int) -> int | None:
    """``value`` (a JSON number, or text of ASCII digits) as a whole number from ``least`` to
    ``most``; None for anything else."""
    if isinstance(value, str):
        text = value.strip()
        value = int(text) if text.isascii() and text.isdigit() else None
    if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= most:
        return None
    return value


def show_name(value: object) -> str | None:
    """A show's name as an export gives it, with its blanks (line breaks, tabs) made single
    spaces; None when there is none, or it is too long to be one."""
    if not isinstance(value, str):
        return None
    name = " ".join(value.split())
    return name if 0 < len(name) <= MAX_NAME else None


def imdb_id(value: object) -> str | None:
    """An IMDb id ("tt0944947"); None for anything else."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.startswith("tt") and text[2:].isascii() and text[2:].isdigit() and len(text) < 16:
        return text
    return None


@dataclass(frozen=True)
class Watch:
    """An episode watched: when, as the export says (an instant, a day, or not known)."""

    season: int
    episode: int
    at: datetime | date | None = None

    def day(self, zone: tzinfo) -> date | None:
        """The day it was watched, in ``zone`` when the export gives an instant."""
        if isinstance(self.at, datetime):
            return self.at.astimezone(zone).date()
        return self.at

    def later(self, other: Watch) -> Watch:
        """The later of two watches of the same episode (a rewatch counts from its day)."""
        if other.at is None:
            return self
        if self.at is None:
            return other
        return other if _instant(other.at) > _instant(self.at) else self


def _instant(at: datetime | date) -> datetime:
    if isinstance(at, datetime):
        return at
    return datetime(at.year, at.month, at.day, tzinfo=UTC)


@dataclass
class HistoryShow:
    """A show as an export names it, with what was watched of it."""

    name: str | None
    thetvdb_id: int | None = None
    imdb_id: str | None = None
    year: int | None = None
    # Whether the export says it was followed (None: it does not say), and archived.
    followed: bool | None = None
    archived: bool = False
    watches: dict[tuple[int, int], Watch] = field(default_factory=dict)

    @property
    def follow(self) -> bool | None:
        """Followed, unfollowed (archived), or not said."""
        return False if self.archived else self.followed

    @property
    def label(self) -> str:
        """How messages name it: its name, else its id."""
        if self.name:
            return self.name
        if self.thetvdb_id is not None:
            return f"TheTVDB {self.thetvdb_id}"
        return f"IMDb {self.imdb_id}"

    def watched(self, watch: Watch) -> None:
        key = (watch.season, watch.episode)
        known = self.watches.get(key)
        self.watches[key] = watch if known is None else known.later(watch)

    def absorb(self, other: HistoryShow) -> None:
        """Take in what another entry of the same show says."""
        self.name = self.name or other.name
        self.thetvdb_id = self.thetvdb_id if self.thetvdb_id is not None else other.thetvdb_id
        self.imdb_id = self.imdb_id or other.imdb_id
        self.year = self.year or other.year
        if other.followed is not None:
            self.followed = other.followed or bool(self.followed)
        self.archived = self.archived or other.archived
        for watch in other.watches.values():
            self.watched(watch)


@dataclass
class WatchHistory:
    """Everything an export says: its shows, and which of its files were read or ignored."""

    format: str
    shows: list[HistoryShow] = field(default_factory=list)
    read: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    # Rows that could not be used, each with its place ("seen_episode.csv: line 7: ...").
    skipped: list[str] = field(default_factory=list)

    @property
    def display(self) -> str:
        return HISTORY_FORMATS[self.format]


# ---------------------------------------------------------------------------- the files


class Member(NamedTuple):
    """One file of an export: its path inside it (for messages) and how to open it."""

    name: str
    size: int
    open: Callable[[], IO[bytes]]

    @property
    def basename(self) -> str:
        return PurePosixPath(self.name).name

    def place(self, export: Path) -> str:
        """How messages name it: inside the export ("tvtime.zip: seen_episode.csv"), or
        the file itself."""
        return self.name if self.name == export.name else f"{export.name}: {self.name}"


@contextmanager
def export_files(path: Path) -> Iterator[list[Member]]:
    """The files of an export: a zip's members, a folder's files, or the one file."""
    try:
        if path.is_dir():
            yield _folder(path)
        elif zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                yield _zip_members(path, archive)
        else:
            size = path.stat().st_size
            yield [Member(path.name, size, lambda: path.open("rb"))]
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file or folder") from None
    except zipfile.BadZipFile as exc:
        raise InvalidInput(f"{path}: not a readable zip ({exc})") from None
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read it ({exc.strerror or exc})") from None


def _folder(path: Path) -> list[Member]:
    found = []
    for item in sorted(path.rglob("*")):
        if item.is_file() and not item.name.startswith("."):
            found.append(
                Member(item.relative_to(path).as_posix(), item.stat().st_size, _opener(item))
            )
            if len(found) > MAX_MEMBERS:
                raise InvalidInput(f"{path}: more than {MAX_MEMBERS} files; not an export")
    return found


def _opener(item: Path) -> Callable[[], IO[bytes]]:
    return lambda: item.open("rb")


def _zip_members(path: Path, archive: zipfile.ZipFile) -> list[Member]:
    infos = [i for i in archive.infolist() if not i.is_dir()]
    if len(infos) > MAX_MEMBERS:
        raise InvalidInput(f"{path}: more than {MAX_MEMBERS} files in the zip; not an export")
    found = []
    for info in sorted(infos, key=lambda i: i.filename):
        name = PurePosixPath(info.filename).name
        if name.startswith(".") or info.filename.startswith("__MACOSX/"):
            continue
        found.append(Member(info.filename, info.file_size, _zip_opener(archive, info)))
    return found


def _zip_opener(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], IO[bytes]]:
    return lambda: archive.open(info)


def read_bytes(member: Member, where: str) -> bytes:
    """A file's whole content, refused when it is too big to be a watch history."""
    if member.size > MAX_MEMBER_BYTES:
        raise InvalidInput(f"{where}: {member.size} bytes is too big for a watch history")
    try:
        with member.open() as handle:
            data = handle.read(MAX_MEMBER_BYTES + 1)
    except (OSError, zipfile.BadZipFile, RuntimeError) as exc:
        raise InvalidInput(f"{where}: cannot read it ({exc})") from None
    if len(data) > MAX_MEMBER_BYTES:
        raise InvalidInput(f"{where}: too big for a watch history")
    return data


def text_of(member: Member, where: str) -> io.StringIO:
    """A file's text (UTF-8, with or without a byte-order mark)."""
    try:
        return io.StringIO(read_bytes(member, where).decode("utf-8-sig"), newline="")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{where}: not UTF-8 text (byte {exc.start})") from None


def json_of(member: Member, where: str) -> object:
    try:
        return json.loads(text_of(member, where).getvalue())
    except ValueError as exc:
        raise InvalidInput(f"{where}: not JSON ({exc})") from None
    except RecursionError:
        raise InvalidInput(f"{where}: nested too deep to be a watch history") from None


# ---------------------------------------------------------------------------- which export


def recognise(path: Path, given: str | None) -> str | None:
    """Which kind of file ``path`` is: "tvtime" or "trakt", else "seasontrack" or "csv" for
    the catalog's own files (None: the catalog import tells JSON from CSV itself)."""
    from seasontrack.histories import trakt, tvtime

    if given is not None:
        from seasontrack.inputs import choose

        return choose(given, FROM_CHOICES, "--from")
    if not path.is_dir() and not zipfile.is_zipfile(path):
        if tvtime.recognises_file(path):
            return "tvtime"
        if trakt.recognises_file(path):
            return "trakt"
        return None
    with export_files(path) as members:
        if any(tvtime.layout_of(m.basename) for m in members):
            return "tvtime"
        if any(m.basename.lower().endswith(".json") for m in members):
            return "trakt"
    raise InvalidInput(
        f"{path}: not a watch history: expected a TV Time export (files such as"
        f" {tvtime.EXAMPLE_FILES}) or Trakt JSON (watched shows or a watchlist)"
    )


def read_history(path: Path, kind: str) -> WatchHistory:
    """The watch history in ``path``, read as ``kind`` ("tvtime" or "trakt")."""
    from seasontrack.histories import trakt, tvtime

    reader = tvtime.read if kind == "tvtime" else trakt.read
    with export_files(path) as members:
        return reader(members, path)
