"""Importing a catalog: the JSON that `export` writes, or a CSV sheet of seasons.

Import merges by show (title or alias, ignoring case) and season number. What the file
gives replaces what the catalog holds; what it leaves out (null or absent) is kept; cast,
crew, trailers and sources are added or updated, never removed. Importing the same file
twice changes nothing the second time.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any

from seasontrack import store
from seasontrack.dates import DateInputError, PartialDate, Precision, check_zone, parse_when
from seasontrack.errors import InvalidInput, SeasontrackError
from seasontrack.inputs import (
    SeasonInput,
    apply_season_input,
    choose,
    clean_credit,
    clean_source,
    clean_trailer,
    optional_text,
    required_text,
    web_url,
)
from seasontrack.models import (
    FACT_ORIGINS,
    PROVIDER_NAMES,
    SHOW_STATUSES,
    TBA,
    Credit,
    Episode,
    Fact,
    Season,
    Show,
    ShowLink,
    Source,
    Trailer,
)
from seasontrack.serialize import FORMAT_NAME, FORMAT_VERSION
from seasontrack.services import facts
from seasontrack.store import transaction

# ---------------------------------------------------------------------------- reading a file


class _Reader:
    """Walks a decoded JSON document, naming the place of any bad value in its error."""

    def __init__(self, data: Any, where: str) -> None:
        self.data = data
        self.where = where

    @contextmanager
    def context(self) -> Iterator[None]:
        try:
            yield
        except DateInputError as exc:
            raise InvalidInput(f"{self.where}: {exc}") from None
        except SeasontrackError as exc:
            raise InvalidInput(f"{self.where}: {exc}") from None

    def fail(self, message: str) -> InvalidInput:
        return InvalidInput(f"{self.where}: {message}")

    def mapping(self) -> Mapping[str, Any]:
        if not isinstance(self.data, dict):
            raise self.fail(f"expected an object, found {_kind(self.data)}")
        return self.data

    def child(self, key: str) -> _Reader:
        return _Reader(self.mapping().get(key), f"{self.where}.{key}")

    def items(self, key: str) -> list[_Reader]:
        value = self.mapping().get(key)
        where = f"{self.where}.{key}"
        if value is None:
            return []
        if not isinstance(value, list):
            raise InvalidInput(f"{where}: expected a list, found {_kind(value)}")
        return [_Reader(item, f"{where}[{i}]") for i, item in enumerate(value)]

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.mapping().get(key)
        if value is None:
            if required:
                raise self.fail(f"{key!r} is missing")
            return None
        if not isinstance(value, str):
            raise self.fail(f"{key!r} should be text, found {_kind(value)}")
        return value

    def integer(self, key: str, *, minimum: int = 0) -> int | None:
        value = self.mapping().get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(f"{key!r} should be a whole number of at least {minimum}")
        return value

    def date(self, key: str) -> PartialDate | None:
        value = self.mapping().get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.fail(f"{key!r} should be a date object with a precision")
        with self.child(key).context():
            return PartialDate.from_json(value)


def _flag(reader: _Reader, key: str) -> bool | None:
    value = reader.mapping().get(key)
    if value is not None and not isinstance(value, bool):
        raise reader.fail(f"{key!r} should be true or false")
    return value


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), "a number" if isinstance(value, int | float) else "null"
    )


@dataclass(frozen=True)
class SeasonImport:
    number: int
    given: SeasonInput
    episodes: tuple[Episode, ...] = ()
    watched: tuple[int, ...] = ()
    # The season as the file describes it, with its episodes: what a new show gets.
    season: Season | None = None


@dataclass(frozen=True)
class ShowImport:
    """One show of an import file: its own fields and, per season, what the file gives."""

    show: Show
    seasons: tuple[SeasonImport, ...] = field(default=())
    # Where in the file it is, for messages.
    where: str = ""
    # Whether the file says if the show is followed (None: it doesn't, keep the catalog's).
    followed: bool | None = None
    # The show's link to TVmaze and where its facts came from, as an export wrote them.
    online: tuple[ShowLink, tuple[Fact, ...]] | None = None


def _read_show(reader: _Reader) -> ShowImport:
    with reader.context():
        title = required_text(reader.text("title", required=True) or "", "a show's title")
        aliases = []
        for alias in reader.items("aliases"):
            if not isinstance(alias.data, str):
                raise alias.fail("an alias should be text")
            aliases.append(required_text(alias.data, "an alias"))
        status = reader.text("status")
        show = Show(
            title=title,
            aliases=tuple(aliases),
            network=optional_text(reader.text("network")),
            country=optional_text(reader.text("country")),
            status=choose(status, SHOW_STATUSES, "status") if status else "",
            summary=optional_text(reader.text("summary")),
        )
        followed = _flag(reader, "followed")
    seasons = tuple(_read_season(item) for item in reader.items("seasons"))
    numbers = [season.number for season in seasons]
    if len(set(numbers)) != len(numbers):
        raise reader.fail("a season number appears twice")
    credits = [_read_credit(item, "cast") for item in reader.items("cast")]
    credits += [_read_credit(item, "crew") for item in reader.items("crew")]
    for credit in credits:
        if credit.season is not None and credit.season not in numbers:
            raise reader.fail(
                f"{credit.person} is credited on season {credit.season}, which"
                " the file does not list"
            )
    trailers = [_read_trailer(item) for item in reader.items("trailers")]
    sources = [_read_source(item) for item in reader.items("sources")]
    online = _read_online(reader.child("online")) if reader.mapping().get("online") else None
    return ShowImport(
        show=replace(
            show,
            credits=tuple(credits),
            trailers=tuple(trailers),
            sources=tuple(sources),
            followed=True if followed is None else followed,
        ),
        seasons=seasons,
        followed=followed,
        online=online,
    )


def _read_online(reader: _Reader) -> tuple[ShowLink, tuple[Fact, ...]]:
    """A show's link and facts, as `link_json` writes them."""
    with reader.context():
        tvmaze_id = reader.integer("tvmaze_id", minimum=1)
        if tvmaze_id is None:
            raise reader.fail("'tvmaze_id' is missing")
        genres = []
        for genre in reader.items("genres"):
            if not isinstance(genre.data, str):
                raise genre.fail("a genre should be text")
            genres.append(genre.data)
        url, site = reader.text("url"), reader.text("official_site")
        synced = reader.text("synced_at")
        try:
            synced_at = datetime.fromisoformat(synced) if synced else None
        except ValueError:
            raise reader.fail(f"'synced_at' {synced!r} is not an ISO date and time") from None
        if synced_at is not None and synced_at.tzinfo is None:
            raise reader.fail("'synced_at' needs its UTC offset, like 2026-01-02T03:04:05+00:00")
        link = ShowLink(
            tvmaze_id=tvmaze_id,
            thetvdb_id=reader.integer("thetvdb_id", minimum=1),
            imdb_id=optional_text(reader.text("imdb_id")),
            tmdb_id=reader.integer("tmdb_id", minimum=1),
            url=web_url(url, "TVmaze link") if url else None,
            official_site=web_url(site, "official site") if site else None,
            genres=tuple(genres),
            premiered=reader.integer("premiered"),
            updated=reader.integer("updated"),
            synced_at=synced_at,
        )
    return link, tuple(_read_fact(item) for item in reader.items("facts"))


def _read_fact(reader: _Reader) -> Fact:
    with reader.context():
        name = reader.text("field", required=True) or ""
        origin = choose(reader.text("origin", required=True) or "", FACT_ORIGINS, "origin")
        offered_by = reader.text("offered_by")
        if offered_by is not None and offered_by not in PROVIDER_NAMES:
            raise reader.fail(
                f"'offered_by' {offered_by!r} is not one of: {', '.join(PROVIDER_NAMES)}"
            )
        return Fact(
            subject=reader.text("subject") or "",
            field=name,
            origin=origin,
            value=reader.text("value"),
            offered=reader.text("offered"),
            offered_by=offered_by,
        )


def _online_state(
    conn: sqlite3.Connection, show_id: int
) -> tuple[ShowLink | None, dict[tuple[str, str], Fact]]:
    return store.provider_links.get_provider_link(conn, show_id), store.facts.get_facts(
        conn, show_id
    )


def _record_online(conn: sqlite3.Connection, show_id: int, item: ShowImport) -> None:
    """Link the show as the file says, unless another show of the catalog has that link."""
    if item.online is None:
        return
    link, facts = item.online
    owner = store.provider_links.show_for_tvmaze(conn, link.tvmaze_id)
    if owner is not None and owner != show_id:
        raise InvalidInput(
            f"{item.show.title!r}: TVmaze show {link.tvmaze_id} is already linked to"
            f" {store.shows.get_show(conn, owner).title!r} in the catalog; nothing was imported"
        )
    store.provider_links.set_provider_link(conn, show_id, link)
    store.facts.set_facts(conn, show_id, facts)


def _read_season(reader: _Reader) -> SeasonImport:
    with reader.context():
        number = reader.integer("number")
        if number is None:
            raise reader.fail("'number' is missing")
        release_time = reader.text("release_time")
        try:
            at = time.fromisoformat(release_time) if release_time else None
        except ValueError:
            raise reader.fail(f"release_time {release_time!r} should be HH:MM") from None
        skips = None
        if reader.mapping().get("skips") is not None:
            skips = tuple(_read_day(item) for item in reader.items("skips"))
        # Files written before seasontrack recorded episodes give their count as "episodes".
        count_only = not isinstance(reader.mapping().get("episodes"), list | None)
        given = SeasonInput(
            premiere=reader.date("premiere"),
            finale=reader.date("finale"),
            episode_count=reader.integer("episodes" if count_only else "episode_count"),
            release_pattern=reader.text("release"),
            release_time=at,
            release_tz=reader.text("release_tz"),
            synopsis=reader.text("synopsis"),
            notes=reader.text("notes"),
            network=reader.text("network"),
            premiere_episodes=reader.integer("premiere_episodes", minimum=1),
            skips=skips,
        )
        if given.release_tz is not None:
            given = replace(given, release_tz=check_zone(given.release_tz))
        # Check it now, so that a bad season fails before anything is written; a season new
        # to the catalog is written as checked here.
        as_new = apply_season_input(Season(number=number), given)
    episodes = () if count_only else tuple(_read_episode(i) for i in reader.items("episodes"))
    if len({e.number for e in episodes}) != len(episodes):
        raise reader.fail("an episode number appears twice")
    watched = []
    for item in reader.items("watched"):
        if isinstance(item.data, bool) or not isinstance(item.data, int) or item.data < 1:
            raise item.fail("should be an episode number (1 or more)")
        watched.append(item.data)
    return SeasonImport(number, given, episodes, tuple(watched), replace(as_new, episodes=episodes))


def _read_day(reader: _Reader) -> date:
    if not isinstance(reader.data, str):
        raise reader.fail("should be a day like 2024-02-11")
    try:
        return date.fromisoformat(reader.data)
    except ValueError:
        raise reader.fail(f"{reader.data!r} should be a day like 2024-02-11") from None


def _read_episode(reader: _Reader) -> Episode:
    """An episode: read straight from its object, as a catalog holds hundreds of thousands."""
    data = reader.mapping()
    number = data.get("number")
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise reader.fail("'number' should be a whole number of at least 1")
    texts = []
    for key in ("title", "director", "writer"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise reader.fail(f"{key!r} should be text, found {_kind(value)}")
        texts.append(value.strip() or None if value else None)
    airs = TBA
    if data.get("airs") is not None:
        with reader.context():
            airs = reader.date("airs") or TBA
    return Episode(number=number, title=texts[0], airs=airs, director=texts[1], writer=texts[2])


def _read_credit(reader: _Reader, role: str) -> Credit:
    with reader.context():
        return clean_credit(
            Credit(
                person=reader.text("person", required=True) or "",
                role=role,
                character=reader.text("character") if role == "cast" else None,
                job=reader.text("job", required=True) if role == "crew" else None,
                season=reader.integer("season"),
                billing=reader.integer("billing", minimum=1),
                status=reader.text("status") or "confirmed",
                arrival=reader.text("arrival") if role == "cast" else None,
                note=reader.text("note"),
            )
        )


def _read_trailer(reader: _Reader) -> Trailer:
    with reader.context():
        return clean_trailer(
            Trailer(
                url=reader.text("url"),
                title=reader.text("title"),
                kind=reader.text("kind") or "trailer",
                publisher=reader.text("publisher"),
                published=reader.date("published") or TBA,
                note=reader.text("note"),
                season=reader.integer("season"),
            )
        )


def _read_source(reader: _Reader) -> Source:
    with reader.context():
        return clean_source(
            Source(
                url=reader.text("url", required=True) or "",
                outlet=reader.text("outlet"),
                title=reader.text("title"),
                published=reader.date("published") or TBA,
                season=reader.integer("season"),
            )
        )


# ---------------------------------------------------------------------------- merging


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    dry_run: bool = False
    # Person ids by folded name, so that a big import looks each person up once.
    people: dict[str, int] = field(default_factory=dict, repr=False)


class _DryRun(Exception):
    """Raised to roll a dry run's transaction back after it was measured."""


def import_file(conn: sqlite3.Connection, path: Path, *, dry_run: bool = False) -> ImportReport:
    """Merge a JSON catalog or a CSV sheet into the catalog, all or nothing.

    The file is read as a stream and merged show by show inside one transaction; a bad show
    or row is recorded and reading goes on (to report every problem), and any problem rolls
    the whole transaction back.
    """
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file") from None
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read it ({exc.strerror})") from None
    with handle:
        if _looks_like_csv(path, handle):
            shows = _shows_from_csv(handle, str(path))
        else:
            shows = _shows_from_json(handle, str(path))
        return _import(conn, shows, str(path), dry_run=dry_run, size=_size(path), handle=handle)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _looks_like_csv(path: Path, handle: IO[bytes]) -> bool:
    if path.suffix.lower() == ".csv":
        return True
    if path.suffix.lower() == ".json":
        return False
    start = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    handle.seek(0)
    return not start.startswith((b"{", b"["))


# Stop reading after this many problems: enough to fix a file in one go, not a flood.
MAX_PROBLEMS = 20


def _import(
    conn: sqlite3.Connection,
    shows: Iterator[ShowImport | InvalidInput],
    name: str,
    *,
    dry_run: bool,
    size: int,
    handle: IO[bytes],
) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    problems: list[str] = []
    seen: dict[str, str] = {}
    progress = _progress(size, handle)
    try:
        with transaction(conn):
            for item in shows:
                progress()
                if isinstance(item, InvalidInput):
                    problems.append(str(item))
                elif item.show.title.casefold() in seen:
                    first = seen[item.show.title.casefold()].rpartition(".")[2]
                    problems.append(
                        f"{item.where} repeats the title {item.show.title!r} of {first}"
                    )
                else:
                    seen[item.show.title.casefold()] = item.where
                    if not problems:
                        _merge_show(conn, item, report)
                if len(problems) >= MAX_PROBLEMS:
                    problems.append("(stopped reading there)")
                    break
            if problems:
                raise InvalidInput(
                    f"{name}: nothing was imported; fix these and try again:\n  "
                    + "\n  ".join(problems)
                    if len(problems) > 1
                    else f"{problems[0]}; nothing was imported"
                )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    finally:
        progress(done=True)
    return report


def _progress(size: int, handle: IO[bytes]) -> Callable[..., None]:
    """A progress bar on a terminal for a large file (by bytes read); nothing otherwise."""
    if size < 5_000_000 or not sys.stderr.isatty():
        return lambda done=False: None
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TimeRemainingColumn

    bar = Progress(
        "Importing",
        BarColumn(),
        "{task.percentage:>3.0f}%",
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = bar.add_task("import", total=size)
    bar.start()

    def advance(done: bool = False) -> None:
        if done:
            bar.stop()
            return
        with suppress(OSError, ValueError):
            bar.update(task, completed=handle.tell())

    return advance


def _shows_from_json(handle: IO[bytes], name: str) -> Iterator[ShowImport | InvalidInput]:
    """Each show of an export file, read one at a time (the file is never held whole)."""
    import ijson

    events = ijson.parse(handle)
    header: dict[str, Any] = {}
    try:
        for prefix, event, value in events:
            if prefix in ("format", "version") and event in ("string", "number"):
                header[prefix] = value
            if prefix == "shows" and event == "start_array":
                break
        else:
            if header.get("format") != FORMAT_NAME:
                raise InvalidInput(
                    f'{name}: not a seasontrack catalog (expected "format": "{FORMAT_NAME}")'
                )
            return
        if header.get("format") != FORMAT_NAME:
            raise InvalidInput(
                f'{name}: not a seasontrack catalog (expected "format": "{FORMAT_NAME}"'
                ' before "shows")'
            )
        version = header.get("version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise InvalidInput(
                f"{name}: catalog format version {version!r} is newer than this seasontrack"
                f" reads ({FORMAT_VERSION}); upgrade seasontrack"
            )
        # Read again from the start, now by ijson's C reader alone: much faster than feeding
        # it the events above one by one.
        handle.seek(0)
        for index, document in enumerate(ijson.items(handle, "shows.item", use_float=True)):
            where = f"{name}.shows[{index}]"
            try:
                yield replace(_read_show(_Reader(document, where)), where=where)
            except InvalidInput as exc:
                yield exc
    except ijson.JSONError as exc:
        reason = (str(exc).strip().splitlines() or ["unreadable"])[0].rstrip(".")
        raise InvalidInput(
            f"{name}: not a JSON catalog ({reason}); give a file written by `seasontrack export`"
        ) from None


def _shows_from_csv(handle: IO[bytes], name: str) -> Iterator[ShowImport | InvalidInput]:
    """Shows from a CSV of seasons: the columns of `export --format csv`, or just a few."""
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    reader = csv.DictReader(text)
    try:
        columns = [c.strip().lower() for c in reader.fieldnames or []]
    except UnicodeDecodeError:
        raise InvalidInput(f"{name}: not UTF-8 text") from None
    if "episode" in columns:
        raise InvalidInput(
            f"{name}: a CSV of episodes cannot be imported; export seasons"
            " (without --episodes) or use JSON"
        )
    missing = [c for c in ("show", "season") if c not in columns]
    if missing:
        raise InvalidInput(
            f"{name}: line 1: the header needs the columns show and season (missing:"
            f" {', '.join(missing)}); also read: premiere, network and the rest of"
            " `export --format csv`"
        )
    reader.fieldnames = columns
    shows: dict[str, ShowImport] = {}
    line = 1
    try:
        for row in reader:
            first_line, line = line + 1, reader.line_num
            where = f"{name}: line {first_line}"
            try:
                title, show, season = _csv_row(row)
            except (InvalidInput, DateInputError) as exc:
                yield InvalidInput(f"{where}: {exc}")
                continue
            key = title.casefold()
            if key not in shows:
                shows[key] = ShowImport(show=show, where=where)
            known = shows[key]
            if any(s.number == season.number for s in known.seasons):
                yield InvalidInput(f"{where}: {title} season {season.number} appears twice")
                continue
            merged_show = replace(
                known.show,
                network=known.show.network or show.network,
                country=known.show.country or show.country,
                status=known.show.status or show.status,
            )
            shows[key] = replace(known, show=merged_show, seasons=(*known.seasons, season))
    except UnicodeDecodeError:
        yield InvalidInput(f"{name}: line {line + 1}: not UTF-8 text")
    except csv.Error as exc:
        yield InvalidInput(f"{name}: line {reader.line_num}: {exc}")
    yield from shows.values()


def _csv_row(row: dict[str, str | None]) -> tuple[str, Show, SeasonImport]:
    def cell(column: str) -> str | None:
        value = row.get(column)
        return value.strip() or None if isinstance(value, str) else None

    title = required_text(cell("show") or "", "show")
    number_text = cell("season")
    if number_text is None or not number_text.isdigit():
        raise InvalidInput(f"season {number_text or ''!r} should be a number, like 2")
    count_text = cell("episode_count")
    if count_text is not None and not count_text.isdigit():
        raise InvalidInput(f"episode_count {count_text!r} should be a number, like 13")
    release_time = cell("release_time")
    try:
        at = time.fromisoformat(release_time) if release_time else None
    except ValueError:
        raise InvalidInput(f"release_time {release_time!r} should be HH:MM, like 21:00") from None
    zone_name = cell("release_tz")
    given = SeasonInput(
        premiere=_csv_date(cell("premiere"), cell("premiere_precision"), "premiere"),
        finale=_csv_date(cell("finale"), cell("finale_precision"), "finale"),
        episode_count=int(count_text) if count_text else None,
        release_pattern=cell("release"),
        release_time=at,
        release_tz=check_zone(zone_name) if zone_name else None,
    )
    number = int(number_text)
    apply_season_input(Season(number=number), given)
    status = cell("status")
    show = Show(
        title=title,
        network=cell("network"),
        country=cell("country"),
        status=choose(status, SHOW_STATUSES, "status") if status else "",
    )
    return title, show, SeasonImport(number, given)


def _csv_date(value: str | None, precision: str | None, column: str) -> PartialDate | None:
    """A date cell: with a precision column, the first day of its period; else free text."""
    if value is None:
        return None if precision is None else TBA
    if precision is None:
        return parse_when(value)
    if precision == "minute":
        precision = "day"  # the time is in release_time
    try:
        return PartialDate(Precision(precision), date.fromisoformat(value))
    except ValueError:
        raise InvalidInput(
            f"{column} {value!r} with precision {precision!r} should be the first day of the"
            " period as YYYY-MM-DD, and the precision one of: "
            + ", ".join(p.value for p in Precision)
        ) from None


def _merge_show(conn: sqlite3.Connection, item: ShowImport, report: ImportReport) -> None:
    incoming = item.show
    found = store.shows.find_shows_by_name(conn, incoming.title)
    if not found:
        _add_show(conn, item, report)
        return
    show_id = found[0].id
    before = store.shows.get_show(conn, show_id)
    linked_before = _online_state(conn, show_id)
    merged = replace(
        before,
        aliases=before.aliases
        + tuple(
            a
            for a in incoming.aliases
            if a.casefold() not in {x.casefold() for x in (before.title, *before.aliases)}
        ),
        network=incoming.network or before.network,
        country=incoming.country or before.country,
        status=incoming.status or before.status,
        summary=incoming.summary or before.summary,
        followed=before.followed if item.followed is None else item.followed,
    )
    for name in (merged.title, *merged.aliases):
        owner = store.shows.name_owner(conn, name)
        if owner is not None and owner.id != show_id:
            raise InvalidInput(
                f"{incoming.title!r}: the name {name!r} already names {owner.title!r}"
                " in the catalog; nothing was imported"
            )
    store.shows.update_show(conn, show_id, merged)
    facts.claim(conn, show_id, "", facts.show_facts(before), facts.show_facts(merged), "imported")

    for season_import in item.seasons:
        number, given = season_import.number, season_import.given
        row_id = store.seasons.season_id(conn, show_id, number)
        current = (
            Season(number=number) if row_id is None else store.seasons.get_season(conn, row_id)
        )
        subject = f"S{number}"
        existed = row_id is not None
        if not existed:
            store.facts.clear_removed(conn, show_id, subject)
        written_season = apply_season_input(current, given)
        row_id = store.seasons.save_season(conn, show_id, written_season, row_id)
        before_facts = facts.season_facts(current) if existed else {}
        facts.claim(
            conn, show_id, subject, before_facts, facts.season_facts(written_season), "imported"
        )
        had = {e.number: e for e in current.episodes}
        for episode in season_import.episodes:
            code = f"{subject}E{episode.number}"
            _, new = store.seasons.upsert_episode(conn, row_id, episode)
            if new:
                store.facts.clear_removed(conn, show_id, code)
            old = had.get(episode.number)
            facts.claim(
                conn,
                show_id,
                code,
                facts.episode_facts(old) if old else {},
                facts.episode_facts(episode),
                "imported",
            )
        store.seasons.set_watched(conn, row_id, season_import.watched, True)

    def season_row(number: int | None) -> int | None:
        return None if number is None else store.seasons.season_id(conn, show_id, number)

    for credit in incoming.credits:
        store.credits.upsert_credit(conn, show_id, season_row(credit.season), credit)
    for trailer in incoming.trailers:
        store.links.upsert_trailer(conn, show_id, season_row(trailer.season), trailer)
    for source in incoming.sources:
        store.links.upsert_source(conn, show_id, season_row(source.season), source)

    _record_online(conn, show_id, item)
    after = store.shows.get_show(conn, show_id)
    if after == before and _online_state(conn, show_id) == linked_before:
        report.unchanged.append(after.title)
    else:
        report.changed.append(after.title)


def _add_show(conn: sqlite3.Connection, item: ShowImport, report: ImportReport) -> None:
    """A show new to the catalog: every row written in bulk, nothing to compare."""
    show = replace(item.show, status=item.show.status or "announced")
    for name in show.aliases:
        owner = store.shows.name_owner(conn, name)
        if owner is not None:
            raise InvalidInput(
                f"{show.title!r}: the name {name!r} already names {owner.title!r}"
                " in the catalog; nothing was imported"
            )
    show_id = store.shows.insert_show(conn, show)
    store.facts.set_entered_by(conn, show_id, "imported")
    season_rows: dict[int, int] = {}
    for season_import in item.seasons:
        season = season_import.season or replace(
            apply_season_input(Season(number=season_import.number), season_import.given),
            episodes=season_import.episodes,
        )
        row_id = store.seasons.insert_season(conn, show_id, season)
        season_rows[season.number] = row_id
        store.seasons.insert_episodes(conn, row_id, season.episodes)
        store.seasons.set_watched(conn, row_id, season_import.watched, True)
    # The same credit twice in a file is one credit; the last one says how it is.
    credits = {
        (
            c.person.casefold(),
            c.role,
            c.season,
            (c.character or "").casefold(),
            (c.job or "").casefold(),
        ): c
        for c in show.credits
    }
    store.credits.insert_credits(
        conn,
        show_id,
        [(season_rows.get(c.season or -1), c) for c in credits.values()],
        report.people,
    )
    # The same trailer or source twice in a file is one; the first one says how it is.
    for trailer in show.trailers:
        row = _row_of(season_rows, trailer.season)
        store.links.upsert_trailer(conn, show_id, row, trailer, replace=False)
    for source in show.sources:
        row = _row_of(season_rows, source.season)
        store.links.upsert_source(conn, show_id, row, source, replace=False)
    _record_online(conn, show_id, item)
    report.added.append(show.title)


def _row_of(season_rows: dict[int, int], number: int | None) -> int | None:
    return None if number is None else season_rows.get(number)
