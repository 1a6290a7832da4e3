"""The catalog's nouns, as plain dataclasses shared by the store, the services and the renderers.

Each class lives in the submodule of its kind (``catalog``: a show's records; ``reading``:
releases and the alert log; ``online``: what providers said) and is imported from here, as
``from seasontrack.models import Release``. A submodule loads the first time one of its
classes is asked for: building a frozen dataclass costs about a millisecond at start-up, and
a command such as ``next`` needs two of the eleven.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from seasontrack.dates import TBA as TBA

if TYPE_CHECKING:
    from seasontrack.models.catalog import Credit as Credit
    from seasontrack.models.catalog import Episode as Episode
    from seasontrack.models.catalog import Part as Part
    from seasontrack.models.catalog import Season as Season
    from seasontrack.models.catalog import Show as Show
    from seasontrack.models.catalog import Source as Source
    from seasontrack.models.catalog import Trailer as Trailer
    from seasontrack.models.online import Fact as Fact
    from seasontrack.models.online import ShowLink as ShowLink
    from seasontrack.models.reading import Release as Release
    from seasontrack.models.reading import SeasonNews as SeasonNews
    from seasontrack.models.reading import SentAlert as SentAlert
    from seasontrack.models.reading import ShowRef as ShowRef

SHOW_STATUSES = ("announced", "in production", "airing", "returning", "ended", "cancelled")
RELEASE_PATTERNS = ("all-at-once", "weekly", "unknown")
PART_RELEASES = ("all-at-once", "weekly")
TRAILER_KINDS = ("teaser", "trailer", "clip", "featurette")
CREDIT_STATUSES = ("confirmed", "rumoured")
ARRIVALS = ("new", "returning")
ROLES = ("cast", "crew")
# What a followed show can alert for (`follow --only`): its releases by kind, its seasons
# complete, their premieres dated, new seasons announced. A show alerts for all by default.
ALERT_KINDS = ("premieres", "finales", "episodes", "complete", "dated", "announced")
# What a credit or a trailer records beyond what tells it apart: an edit of one already
# recorded changes only the details it names (README, "cast add", "trailer add").
CREDIT_DETAILS = ("billing", "status", "arrival", "note")
TRAILER_DETAILS = ("title", "kind", "publisher", "published", "note")

FACT_ORIGINS = ("typed", "imported", "tvmaze", "tmdb")
PROVIDER_NAMES = {"tvmaze": "TVmaze", "tmdb": "TMDB"}

# Each class, by the submodule that defines it.
_HOMES = {
    **dict.fromkeys(
        ("Credit", "Trailer", "Source", "Episode", "Part", "Season", "Show"), "catalog"
    ),
    **dict.fromkeys(("ShowRef", "Release", "SeasonNews", "SentAlert"), "reading"),
    **dict.fromkeys(("ShowLink", "Fact"), "online"),
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
