"""The SQLite catalog: connections, transactions, schema migrations and queries.

Everything that speaks SQL lives in this package. Callers open a catalog with
:func:`open_catalog`, read through :mod:`seasontrack.store.queries`, and wrap every
command's writes in one :func:`transaction`.
"""

from seasontrack.store.connection import open_catalog, transaction

__all__ = ["open_catalog", "transaction"]
