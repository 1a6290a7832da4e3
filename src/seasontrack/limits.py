"""The bounds on what seasontrack reads (README, "Bounds"), in one place.

Each is checked where a value enters: a command's option or argument, an import file (JSON
or CSV), or a provider's answer; a value beyond one is refused with exit 2, naming the bound.
They keep every answer computable (dates stay inside what Python's calendar holds, however
far a span reaches from them) and every file readable in bounded memory.
"""

from __future__ import annotations

# Years of any date or moment: a release, --now, --month, a break.
MIN_YEAR = 1900
MAX_YEAR = 2200

# Season numbers (0 holds the specials).
MAX_SEASON = 9_999
# Episodes in one season: its count, an episode's number, a premiere's episodes, a billing.
MAX_EPISODES = 10_000
# A weekly season comes out within this many weeks of its premiere, breaks included.
MAX_WEEKS = 520
# A span of time (--within, --lead, --catch-up, remind.lead, remind.catch_up).
MAX_SPAN_DAYS = 36_500
# Ids of a show elsewhere (TVmaze, TheTVDB, TMDB) and Unix times: what JSON holds exactly.
MAX_ID = 2**53 - 1
# Characters in one text value: a title, a name, a note, a synopsis, a link.
MAX_TEXT = 10_000

# An import file. JSON: the format nests 8 levels at most (catalog > shows > show > seasons >
# season > episodes > episode > airs); one show takes at most MAX_SHOW_BYTES of the file.
MAX_DEPTH = 8
MAX_SHOW_BYTES = 16 * 1024 * 1024
# CSV: one line of the sheet.
MAX_LINE = 1024 * 1024
