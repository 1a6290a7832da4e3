"""User text made safe to print: control characters shown as escapes, never sent.

Every string from the catalog that reaches a terminal or a line-per-record output goes
through :func:`safe` or :func:`one_line`. It sits below the services so that a delivery
channel prints reminder lines by the same rule as the views in ``seasontrack.render``.
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
