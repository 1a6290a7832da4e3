"""`seasontrack fetch` and `sync`: filling and refreshing the catalog from TVmaze (and TMDB).

Data from TVmaze (https://www.tvmaze.com) is licensed CC BY-SA. httpx and the provider
clients are imported by these commands only, when they run.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from seasontrack.cli.common import DbOption, NowOption, TzOption, catalog, clock, done
from seasontrack.errors import InvalidInput, NetworkError

if TYPE_CHECKING:
    from seasontrack.providers import Match
    from seasontrack.services.online import MergeReport

TRAILER_HINT = (
    "Trailers skipped: no TMDB key (set SEASONTRACK_TMDB_KEY or"
    " `seasontrack config set tmdb.key KEY`)."
)

OfflineOption = Annotated[
    bool,
    typer.Option(
        "--offline",
        help="Refuse at once instead of using the network (also: SEASONTRACK_OFFLINE=1).",
    ),
]


def _refuse_if_offline(offline: bool, what: str) -> None:
    from seasontrack.providers import OFFLINE_ENV, offline_requested

    if offline or offline_requested():
        raise NetworkError(
            f"offline (--offline or {OFFLINE_ENV}=1): {what} needs the network; run it again online"
        )


def _hint(line: str) -> None:
    from seasontrack.render import safe

    sys.stderr.write(safe(line) + "\n")


def fetch_command(
    query: Annotated[
        str | None,
        typer.Argument(
            help="The show's name, as TVmaze or your catalog knows it.",
            metavar="TITLE",
            show_default=False,
        ),
    ] = None,
    tvmaze: Annotated[
        int | None,
        typer.Option("--tvmaze", min=1, metavar="ID", help="TVmaze's id of the show: no search."),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option("--year", metavar="YEAR", help="Only shows that premiered this year."),
    ] = None,
    pick: Annotated[
        int | None, typer.Option("--pick", min=1, metavar="N", help="Take the Nth search result.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print what would change; write nothing.")
    ] = False,
    offline: OfflineOption = False,
    now: NowOption = None,
    tz: TzOption = None,
    db: DbOption = None,
) -> None:
    """Find a show on TVmaze and record it: seasons, episodes, cast (and TMDB trailers).

    A show already in the catalog is merged: your facts stay, and differences are listed.

    Data from TVmaze (tvmaze.com), licensed CC BY-SA.
    """
    _refuse_if_offline(offline, "fetch")
    if query is None and tvmaze is None:
        raise InvalidInput("give a show's name, or --tvmaze ID")
    from seasontrack.services import online

    at = clock(now, tz)
    today = at.now.astimezone(at.zone.tzinfo).date()
    with catalog(db) as conn, online.open_providers("fetch") as providers:
        tvmaze_id = tvmaze
        if tvmaze_id is None and query is not None and year is None and pick is None:
            # A show already linked needs no search: one request.
            tvmaze_id = online.linked_id_for(conn, query)
        if tvmaze_id is None:
            assert query is not None
            matches = providers.tvmaze.search(query)
            names = online.match_names(conn, query)
            chosen = online.choose_match(matches, query, names, year=year, pick=pick)
            if isinstance(chosen, list):
                chosen = _choose(query, chosen, names)
            tvmaze_id = chosen.tvmaze_id
        remote = online.get_remote(providers, tvmaze_id, today, fresh=False)
        known = online.existing_show(conn, remote, query)
        tmdb_id, trailers = online.remote_trailers(conn, providers, remote, known)
        report = online.record(
            conn,
            remote,
            at.now,
            query=query,
            trailers=trailers,
            tmdb_id=tmdb_id,
            dry_run=dry_run,
        )
        if providers.tmdb is None:
            _hint(TRAILER_HINT)
    _print_fetch(report, remote.link.tvmaze_id, dry_run)


def _choose(query: str, options: list[Match], names: set[str]) -> Match:
    """The user's pick on a terminal; piped, an error with the list on stderr."""
    from seasontrack.render.online import numbered

    labels = [m.label() for m in options]
    if sys.stdin.isatty() and sys.stdout.isatty():
        for line in numbered(labels):
            typer.echo(line)
        while True:
            number: int = typer.prompt(f"Which one (1-{len(options)})", type=int)
            if 1 <= number <= len(options):
                return options[number - 1]
            typer.echo(f"Choose 1 to {len(options)}.", err=True)
    from seasontrack.services import online

    if not any(m.name.casefold() in names for m in options):
        raise online.not_known(query, options)
    for line in numbered(labels):
        _hint(line)
    raise InvalidInput(
        f"{len(options)} TVmaze shows match {query!r} (listed above); choose one with --pick N,"
        " --year YYYY or --tvmaze ID"
    )


def _print_fetch(report: MergeReport, tvmaze_id: int, dry_run: bool) -> None:
    would = "Would add" if dry_run else "Added"
    if report.created:
        done(f"{would} {report.title} from TVmaze (id {tvmaze_id}).")
    elif report.changed:
        verb = "Would update" if dry_run else "Updated"
        done(f"{verb} {report.title} from TVmaze (id {tvmaze_id}).")
    else:
        done(f"{report.title} already agrees with TVmaze (id {tvmaze_id}).")
    _print_details(report)
    if dry_run:
        done("Nothing written (--dry-run).")


def _print_details(report: MergeReport, indent: str = "  ") -> None:
    counts = []
    if report.new_episodes:
        counts.append(_count(report.new_episodes, "new episode"))
    if report.cast_added:
        counts.append(f"{report.cast_added} cast added")
    if report.trailers_added:
        counts.append(f"{_count(report.trailers_added, 'trailer')} added")
    if report.specials:
        counts.append(f"{_count(report.specials, 'special')} kept apart as season 0")
    if counts:
        done(indent + ", ".join(counts))
    for line in report.added:
        done(f"{indent}new: {line}")
    for line in report.changes:
        done(f"{indent}changed: {line}")
    for line in report.differences:
        done(f"{indent}kept yours: {line}")


def sync_command(
    titles: Annotated[
        list[str] | None,
        typer.Argument(
            help="Only these shows (default: the followed linked ones).",
            metavar="TITLE",
            show_default=False,
        ),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="Every linked show, followed or not.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="Refetch even shows synced within the hour or unchanged."),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    offline: OfflineOption = False,
    now: NowOption = None,
    tz: TzOption = None,
    db: DbOption = None,
) -> None:
    """Refresh linked shows from TVmaze: only those changed since their last sync.

    A show synced within the last hour makes no request; each show is written on its own.

    Data from TVmaze (tvmaze.com), licensed CC BY-SA.
    """
    _refuse_if_offline(offline, "sync")
    from seasontrack.services import online

    at = clock(now, tz)
    today = at.now.astimezone(at.zone.tzinfo).date()
    with catalog(db) as conn:
        plan = online.plan_sync(conn, titles or [], every=every, force=force, now=at.now)
        if not plan.targets:
            if not quiet:
                _hint("No linked shows to sync; link one with: seasontrack fetch TITLE")
            return
        if not plan.refetch and not plan.check:
            if not quiet:
                done(
                    f"All {len(plan.targets)} shows were synced within the last hour;"
                    " nothing asked (--force to ask anyway)."
                )
            return
        from seasontrack.render.online import sync_progress

        total = len(plan.refetch) + len(plan.check)
        show_bar = not quiet and sys.stderr.isatty()
        with online.open_providers("sync") as providers, sync_progress(total, show_bar) as advance:
            report = online.sync(conn, providers, plan, at.now, today, force=force, advance=advance)
            no_key = providers.tmdb is None
    if quiet:
        return
    if no_key and report.shows:
        _hint(TRAILER_HINT)
    for merged in report.shows:
        if merged.changed or merged.differences:
            done(f"{merged.title}:")
            _print_details(merged)
    for title in report.gone:
        done(f"{title}: TVmaze no longer has it; left as it was.")
    updated = sum(1 for m in report.shows if m.changed)
    parts = [f"{updated} updated", f"{report.unchanged + len(report.shows) - updated} unchanged"]
    if report.fresh:
        parts.append(f"{report.fresh} synced within the hour")
    new = sum(m.new_episodes for m in report.shows)
    moved = sum(m.moved for m in report.shows)
    statuses = sum(1 for m in report.shows if m.status_change)
    done(
        f"Synced {_count(len(plan.targets), 'show')}: {', '.join(parts)};"
        f" {_count(new, 'new episode')}, {_count(moved, 'moved date')},"
        f" {_count(statuses, 'status change')} ({_count(report.requests, 'request')})."
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
