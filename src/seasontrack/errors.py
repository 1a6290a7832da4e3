"""The errors seasontrack reports to its user, each with the exit code it ends the process with.

Exit codes are part of the scripting interface (README, "Exit codes"): never renumber them.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_INVALID = 2
EXIT_STORE = 3
# The network or an online provider failed: offline, refused, timed out, HTTP 5xx, retries
# used up, or a body that is not what the provider documents.
EXIT_NETWORK = 4
# `remind --exec`: a command failed for some reminders; they are retried by the next run.
EXIT_DELIVERY = 5
# Stopped by the user (Ctrl-C, or a prompt aborted): 128 + SIGINT, as shells report it.
EXIT_INTERRUPTED = 130


class SeasontrackError(Exception):
    """A problem the user can act on; its message is one line, printed on stderr."""

    exit_code = EXIT_INVALID


class NotFound(SeasontrackError):
    """A show, season, person, trailer or match that the catalog does not hold."""

    exit_code = EXIT_NOT_FOUND


class InvalidInput(SeasontrackError):
    """A value, file or combination of options that cannot be accepted as given."""

    exit_code = EXIT_INVALID


class DateInputError(InvalidInput, ValueError):
    """A date, time, span or zone that cannot be read; the message is one line for the user.

    Raised by :mod:`seasontrack.dates` and :mod:`seasontrack.clock`; still a ValueError for
    code that reads values generically.
    """


class StoreError(SeasontrackError):
    """The catalog file cannot be used: locked, unreadable, not a catalog, or too new."""

    exit_code = EXIT_STORE


class NetworkError(SeasontrackError):
    """The network or an online provider (TVmaze, TMDB) failed; the catalog is left as it was."""

    exit_code = EXIT_NETWORK
