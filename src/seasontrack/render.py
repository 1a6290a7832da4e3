"""Drawing the catalog for people, with Rich: tables and panels on a terminal, plain text elsewhere.

Rich is imported here only, and this module is imported only by commands that draw, so
scripts that ask for ``--json`` never load it. Every string that comes from the catalog
goes through :func:`safe` and into a ``Text``: it is never read as markup, and control
characters (terminal escape codes) are shown as visible escapes instead of being sent.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from datetime import datetime

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from seasontrack.dates import PartialDate
from seasontrack.models import Credit, Season, Show, Source, Trailer
from seasontrack.services.reading import NextRelease, SearchResult, ShowSummary

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Piped output is never wrapped or cut: a line is as long as its content.
_UNLIMITED_WIDTH = 10_000


def safe(value: str | None) -> str:
    """``value`` with control characters shown as escapes (``\\x1b``), so a terminal runs none."""
    if value is None:
        return ""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], value)


def fancy_output(stream: object = None) -> bool:
    """Colour and box art only on a terminal, and never with NO_COLOR or TERM=dumb."""
    target = stream if stream is not None else sys.stdout
    isatty = getattr(target, "isatty", None)
    return bool(
        isatty is not None
        and isatty()
        and not os.environ.get("NO_COLOR")
        and os.environ.get("TERM") != "dumb"
    )


def make_console() -> Console:
    if fancy_output():
        return Console(highlight=False)
    return Console(
        highlight=False,
        no_color=True,
        width=_UNLIMITED_WIDTH,
        force_terminal=False,
        color_system=None,
        emoji=False,
    )


class Screen:
    """Where a command draws: one console, and whether it may use colour and boxes."""

    def __init__(self) -> None:
        self.console = make_console()
        self.fancy = fancy_output()

    def table(self, *columns: str, title: str | None = None) -> Table:
        table = Table(
            *columns,
            box=box.SIMPLE_HEAD if self.fancy else None,
            title=title,
            header_style="bold" if self.fancy else "",
            show_edge=False,
            pad_edge=False,
        )
        return table

    def section(self, title: str, body: RenderableType) -> RenderableType:
        if self.fancy:
            return Panel(
                body,
                title=Text(safe(title), style="bold"),
                title_align="left",
                box=box.ROUNDED,
                expand=False,
            )
        return Group(Text(safe(title)), body, Text(""))

    def print(self, *items: RenderableType) -> None:
        if self.fancy:
            self.console.print(*items)
            return
        # Plain output: no padding at line ends, so pipes and diffs see only the content.
        with self.console.capture() as captured:
            self.console.print(*items)
        lines = captured.get().splitlines()
        sys.stdout.write("".join(line.rstrip() + "\n" for line in lines))


def text(*parts: tuple[str | None, str] | str | None) -> Text:
    """A line from plain strings and (string, style) pairs; every string is taken literally."""
    line = Text()
    for part in parts:
        if part is None:
            continue
        if isinstance(part, tuple):
            line.append(safe(part[0]), style=part[1])
        else:
            line.append(safe(part))
    return line


def when_label(when: PartialDate) -> Text:
    style = "dim" if when.start is None else ""
    return text((when.label(), style))


def next_label(release: NextRelease | None) -> Text:
    if release is None:
        return text(("—", "dim"))
    return text((f"S{release.season} ", "bold"), release.when.label())


# ---------------------------------------------------------------------------- list


def show_list(screen: Screen, summaries: list[ShowSummary]) -> None:
    table = screen.table("Show", "Network", "Status", "Latest", "Next premiere")
    for item in summaries:
        latest = item.latest_season
        table.add_row(
            text((item.title, "bold")),
            text(item.network),
            text(item.status),
            text(f"S{latest.number}" if latest else None),
            next_label(item.next_premiere),
        )
    screen.print(table)


# ---------------------------------------------------------------------------- info


def _fields(screen: Screen, rows: Iterable[tuple[str, Text | str | None]]) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold" if screen.fancy else "", no_wrap=True)
    grid.add_column()
    for name, value in rows:
        if value is None or value == "":
            continue
        grid.add_row(name, value if isinstance(value, Text) else text(value))
    return grid


def _season_title(show: Show, season: Season) -> str:
    return f"{show.title} · Season {season.number}"


def _release_line(season: Season) -> str | None:
    parts = []
    if season.release_pattern != "unknown":
        parts.append(season.release_pattern)
    if season.release_time is not None:
        parts.append(f"at {season.release_time:%H:%M}")
    if season.release_tz:
        parts.append(season.release_tz)
    return " ".join(parts) or None


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


def _people_block(screen: Screen, credits: list[Credit]) -> list[tuple[str, Text | str | None]]:
    cast = [c for c in credits if c.role == "cast"]
    crew = [c for c in credits if c.role == "crew"]
    rows: list[tuple[str, Text | str | None]] = []
    if cast:
        rows.append(("Cast", _lines(_cast_line(c) for c in cast)))
    if crew:
        rows.append(("Crew", _lines(_crew_lines(crew))))
    return rows


def show_details(
    screen: Screen, show: Show, next_release: NextRelease | None, only_season: int | None
) -> None:
    sections: list[RenderableType] = []
    show_rows: list[tuple[str, Text | str | None]] = [
        ("Also known as", ", ".join(show.aliases)),
        ("Network", show.network),
        ("Country", show.country),
        ("Status", show.status),
        ("Seasons", str(len(show.seasons)) if show.seasons else None),
        ("Next premiere", next_label(next_release) if next_release else None),
        ("Summary", show.summary),
    ]
    show_rows += _people_block(screen, [c for c in show.credits if c.season is None])
    show_rows += _links_block(show.trailers, show.sources, None)
    sections.append(screen.section(show.title, _fields(screen, show_rows)))
    for season in show.seasons:
        if only_season is not None and season.number != only_season:
            continue
        rows: list[tuple[str, Text | str | None]] = [
            ("Premiere", when_label(season.premiere_moment)),
            ("Finale", when_label(season.finale_moment) if season.finale.start else None),
            ("Episodes", str(season.episode_count) if season.episode_count is not None else None),
            ("Release", _release_line(season)),
            ("Synopsis", season.synopsis),
            ("Notes", season.notes),
        ]
        rows += _people_block(screen, [c for c in show.credits if c.season == season.number])
        rows += _links_block(show.trailers, show.sources, season.number)
        sections.append(screen.section(_season_title(show, season), _fields(screen, rows)))
    screen.print(*sections)


def _links_block(
    trailers: Iterable[Trailer], sources: Iterable[Source], season: int | None
) -> list[tuple[str, Text | str | None]]:
    own_trailers = [t for t in trailers if t.season == season]
    own_sources = [s for s in sources if s.season == season]
    rows: list[tuple[str, Text | str | None]] = []
    if own_trailers:
        rows.append(("Trailers", _lines(_trailer_line(t) for t in own_trailers)))
    if own_sources:
        rows.append(("Sources", _lines(_source_line(s) for s in own_sources)))
    return rows


# ---------------------------------------------------------------------------- search


def search_results(screen: Screen, result: SearchResult) -> None:
    if result.shows:
        table = screen.table("Show", title=None)
        for ref in result.shows:
            table.add_row(text((ref.title, "bold")))
        screen.print(screen.section("Shows", table))
    if result.credits:
        table = screen.table("Person", "Role", "Show", "Season")
        for match in result.credits:
            credit = match.credit
            role = (
                f"as {credit.character}"
                if credit.character
                else ("role undisclosed" if credit.role == "cast" else credit.job)
            )
            table.add_row(
                text((credit.person, "bold")),
                text(role),
                text(match.show),
                text(f"S{credit.season}" if credit.season is not None else "all"),
            )
        screen.print(screen.section("People and characters", table))


def message(screen: Screen, line: str) -> None:
    screen.print(text(line))


def stamp(now: datetime) -> str:
    return now.strftime("%Y-%m-%d %H:%M %Z")
