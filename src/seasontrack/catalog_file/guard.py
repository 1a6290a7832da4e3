"""An import file read in bounded memory, whatever its shape: :class:`GuardedJson`.

The JSON parser builds each show as Python objects, and a hostile file can make that cost
far more than the file's size (a 200 KB file nested 100,000 deep took 24 GB). So the bytes
are checked on their way to the parser, chunk by chunk, before it sees them:

- nesting at most ``MAX_DEPTH`` levels, the deepest the catalog format goes;
- a text value (a string token) that runs past a chunk at most as long as ``MAX_TEXT``
  characters can be written (those within one chunk are at most a chunk long, and the
  reader checks their characters);
- at most ``_MAX_RUN`` bytes in a row outside quotes and brackets (a number, a word,
  spaces): no number the parser would spend unbounded memory or time on;
- one show (an item of the top-level list) at most ``MAX_SHOW_BYTES`` of the file.

Most of the file is skipped by one regular expression per chunk (in C): it steps over
strings, short runs and whole objects nested no deeper than the depth left, so Python
looks only at the brackets that change the depth.
"""

from __future__ import annotations

import re
from typing import IO

from seasontrack.errors import InvalidInput
from seasontrack.limits import MAX_DEPTH, MAX_SHOW_BYTES, MAX_TEXT

# The most bytes a text value of MAX_TEXT characters takes in JSON: each character escaped
# as a surrogate pair ("\ud83c\udfac", 12 bytes), and its quotes.
_MAX_STRING_BYTES = 12 * MAX_TEXT + 2
_MAX_RUN = 2048
# The depth of a show: the catalog object (1) > its "shows" list (2) > a show (3).
_SHOW_DEPTH = 3
# What one chunk read from the file holds at most (ijson asks for 64 KiB).
_CHUNK = 64 * 1024

_RUN = rb'[^"\[\]{}]{0,%d}+' % _MAX_RUN
_STRING = rb'"[^"\\]*+(?:\\.[^"\\]*+)*+"'


def _skipping(depth: int) -> bytes:
    """Runs, strings and containers nested at most ``depth`` deep, in any number."""
    if depth == 0:
        return _RUN + rb"(?:" + _STRING + _RUN + rb")*+"
    inner = _skipping(depth - 1)
    return (
        _RUN + rb"(?:(?:" + _STRING + rb"|\{" + inner + rb"\}|\[" + inner + rb"\])" + _RUN + rb")*+"
    )


# Nesting deeper than 3 in one pattern gains little and makes each pattern much larger.
_SKIP = [re.compile(_skipping(depth), re.DOTALL) for depth in range(4)]
_STRING_REST = re.compile(rb'[^"\\]*+(?:\\.[^"\\]*+)*+', re.DOTALL)
_OPEN, _CLOSE, _QUOTE, _BACKSLASH = b"[{", b"]}", ord('"'), ord("\\")


class GuardedJson:
    """A binary file as the JSON parser reads it (``read``, ``seek(0)``), refused with
    :class:`InvalidInput` at the first byte beyond a bound (see the module's doc)."""

    def __init__(self, raw: IO[bytes], name: str) -> None:
        self.raw = raw
        self.name = name
        self._restart()

    def _restart(self) -> None:
        self.offset = 0  # of the next chunk in the file
        self.depth = 0
        self.in_string = False
        self.escaped = False  # the last chunk ended in a string's backslash
        self.string_start = 0
        self.show_start: int | None = None

    def seek(self, position: int, whence: int = 0) -> int:
        if position != 0 or whence != 0:
            raise ValueError("an import file is read again only from its start")
        self._restart()
        return self.raw.seek(0)

    def tell(self) -> int:
        return self.offset

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(_CHUNK if size < 0 else min(size, _CHUNK))
        self._check(data)
        self.offset += len(data)
        if self.in_string and self.offset - self.string_start > _MAX_STRING_BYTES:
            raise self._refusal(
                self.string_start,
                f"a text value is longer than {MAX_TEXT:,} characters, the most one text"
                " value holds",
            )
        if self.show_start is not None and self.offset - self.show_start > MAX_SHOW_BYTES:
            raise self._too_big(self.show_start)
        return data

    def _check(self, data: bytes) -> None:
        position, end = 0, len(data)
        while position < end:
            if self.in_string:
                if self.escaped:
                    self.escaped = False
                    position += 1
                    continue
                position = _STRING_REST.match(data, position).end()  # type: ignore[union-attr]
                if position == end:
                    return
                if data[position] == _BACKSLASH:  # the last byte: the escaped one comes next
                    self.escaped = True
                else:
                    self.in_string = False
                position += 1
                continue
            deepest = min(len(_SKIP) - 1, MAX_DEPTH - self.depth)
            skip = _SKIP[deepest if self.depth >= _SHOW_DEPTH else 0]
            position = skip.match(data, position).end()  # type: ignore[union-attr]
            if position == end:
                return
            byte = data[position]
            if byte in _OPEN:
                self.depth += 1
                if self.depth > MAX_DEPTH:
                    raise self._refusal(
                        self.offset + position,
                        f"nested deeper than {MAX_DEPTH} levels, deeper than a seasontrack"
                        " catalog goes; give a file written by `seasontrack export`",
                    )
                if self.depth == _SHOW_DEPTH:
                    self.show_start = self.offset + position
            elif byte in _CLOSE:
                if self.depth == _SHOW_DEPTH and self.show_start is not None:
                    if self.offset + position - self.show_start > MAX_SHOW_BYTES:
                        raise self._too_big(self.show_start)
                    self.show_start = None
                self.depth = max(0, self.depth - 1)
            elif byte == _QUOTE:
                self.in_string = True
                self.string_start = self.offset + position
            else:
                raise self._refusal(
                    self.offset + position,
                    f"a number or word runs on for more than {_MAX_RUN:,} characters;"
                    " give a file written by `seasontrack export`",
                )
            position += 1

    def _too_big(self, start: int) -> InvalidInput:
        return self._refusal(
            start,
            f"this show takes more than {MAX_SHOW_BYTES // 2**20} MiB of the file, the most"
            " one show may take",
        )

    def _refusal(self, at: int, message: str) -> InvalidInput:
        return InvalidInput(f"{self.name}: at byte {at:,}: {message}")
