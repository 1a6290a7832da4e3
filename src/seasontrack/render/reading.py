"""What the reading commands draw: the show list and a show's details."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from seasontrack.clock import Clock, offset_text
from seasontrack.dates import PartialDate, Precision
from seasontrack.models import Credit, Season, Show, Source, Trailer
from seasontrack.render import episode_ranges
from seasontrack.render.base import Screen, text
from seasontrack.schedule import (
    episode_count,
    part_premiere,
    season_complete,
    season_schedule,
    shifted,
)

if TYPE_CHECKING:
    from seasontrack.countdown import ReleaseView

    # Types only: `upcoming` and `calendar` draw with this module and need neither service.
    from seasontrack.services.alerts import EarlierPremiere
    from seasontrack.services.progress import Progress
    from seasontrack.services.reading import ShowSummary
    from seasontrack.services.timeline import Upcoming

# A labelled line of a details panel; None or "" leaves the line out.
Field = tuple[str, Text | Table | str | None]


def when_label(when: PartialDate) -> Text:
    style = "dim" if when.start is None else ""
    return text((when.label(), style))


def local_when(when: PartialDate, clock: Clock) -> Text:
    """A date in the user's zone, followed by how it was announced when that differs."""
    local = clock.local(when)
    label = when_label(local)
    if local != when:
        label.append_text(text((f" ({when.label()})", "dim")))
    return label


def announced_note(announced: PartialDate, clock: Clock) -> Text:
    """' · announced for March 8, 2018 03:01 EST': what an offset moved a time from."""
    return text((f" · announced for {clock.local(announced).label()}", "dim"))


def yours_when(when: PartialDate, offset: timedelta, clock: Clock) -> Text:
    """A date at the viewer's time (the show's offset applied), with the announced one
    after it when the offset moved it."""
    yours = shifted(when, offset)
    label = local_when(yours, clock)
    if yours != when:
        label.append_text(announced_note(when, clock))
    return label


def complete_line(season: Season, offset: timedelta, clock: Clock) -> Text:
    """'all 8 out December 31, 2025 20:00 EST', in the user's zone; 'unknown' when not known."""
    complete = season.complete
    if complete.start is None:
        return text(("unknown", "dim"))
    count = episode_count(season)
    line = text(f"all {count} out " if count else "all out ", clock.local(complete).label())
    announced = season_complete(season)
    if announced != complete and shifted(announced, offset) == complete:
        line.append_text(announced_note(announced, clock))
    return line


def view_of(item: Upcoming | None, clock: Clock) -> ReleaseView | None:
    """The release's view, once for all the cells of a row."""
    return None if item is None else clock.view(item.release.when, item.release.release_tz)


def release_cell(item: Upcoming | None, view: ReleaseView | None) -> Text:
    """'S2 March 8, 2018 03:01 EST', or a dash when nothing is known to come."""
    if item is None or view is None:
        return text(("—", "dim"))
    return text((item.release.label() + " ", "bold"), view.local.label())


def countdown_cell(item: Upcoming | None, view: ReleaseView | None) -> Text:
    if item is None or view is None:
        return Text("")
    return text((view.countdown, "cyan" if item.release.when.start else "dim"))


# ---------------------------------------------------------------------------- list


def show_list(
    screen: Screen, summaries: list[ShowSummary], clock: Clock, *, unwatched: bool = False
) -> None:
    # Progress only when the user keeps track of anything: a column of blanks says nothing.
    with_progress = any(item.progress for item in summaries)
    columns = ["Show", "Network", "Status", "Latest"]
    columns += ["Progress"] if with_progress else []
    columns += ["Next", "Countdown"] + (["Unwatched"] if unwatched else [])
    table = screen.table(*columns)
    for item in summaries:
        cells = [
            text((item.title, "bold" if item.followed else "dim")),
            text(item.network),
            text(item.status),
            text(f"S{item.latest_season}" if item.latest_season is not None else None),
        ]
        if with_progress:
            cells.append(text(item.progress.label() if item.progress else None))
        view = view_of(item.next_release, clock)
        cells += [
            release_cell(item.next_release, view),
            countdown_cell(item.next_release, view),
        ]
        if unwatched:
            cells.append(
                text("; ".join(f"S{n} {episode_ranges(eps)}" for n, eps in item.unwatched))
            )
        table.add_row(*cells)
    screen.print(table)


# ---------------------------------------------------------------------------- info


def _fields(screen: Screen, rows: Iterable[Field]) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold" if screen.fancy else "", no_wrap=True)
    grid.add_column()
    for name, value in rows:
        if value is None or value == "":
            continue
        grid.add_row(name, value if isinstance(value, Text | Table) else text(value))
    return grid


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


def _parts_table(screen: Screen, season: Season, offset: timedelta, clock: Clock) -> Table | None:
    """Each part: its number and title, its episodes, when it comes out (at the user's
    time), and how."""
    if not season.parts:
        return None
    table = screen.table("Part", "Title", "Episodes", "Release", "")
    for part in season.parts:
        table.add_row(
            text(str(part.number)),
            text(part.title),
            text(part.episodes_label()),
            local_when(shifted(part_premiere(season, part), offset), clock),
            text((part.release_pattern.replace("-", " "), "italic")),
        )
    return table


def _schedule_table(
    screen: Screen, season: Season, offset: timedelta, clock: Clock
) -> Table | None:
    """Each episode with its release at the user's time and in their zone; for all-at-once
    only when titled."""
    schedule = season_schedule(season)
    if not schedule or (
        season.release_pattern != "weekly" and not any(e.title for e in season.episodes)
    ):
        return None
    table = screen.table("Ep", "Title", "Release", "")
    for item in schedule:
        marks = [m for m, on in (("premiere", item.premiere), ("finale", item.finale)) if on]
        table.add_row(
            text(str(item.number)),
            text(item.title),
            when_label(clock.local(shifted(item.when, offset))),
            text((", ".join(marks), "italic")),
        )
    return table


def _cast_line(credit: Credit) -> Text:
    line = text((credit.person, "bold"))
    line.append_text(text(f" as {credit.character}" if credit.character else " (role undisclosed)"))
    tags = [t for t in (credit.arrival, "rumoured" if credit.status == "rumoured" else None) if t]
    if tags:
        line.append_text(text((f"  [{', '.join(tags)}]", "italic")))
    if credit.note:
        line.append_text(text((f"  {credit.note}", "dim")))
    return line


def _crew_lines(credits: list[Credit]) -> Iterable[Text]:
    """One line per person, with all their jobs: "Raelle Tucker writer, producer"."""
    jobs: dict[str, list[Credit]] = {}
    for credit in credits:
        jobs.setdefault(credit.person, []).append(credit)
    for person, own in jobs.items():
        line = text((person, "bold"), " " + ", ".join(c.job or "" for c in own))
        if any(c.status == "rumoured" for c in own):
            line.append_text(text((" [rumoured]", "italic")))
        for note in dict.fromkeys(c.note for c in own if c.note):
            line.append_text(text((f"  {note}", "dim")))
        yield line


def _trailer_line(trailer: Trailer) -> Text:
    head = trailer.title or trailer.kind.capitalize()
    line = text((head, "bold"))
    details = [
        trailer.kind if trailer.title else None,
        trailer.publisher,
        trailer.published.label() if trailer.published.start else None,
    ]
    shown = [d for d in details if d]
    if shown:
        line.append_text(text(f" ({', '.join(shown)})"))
    if trailer.note:
        line.append_text(text((f"  {trailer.note}", "dim")))
    line.append_text(
        text("\n  ", (trailer.url or "no link recorded", "dim" if not trailer.url else "underline"))
    )
    return line


def _source_line(source: Source) -> Text:
    head = source.title or source.url
    details = [
        d
        for d in (source.outlet, source.published.label() if source.published.start else None)
        if d
    ]
    line = text((head, "bold"))
    if details:
        line.append_text(text(f" ({', '.join(details)})"))
    if source.title:
        line.append_text(text("\n  ", (source.url, "underline")))
    return line


def _lines(lines: Iterable[Text]) -> Text:
    return Text("\n").join(lines)


def _people_block(screen: Screen, credits: list[Credit]) -> list[Field]:
    cast = [c for c in credits if c.role == "cast"]
    crew = [c for c in credits if c.role == "crew"]
    rows: list[Field] = []
    if cast:
        rows.append(("Cast", _lines(_cast_line(c) for c in cast)))
    if crew:
        rows.append(("Crew", _lines(_crew_lines(crew))))
    return rows


def show_details(
    screen: Screen,
    show: Show,
    next_release: Upcoming | None,
    progress: Progress | None,
    only_season: int | None,
    clock: Clock,
    history: Mapping[int, Sequence[EarlierPremiere]] | None = None,
) -> None:
    """`info`: the show, then each season (``history``: each season's earlier premieres)."""
    sections: list[RenderableType] = []
    next_line = None
    if next_release is not None:
        view = view_of(next_release, clock)
        next_line = release_cell(next_release, view)
        next_line.append_text(text("  ", *_countdown_parts(next_release, view)))
        if next_release.release.announced is not None:
            next_line.append_text(announced_note(next_release.release.announced, clock))
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
    show_rows += _people_block(screen, [c for c in show.credits if c.season is None])
    show_rows += _links_block(show.trailers, show.sources, None)
    sections.append(screen.section(show.title, _fields(screen, show_rows)))
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
            ("Parts", _parts_table(screen, season, show.offset, clock)),
            ("Watched", _watched_line(season)),
            ("Schedule", _schedule_table(screen, season, show.offset, clock)),
            ("Synopsis", season.synopsis),
            ("Notes", season.notes),
        ]
        rows += _people_block(screen, [c for c in show.credits if c.season == season.number])
        rows += _links_block(show.trailers, show.sources, season.number)
        sections.append(screen.section(_season_title(show, season), _fields(screen, rows)))
    screen.print(*sections)


def _following_line(show: Show) -> str | None:
    if not show.followed:
        return "no (no reminders)"
    if show.alerts is None:
        return None
    return "alerts for " + ", ".join(show.alerts)


def _history_line(earlier: Sequence[EarlierPremiere], clock: Clock) -> Text | None:
    """A premiere's earlier values, newest first: "was 2027 until December 1, 2026"."""
    if not earlier:
        return None
    return text(
        "; ".join(
            f"was {item.was.label()} until {_day_label(item.until, clock)}"
            for item in reversed(earlier)
        )
    )


def _day_label(moment: datetime, clock: Clock) -> str:
    """The day of ``moment`` where the user is: "December 1, 2026"."""
    return PartialDate(Precision.DAY, moment.astimezone(clock.zone.tzinfo).date()).label()


def _progress_line(progress: Progress | None) -> Text | None:
    if progress is None:
        return None
    line = text(progress.label())
    if progress.unwatched_released:
        missing = episode_ranges(progress.unwatched_released)
        line.append_text(text((f"  out and not seen: {missing}", "yellow")))
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
