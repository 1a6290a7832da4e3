"""The listings the reading commands print (`list`, `upcoming`, `search`, `calendar`), as
plain data: one :class:`~seasontrack.render.columns.Listing` serves the piped output
(padded columns, no Rich) and the drawn one (``render.base.Screen.listings``).

Imports only the standard library and the domain modules: Rich is loaded only to draw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seasontrack.printable import one_line
from seasontrack.render import episode_ranges
from seasontrack.render.columns import Cell, Listing, Styled

if TYPE_CHECKING:
    from datetime import date

    from seasontrack.clock import Clock
    from seasontrack.countdown import ReleaseView
    from seasontrack.models import Release
    from seasontrack.services.reading import ShowSummary
    from seasontrack.services.search import SearchResult
    from seasontrack.services.timeline import CalendarDay, Upcoming
    from seasontrack.store.seasons import CompleteRow

_NOTHING: Styled = (("—", "dim"),)


def release_cell(item: Upcoming | None, view: ReleaseView | None) -> Styled:
    """'S2 March 8, 2018 03:01 EST', or a dash when nothing is known to come."""
    if item is None or view is None:
        return _NOTHING
    return ((item.release.label() + " ", "bold"), (view.local.label(), ""))


def countdown_cell(item: Upcoming | None, view: ReleaseView | None) -> Cell:
    if item is None or view is None:
        return ""
    return ((view.countdown, "cyan" if item.release.when.start else "dim"),)


def when_cell(view: ReleaseView) -> Cell:
    return ((view.local.label(), "dim" if view.local.start is None else ""),)


def pattern(item: Upcoming) -> str:
    """The notes of an upcoming release: 'airing, finale, weekly', 'premiere, all at once'."""
    release = item.release
    notes = []
    if item.airing:
        notes.append("airing")
    if release.premiere:
        notes.append("premiere")
    # An all-at-once season's one release is its finale too; a season's last part is not.
    if release.finale and (release.pattern != "all-at-once" or release.part is not None):
        notes.append("finale")
    if release.pattern == "all-at-once":
        notes.append("all at once")
    elif release.pattern == "weekly":
        notes.append("weekly")
    if release.announced is not None:
        notes.append("your time")
    return ", ".join(notes)


def show_list(summaries: list[ShowSummary], clock: Clock, *, unwatched: bool = False) -> Listing:
    """`list`: each show, its latest season, progress (once anything is marked watched),
    next release and countdown (and with ``unwatched``, the episodes out and not seen)."""
    # Progress only when the user keeps track of anything: a column of blanks says nothing.
    with_progress = any(item.progress for item in summaries)
    columns = ["Show", "Network", "Status", "Latest"]
    columns += ["Progress"] if with_progress else []
    columns += ["Next", "Countdown"] + (["Unwatched"] if unwatched else [])
    rows: list[list[Cell]] = []
    for item in summaries:
        cells: list[Cell] = [
            ((item.title, "bold" if item.followed else "dim"),),
            item.network or "",
            item.status,
            f"S{item.latest_season}" if item.latest_season is not None else "",
        ]
        if with_progress:
            cells.append(item.progress.label() if item.progress else "")
        upcoming = item.next_release
        view = (
            None
            if upcoming is None
            else clock.view(upcoming.release.when, upcoming.release.release_tz)
        )
        cells.append(release_cell(upcoming, view))
        cells.append(countdown_cell(upcoming, view))
        if unwatched:
            cells.append("; ".join(f"S{n} {episode_ranges(eps)}" for n, eps in item.unwatched))
        rows.append(cells)
    return Listing(columns, rows)


def upcoming_list(items: list[Upcoming], clock: Clock) -> Listing:
    rows: list[list[Cell]] = []
    for item in items:
        release = item.release
        code: Cell = ((release.label(), "bold"),)
        if release.episode_title:
            code = (*code, (f" {release.episode_title}", ""))
        view = clock.view(release.when, release.release_tz)
        rows.append(
            [
                ((release.show, "bold"),),
                code,
                when_cell(view),
                countdown_cell(item, view),
                ((pattern(item), "italic"),),
            ]
        )
    return Listing(("Show", "Release", "When", "Countdown", "Notes"), rows)


def completing_list(items: list[CompleteRow], clock: Clock) -> Listing:
    """`upcoming --complete`: each season with when all its episodes are out."""
    rows: list[list[Cell]] = []
    for item in items:
        view = clock.view(item.complete, item.release_tz)
        episodes = f" ({item.episodes} episodes)" if item.episodes else ""
        rows.append(
            [
                ((item.show, "bold"),),
                f"S{item.season}{episodes}",
                when_cell(view),
                ((view.countdown, "cyan" if item.complete.start else "dim"),),
                (("airing" if item.airing else "", "italic"),),
            ]
        )
    return Listing(("Show", "Season", "All out", "Countdown", "Notes"), rows)


def search_lists(result: SearchResult) -> list[Listing]:
    """`search`: the shows, people and characters, and episodes found, a section each."""
    listings = []
    if result.shows:
        listings.append(
            Listing(("Show",), [[((ref.title, "bold"),)] for ref in result.shows], "Shows")
        )
    if result.credits:
        rows: list[list[Cell]] = []
        for match in result.credits:
            credit = match.credit
            role = (
                f"as {credit.character}"
                if credit.character
                else ("role undisclosed" if credit.role == "cast" else credit.job)
            )
            rows.append(
                [
                    ((credit.person, "bold"),),
                    role or "",
                    match.show,
                    f"S{credit.season}" if credit.season is not None else "all",
                ]
            )
        listings.append(
            Listing(("Person", "Role", "Show", "Season"), rows, "People and characters")
        )
    if result.episodes:
        listings.append(
            Listing(
                ("Episode",),
                [
                    [((e.show, "bold"), (f" S{e.season}E{e.number} ", ""), (e.title or "", ""))]
                    for e in result.episodes
                ],
                "Episodes",
            )
        )
    return listings


def calendar_lines(
    months: list[tuple[int, int]], days: list[CalendarDay], vague: list[Release]
) -> list[str]:
    """`calendar` piped: one line per release, day first, so that grep and sort work; then
    the releases of the period not known to the day."""
    by_day: dict[date, list[Release]] = {d.day: d.releases for d in days}
    lines = []
    for year, month in months:
        for day in sorted(d for d in by_day if (d.year, d.month) == (year, month)):
            for release in by_day[day]:
                when = release.when
                # A release known only to the day keeps the column: names line up below times.
                at = f" {when.time:%H:%M}" if when.time is not None else "      "
                marks = [
                    m
                    for m, on in (("premiere", release.premiere), ("finale", release.finale))
                    if on
                ]
                flags = f"  {', '.join(marks)}" if marks else ""
                lines.append(
                    f"{day.isoformat()} {day:%a}{at}  {one_line(release.show)}"
                    f" {one_line(release.label())}{flags}"
                )
    if vague:
        lines.append("Also in this period, date not known to the day")
        lines += [
            f"{one_line(r.show)} {one_line(r.label())}  {one_line(r.when.label())}" for r in vague
        ]
    return lines
