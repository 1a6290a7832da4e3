"""Checking values a user typed or a file gave; errors say in one line what would be right.

The rules here hold for every way a value enters the catalog (a command, an import file, a
provider), so they sit below the services and the catalog file format alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, time
from urllib.parse import urlsplit

from seasontrack.dates import PartialDate, Precision
from seasontrack.errors import InvalidInput
from seasontrack.limits import (
    MAX_EPISODES,
    MAX_ID,
    MAX_SEASON,
    MAX_TEXT,
    MAX_WEEKS,
    MAX_YEAR,
    MIN_YEAR,
)
from seasontrack.models import (
    ALERT_KINDS,
    ARRIVALS,
    CREDIT_STATUSES,
    PART_RELEASES,
    RELEASE_PATTERNS,
    TRAILER_KINDS,
    Credit,
    Episode,
    Part,
    Season,
    Show,
    ShowLink,
    Source,
    Trailer,
)


def did_you_mean(
    value: str, candidates: Iterable[str] | Mapping[str, str], *, limit: int = 3
) -> str:
    """`` (did you mean 'X'?)`` for the closest candidates, or ``""`` when none is close.

    ``candidates`` may map each name to what to suggest for it (an alias to its show's
    title, say); several names for one thing suggest it once.
    """
    # Imported here: only a mistake needs it, and every command imports this module.
    import difflib

    shown = candidates if isinstance(candidates, Mapping) else {c: c for c in candidates}
    pool: dict[str, str] = {}
    for name, suggestion in shown.items():
        pool.setdefault(name.casefold(), suggestion)
    close = difflib.get_close_matches(value.casefold(), list(pool), n=max(1, len(pool)), cutoff=0.6)
    suggestions = list(dict.fromkeys(pool[c] for c in close))[:limit]
    if not suggestions:
        return ""
    quoted = " or ".join(repr(s) for s in suggestions)
    return f" (did you mean {quoted}?)"


def choose(value: str, choices: Iterable[str], what: str) -> str:
    """One of ``choices``, matched ignoring case and with ``-``/``_`` read as spaces or hyphens."""
    options = list(choices)
    if value in options:
        return value  # as written already: what a file holds, every row of an import
    wanted = _loose(value)
    for option in options:
        if _loose(option) == wanted:
            return option
    accepted = ", ".join(options)
    raise InvalidInput(f"{what} {value!r} is not one of: {accepted}{did_you_mean(value, options)}")


def _loose(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").casefold().split())


# ---------------------------------------------------------------------------- bounds
# README, "Bounds": each is checked where a value enters (seasontrack.limits).


def alert_kinds(text: str, option: str = "--only") -> tuple[str, ...] | None:
    """A comma list of alert kinds (``premieres,complete``), in the order of ALERT_KINDS;
    None when it names every kind."""
    from seasontrack.printable import one_line

    named = [part.strip().lower() for part in text.split(",") if part.strip()]
    if not named:
        raise InvalidInput(f"{option} needs a comma list of: {', '.join(ALERT_KINDS)}")
    for kind in named:
        if kind not in ALERT_KINDS:
            raise InvalidInput(
                f"{option}: unknown kind {one_line(kind)!r}{did_you_mean(kind, ALERT_KINDS)};"
                f" kinds: {', '.join(ALERT_KINDS)}"
            )
    chosen = tuple(kind for kind in ALERT_KINDS if kind in named)
    return None if chosen == ALERT_KINDS else chosen


def text_within_bound(value: str, what: str = "a text value") -> str:
    """``value``, unless it is longer than a text value may be (MAX_TEXT characters)."""
    if len(value) > MAX_TEXT:
        raise InvalidInput(
            f"{what} is longer than {MAX_TEXT:,} characters, the most one text value holds"
        )
    return value


def number_within(value: int, what: str, low: int, high: int) -> int:
    """``value``, unless it lies outside ``low`` to ``high`` (the error says the range)."""
    if not low <= value <= high:
        shown = f" {value}" if abs(value) < 10**15 else ""
        raise InvalidInput(f"{what}{shown} is out of range; give a number from {low} to {high:,}")
    return value


def season_number(value: int, what: str = "season number") -> int:
    return number_within(value, what, 0, MAX_SEASON)


def episode_number(value: int, what: str = "episode number") -> int:
    return number_within(value, what, 1, MAX_EPISODES)


def year_within_bound(day: date, what: str) -> date:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise InvalidInput(
            f"{what} {day} is out of range; use a year from {MIN_YEAR} to {MAX_YEAR}"
        )
    return day


# ---------------------------------------------------------------------------- text


def optional_text(value: str | None, what: str = "a text value") -> str | None:
    """Free text with surrounding blanks removed; an empty string clears the field (None)."""
    if value is None:
        return None
    stripped = text_within_bound(value, what).strip()
    return stripped or None


def required_text(value: str, what: str, *, stored: bool = True) -> str:
    """Text that cannot be blank; ``stored``: a name the catalog keeps (not a search)."""
    stripped = text_within_bound(value, what).strip()
    if not stripped:
        raise InvalidInput(f"{what} cannot be empty")
    if stored and "\0" in stripped:
        # SQLite counts a text's characters up to its first NUL: a name that starts with one
        # would be empty to the catalog's own checks.
        raise InvalidInput(f"{what} cannot hold a NUL character (\\0)")
    return stripped


def web_url(value: str, what: str = "link") -> str:
    """An absolute http(s) URL; anything else (javascript:, file:, a bare word) is refused."""
    stripped = text_within_bound(value, what).strip()
    try:
        parts = urlsplit(stripped)
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or any(ch.isspace() or ord(ch) < 32 for ch in stripped)
    ):
        raise InvalidInput(
            f"{what} {value!r} is not a web address; give an http:// or https:// URL,"
            " like https://www.youtube.com/watch?v=..."
        )
    return stripped


# ---------------------------------------------------------------------------- seasons, episodes


@dataclass(frozen=True)
class SeasonInput:
    """What a user gave for a season; None leaves a field as it is (on edit) or unknown (on add)."""

    premiere: PartialDate | None = None
    finale: PartialDate | None = None
    episode_count: int | None = None
    release_pattern: str | None = None
    release_time: time | None = None
    release_tz: str | None = None
    synopsis: str | None = None
    notes: str | None = None
    network: str | None = None
    premiere_episodes: int | None = None
    add_skips: tuple[date, ...] = ()
    remove_skips: tuple[date, ...] = ()
    # All the single-week breaks, replacing the season's (import); None keeps them.
    skips: tuple[date, ...] | None = None
    # Longer breaks (--break FROM..TO): added, or all of them replacing the season's
    # (import; None keeps them); --clear-breaks removes the season's first.
    add_breaks: tuple[tuple[date, date], ...] = ()
    breaks: tuple[tuple[date, date], ...] | None = None
    clear_breaks: bool = False
    # All the parts, replacing the season's (import); None keeps them.
    parts: tuple[Part, ...] | None = None


def _split_moments(
    dates: Iterable[tuple[str, PartialDate | None]],
    given_time: time | None,
    given_tz: str | None,
    time_now: time | None,
    tz_now: str | None,
) -> tuple[dict[str, PartialDate], time | None, str | None]:
    """Dates as days, and the release time and zone they leave: a time inside a date
    (``--premiere '8 Mar 2018 00:01 PST'``) becomes the release time, unless ``--time`` or
    ``--tz`` says otherwise (then it is an error)."""
    release_time = given_time or time_now
    release_tz = given_tz or tz_now
    days: dict[str, PartialDate] = {}
    for field_name, value in dates:
        if value is None:
            continue
        if value.precision is Precision.MINUTE and value.time is not None:
            if given_time is not None and value.time != given_time:
                raise InvalidInput(
                    f"the {field_name} says {value.time:%H:%M} but --time says"
                    f" {given_time:%H:%M}; give the time once"
                )
            if given_tz is not None and value.tz not in (None, given_tz):
                raise InvalidInput(
                    f"the {field_name} is in {value.tz} but --tz says {given_tz};"
                    " give the zone once"
                )
            release_time = value.time
            release_tz = value.tz or release_tz
        days[field_name] = value.date_only()
    return days, release_time, release_tz


def apply_season_input(season: Season, given: SeasonInput) -> Season:
    """The season with ``given`` applied; a time inside a date becomes the season's release time."""
    season_number(season.number)
    if given.episode_count is not None:
        number_within(given.episode_count, "episode count", 0, MAX_EPISODES)
    if given.premiere_episodes is not None:
        number_within(given.premiere_episodes, "premiere episodes", 1, MAX_EPISODES)
    dates, release_time, release_tz = _split_moments(
        (("premiere", given.premiere), ("finale", given.finale)),
        given.release_time,
        given.release_tz,
        season.release_time,
        season.release_tz,
    )
    pattern = season.release_pattern
    if given.release_pattern is not None:
        pattern = choose(given.release_pattern, RELEASE_PATTERNS, "release pattern")
    changed = replace(
        season,
        premiere=dates.get("premiere", season.premiere),
        finale=dates.get("finale", season.finale),
        episode_count=(
            season.episode_count if given.episode_count is None else given.episode_count
        ),
        release_pattern=pattern,
        release_time=release_time,
        release_tz=release_tz,
        synopsis=season.synopsis if given.synopsis is None else optional_text(given.synopsis),
        notes=season.notes if given.notes is None else optional_text(given.notes),
        network=season.network if given.network is None else optional_text(given.network),
    )
    changed = replace(
        changed,
        premiere_episodes=given.premiere_episodes or season.premiere_episodes,
        skips=_apply_skips(changed, given),
        parts=season.parts if given.parts is None else given.parts,
    )
    check_parts(changed)
    changed = replace(changed, breaks=_apply_breaks(changed, given))
    if changed.release_pattern == "all-at-once" and given.finale is None:
        # Every episode comes out at the premiere moment, so that is also the finale.
        changed = replace(changed, finale=changed.premiere)
    premiere, finale = changed.premiere, changed.finale
    if premiere.start and finale.start and finale.end and finale.end < premiere.start:
        raise InvalidInput(
            f"the finale ({finale.label()}) would come before the premiere ({premiere.label()})"
        )
    from seasontrack.schedule import beyond_weekly_reach

    unplaced = beyond_weekly_reach(changed)
    if unplaced is not None:
        raise InvalidInput(
            f"a weekly season comes out within {MAX_WEEKS} weeks ({MAX_WEEKS // 52} years) of"
            f" its premiere, breaks included; its episode {unplaced} would come later. Give"
            " fewer episodes, or a release pattern other than weekly"
        )
    return changed


def _apply_skips(season: Season, given: SeasonInput) -> tuple[date, ...]:
    """The season's breaks with ``given``'s added and removed; each must be a release day."""
    skips = set(season.skips) if given.skips is None else set()
    for day in given.remove_skips:
        if day not in skips:
            listed = ", ".join(d.isoformat() for d in sorted(skips)) or "none"
            raise InvalidInput(
                f"season {season.number} has no break on {day}; its breaks: {listed}"
            )
        skips.discard(day)
    premiere = season.premiere
    for day in (*given.add_skips, *(given.skips or ())):
        year_within_bound(day, "--skip")
        if season.release_pattern != "weekly":
            raise InvalidInput("--skip is for weekly seasons; add --release weekly")
        if premiere.precision in (Precision.DAY, Precision.MINUTE) and premiere.start:
            if day <= premiere.start:
                raise InvalidInput(f"--skip {day} is not after the premiere ({premiere.label()})")
            if day.weekday() != premiere.start.weekday():
                raise InvalidInput(
                    f"--skip {day} is a {day:%A}, but the season comes out on"
                    f" {premiere.start:%A}s; give the {premiere.start:%A} with no episode"
                )
        skips.add(day)
    return tuple(sorted(skips))


def _apply_breaks(season: Season, given: SeasonInput) -> tuple[tuple[date, date], ...]:
    """The season's breaks with ``given``'s applied; only a weekly schedule has any."""
    breaks = set() if given.clear_breaks or given.breaks is not None else set(season.breaks)
    added = (*given.add_breaks, *(given.breaks or ()))
    if added and not _has_weekly(season):
        raise InvalidInput(
            "--break is for weekly seasons (or seasons with a weekly part); add --release weekly"
        )
    for first, last in added:
        check_break(first, last)
        breaks.add((first, last))
    return tuple(sorted(breaks))


def _has_weekly(season: Season) -> bool:
    return season.release_pattern == "weekly" or any(
        p.release_pattern == "weekly" for p in season.parts
    )


def _break_form(option: str) -> str:
    """How a break is written, for an error: '--break 2024-11-28..2024-12-31'."""
    example = "2024-11-28..2024-12-31"
    return f"{option} {example}" if option.startswith("--") else example


def check_break(first: date, last: date, option: str = "--break") -> None:
    if last < first:
        raise InvalidInput(
            f"the break {first}..{last} ends before it starts; write it like {_break_form(option)}"
        )


def parse_break(text: str, option: str = "--break") -> tuple[date, date]:
    """'2024-11-28..2024-12-31' (or any two days, 'Nov 28, 2024..Dec 31, 2024') as the first
    and last day of a break, both included."""
    from seasontrack.dates import DateInputError, parse_when

    first, dots, last = text.partition("..")
    days = []
    for side in (first, last) if dots else ():
        try:
            when = parse_when(side) if side.strip() else None
        except DateInputError:
            when = None
        if when is None or when.precision is not Precision.DAY or when.start is None:
            break
        days.append(when.start)
    if len(days) != 2:
        raise InvalidInput(
            f"{option} {text!r} is not two days; write it like {_break_form(option)}"
        )
    check_break(days[0], days[1], option)
    return days[0], days[1]


_EPISODES_RE = re.compile(r"\s*([0-9]{1,20})\s*(?:-\s*([0-9]{1,20})\s*)?", re.ASCII)


def episode_range(text: str, what: str = "episodes") -> tuple[int, int]:
    """'8' or '1-8' as the first and last episode."""
    match = _EPISODES_RE.fullmatch(text)
    if match is None:
        raise InvalidInput(f"{what} {text!r} is not a number or a range; write it like 8 or 1-8")
    low, high = int(match[1]), int(match[2] or match[1])
    if low < 1 or high < low:
        raise InvalidInput(f"{what} {text!r} should count up from 1, like 1-8")
    return low, episode_number(high)


# ---------------------------------------------------------------------------- parts


@dataclass(frozen=True)
class PartInput:
    """What a user gave for a part; None leaves a field as it is (on edit) or unknown (on add)."""

    episodes: tuple[int, int] | None = None
    premiere: PartialDate | None = None
    release_time: time | None = None
    release_tz: str | None = None
    release_pattern: str | None = None
    # "" clears it.
    title: str | None = None


def apply_part_input(part: Part, given: PartInput) -> Part:
    """The part with ``given`` applied; a time inside --premiere becomes the part's time."""
    dates, release_time, release_tz = _split_moments(
        (("premiere", given.premiere),),
        given.release_time,
        given.release_tz,
        part.release_time,
        part.release_tz,
    )
    first, last = given.episodes or (part.first_episode, part.last_episode)
    pattern = part.release_pattern
    if given.release_pattern is not None:
        pattern = choose(given.release_pattern, PART_RELEASES, "a part's release")
    return replace(
        part,
        first_episode=first,
        last_episode=last,
        premiere=dates.get("premiere", part.premiere),
        release_time=release_time,
        release_tz=release_tz,
        release_pattern=pattern,
        title=part.title if given.title is None else optional_text(given.title),
    )


def check_parts(season: Season) -> None:
    """A season's parts are numbered from 1, never overlap, and stay within its stated
    episode count."""
    count = season.episode_count
    seen: dict[int, Part] = {}
    for part in season.parts:
        label = f"part {part.number} ({part.episodes_label()})"
        if part.number < 1:
            raise InvalidInput(f"part number {part.number} must be 1 or more")
        if part.number in seen:
            raise InvalidInput(f"season {season.number} has part {part.number} twice")
        if part.first_episode < 1 or part.last_episode < part.first_episode:
            raise InvalidInput(f"{label}: episodes should count up from 1, like 5-7")
        episode_number(part.last_episode, f"{label}: its last episode")
        choose(part.release_pattern, PART_RELEASES, "a part's release")
        if count is not None and part.last_episode > count:
            raise InvalidInput(
                f"{label} goes past the season's {count} episodes; change the part or"
                " the episode count"
            )
        for other in seen.values():
            if (
                part.first_episode <= other.last_episode
                and other.first_episode <= part.last_episode
            ):
                raise InvalidInput(
                    f"{label} overlaps part {other.number} ({other.episodes_label()})"
                )
        seen[part.number] = part


@dataclass(frozen=True)
class EpisodeInput:
    """What a user gave for an episode; None leaves a field as it is (on edit)."""

    title: str | None = None
    airs: PartialDate | None = None
    director: str | None = None
    writer: str | None = None
    # The zone of an --airs time given without one, when the season has none either.
    fallback_tz: str | None = None
    # --shift: the later episodes keep their weekly rhythm from this one's (new) date.
    shift: bool = False


def apply_episode_input(season: Season, episode: Episode, given: EpisodeInput) -> Episode:
    airs = episode.airs
    # A new date moves only this episode, unless --shift says the others follow it.
    resumes = episode.resumes if given.airs is None else False
    if given.airs is not None:
        airs = given.airs
        if airs.precision is Precision.MINUTE and airs.tz is None:
            airs = replace(airs, tz=season.release_tz or given.fallback_tz)
    if given.shift:
        _check_shift(season, episode.number, airs)
        resumes = True
    return replace(
        episode,
        title=episode.title if given.title is None else optional_text(given.title),
        airs=airs,
        director=episode.director if given.director is None else optional_text(given.director),
        writer=episode.writer if given.writer is None else optional_text(given.writer),
        resumes=resumes,
    )


def _check_shift(season: Season, number: int, airs: PartialDate) -> None:
    """--shift restarts a weekly rhythm from a day: the episode needs one, in a weekly run."""
    part = next((p for p in season.parts if p.holds(number)), None)
    pattern = part.release_pattern if part else season.release_pattern
    if pattern != "weekly":
        where = f"part {part.number}" if part else f"season {season.number}"
        raise InvalidInput(
            f"--shift keeps a weekly rhythm, but {where} is not weekly; leave out --shift"
            " to move only this episode"
        )
    if airs.precision not in (Precision.DAY, Precision.MINUTE):
        raise InvalidInput(
            "--shift needs the episode's new day: give --airs with a day, like"
            " --airs 'January 9, 2025'"
        )


# ---------------------------------------------------------------------------- credits, links


def clean_credit(credit: Credit) -> Credit:
    credit = replace(
        credit,
        person=required_text(credit.person, "a person's name"),
        character=optional_text(credit.character),
        job=optional_text(credit.job.casefold()) if credit.job else None,
        note=optional_text(credit.note),
        status=choose(credit.status, CREDIT_STATUSES, "credit status"),
        arrival=None if credit.arrival is None else choose(credit.arrival, ARRIVALS, "arrival"),
    )
    if credit.role == "crew" and not credit.job:
        raise InvalidInput("a crew credit needs a job, like --job showrunner")
    if credit.billing is not None and credit.billing < 1:
        raise InvalidInput(f"billing {credit.billing} must be 1 or more (1 = top billed)")
    if credit.billing is not None:
        number_within(credit.billing, "billing", 1, MAX_EPISODES)
    if credit.season is not None:
        season_number(credit.season, "a credit's season")
    return credit


def clean_trailer(trailer: Trailer) -> Trailer:
    trailer = replace(
        trailer,
        url=web_url(trailer.url, "trailer link") if trailer.url else None,
        title=optional_text(trailer.title),
        kind=choose(trailer.kind, TRAILER_KINDS, "trailer kind"),
        publisher=optional_text(trailer.publisher),
        note=optional_text(trailer.note),
        published=trailer.published.date_only(),
    )
    if trailer.url is None and trailer.title is None and trailer.published.start is None:
        raise InvalidInput(
            "a trailer needs a URL, a --title or a --published date to tell it apart"
        )
    if trailer.season is not None:
        season_number(trailer.season, "a trailer's season")
    return trailer


def clean_source(source: Source) -> Source:
    if source.season is not None:
        season_number(source.season, "a source's season")
    return replace(
        source,
        url=web_url(source.url, "source link"),
        outlet=optional_text(source.outlet),
        title=optional_text(source.title),
        published=source.published.date_only(),
    )


# ---------------------------------------------------------------------------- providers


def check_remote_show(show: Show, link: ShowLink, where: str) -> None:
    """A show as a provider describes it, held to the bounds a typed one meets; the error
    names ``where`` it came from ("TVmaze show 1370") and the bound."""
    try:
        texts: list[tuple[str, str | None]] = [
            ("title", show.title),
            ("network", show.network),
            ("country", show.country),
            ("summary", show.summary),
            ("IMDb id", link.imdb_id),
            ("link", link.url),
            ("official site", link.official_site),
            *(("genre", genre) for genre in link.genres),
        ]
        for name, id_value in (("TheTVDB id", link.thetvdb_id), ("update time", link.updated)):
            if id_value is not None:
                number_within(id_value, name, 0, MAX_ID)
        for season in show.seasons:
            label = f"season {season_number(season.number)}"
            if season.episode_count is not None:
                number_within(season.episode_count, f"{label}'s episode count", 0, MAX_EPISODES)
            texts += [(f"{label}'s network", season.network), (f"{label}'s notes", season.notes)]
            for episode in season.episodes:
                episode_number(episode.number, f"{label}'s episode number")
                texts += [
                    (f"{label} episode {episode.number}'s title", episode.title),
                    (f"{label} episode {episode.number}'s director", episode.director),
                    (f"{label} episode {episode.number}'s writer", episode.writer),
                ]
        for credit in show.credits:
            clean_credit(credit)
        for name, value in texts:
            if value is not None:
                text_within_bound(value, f"the {name}")
    except InvalidInput as exc:
        raise InvalidInput(f"{where}: {exc}") from None
