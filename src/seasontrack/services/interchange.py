"""Importing a catalog: the JSON that `export` writes, or a CSV sheet of seasons.

Import merges by show (title or alias, ignoring case) and season number. What the file
gives replaces what the catalog holds; what it leaves out (null or absent) is kept; cast,
crew, trailers and sources are added or updated, never removed. Importing the same file
twice changes nothing the second time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from seasontrack import store
from seasontrack.catalog_file.reading import SeasonImport, ShowImport, shows_from_json
from seasontrack.catalog_file.sheet import shows_from_csv
from seasontrack.errors import InvalidInput
from seasontrack.inputs import apply_season_input
from seasontrack.models import (
    CREDIT_DETAILS,
    TBA,
    TRAILER_DETAILS,
    Credit,
    Fact,
    Season,
    ShowLink,
    Trailer,
)
from seasontrack.services import facts
from seasontrack.store import keep_copy, transaction
from seasontrack.store.files import SQLITE_HEADER

# How far an import has read: bytes read so far, and the file's size (0 when not known).
ImportProgress = Callable[[int, int], None]

# ---------------------------------------------------------------------------- links


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


def import_file(
    conn: sqlite3.Connection,
    path: Path,
    *,
    dry_run: bool = False,
    progress: ImportProgress | None = None,
    kind: str | None = None,
) -> ImportReport:
    """Merge a JSON catalog or a CSV sheet into the catalog, all or nothing (``kind``:
    "seasontrack" or "csv" when the user said which; else told from the file).

    The file is read as a stream and merged show by show inside one transaction; a bad show
    or row is recorded and reading goes on (to report every problem), and any problem rolls
    the whole transaction back. ``progress`` is told how far the reading has got, show by show.
    """
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file") from None
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read it ({exc.strerror})") from None
    with handle:
        if handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER:
            raise InvalidInput(
                f"{path} is a catalog database (a copy made by `db backup`?), not an export;"
                f" put it back with `seasontrack db restore {path}`"
            )
        handle.seek(0)
        if kind == "csv" or (kind is None and _looks_like_csv(path, handle)):
            shows = shows_from_csv(handle, str(path))
        else:
            shows = shows_from_json(handle, str(path))
        if progress is not None:
            shows = _reporting(shows, handle, _size(path), progress)
        return _import(conn, shows, str(path), dry_run=dry_run)


def _reporting(
    shows: Iterator[ShowImport | InvalidInput],
    handle: IO[bytes],
    size: int,
    progress: ImportProgress,
) -> Iterator[ShowImport | InvalidInput]:
    """``shows``, telling ``progress`` the position in the file before each one."""
    for item in shows:
        with suppress(OSError, ValueError):
            progress(handle.tell(), size)
        yield item


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
) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    problems: list[str] = []
    seen: dict[str, str] = {}
    try:
        with transaction(conn):
            for item in shows:
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
            if report.added or report.changed:
                # The catalog as it was before this import (what another connection reads
                # until the commit), kept for `db restore`.
                keep_copy(conn, "import")
    except _DryRun:
        pass
    return report


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
        offset=before.offset if item.offset is None else item.offset,
        alerts=item.alerts if item.alerts_given else before.alerts,
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
        # Checked with the episodes it will have: the file's dates count for its schedule.
        episodes = {e.number: e for e in (*current.episodes, *season_import.episodes)}
        written_season = apply_season_input(
            replace(current, episodes=tuple(episodes.values())), given
        )
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
        _set_watched(conn, row_id, season_import)

    def season_row(number: int | None) -> int | None:
        return None if number is None else store.seasons.season_id(conn, show_id, number)

    # What the file leaves out (null or absent) is kept, as for every other value.
    for credit in incoming.credits:
        store.credits.upsert_credit(
            conn, show_id, season_row(credit.season), credit, named=_given(credit, CREDIT_DETAILS)
        )
    for trailer in incoming.trailers:
        store.links.upsert_trailer(
            conn,
            show_id,
            season_row(trailer.season),
            trailer,
            named=_given(trailer, TRAILER_DETAILS),
        )
    for source in incoming.sources:
        store.links.upsert_source(conn, show_id, season_row(source.season), source)

    _record_online(conn, show_id, item)
    store.alerts.restore_alert_log(conn, show_id, item.news, item.sent)
    _restore_sequences(conn, show_id, item)
    after = store.shows.get_show(conn, show_id)
    if after == before and _online_state(conn, show_id) == linked_before:
        report.unchanged.append(after.title)
    else:
        report.changed.append(after.title)


def _given(record: Credit | Trailer, details: tuple[str, ...]) -> set[str]:
    """The details a file gives a value for: not null (nor TBA, for a date)."""
    return {d for d in details if getattr(record, d) not in (None, TBA)}


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
        _set_watched(conn, row_id, season_import)
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
    store.alerts.restore_alert_log(conn, show_id, item.news, item.sent)
    _restore_sequences(conn, show_id, item, season_rows)
    report.added.append(show.title)


def _set_watched(conn: sqlite3.Connection, row_id: int, season_import: SeasonImport) -> None:
    """The episodes the file marks watched, on the days it gives (a later day kept)."""
    store.watched.set_watched(conn, row_id, season_import.watched, True)
    if season_import.watched_on:
        store.watched.mark_watched(conn, row_id, dict(season_import.watched_on))


def _restore_sequences(
    conn: sqlite3.Connection,
    show_id: int,
    item: ShowImport,
    season_rows: dict[int, int] | None = None,
) -> None:
    """The feed SEQUENCEs the file gives, as floors for the seasons' events (the store
    applies them when it derives the releases), so subscribed calendars never rewind."""
    by_season: dict[int, dict[str, int]] = {}
    for season, event, sequence in item.sequences:
        by_season.setdefault(season, {})[event] = sequence
    for number, sequences in by_season.items():
        row_id = (season_rows or {}).get(number) or store.seasons.season_id(conn, show_id, number)
        if row_id is not None:
            store.releases.restore_sequences(conn, row_id, sequences)


def _row_of(season_rows: dict[int, int], number: int | None) -> int | None:
    return None if number is None else season_rows.get(number)
