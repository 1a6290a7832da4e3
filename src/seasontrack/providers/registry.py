"""The providers seasontrack can use, by name: one line each.

Each value is a module of this package with a ``connect(cache)`` function returning a
:class:`~seasontrack.providers.protocol.ShowSource` or a
:class:`~seasontrack.providers.protocol.TrailerSource`, or None when it cannot be used now
(no API key). Modules are imported only when connected, so naming them here costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import cast

from seasontrack.errors import InvalidInput
from seasontrack.providers.protocol import Provider, ShowSource, TrailerSource

PROVIDERS: dict[str, str] = {
    "tvmaze": "seasontrack.providers.tvmaze",
    "tmdb": "seasontrack.providers.tmdb",
}


def connect(name: str, cache: Path | None) -> Provider | None:
    """The provider registered as ``name``, ready to ask; None when it cannot be used now."""
    if name not in PROVIDERS:
        raise InvalidInput(f"no provider called {name!r}; known: {', '.join(PROVIDERS)}")
    module = import_module(PROVIDERS[name])
    opener = cast(Callable[[Path | None], Provider | None], module.connect)
    return opener(cache)


def show_source(name: str, cache: Path | None) -> ShowSource:
    provider = connect(name, cache)
    if provider is None:
        raise InvalidInput(f"the provider {name!r} cannot be used now")
    if not isinstance(provider, ShowSource):
        provider.close()
        raise InvalidInput(f"the provider {name!r} does not supply shows")
    return provider


def trailer_source(name: str, cache: Path | None) -> TrailerSource | None:
    provider = connect(name, cache)
    if provider is None:
        return None
    if not isinstance(provider, TrailerSource):
        provider.close()
        raise InvalidInput(f"the provider {name!r} does not supply trailers")
    return provider
