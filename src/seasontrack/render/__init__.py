"""Drawing for people, with Rich: tables and panels on a terminal, plain text elsewhere; and
the JSON shapes of the same views (``json_views``).

Rich is imported by the drawing modules of this package (``base``, ``catalog``, ``timeline``;
``online`` and ``progress`` inside their functions), and those are imported only by commands
that draw, so scripts asking for ``--json`` never load it. Every string from the catalog
goes through :func:`safe` and into a ``Text``: it is never read as markup, and control
characters (terminal escape codes) are shown as visible escapes, never sent.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(value: str | None) -> str:
    """``value`` with control characters shown as escapes (``\\x1b``), so a terminal runs none."""
    if value is None:
        return ""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], value)


def one_line(value: str | None) -> str:
    """``value`` for a one-record-per-line output: also line breaks and tabs as escapes."""
    return safe(value).replace("\n", "\\n").replace("\t", "\\t")


def episode_ranges(numbers: tuple[int, ...] | list[int]) -> str:
    """(1, 2, 3, 5) as "E1-E3, E5"."""
    parts: list[str] = []
    start = previous = None
    for n in sorted(numbers):
        if previous is not None and n == previous + 1:
            previous = n
            continue
        if start is not None:
            parts.append(f"E{start}" if start == previous else f"E{start}-E{previous}")
        start = previous = n
    if start is not None:
        parts.append(f"E{start}" if start == previous else f"E{start}-E{previous}")
    return ", ".join(parts)
