"""The SQLite catalog: connections, transactions, schema migrations and queries.

Everything that speaks SQL lives in this package, one module per noun: :mod:`.shows`,
:mod:`.seasons` (with episodes, breaks and watched marks), :mod:`.credits`, :mod:`.links`
(trailers and sources), :mod:`.releases` (the derived release index), :mod:`.reminders`,
:mod:`.provider_links` and :mod:`.facts`, over the column codecs of :mod:`.codecs`.
Callers open a catalog with :func:`open_catalog`, read and write as ``store.shows.get_show``
and so on, and wrap every command's writes in one :func:`transaction`.
"""

from seasontrack.store import (
    credits,
    facts,
    links,
    provider_links,
    releases,
    reminders,
    seasons,
    shows,
)
from seasontrack.store.connection import open_catalog, transaction

__all__ = [
    "credits",
    "facts",
    "links",
    "open_catalog",
    "provider_links",
    "releases",
    "reminders",
    "seasons",
    "shows",
    "transaction",
]
