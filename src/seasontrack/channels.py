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

Notifications (:class:`Notify`) go through Apprise, one URL a channel (``ntfy://topic``,
``pover://user@token``, ``tgram://bot/chat``, ``mailto://...``, ``json://host/path``): the URL
holds secrets, so it is never printed whole (:func:`masked`).

A new channel is one class here, built from ``(target, out)`` (what the user gave to pick
it, and the stream for anything it prints), plus one line in :data:`CHANNELS`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any, Protocol, TextIO

from seasontrack.errors import InvalidInput

# What every channel gets for an alert, by these names (see seasontrack.fields).
from seasontrack.fields import FIELDS as FIELDS
from seasontrack.fields import check_template as check_template
from seasontrack.fields import fill
from seasontrack.printable import one_line

# For a release: "{show} {code}: {when} ({countdown})".
DEFAULT_FORMAT = "{message}"


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


class Lines:
    """One line per reminder from a template (``--format``), control characters escaped."""

    name = "stdout"

    def __init__(self, target: str | None, out: TextIO) -> None:
        self.template = check_template(target) if target is not None else DEFAULT_FORMAT
        self.out = out

    def deliver(self, fields: Mapping[str, str]) -> None:
        self.out.write(fill(self.template, fields) + "\n")
        self.out.flush()


class JsonLines:
    """One JSON object per reminder and line (``--json``)."""

    name = "stdout"

    def __init__(self, target: str | None, out: TextIO) -> None:
        self.out = out

    def deliver(self, fields: Mapping[str, str]) -> None:
        import json  # only the JSON-line channel pays for it

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


class Notify:
    """A notification through Apprise to one service URL (``--notify``, ``remind.notify``):
    a title (the show and release), a body (when, how long until then, what it is) and the
    season's trailer or source link when the catalog has one."""

    def __init__(self, target: str | None, out: TextIO) -> None:
        import hashlib

        url = (target or "").strip()
        self.plugin = _notification_service(url)
        self.shown = _shown(self.plugin)
        # What its deliveries are recorded by: the URL itself is a secret, its digest is not.
        self.name = "notify:" + hashlib.sha256(url.encode()).hexdigest()[:16]

    def deliver(self, fields: Mapping[str, str]) -> None:
        title = subject(fields)
        if fields.get("title"):
            title += f" “{fields['title']}”"
        if fields.get("kind", "release") == "release":
            body = f"{fields['when']} ({fields['countdown']}), {fields['release_kind']}"
        else:
            # A season's news: the alert's own line says it all.
            title += f" {fields['kind']}"
            body = fields["message"]
        if fields.get("network"):
            body += f" on {fields['network']}"
        if fields.get("link"):
            body += f"\n{fields['link']}"
        with _log_capture() as log:
            sent = self.plugin.notify(title=title, body=body)
        if not sent:
            reason = _last_line(log.getvalue()) or "the service refused it"
            raise DeliveryFailed(
                f"{self.shown}: {subject(fields)} not delivered ({_hide(reason, self.plugin)});"
                " will retry next run"
            )


def _notification_service(url: str) -> Any:
    """Apprise's plugin for ``url``; a URL it cannot use is an error naming only its scheme."""
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if not scheme:
        raise InvalidInput(
            "--notify needs a notification URL such as ntfy://TOPIC or mailto://USER:PASS@HOST"
            " (the services: https://github.com/caronc/apprise/wiki)"
        )
    import apprise

    with _log_capture():
        plugin = apprise.Apprise.instantiate(url)
    if plugin is None:
        raise InvalidInput(
            f"--notify {scheme}://…: not a notification URL Apprise can use; check the"
            f" service's URL form at https://github.com/caronc/apprise/wiki"
        )
    return plugin


def _log_capture() -> Any:
    """Apprise's warnings, caught instead of printed: a failure is told in one line."""
    import apprise

    return apprise.LogCapture(  # type: ignore[no-untyped-call]
        level=apprise.logging.WARNING, fmt="%(message)s"
    )


def masked(url: str) -> str:
    """A notification URL fit to print: its secrets (tokens, passwords, keys) hidden."""
    try:
        plugin = _notification_service(url)
    except InvalidInput:
        scheme = url.split("://", 1)[0] if "://" in url else "?"
        return f"{scheme}://…"
    return _shown(plugin)


def _shown(plugin: Any) -> str:
    from urllib.parse import urlsplit

    # Apprise hides the secrets it knows of each service (passwords, tokens) and spells out
    # every default in the query; a generic webhook's path may hold a token too.
    shown = urlsplit(plugin.url(privacy=True))
    path = "/…" if shown.path.strip("/") else ""
    return f"{shown.scheme}://{shown.netloc}{path}"


def notification_urls(text: str) -> list[str]:
    """The URLs of a comma-separated list (``remind.notify``), each checked."""
    urls = [part.strip() for part in text.split(",") if part.strip()]
    for url in urls:
        _notification_service(url)
    return urls


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _hide(text: str, plugin: Any) -> str:
    """``text`` without the secrets of ``plugin``'s URL (a log line may quote them)."""
    for secret in _secrets(plugin):
        text = text.replace(secret, "…")
    return one_line(text)


def _secrets(plugin: Any) -> list[str]:
    from urllib.parse import urlsplit

    whole = urlsplit(plugin.url(privacy=False))
    found = [whole.password or "", whole.username or ""]
    found += [part for part in whole.path.split("/") if len(part) >= 8]
    return sorted((s for s in found if s), key=len, reverse=True)


# Every channel, by the kind a command asks for.
CHANNELS: dict[str, ChannelFactory] = {
    "lines": Lines,
    "json": JsonLines,
    "exec": Exec,
    "notify": Notify,
}


def make(kind: str, target: str | None, out: TextIO) -> Channel:
    """The channel of this kind for ``target``; a bad target is an error before anything is
    claimed or sent."""
    return CHANNELS[kind](target, out)
