"""Drawing for people, with Rich: tables and panels on a terminal, plain text elsewhere; and
the JSON shapes of the same views (``json_views``).

Rich is imported by the drawing modules of this package (``base``, ``catalog``, ``timeline``;
``online`` and ``progress`` inside their functions), and those are imported only by commands
that draw, so scripts asking for ``--json`` never load it. Every string from the catalog
goes through :func:`safe` and into a ``Text``: it is never read as markup, and control
characters (terminal escape codes) are shown as visible escapes, never sent.
"""

from __future__ import annotations

# Re-exported: the views and the commands take them from here.
from seasontrack.printable import one_line as one_line
from seasontrack.printable import safe as safe


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


def counted(number: int, noun: str) -> str:
    """'1 show', '2 shows'."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
