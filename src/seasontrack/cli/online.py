"""`seasontrack fetch` and `sync`: filling and refreshing the catalog from TVmaze (and TMDB).

Data from TVmaze (https://www.tvmaze.com) is licensed CC BY-SA. httpx and the provider
clients are imported by these commands only, when they run.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from seasontrack.cli.common import DbOption, NowOption, TzOption, catalog, clock, done
from seasontrack.errors import InvalidInput, NetworkError, NotFound
from seasontrack.limits import MAX_ID

if TYPE_CHECKING:
    from seasontrack.providers import Match
    from seasontrack.services.fetching import Choice, Chooser

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
        typer.Option(
            "--tvmaze", min=1, max=MAX_ID, metavar="ID", help="TVmaze's id of the show: no search."
        ),
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
    from seasontrack.render.online import fetch_lines
    from seasontrack.services import fetching, sources

    at = clock(now, tz)
    today = at.now.astimezone(at.zone.tzinfo).date()
    with catalog(db, now=at.now) as conn, sources.open_sources("fetch") as providers:
        fetched = fetching.fetch(
            conn,
            providers,
            at.now,
            today,
            query=query,
            source_id=tvmaze,
            year=year,
            pick=pick,
            choose=_chooser(),
            dry_run=dry_run,
        )
    if not fetched.trailers:
        _hint(TRAILER_HINT)
    for line in fetch_lines(fetched, dry_run):
        done(line)


def _chooser() -> Chooser:
    """A numbered pick list on a terminal; piped, an error listing the matches."""
    return _ask if sys.stdin.isatty() and sys.stdout.isatty() else _refuse


def _ask(choice: Choice) -> Match:
    from seasontrack.render.online import numbered

    options = choice.matches
    for line in numbered([m.label() for m in options]):
        typer.echo(line)
    while True:
        number: int = typer.prompt(f"Which one (1-{len(options)})", type=int)
        if 1 <= number <= len(options):
            return options[number - 1]
        typer.echo(f"Choose 1 to {len(options)}.", err=True)


def _refuse(choice: Choice) -> Match:
    """Piped, nobody can be asked: one show close to the name is not found (exit 1, naming
    it); several shows, named so or close, are ambiguous (exit 2, listed on stderr)."""
    from seasontrack.render.online import numbered

    options, query = choice.matches, choice.query
    if not choice.named and len(options) == 1:
        raise NotFound(
            f"{choice.source} has no show called {query!r}; closest: {options[0].label()}"
            " (choose one with --pick N or --tvmaze ID)"
        )
    for line in numbered([m.label() for m in options]):
        _hint(line)
    if not choice.named:
        raise InvalidInput(
            f"{choice.source} has no show called {query!r}, and {len(options)} come close"
            " (listed above); choose one with --pick N or --tvmaze ID"
        )
    raise InvalidInput(
        f"{len(options)} {choice.source} shows match {query!r} (listed above); choose one with"
        " --pick N, --year YYYY or --tvmaze ID"
    )


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
    from seasontrack.services import sources, syncing

    at = clock(now, tz)
    today = at.now.astimezone(at.zone.tzinfo).date()
    # cron runs sync before remind: it waits out a long import rather than fail.
    with catalog(db, patient=True, now=at.now) as conn:
        plan = syncing.plan_sync(conn, titles or [], every=every, force=force, now=at.now)
        if not plan.targets and not plan.to_link:
            if not quiet:
                _hint("No linked shows to sync; link one with: seasontrack fetch TITLE")
            return
        if not plan.refetch and not plan.check and not plan.to_link:
            if not quiet:
                done(
                    f"All {len(plan.targets)} shows were synced within the last hour;"
                    " nothing asked (--force to ask anyway)."
                )
            return
        from seasontrack.render.online import sync_progress

        total = len(plan.refetch) + len(plan.check) + len(plan.to_link)
        show_bar = not quiet and sys.stderr.isatty()
        with sources.open_sources("sync") as providers, sync_progress(total, show_bar) as advance:
            report = syncing.sync(conn, providers, plan, at.now, today, advance=advance)
            no_key = providers.trailers is None
    if quiet:
        return
    if no_key and report.shows:
        _hint(TRAILER_HINT)
    from seasontrack.render.online import sync_lines

    for line in sync_lines(report, len(plan.targets) + len(plan.to_link)):
        done(line)
