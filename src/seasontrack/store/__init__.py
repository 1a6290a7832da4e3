"""The SQLite catalog: connections, transactions, schema migrations and queries.

Everything that speaks SQL lives in this package, one module per noun: :mod:`.shows`,
:mod:`.seasons` (with episodes, parts and breaks), :mod:`.watched`, :mod:`.credits`, :mod:`.links`
(trailers and sources), :mod:`.releases` (the derived release index), :mod:`.reminders`,
:mod:`.provider_links`, :mod:`.facts` and :mod:`.search` (the derived full-text index), over
the column codecs of :mod:`.codecs`.
Callers open a catalog with :func:`open_catalog`, read and write as ``store.shows.get_show``
and so on, and wrap every command's writes in one :func:`transaction`.
"""

from importlib import import_module
from typing import TYPE_CHECKING

from seasontrack.store.connection import keep_copy, open_catalog, transaction

if TYPE_CHECKING:
    from seasontrack.store import (
        alerts,
        credits,
        facts,
        links,
        provider_links,
        releases,
        reminders,
        search,
        seasons,
        shows,
        watched,
    )

_NOUNS = frozenset(
    (
        "alerts",
        "credits",
        "facts",
        "links",
        "provider_links",
        "releases",
        "reminders",
        "search",
        "seasons",
        "shows",
        "watched",
    )
)


def __getattr__(name: str) -> object:
    # A noun's module is imported the first time it is used (``store.seasons``), so that a
    # command pays only for the tables it touches; importing it makes it an attribute here.
    if name in _NOUNS:
        return import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "alerts",
    "credits",
    "facts",
    "keep_copy",
    "links",
    "open_catalog",
    "provider_links",
    "releases",
    "reminders",
    "search",
    "seasons",
    "shows",
    "transaction",
    "watched",
]
