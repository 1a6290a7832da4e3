"""Adding, changing and removing the parts of a season: volumes that come out on their own.

Each function does its writes in one transaction; a part that would overlap another, or go
past the season's episode count, is refused with the clash named, and nothing is written.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from seasontrack import store
from seasontrack.errors import InvalidInput, NotFound
from seasontrack.inputs import PartInput, apply_part_input, check_parts
from seasontrack.models import Part, Season, ShowRef
from seasontrack.services.lookup import resolve_show, season_row
from seasontrack.store import transaction


def add_part(
    conn: sqlite3.Connection, name: str, season: int, number: int, given: PartInput
) -> tuple[ShowRef, Season, Part]:
    """Record part ``number`` of a season; returns the show, the season and the part."""
    if given.episodes is None:
        raise InvalidInput("a part needs its episodes: give --episodes A-B, like --episodes 5-7")
    with transaction(conn):
        ref, row_id, current = _season(conn, name, season)
        if any(p.number == number for p in current.parts):
            raise InvalidInput(
                f"{ref.title} season {season} already has part {number}; change it with"
                " `seasontrack part edit`"
            )
        first, last = given.episodes
        part = apply_part_input(Part(number, first, last), given)
        written = _save(conn, ref, row_id, current, current.parts, part)
    return ref, written, part


def edit_part(
    conn: sqlite3.Connection, name: str, season: int, number: int, given: PartInput
) -> tuple[ShowRef, Season, Part]:
    with transaction(conn):
        ref, row_id, current = _season(conn, name, season)
        before = _find(ref, current, number)
        part = apply_part_input(before, given)
        others = tuple(p for p in current.parts if p.number != number)
        written = _save(conn, ref, row_id, current, others, part)
    return ref, written, part


def remove_part(conn: sqlite3.Connection, name: str, season: int, number: int) -> ShowRef:
    with transaction(conn):
        ref, row_id, current = _season(conn, name, season)
        _find(ref, current, number)
        parts = tuple(p for p in current.parts if p.number != number)
        store.seasons.save_season(conn, ref.id, replace(current, parts=parts), row_id)
    return ref


def check_part(conn: sqlite3.Connection, name: str, season: int, number: int) -> ShowRef:
    """Raise NotFound, listing the parts there are, unless the season has part ``number``."""
    ref, _, current = _season(conn, name, season)
    _find(ref, current, number)
    return ref


def _season(conn: sqlite3.Connection, name: str, number: int) -> tuple[ShowRef, int, Season]:
    ref = resolve_show(conn, name)
    row_id = season_row(conn, ref, number)
    return ref, row_id, store.seasons.get_season(conn, row_id)


def _find(ref: ShowRef, season: Season, number: int) -> Part:
    found = next((p for p in season.parts if p.number == number), None)
    if found is None:
        known = ", ".join(str(p.number) for p in season.parts)
        has = f"its parts: {known}" if known else "it has no parts yet"
        raise NotFound(f"{ref.title} season {season.number} has no part {number}; {has}")
    return found


def _save(
    conn: sqlite3.Connection,
    ref: ShowRef,
    row_id: int,
    season: Season,
    others: tuple[Part, ...],
    part: Part,
) -> Season:
    # Checked with the new part last, so that a clash names it first.
    changed = replace(season, parts=(*others, part))
    try:
        check_parts(changed)
    except InvalidInput as exc:
        raise InvalidInput(f"{ref.title} season {season.number}: {exc}") from None
    changed = replace(changed, parts=tuple(sorted(changed.parts, key=lambda p: p.first_episode)))
    store.seasons.save_season(conn, ref.id, changed, row_id)
    return changed
