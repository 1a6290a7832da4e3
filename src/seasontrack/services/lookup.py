"""Finding the show or season a user means, for the commands that read and those that write.

Kept apart from the catalog's writing services so that a reading command loads only this.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from seasontrack import store
from seasontrack.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from seasontrack.models import Show, ShowRef


def resolve_show(conn: sqlite3.Connection, name: str) -> ShowRef:
    """The show a user means by ``name``: a title or alias (any case), else an unambiguous
    prefix of one, else an unambiguous part of one."""
    wanted = name.strip()
    if not wanted:
        raise InvalidInput("a show's title cannot be empty")
    exact = store.shows.find_shows_by_name(conn, wanted)
    if len(exact) == 1:
        return exact[0]
    prefixed = store.shows.find_shows_by_prefix(conn, wanted)
    if len(prefixed) == 1:
        return prefixed[0]
    # Failing a prefix, a unique part of a title: "last of us" for "The Last of Us".
    candidates = prefixed or store.shows.search_shows(conn, wanted)
    if not prefixed and len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        listed = ", ".join(repr(ref.title) for ref in candidates[:5])
        more = f" and {len(candidates) - 5} more" if len(candidates) > 5 else ""
        raise InvalidInput(f"{name!r} could be {listed}{more}; give more of the title")
    names = {n: ref.title for n, ref in store.shows.all_show_names(conn)}
    from seasontrack.inputs import did_you_mean  # a name not found is the rare path

    hint = did_you_mean(wanted, names) or " (see: seasontrack list)"
    raise NotFound(f"no show called {name!r} in the catalog{hint}")


def season_row(conn: sqlite3.Connection, show: ShowRef, number: int) -> int:
    found = store.seasons.season_id(conn, show.id, number)
    if found is None:
        numbers = store.seasons.season_numbers(conn, show.id)
        known = (
            f"it has season {', '.join(map(str, numbers))}" if numbers else "it has no seasons yet"
        )
        raise NotFound(f"{show.title} has no season {number}; {known}")
    return found


def get_show(conn: sqlite3.Connection, name: str) -> Show:
    return store.shows.get_show(conn, resolve_show(conn, name).id)
