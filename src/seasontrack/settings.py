"""The settings file: a TOML file in the user's config folder, changed with `seasontrack config`.

Only the keys in :data:`SETTINGS` exist; each is checked when set, so a typo is an error
("did you mean") rather than a setting that silently does nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seasontrack.errors import InvalidInput

CONFIG_ENV = "SEASONTRACK_CONFIG"


@dataclass(frozen=True)
class Setting:
    key: str
    default: str
    help: str
    check: Callable[[str], object]
    # How its value may be printed: a secret's is masked.
    shown: Callable[[str], str] = str


def _check_leads(value: str) -> object:
    from seasontrack.clock import parse_leads

    return parse_leads(value)


def _check_span(value: str) -> object:
    from seasontrack.clock import parse_span
    from seasontrack.dates import DateInputError

    try:
        return parse_span(value)
    except DateInputError as exc:
        raise InvalidInput(str(exc)) from None


def _check_notify(value: str) -> object:
    from seasontrack.channels import notification_urls

    return notification_urls(value)


def _shown_notify(value: str) -> str:
    from seasontrack.channels import masked

    return ",".join(masked(url.strip()) for url in value.split(",") if url.strip())


def _shown_key(value: str) -> str:
    return f"{value[:4]}…" if value else value


def _check_key(value: str) -> object:
    if not value.strip() or any(ch.isspace() for ch in value.strip()):
        raise InvalidInput("a TMDB API key is one word; copy it from themoviedb.org/settings/api")
    return value.strip()


SETTINGS = {
    s.key: s
    for s in (
        Setting("remind.lead", "7d,1d,0d", "How long before a release to remind.", _check_leads),
        Setting("remind.catch_up", "14d", "How far back a late run still reminds.", _check_span),
        Setting(
            "tmdb.key",
            "",
            "TMDB API key, for trailers in fetch and sync (or SEASONTRACK_TMDB_KEY).",
            _check_key,
            _shown_key,
        ),
        Setting(
            "remind.notify",
            "",
            "Notification URLs (comma-separated) every remind also sends to.",
            _check_notify,
            _shown_notify,
        ),
    )
}


def config_path() -> Path:
    """``$SEASONTRACK_CONFIG``, else ``config.toml`` in the user config folder."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path("seasontrack", appauthor=False) / "config.toml"


def _known(key: str) -> Setting:
    setting = SETTINGS.get(key)
    if setting is None:
        from seasontrack.inputs import did_you_mean

        listed = ", ".join(SETTINGS)
        raise InvalidInput(
            f"no setting {key!r}{did_you_mean(key, list(SETTINGS))}; settings: {listed}"
        )
    return setting


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}") from None
    if not data.strip():
        # An empty file sets nothing: no need for the TOML parser (reading commands start
        # faster without it).
        return {}
    import tomllib

    try:
        return tomllib.loads(data.decode())
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"{path} is not valid TOML ({exc}); fix or remove it") from None


def load() -> dict[str, str]:
    """The settings the file sets, as ``section.key`` -> value (unknown keys are ignored)."""
    found: dict[str, str] = {}
    for section, table in _read(config_path()).items():
        if not isinstance(table, dict):
            continue
        for name, value in table.items():
            key = f"{section}.{name}"
            if key in SETTINGS and isinstance(value, str):
                found[key] = value
    return found


def get(key: str) -> str:
    """A setting's value: the file's, else its default."""
    setting = _known(key)
    return load().get(key, setting.default)


def shown(key: str, value: str) -> str:
    """``value`` of setting ``key`` as it may be printed: secrets masked."""
    return _known(key).shown(value)


def set_value(key: str, value: str) -> None:
    setting = _known(key)
    setting.check(value)
    _write(key, value)


def unset(key: str) -> None:
    _known(key)
    _write(key, None)


def _write(key: str, value: str | None) -> None:
    import tomli_w

    path = config_path()
    document = _read(path)
    section, name = key.split(".", 1)
    table = document.setdefault(section, {})
    if value is None:
        table.pop(name, None)
        if not table:
            document.pop(section)
    else:
        table[name] = value
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(tomli_w.dumps(document), encoding="utf-8")
        temporary.replace(path)
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror}") from None
