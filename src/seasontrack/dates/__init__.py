"""Release dates as people type them or articles print them, kept with how precise they are.

A :class:`PartialDate` is a period (a year, "late 2018", "spring 2018", Q1, a month, a day) or a
day with a wall-clock time and, usually, a time zone. Its :meth:`~PartialDate.label` is the
human form, and :func:`parse_when` reads every label back to an equal value.

The pieces, by what they hold:

- :mod:`.partial_date`: :class:`Precision`, :class:`PartialDate` (labels, periods, ordering,
  JSON) and :func:`compare`;
- :mod:`.parsing`: :func:`parse_when`, the free-text reader (``dateutil.parser`` is imported
  only when free text needs it: start-up speed matters);
- :mod:`.zones`: IANA names, offsets and abbreviations: :func:`zone`, :func:`check_zone`.
"""

from __future__ import annotations

from seasontrack.dates.parsing import WEEKDAY_NAMES, parse_when
from seasontrack.dates.partial_date import MONTH_NAMES, TBA, PartialDate, Precision, compare
from seasontrack.dates.zones import TZ_ABBREVIATIONS, check_zone, zone
from seasontrack.errors import DateInputError
from seasontrack.limits import MAX_YEAR, MIN_YEAR

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "MONTH_NAMES",
    "TBA",
    "TZ_ABBREVIATIONS",
    "WEEKDAY_NAMES",
    "DateInputError",
    "PartialDate",
    "Precision",
    "check_zone",
    "compare",
    "parse_when",
    "zone",
]
