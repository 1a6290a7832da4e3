"""Where seasontrack keeps its data, and the settings that move it."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "SEASONTRACK_DB"
DB_FILENAME = "seasontrack.db"


def default_db_path() -> Path:
    """The catalog file: ``$SEASONTRACK_DB``, else ``seasontrack.db`` in the user data dir."""
    override = os.environ.get(DB_ENV)
    if override:
        return Path(override).expanduser()
    # platformdirs is imported here, not at module level: only commands that open the
    # default catalog pay for it.
    from platformdirs import user_data_path

    return user_data_path("seasontrack", appauthor=False) / DB_FILENAME


def backup_folder() -> Path:
    """Where copies of the catalog are kept before an upgrade or an import: ``backups`` in
    the user data folder."""
    from platformdirs import user_data_path

    return user_data_path("seasontrack", appauthor=False) / "backups"


def resolve_db_path(explicit: Path | None) -> Path:
    """``--db`` wins over the environment, which wins over the platform default."""
    return explicit.expanduser() if explicit is not None else default_db_path()
