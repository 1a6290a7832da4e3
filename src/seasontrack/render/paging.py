"""A pager for output longer than the screen, as git does it.

On a terminal, what a command prints is held until it is longer than the screen; then a
pager starts and gets it, and everything after, as it is made. Output that fits is written
to the terminal when the command ends. The pager is ``SEASONTRACK_PAGER`` when that is set
(empty: none), else ``$PAGER``, else ``less -FRX`` (when less is installed); ``--no-pager``
turns it off. When the reader quits the pager early, :class:`PagerClosed` stops the
command's output quietly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import IO, TextIO

PAGER_ENV = "SEASONTRACK_PAGER"
DEFAULT_PAGER = "less -FRX"


class PagerClosed(Exception):
    """The reader quit the pager: nothing more is to be written."""


def pager_command() -> str | None:
    """The pager to use, or None: SEASONTRACK_PAGER (empty: none), $PAGER, less -FRX."""
    chosen = os.environ.get(PAGER_ENV)
    if chosen is not None:
        return chosen.strip() or None
    chosen = os.environ.get("PAGER")
    if chosen is not None:
        return chosen.strip() or None
    return DEFAULT_PAGER if shutil.which("less") else None


class Paged:
    """A text stream for a terminal: held until it is longer than ``height`` lines, then
    given to the pager ``command`` (None: never paged)."""

    def __init__(self, command: str | None, height: int, out: TextIO | None = None) -> None:
        self.command = command
        self.height = height
        self.out = out if out is not None else sys.stdout
        self.held: list[str] = []
        self.lines = 0
        self.pager: subprocess.Popen[str] | None = None

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if self.pager is not None:
            self._send(text)
            return len(text)
        if self.command is None:
            self.out.write(text)
            return len(text)
        self.held.append(text)
        self.lines += text.count("\n")
        if self.lines >= self.height:
            self._start()
        return len(text)

    def flush(self) -> None:
        if self.pager is None and self.command is None:
            self.out.flush()

    def _start(self) -> None:
        assert self.command is not None
        env = dict(os.environ)
        env.setdefault("LESS", "FRX")
        self.out.flush()
        self.pager = subprocess.Popen(
            self.command, shell=True, stdin=subprocess.PIPE, text=True, env=env
        )
        held, self.held = "".join(self.held), []
        self._send(held)

    def _send(self, text: str) -> None:
        assert self.pager is not None
        stdin: IO[str] | None = self.pager.stdin
        assert stdin is not None
        try:
            stdin.write(text)
            stdin.flush()
        except (BrokenPipeError, OSError):
            raise PagerClosed from None

    def close(self) -> None:
        """Write what was held (it fit on the screen), or wait for the reader to quit the
        pager."""
        if self.pager is None:
            if self.held:
                self.out.write("".join(self.held))
                self.held = []
            self.out.flush()
            return
        try:
            if self.pager.stdin is not None:
                self.pager.stdin.close()
        except (BrokenPipeError, OSError):
            pass
        self.pager.wait()
