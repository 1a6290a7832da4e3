"""A release as named fields, and the templates that print them.

The same fields serve a reminder (``remind --format``, its JSON lines, ``--exec``'s
``SEASONTRACK_*`` variables, every delivery channel) and the listings' ``--format``
(`upcoming`, `list`, `calendar`), so a template written for one works for the others.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import TYPE_CHECKING

from seasontrack.errors import InvalidInput
from seasontrack.printable import one_line

if TYPE_CHECKING:
    from seasontrack.clock import Clock
    from seasontrack.dates import PartialDate
    from seasontrack.models import Release

# Every field a template may name, in this order. ``kind`` is the alert's kind (release,
# complete, dated, announced: a listing's rows are releases); ``release_kind`` what a release
# is (premiere, finale, episode; empty for the other kinds); ``was`` a dated premiere's
# earlier value; ``source`` who gave the new date; ``message`` the alert in one line.
FIELDS = (
    "show",
    "season",
    "episodes",
    "code",
    "title",
    "when",
    "date",
    "time",
    "countdown",
    "lead",
    "network",
    "kind",
    "release_kind",
    "was",
    "source",
    "link",
    "part",
    "part_title",
    "message",
)


def release_fields(
    release: Release, clock: Clock, *, lead: str = "", link: str = ""
) -> dict[str, str]:
    """The release's fields (:data:`FIELDS`), at the user's time and zone: ``lead`` is the
    reminder's lead, ``link`` a trailer or source ("" where there is none)."""
    view = clock.view(release.when, release.release_tz)
    local = view.local
    phrase = view.countdown
    if phrase in ("now", "today"):
        phrase = f"out {phrase}" if view.out else phrase
    elif view.out:
        phrase = f"released {phrase}"
    return {
        "show": release.show,
        "season": str(release.season),
        "episodes": release.episodes_label(),
        "code": release.code(),
        "title": release.episode_title or "",
        **when_fields(local),
        "countdown": phrase,
        "lead": lead,
        "network": release.network or "",
        "kind": "release",
        "release_kind": release_kind(release),
        "was": "",
        "source": "",
        "link": link,
        "part": "" if release.part is None else str(release.part),
        "part_title": release.part_title or "",
        "message": f"{release.show} {release.code()}: {local.label()} ({phrase})",
    }


def when_fields(local: PartialDate) -> dict[str, str]:
    """``when``, ``date`` and ``time`` of a moment in the user's zone ("" for what it has
    not: a month has no day, a day no time)."""
    return {
        "when": local.label(),
        "date": local.start.isoformat() if local.start else "",
        "time": local.time.strftime("%H:%M") if local.time else "",
    }


def release_kind(release: Release) -> str:
    """``premiere``, ``finale`` or ``episode``: what a release is."""
    return "premiere" if release.premiere else "finale" if release.finale else "episode"


def no_release_fields(show: str, network: str | None) -> dict[str, str]:
    """The fields of a show with no release known to come: its title and network, every
    other field empty."""
    return dict.fromkeys(FIELDS, "") | {"show": show, "network": network or ""}


def check_template(text: str) -> str:
    """A ``--format`` template that uses only the known fields, by plain name."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise InvalidInput(f"--format {text!r}: {exc}; write fields like {{show}}") from None
    for _, name, _, _ in parts:
        if name is None:
            continue
        if name not in FIELDS:
            from seasontrack.inputs import did_you_mean

            raise InvalidInput(
                f"--format: unknown field {{{name}}}{did_you_mean(name, FIELDS)};"
                f" fields: {', '.join('{' + f + '}' for f in FIELDS)}"
            )
    return text


def fill(template: str, fields: Mapping[str, str]) -> str:
    """One line from a checked template: the fields' text taken literally, control
    characters, line breaks and tabs shown as escapes."""
    return one_line(template.format(**fields))
