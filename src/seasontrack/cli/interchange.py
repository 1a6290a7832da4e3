"""`seasontrack export` and `import`: the whole catalog as a JSON file."""

from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from seasontrack.cli.common import DbOption, catalog, done
from seasontrack.errors import InvalidInput


def export_command(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file instead of stdout.", dir_okay=False
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Write the whole catalog as JSON (the format `import` reads)."""
    from seasontrack.services.interchange import export_catalog

    with catalog(db) as conn:
        document = export_catalog(conn)
    body = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(body)
        return
    _write_atomically(output, body)
    done(f"Exported {len(document['shows'])} shows to {output}.")


def _write_atomically(path: Path, body: str) -> None:
    """Replace ``path`` only once the new file is complete, so a reader never sees half of it.

    The file gets the mode a plain write would give it: the old file's, or 0666 less the umask
    (mkstemp alone would leave it private, 0600).
    """
    folder = path.parent if str(path.parent) else Path(".")
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(body)
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except OSError as exc:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
        raise InvalidInput(f"cannot write {path}: {exc.strerror}") from None


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def import_command(
    file: Annotated[Path, typer.Argument(help="A JSON file written by `seasontrack export`.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would change; change nothing.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Merge a JSON catalog into this one, all or nothing (by show title and season number)."""
    from seasontrack.services.interchange import import_catalog, read_catalog_file

    shows = read_catalog_file(file)
    with catalog(db) as conn:
        report = import_catalog(conn, shows, dry_run=dry_run)
    lead = "Would import" if dry_run else "Imported"
    done(
        f"{lead} {file}: {len(report.added)} added, {len(report.changed)} changed,"
        f" {len(report.unchanged)} unchanged."
    )
    if dry_run:
        for label, titles in (("added", report.added), ("changed", report.changed)):
            for title in titles:
                done(f"  {label}: {title}")
