"""What `info` shows: a show's details, as sections of labelled fields (plain data, like the
listings in ``render.listings``): printed as plain text when piped, without Rich, and drawn
in panels on a terminal (``render.base.Screen.sections``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from seasontrack.clock import Clock, offset_text
from seasontrack.dates import PartialDate, Precision
from seasontrack.render import episode_ranges
from seasontrack.render.columns import Cell, Field, Lines, Listing, Section, Styled, styled
from seasontrack.render.listings import release_cell
from seasontrack.schedule import (
    episode_count,
    part_premiere,
    season_complete,
    season_schedule,
    shifted,
)

if TYPE_CHECKING:
    from seasontrack.countdown import ReleaseView
    from seasontrack.models import Credit, Season, Show, Source, Trailer

    # Types only: `countdown` draws with this module and needs none of these services.
    from seasontrack.services.alerts import EarlierPremiere
    from seasontrack.services.progress import Progress
    from seasontrack.services.timeline import Upcoming


def when_label(when: PartialDate) -> Styled:
    style = "dim" if when.start is None else ""
    return styled((when.label(), style))


def local_when(when: PartialDate, clock: Clock) -> Styled:
    """A date in the user's zone, followed by how it was announced when that differs."""
    local = clock.local(when)
    label = when_label(local)
    if local != when:
        label += styled((f" ({when.label()})", "dim"))
    return label


def announced_note(announced: PartialDate, clock: Clock) -> Styled:
    """' · announced for March 8, 2018 03:01 EST': what an offset moved a time from."""
    return styled((f" · announced for {clock.local(announced).label()}", "dim"))


def yours_when(when: PartialDate, offset: timedelta, clock: Clock) -> Styled:
    """A date at the viewer's time (the show's offset applied), with the announced one
    after it when the offset moved it."""
    yours = shifted(when, offset)
    label = local_when(yours, clock)
    if yours != when:
        label += announced_note(when, clock)
    return label


def complete_line(season: Season, offset: timedelta, clock: Clock) -> Styled:
    """'all 8 out December 31, 2025 20:00 EST', in the user's zone; 'unknown' when not known."""
    complete = season.complete
    if complete.start is None:
        return styled(("unknown", "dim"))
    count = episode_count(season)
    line = styled(f"all {count} out " if count else "all out ", clock.local(complete).label())
    announced = season_complete(season)
    if announced != complete and shifted(announced, offset) == complete:
        line += announced_note(announced, clock)
    return line


def view_of(item: Upcoming | None, clock: Clock) -> ReleaseView | None:
    """The release's view, once for all the cells of a row."""
    return None if item is None else clock.view(item.release.when, item.release.release_tz)


# ---------------------------------------------------------------------------- info


def _fields(rows: Iterable[Field]) -> list[Field]:
    """The fields with a value: None or "" leaves a line out."""
    return [(name, value) for name, value in rows if value is not None and value != ""]


def _season_title(show: Show, season: Season) -> str:
    return f"{show.title} · Season {season.number}"


def _release_line(season: Season) -> str | None:
    """'weekly, Sundays at 21:00 America/New_York', 'all at once at 00:01 America/Los_Angeles'."""
    parts = []
    if season.release_pattern == "weekly":
        start = season.premiere.start
        day = f", {start:%A}s" if start is not None and season.premiere.end == start else ""
        parts.append(f"weekly{day}")
    elif season.release_pattern == "all-at-once":
        parts.append("all at once")
    if season.release_time is not None:
        parts.append(f"at {season.release_time:%H:%M}")
    if season.release_tz:
        parts.append(season.release_tz)
    if season.premiere_episodes > 1:
        parts.append(f"({season.premiere_episodes}-episode premiere)")
    if season.skips:
        parts.append("· no episode on " + ", ".join(f"{d:%b %-d, %Y}" for d in season.skips))
    if season.breaks:
        parts.append(
            "· a break "
            + ", ".join(
                f"from {first:%b %-d, %Y} to {last:%b %-d, %Y}" for first, last in season.breaks
            )
        )
    return " ".join(parts) or None


def _parts_table(season: Season, offset: timedelta, clock: Clock) -> Listing | None:
    """Each part: its number and title, its episodes, when it comes out (at the user's
    time), and how."""
    if not season.parts:
        return None
    return Listing(
        ("Part", "Title", "Episodes", "Release", ""),
        [
            [
                str(part.number),
                part.title or "",
                part.episodes_label(),
                local_when(shifted(part_premiere(season, part), offset), clock),
                ((part.release_pattern.replace("-", " "), "italic"),),
            ]
            for part in season.parts
        ],
    )


def _schedule_table(season: Season, offset: timedelta, clock: Clock) -> Listing | None:
    """Each episode with its release at the user's time and in their zone; for all-at-once
    only when titled."""
    schedule = season_schedule(season)
    if not schedule or (
        season.release_pattern != "weekly" and not any(e.title for e in season.episodes)
    ):
        return None
    rows: list[list[Cell]] = []
    for item in schedule:
        marks = [m for m, on in (("premiere", item.premiere), ("finale", item.finale)) if on]
        rows.append(
            [
                str(item.number),
                item.title or "",
                when_label(clock.local(shifted(item.when, offset))),
                ((", ".join(marks), "italic"),),
            ]
        )
    return Listing(("Ep", "Title", "Release", ""), rows)


def _cast_line(credit: Credit) -> Styled:
    line = styled((credit.person, "bold"))
    line += styled(f" as {credit.character}" if credit.character else " (role undisclosed)")
    tags = [t for t in (credit.arrival, "rumoured" if credit.status == "rumoured" else None) if t]
    if tags:
        line += styled((f"  [{', '.join(tags)}]", "italic"))
    if credit.note:
        line += styled((f"  {credit.note}", "dim"))
    return line


def _crew_lines(credits: list[Credit]) -> Iterable[Styled]:
    """One line per person, with all their jobs: "Raelle Tucker writer, producer"."""
    jobs: dict[str, list[Credit]] = {}
    for credit in credits:
        jobs.setdefault(credit.person, []).append(credit)
    for person, own in jobs.items():
        line = styled((person, "bold"), " " + ", ".join(c.job or "" for c in own))
        if any(c.status == "rumoured" for c in own):
            line += styled((" [rumoured]", "italic"))
        for note in dict.fromkeys(c.note for c in own if c.note):
            line += styled((f"  {note}", "dim"))
        yield line


def _trailer_line(trailer: Trailer) -> Styled:
    head = trailer.title or trailer.kind.capitalize()
    line = styled((head, "bold"))
    details = [
        trailer.kind if trailer.title else None,
        trailer.publisher,
        trailer.published.label() if trailer.published.start else None,
    ]
    shown = [d for d in details if d]
    if shown:
        line += styled(f" ({', '.join(shown)})")
    if trailer.note:
        line += styled((f"  {trailer.note}", "dim"))
    line += styled(
        "\n  ", (trailer.url or "no link recorded", "dim" if not trailer.url else "underline")
    )
    return line


def _source_line(source: Source) -> Styled:
    head = source.title or source.url
    details = [
        d
        for d in (source.outlet, source.published.label() if source.published.start else None)
        if d
    ]
    line = styled((head, "bold"))
    if details:
        line += styled(f" ({', '.join(details)})")
    if source.title:
        line += styled("\n  ", (source.url, "underline"))
    return line


def _lines(lines: Iterable[Styled]) -> Lines:
    return Lines(list(lines))


def _people_block(credits: list[Credit]) -> list[Field]:
    cast = [c for c in credits if c.role == "cast"]
    crew = [c for c in credits if c.role == "crew"]
    rows: list[Field] = []
    if cast:
        rows.append(("Cast", _lines(_cast_line(c) for c in cast)))
    if crew:
        rows.append(("Crew", _lines(_crew_lines(crew))))
    return rows


def show_details(
    show: Show,
    next_release: Upcoming | None,
    progress: Progress | None,
    only_season: int | None,
    clock: Clock,
    history: Mapping[int, Sequence[EarlierPremiere]] | None = None,
) -> list[Section]:
    """`info`: a section for the show, and one for each season (or only ``only_season``);
    ``history``: each season's earlier premieres."""
    sections: list[Section] = []
    next_line = None
    if next_release is not None:
        view = view_of(next_release, clock)
        next_line = release_cell(next_release, view) + styled(
            "  ", *_countdown_parts(next_release, view)
        )
        if next_release.release.announced is not None:
            next_line += announced_note(next_release.release.announced, clock)
    show_rows: list[Field] = [
        ("Also known as", ", ".join(show.aliases)),
        ("Network", show.network),
        ("Country", show.country),
        ("Status", show.status),
        ("Seasons", str(len(show.seasons)) if show.seasons else None),
        ("Following", _following_line(show)),
        (
            "Your time",
            f"{offset_text(show.offset)} from the announced times" if show.offset else None,
        ),
        ("Progress", _progress_line(progress)),
        ("Next", next_line),
        ("Summary", show.summary),
    ]
    show_rows += _people_block([c for c in show.credits if c.season is None])
    show_rows += _links_block(show.trailers, show.sources, None)
    sections.append(Section(show.title, _fields(show_rows)))
    for season in show.seasons:
        if only_season is not None and season.number != only_season:
            continue
        rows: list[Field] = [
            ("Premiere", yours_when(season.premiere_moment, show.offset, clock)),
            ("Dated", _history_line((history or {}).get(season.number, ()), clock)),
            (
                "Finale",
                yours_when(season.finale_moment, show.offset, clock)
                if season.finale.start
                else None,
            ),
            ("Complete", complete_line(season, show.offset, clock)),
            ("Network", season.network if season.network != show.network else None),
            ("Episodes", str(season.episode_count) if season.episode_count is not None else None),
            ("Release", _release_line(season)),
            ("Parts", _parts_table(season, show.offset, clock)),
            ("Watched", _watched_line(season)),
            ("Schedule", _schedule_table(season, show.offset, clock)),
            ("Synopsis", season.synopsis),
            ("Notes", season.notes),
        ]
        rows += _people_block([c for c in show.credits if c.season == season.number])
        rows += _links_block(show.trailers, show.sources, season.number)
        sections.append(Section(_season_title(show, season), _fields(rows)))
    return sections


def _following_line(show: Show) -> str | None:
    if not show.followed:
        return "no (no reminders)"
    if show.alerts is None:
        return None
    return "alerts for " + ", ".join(show.alerts)


def _history_line(earlier: Sequence[EarlierPremiere], clock: Clock) -> Styled | None:
    """A premiere's earlier values, newest first: "was 2027 until December 1, 2026"."""
    if not earlier:
        return None
    return styled(
        "; ".join(
            f"was {item.was.label()} until {_day_label(item.until, clock)}"
            for item in reversed(earlier)
        )
    )


def _day_label(moment: datetime, clock: Clock) -> str:
    """The day of ``moment`` where the user is: "December 1, 2026"."""
    return PartialDate(Precision.DAY, moment.astimezone(clock.zone.tzinfo).date()).label()


def _progress_line(progress: Progress | None) -> Styled | None:
    if progress is None:
        return None
    line = styled(progress.label())
    if progress.unwatched_released:
        missing = episode_ranges(progress.unwatched_released)
        line += styled((f"  out and not seen: {missing}", "yellow"))
    return line


def _watched_line(season: Season) -> str | None:
    if not season.watched:
        return None
    total = episode_count(season)
    of = f" of {total}" if total else ""
    line = f"{len(season.watched)}{of} ({episode_ranges(season.watched)})"
    if season.watched_on:
        last = max(day for _, day in season.watched_on)
        line += f", last on {PartialDate(Precision.DAY, last).label()}"
    return line


def _countdown_parts(
    item: Upcoming, view: ReleaseView | None
) -> list[tuple[str | None, str] | str | None]:
    parts: list[tuple[str | None, str] | str | None] = [
        (f"({view.countdown if view else ''})", "cyan")
    ]
    if item.airing:
        parts.append((" airing", "italic"))
    return parts


def _links_block(
    trailers: Iterable[Trailer], sources: Iterable[Source], season: int | None
) -> list[Field]:
    own_trailers = [t for t in trailers if t.season == season]
    own_sources = [s for s in sources if s.season == season]
    rows: list[Field] = []
    if own_trailers:
        rows.append(("Trailers", _lines(_trailer_line(t) for t in own_trailers)))
    if own_sources:
        rows.append(("Sources", _lines(_source_line(s) for s in own_sources)))
    return rows
