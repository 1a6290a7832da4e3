"""Delivery channels: where a due reminder goes. A line on stdout, a JSON line, a command.

A channel gets one reminder as its fields (:data:`FIELDS`: the names a ``--format``
template, a JSON line and an ``--exec`` environment share) and delivers it, or raises
:class:`DeliveryFailed` with a one-line reason. It knows nothing of the catalog: the
reminder service claims what is due, hands each reminder to a channel and records the
outcome, so a failed delivery is retried by the next run.

Channels are to delivery what ``seasontrack.providers`` are to metadata, the adapters to the
world outside: below the services that drive them, and the only place a delivery's own
library is imported (``subprocess`` here, when a command runs). They write to the stream
they are given, never through Rich.

A new channel is one class here, built from ``(target, out)`` (what the user gave to pick
it, and the stream for anything it prints), plus one line in :data:`CHANNELS`.
"""

from __future__ import annotations

import json
import os
import string
from collections.abc import Callable, Mapping
from typing import Protocol, TextIO

from seasontrack.errors import InvalidInput
from seasontrack.inputs import did_you_mean
from seasontrack.printable import one_line

# What every channel gets for a reminder, by these names.
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
    "part",
    "part_title",
)

DEFAULT_FORMAT = "{show} {code}: {when} ({countdown})"


class DeliveryFailed(Exception):
    """A reminder did not get through; the message says why and what, in one line."""


class Channel(Protocol):
    # What this channel's deliveries are known by: a kind with many targets (one per URL,
    # say) gives each its own name. Printing lines or JSON lines are both "stdout".
    name: str

    def deliver(self, fields: Mapping[str, str]) -> None:
        """Deliver one reminder, or raise :class:`DeliveryFailed` to have it retried."""
        ...


ChannelFactory = Callable[[str | None, TextIO], Channel]


def subject(fields: Mapping[str, str]) -> str:
    """Which release a message is about, e.g. "Jessica Jones S2E1-E13"."""
    return f"{fields['show']} {fields['code']}"


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
            raise InvalidInput(
                f"--format: unknown field {{{name}}}{did_you_mean(name, FIELDS)};"
                f" fields: {', '.join('{' + f + '}' for f in FIELDS)}"
            )
    return text


class Lines:
    """One line per reminder from a template (``--format``), control characters escaped."""

    name = "stdout"

    def __init__(self, target: str | None, out: TextIO) -> None:
        self.template = check_template(target) if target is not None else DEFAULT_FORMAT
        self.out = out

    def deliver(self, fields: Mapping[str, str]) -> None:
        self.out.write(one_line(self.template.format(**fields)) + "\n")
        self.out.flush()


class JsonLines:
    """One JSON object per reminder and line (``--json``)."""

    name = "stdout"

    def __init__(self, target: str | None, out: TextIO) -> None:
        self.out = out

    def deliver(self, fields: Mapping[str, str]) -> None:
        self.out.write(json.dumps(dict(fields), ensure_ascii=False) + "\n")
        self.out.flush()


class Exec:
    """A command run once per reminder (``--exec``): split like a shell would split it, but
    run without one, the fields in ``SEASONTRACK_*`` variables and never in its words."""

    name = "exec"

    def __init__(self, target: str | None, out: TextIO) -> None:
        import shlex

        try:
            self.argv = shlex.split(target or "")
        except ValueError as exc:  # an unclosed quote
            raise InvalidInput(f"--exec {target!r}: {exc}") from None
        if not self.argv:
            raise InvalidInput("--exec needs a command")

    def deliver(self, fields: Mapping[str, str]) -> None:
        import subprocess

        env = dict(os.environ)
        env.update({f"SEASONTRACK_{name.upper()}": value for name, value in fields.items()})
        what = subject(fields)
        try:
            done = subprocess.run(self.argv, env=env, stdin=subprocess.DEVNULL, check=False)
        except OSError as exc:
            raise DeliveryFailed(
                f"--exec could not run {self.argv[0]!r} for {what} ({exc.strerror}); will retry"
            ) from None
        if done.returncode != 0:
            raise DeliveryFailed(f"--exec exited {done.returncode} for {what}; will retry next run")


# Every channel, by the kind a command asks for.
CHANNELS: dict[str, ChannelFactory] = {
    "lines": Lines,
    "json": JsonLines,
    "exec": Exec,
}


def make(kind: str, target: str | None, out: TextIO) -> Channel:
    """The channel of this kind for ``target``; a bad target is an error before anything is
    claimed or sent."""
    return CHANNELS[kind](target, out)
