"""Drawing for `fetch` and `sync` (what changed, the pick list, the progress bar), and the part
of `info` about a linked show: where TVmaze differs from you, and the credit TVmaze's licence
asks for."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from seasontrack.render import counted, safe
from seasontrack.render.columns import Field, Lines, Section

if TYPE_CHECKING:
    from seasontrack.models import ShowLink
    from seasontrack.services.fetching import Fetched
    from seasontrack.services.online import MergeReport
    from seasontrack.services.syncing import SyncReport

TVMAZE_LICENCE = "CC BY-SA 4.0"


@dataclass(frozen=True)
class OnlineFacts:
    """What `info` shows of a linked show: its link, and where TVmaze differs from you."""

    link: ShowLink
    differences: list[str]


def online_details(title: str, online: OnlineFacts) -> Section:
    """A section after `info`'s own: genres, website, differences, and the TVmaze credit."""
    link = online.link
    # TVmaze's licence asks for credit with a link.
    url = link.url or f"https://www.tvmaze.com/shows/{link.tvmaze_id}"
    fields: list[Field] = [
        ("Genres", ", ".join(link.genres) or None),
        ("Website", ((link.official_site, "underline"),) if link.official_site else None),
        ("Differences", Lines(list(online.differences)) if online.differences else None),
        ("Data from", (((f"TVmaze ({TVMAZE_LICENCE})\n  "), ""), (url, "underline"))),
    ]
    return Section(f"{title} · TVmaze", fields)


def fetch_lines(fetched: Fetched, dry_run: bool) -> list[str]:
    """What `fetch` did (or would do), one line each."""
    report, where = fetched.report, f"{fetched.source} (id {fetched.source_id})"
    if report.created:
        lines = [f"{'Would add' if dry_run else 'Added'} {report.title} from {where}."]
    elif report.changed:
        lines = [f"{'Would update' if dry_run else 'Updated'} {report.title} from {where}."]
    else:
        lines = [f"{report.title} already agrees with {where}."]
    lines += detail_lines(report)
    if dry_run:
        lines.append("Nothing written (--dry-run).")
    return lines


def detail_lines(report: MergeReport, indent: str = "  ") -> list[str]:
    """What a merge added and changed, and where the user's facts were kept."""
    counts = []
    if report.new_episodes:
        counts.append(counted(report.new_episodes, "new episode"))
    if report.cast_added:
        counts.append(f"{report.cast_added} cast added")
    if report.trailers_added:
        counts.append(f"{counted(report.trailers_added, 'trailer')} added")
    if report.specials:
        counts.append(f"{counted(report.specials, 'special')} kept apart as season 0")
    lines = [indent + ", ".join(counts)] if counts else []
    lines += [f"{indent}new: {line}" for line in report.added]
    lines += [f"{indent}changed: {line}" for line in report.changes]
    lines += [f"{indent}kept yours: {line}" for line in report.differences]
    return lines


def sync_lines(report: SyncReport, targets: int) -> list[str]:
    """Each show `sync` changed (or found different from you), then the summary."""
    lines = []
    for merged in report.shows:
        if merged.changed or merged.differences:
            lines.append(f"{merged.title}:")
            lines += detail_lines(merged)
    for title in report.gone:
        lines.append(f"{title}: {report.source} no longer has it; left as it was.")
    for merged in report.linked:
        lines.append(f"{merged.title}: linked to {report.source} by the ids its history gave.")
    for title in report.unknown:
        lines.append(
            f"{title}: {report.source} knows none of the ids its history gave; link it with:"
            " seasontrack fetch TITLE --tvmaze ID"
        )
    updated = sum(1 for m in report.shows if m.changed)
    parts = [f"{updated} updated", f"{report.unchanged + len(report.shows) - updated} unchanged"]
    if report.fresh:
        parts.append(f"{report.fresh} synced within the hour")
    if report.linked:
        parts.append(f"{len(report.linked)} linked")
    new = sum(m.new_episodes for m in report.shows)
    moved = sum(m.moved for m in report.shows)
    statuses = sum(1 for m in report.shows if m.status_change)
    lines.append(
        f"Synced {counted(targets, 'show')}: {', '.join(parts)};"
        f" {counted(new, 'new episode')}, {counted(moved, 'moved date')},"
        f" {counted(statuses, 'status change')} ({counted(report.requests, 'request')})."
    )
    return lines


def numbered(labels: list[str]) -> list[str]:
    """A numbered list, one literal line each."""
    width = len(str(len(labels)))
    return [f"{i:>{width}}. {safe(label)}" for i, label in enumerate(labels, start=1)]


@contextmanager
def sync_progress(total: int, show: bool) -> Iterator[Callable[[str], None]]:
    """A progress bar on stderr (a terminal only); yields the function that advances it."""
    from seasontrack.render.progress import count_progress

    with count_progress("Syncing", total, show) as advance:
        yield advance
