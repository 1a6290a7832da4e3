"""Checking values a user typed or a file gave; errors say in one line what would be right."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from seasontrack.errors import InvalidInput


def did_you_mean(
    value: str, candidates: Iterable[str] | Mapping[str, str], *, limit: int = 3
) -> str:
    """`` (did you mean 'X'?)`` for the closest candidates, or ``""`` when none is close.

    ``candidates`` may map each name to what to suggest for it (an alias to its show's
    title, say); several names for one thing suggest it once.
    """
    # Imported here: only a mistake needs it, and every command imports this module.
    import difflib

    shown = candidates if isinstance(candidates, Mapping) else {c: c for c in candidates}
    pool: dict[str, str] = {}
    for name, suggestion in shown.items():
        pool.setdefault(name.casefold(), suggestion)
    close = difflib.get_close_matches(value.casefold(), list(pool), n=max(1, len(pool)), cutoff=0.6)
    suggestions = list(dict.fromkeys(pool[c] for c in close))[:limit]
    if not suggestions:
        return ""
    quoted = " or ".join(repr(s) for s in suggestions)
    return f" (did you mean {quoted}?)"


def choose(value: str, choices: Iterable[str], what: str) -> str:
    """One of ``choices``, matched ignoring case and with ``-``/``_`` read as spaces or hyphens."""
    options = list(choices)
    if value in options:
        return value  # as written already: what a file holds, every row of an import
    wanted = _loose(value)
    for option in options:
        if _loose(option) == wanted:
            return option
    accepted = ", ".join(options)
    raise InvalidInput(f"{what} {value!r} is not one of: {accepted}{did_you_mean(value, options)}")


def _loose(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").casefold().split())


def optional_text(value: str | None) -> str | None:
    """Free text with surrounding blanks removed; an empty string clears the field (None)."""
    if value is None:
        return None
    stripped = value.strip()
    return stripped or None


def required_text(value: str, what: str) -> str:
    stripped = value.strip()
    if not stripped:
        raise InvalidInput(f"{what} cannot be empty")
    return stripped


def web_url(value: str, what: str = "link") -> str:
    """An absolute http(s) URL; anything else (javascript:, file:, a bare word) is refused."""
    stripped = value.strip()
    try:
        parts = urlsplit(stripped)
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or any(ch.isspace() or ord(ch) < 32 for ch in stripped)
    ):
        raise InvalidInput(
            f"{what} {value!r} is not a web address; give an http:// or https:// URL,"
            " like https://www.youtube.com/watch?v=..."
        )
    return stripped
