"""Adding, changing and removing shows, seasons, episodes, credits, trailers and sources.

Each function takes an open catalog connection and does its writes in one transaction, so
a command either changes the catalog completely or (raising an error) not at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection
from dataclasses import replace
from datetime import timedelta

from seasontrack import store
from seasontrack.errors import InvalidInput, NotFound
from seasontrack.inputs import (
    EpisodeInput,
    SeasonInput,
    apply_episode_input,
    apply_season_input,
    choose,
    clean_credit,
    clean_source,
    clean_trailer,
    did_you_mean,
    number_within,
    optional_text,
    required_text,
    season_number,
)
from seasontrack.limits import MAX_EPISODES, MAX_SEASON
from seasontrack.models import (
    CREDIT_DETAILS,
    SHOW_STATUSES,
    TRAILER_DETAILS,
    Credit,
    Episode,
    Season,
    Show,
    ShowRef,
    Source,
    Trailer,
)
from seasontrack.services import facts
from seasontrack.services.lookup import resolve_show, season_row
from seasontrack.store import transaction

# Stands for "leave this field as it is" in the edit functions, where None means "clear it".
KEEP: object = object()

# ---------------------------------------------------------------------------- naming shows


def check_season(conn: sqlite3.Connection, show: ShowRef, number: int) -> None:
    """Raise NotFound, listing the seasons there are, unless ``show`` has season ``number``."""
    season_row(conn, show, number)


def _optional_season_row(conn: sqlite3.Connection, show: ShowRef, number: int | None) -> int | None:
    return None if number is None else season_row(conn, show, number)


def _check_name_free(
    conn: sqlite3.Connection, name: str, show_id: int | None, what: str = "title"
) -> None:
    owner = store.shows.name_owner(conn, name)
    if owner is not None and owner.id != show_id:
        raise InvalidInput(
            f"the {what} {name!r} already names {owner.title!r}; titles and aliases must be"
            " unique so that every show can be named"
        )


def _clean_aliases(aliases: tuple[str, ...] | list[str], title: str) -> tuple[str, ...]:
    cleaned: list[str] = []
    for alias in aliases:
        alias = required_text(alias, "an alias")
        if alias.casefold() != title.casefold() and alias.casefold() not in {
            a.casefold() for a in cleaned
        }:
            cleaned.append(alias)
    return tuple(cleaned)


# ---------------------------------------------------------------------------- shows


def add_show(
    conn: sqlite3.Connection,
    title: str,
    *,
    network: str | None = None,
    country: str | None = None,
    status: str = "announced",
    aliases: list[str] | tuple[str, ...] = (),
    summary: str | None = None,
    followed: bool = True,
    offset: timedelta = timedelta(0),
) -> ShowRef:
    title = required_text(title, "a show's title")
    show = Show(
        title=title,
        aliases=_clean_aliases(aliases, title),
        network=optional_text(network),
        country=optional_text(country),
        status=choose(status, SHOW_STATUSES, "status"),
        summary=optional_text(summary),
        followed=followed,
        offset=offset,
    )
    with transaction(conn):
        for name in (show.title, *show.aliases):
            _check_name_free(conn, name, None, "title" if name == title else "alias")
        show_id = store.shows.insert_show(conn, show)
    return ShowRef(show_id, show.title)


def edit_show(
    conn: sqlite3.Connection,
    name: str,
    *,
    title: str | None = None,
    network: str | object | None = KEEP,
    country: str | object | None = KEEP,
    status: str | None = None,
    summary: str | object | None = KEEP,
    add_aliases: list[str] | tuple[str, ...] = (),
    remove_aliases: list[str] | tuple[str, ...] = (),
    offset: timedelta | None = None,
) -> ShowRef:
    """Change a show's fields; an empty string clears an optional field. A new ``offset``
    (the viewer's own time; 0 clears it) moves every release of the show: the store
    derives them again."""
    with transaction(conn):
        ref = resolve_show(conn, name)
        show = store.shows.get_show(conn, ref.id)
        new_title = required_text(title, "a show's title") if title is not None else show.title
        aliases = list(show.aliases)
        for alias in remove_aliases:
            matching = [a for a in aliases if a.casefold() == alias.strip().casefold()]
            if not matching:
                raise NotFound(f"{show.title} has no alias {alias!r}{did_you_mean(alias, aliases)}")
            aliases.remove(matching[0])
        # A renamed show keeps its old title as an alias only if the user asks for it.
        aliases.extend(add_aliases)
        changed = replace(
            show,
            title=new_title,
            aliases=_clean_aliases(aliases, new_title),
            network=show.network if network is KEEP else optional_text(_str(network)),
            country=show.country if country is KEEP else optional_text(_str(country)),
            status=show.status if status is None else choose(status, SHOW_STATUSES, "status"),
            summary=show.summary if summary is KEEP else optional_text(_str(summary)),
            offset=show.offset if offset is None else offset,
        )
        for alias_name in (changed.title, *changed.aliases):
            _check_name_free(conn, alias_name, ref.id, "alias")
        store.shows.update_show(conn, ref.id, changed)
        facts.claim(conn, ref.id, "", facts.show_facts(show), facts.show_facts(changed), "typed")
    return ShowRef(ref.id, changed.title)


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def remove_show(conn: sqlite3.Connection, name: str) -> ShowRef:
    with transaction(conn):
        ref = resolve_show(conn, name)
        store.shows.delete_show(conn, ref.id)
    return ref


# ---------------------------------------------------------------------------- seasons


def add_season(
    conn: sqlite3.Connection, name: str, number: int, given: SeasonInput
) -> tuple[ShowRef, Season]:
    if number < 0:
        raise InvalidInput(
            f"season number {number} is negative; seasons count from 1 (0: specials)"
        )
    season_number(number)
    with transaction(conn):
        ref = resolve_show(conn, name)
        if store.seasons.season_id(conn, ref.id, number) is not None:
            raise InvalidInput(
                f"{ref.title} already has season {number}; change it with"
                f" `seasontrack season edit {ref.title!r} {number} ...`"
            )
        season = apply_season_input(Season(number=number), given)
        store.seasons.save_season(conn, ref.id, season)
        store.facts.clear_removed(conn, ref.id, f"S{number}")
        facts.claim(conn, ref.id, f"S{number}", {}, facts.season_facts(season), "typed")
    return ref, season


def edit_season(
    conn: sqlite3.Connection,
    name: str,
    number: int,
    given: SeasonInput,
    *,
    new_number: int | None = None,
) -> tuple[ShowRef, Season]:
    with transaction(conn):
        ref = resolve_show(conn, name)
        row_id = season_row(conn, ref, number)
        before = store.seasons.get_season(conn, row_id)
        season = apply_season_input(before, given)
        renumbered = _number_after_edit(
            number,
            new_number,
            lowest=0,
            highest=MAX_SEASON,
            what="season number",
            taken=lambda n: store.seasons.season_id(conn, ref.id, n) is not None,
            owner=f"{ref.title} already has season",
        )
        season = replace(season, number=renumbered)
        store.seasons.save_season(conn, ref.id, season, row_id)
        facts.claim(
            conn,
            ref.id,
            f"S{season.number}",
            facts.season_facts(before),
            facts.season_facts(season),
            "typed",
        )
    return ref, season


def _number_after_edit(
    number: int,
    new_number: int | None,
    *,
    lowest: int,
    highest: int,
    what: str,
    taken: Callable[[int], bool],
    owner: str,
) -> int:
    """The number an edit leaves; a new one too low or already taken is refused."""
    if new_number is None or new_number == number:
        return number
    if new_number < lowest:
        raise InvalidInput(f"{what} {new_number} must be {lowest} or more")
    number_within(new_number, what, lowest, highest)
    if taken(new_number):
        raise InvalidInput(f"{owner} {new_number}")
    return new_number


def remove_season(conn: sqlite3.Connection, name: str, number: int) -> ShowRef:
    with transaction(conn):
        ref = resolve_show(conn, name)
        store.seasons.delete_season(conn, season_row(conn, ref, number))
        # A linked show's next sync must not bring the season back.
        store.facts.mark_removed(conn, ref.id, f"S{number}")
    return ref


# ---------------------------------------------------------------------------- episodes


def _episode_row(conn: sqlite3.Connection, ref: ShowRef, season: int, number: int) -> int:
    season_row_id = season_row(conn, ref, season)
    found = store.seasons.episode_id(conn, season_row_id, number)
    if found is None:
        numbers = [e.number for e in store.seasons.get_season(conn, season_row_id).episodes]
        known = ", ".join(map(str, numbers)) or "none recorded"
        raise NotFound(f"{ref.title} season {season} has no episode {number} recorded ({known})")
    return found


def add_episode(
    conn: sqlite3.Connection, name: str, season: int, number: int, given: EpisodeInput
) -> tuple[ShowRef, Episode]:
    if number < 1:
        raise InvalidInput(f"episode number {number} must be 1 or more")
    number_within(number, "episode number", 1, MAX_EPISODES)
    with transaction(conn):
        ref = resolve_show(conn, name)
        season_row_id = season_row(conn, ref, season)
        if store.seasons.episode_id(conn, season_row_id, number) is not None:
            raise InvalidInput(
                f"{ref.title} season {season} already has episode {number}; change it with"
                f" `seasontrack episode edit`"
            )
        current = store.seasons.get_season(conn, season_row_id)
        episode = apply_episode_input(current, Episode(number), given)
        store.seasons.insert_episode(conn, season_row_id, episode)
        store.facts.clear_removed(conn, ref.id, f"S{season}E{number}")
        facts.claim(conn, ref.id, f"S{season}E{number}", {}, facts.episode_facts(episode), "typed")
    return ref, episode


def edit_episode(
    conn: sqlite3.Connection,
    name: str,
    season: int,
    number: int,
    given: EpisodeInput,
    *,
    new_number: int | None = None,
) -> tuple[ShowRef, Episode]:
    with transaction(conn):
        ref = resolve_show(conn, name)
        row_id = _episode_row(conn, ref, season, number)
        season_row_id = season_row(conn, ref, season)
        current = store.seasons.get_season(conn, season_row_id)
        before = next(e for e in current.episodes if e.number == number)
        episode = apply_episode_input(current, before, given)
        renumbered = _number_after_edit(
            number,
            new_number,
            lowest=1,
            highest=MAX_EPISODES,
            what="episode number",
            taken=lambda n: store.seasons.episode_id(conn, season_row_id, n) is not None,
            owner=f"{ref.title} season {season} already has episode",
        )
        episode = replace(episode, number=renumbered)
        store.seasons.update_episode(conn, row_id, episode)
        facts.claim(
            conn,
            ref.id,
            f"S{season}E{episode.number}",
            facts.episode_facts(before),
            facts.episode_facts(episode),
            "typed",
        )
    return ref, episode


def remove_episode(conn: sqlite3.Connection, name: str, season: int, number: int) -> ShowRef:
    with transaction(conn):
        ref = resolve_show(conn, name)
        store.seasons.delete_episode(conn, _episode_row(conn, ref, season, number))
        store.facts.mark_removed(conn, ref.id, f"S{season}E{number}")
    return ref


# ---------------------------------------------------------------------------- checking values
# Shared by the commands and by import, so a file is held to the same rules as typing.


# ---------------------------------------------------------------------------- credits


def add_credits(
    conn: sqlite3.Connection,
    name: str,
    credits: list[Credit],
    named: Collection[str] = CREDIT_DETAILS,
) -> tuple[ShowRef, int]:
    """Record cast or crew credits in one transaction. One already there is updated: the
    details ``named`` (of CREDIT_DETAILS) change, the others stay as recorded.

    Returns the show and how many of the credits are new.
    """
    cleaned = [clean_credit(credit) for credit in credits]
    added = 0
    with transaction(conn):
        ref = resolve_show(conn, name)
        for credit in cleaned:
            season_row = _optional_season_row(conn, ref, credit.season)
            _, new = store.credits.upsert_credit(conn, ref.id, season_row, credit, named=named)
            added += new
    return ref, added


def remove_credits(
    conn: sqlite3.Connection,
    name: str,
    role: str,
    person: str,
    *,
    season: int | None = None,
    character: str | None = None,
    job: str | None = None,
) -> tuple[ShowRef, int]:
    """Remove a person's cast (or crew) credits on a show; narrowed by character or job."""
    with transaction(conn):
        ref = resolve_show(conn, name)
        season_row = _optional_season_row(conn, ref, season)
        credits = [
            c
            for c in store.shows.get_show(conn, ref.id).credits
            if c.role == role and c.season == season
        ]
        ids = store.credits.find_person_credits(conn, ref.id, season_row, role, person.strip())
        if character is not None or job is not None:
            wanted = Credit(person=person.strip(), role=role, character=character, job=job)
            one = store.credits.find_credit(conn, ref.id, season_row, wanted)
            ids = [one] if one is not None else []
        if not ids:
            where = f" in season {season}" if season is not None else ""
            people = [c.person for c in credits]
            hint = did_you_mean(person, people)
            raise NotFound(f"{person!r} has no {role} credit on {ref.title}{where}{hint}")
        store.credits.delete_credits(conn, ids)
    return ref, len(ids)


# ---------------------------------------------------------------------------- trailers, sources


def add_trailer(
    conn: sqlite3.Connection,
    name: str,
    trailer: Trailer,
    named: Collection[str] = TRAILER_DETAILS,
) -> tuple[ShowRef, bool]:
    """Record a trailer. The same URL again updates it: the details ``named`` (of
    TRAILER_DETAILS) change, the others stay. Returns the show and whether it is new."""
    trailer = clean_trailer(trailer)
    with transaction(conn):
        ref = resolve_show(conn, name)
        season_row = _optional_season_row(conn, ref, trailer.season)
        _, new = store.links.upsert_trailer(conn, ref.id, season_row, trailer, named=named)
    return ref, new


def _pick_trailers(
    conn: sqlite3.Connection, ref: ShowRef, season: int | None
) -> list[tuple[int, Trailer]]:
    if season is not None:
        season_row(conn, ref, season)
    rows = store.links.list_trailer_rows(conn, ref.id)
    return [(i, t) for i, t in rows if season is None or t.season == season]


def remove_trailer(
    conn: sqlite3.Connection,
    name: str,
    *,
    url: str | None = None,
    season: int | None = None,
    title: str | None = None,
) -> tuple[ShowRef, int]:
    """Remove the trailers matching ``url`` or ``title`` (in ``season``, when given)."""
    if url is None and title is None:
        raise InvalidInput("say which trailer to remove: give its URL or --title")
    with transaction(conn):
        ref = resolve_show(conn, name)
        rows = _pick_trailers(conn, ref, season)
        matching = [
            i
            for i, t in rows
            if (url is not None and t.url == url.strip())
            or (title is not None and (t.title or "").casefold() == title.strip().casefold())
        ]
        if not matching:
            known = [t.url or t.title or "" for _, t in rows]
            hint = did_you_mean(url or title or "", known)
            raise NotFound(f"{ref.title} has no such trailer{hint}")
        store.links.delete_trailers(conn, matching)
    return ref, len(matching)


def newest_trailer(conn: sqlite3.Connection, name: str, season: int | None = None) -> Trailer:
    """The most recently published trailer that has a link (of one season, when given)."""
    ref = resolve_show(conn, name)
    linked = [t for _, t in _pick_trailers(conn, ref, season) if t.url]
    if not linked:
        where = f" season {season}" if season is not None else ""
        raise NotFound(f"{ref.title}{where} has no trailer with a link")
    # Rows come oldest first, undated last: the newest is the last dated one, or the
    # last added when none is dated.
    dated = [t for t in linked if t.published.start is not None]
    return max(dated, key=lambda t: t.published.sort_key()) if dated else linked[-1]


def add_source(conn: sqlite3.Connection, name: str, source: Source) -> tuple[ShowRef, bool]:
    source = clean_source(source)
    with transaction(conn):
        ref = resolve_show(conn, name)
        season_row = _optional_season_row(conn, ref, source.season)
        _, new = store.links.upsert_source(conn, ref.id, season_row, source)
    return ref, new


def remove_source(
    conn: sqlite3.Connection, name: str, url: str, *, season: int | None = None
) -> ShowRef:
    with transaction(conn):
        ref = resolve_show(conn, name)
        rows = [
            (i, s)
            for i, s in store.links.list_source_rows(conn, ref.id)
            if season is None or s.season == season
        ]
        matching = [i for i, s in rows if s.url == url.strip()]
        if not matching:
            hint = did_you_mean(url, [s.url for _, s in rows])
            raise NotFound(f"{ref.title} has no source {url!r}{hint}")
        store.links.delete_sources(conn, matching)
    return ref
