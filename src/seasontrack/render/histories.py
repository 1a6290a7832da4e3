"""What `import` says of a watch history it brought in: the summary lines, and the estimate
of a long run of look-ups said up front. Plain lines: no Rich."""

from __future__ import annotations

from typing import TYPE_CHECKING

from seasontrack.render import counted

if TYPE_CHECKING:
    from seasontrack.services.histories import HistoryReport

# Rows skipped are listed up to this many; the rest are counted.
SKIPPED_SHOWN = 10


def estimate_line(shows: int, requests: int, seconds: float, pace: tuple[int, float]) -> str:
    """Said before a long run of look-ups: how many requests, and about how long."""
    calls, period = pace
    return (
        f"Looking up {counted(shows, 'show')} on TVmaze: up to {counted(requests, 'request')},"
        f" about {_duration(seconds)} (TVmaze allows about {calls} requests every"
        f" {period:g} seconds). Answers are kept in the cache, so running it again after"
        " Ctrl-C is quick."
    )


def _duration(seconds: float) -> str:
    if seconds < 90:
        return counted(max(1, round(seconds)), "second")
    if seconds < 90 * 60:
        return counted(round(seconds / 60), "minute")
    return f"{seconds / 3600:.1f} hours"


def history_lines(report: HistoryReport) -> list[str]:
    """What the import did (or would do), one line each."""
    from seasontrack.services.histories import HOW

    lead = "Would import" if report.dry_run else "Imported"
    lines = [
        f"{lead} {report.kind} {report.source}: {counted(len(report.shows), 'show')},"
        f" {counted(report.marked, 'episode')} newly marked watched."
    ]
    matched = report.matched
    if matched:
        ways = ", ".join(
            f"{report.matched_by(how)} by {label}"
            for how, label in HOW.items()
            if report.matched_by(how)
        )
        new = sum(1 for s in matched if s.created)
        lines.append(f"  matched on TVmaze: {ways} ({new} new to the catalog)")
    unmatched = report.unmatched
    if unmatched and report.offline:
        lines.append(
            f"  offline: {counted(len(unmatched), 'show')} kept by name with their ids;"
            " `seasontrack sync` or `seasontrack fetch TITLE` links them later"
        )
    elif unmatched:
        lines.append(
            f"  unmatched: {len(unmatched)}, kept by name; link each with:"
            " seasontrack fetch TITLE --tvmaze ID"
        )
        lines += [f"    {s.title or s.name}: {s.reason}" for s in unmatched]
    if report.ignored:
        lines.append(f"  files ignored: {', '.join(report.ignored)}")
    if report.skipped:
        lines.append(f"  rows skipped: {len(report.skipped)}")
        lines += [f"    {line}" for line in report.skipped[:SKIPPED_SHOWN]]
        if len(report.skipped) > SKIPPED_SHOWN:
            lines.append(f"    and {len(report.skipped) - SKIPPED_SHOWN} more")
    if report.dry_run:
        lines.append("Nothing written (--dry-run).")
    return lines
