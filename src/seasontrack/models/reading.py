"""What the reading commands pass around: a show resolved from a name, a release, and the
alert log's entries (a season's news, an alert sent)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import NamedTuple

from seasontrack.dates import PartialDate


class SeasonNews(NamedTuple):
    """What happened to a season, as the catalog logs it for alerts: ``announced`` (it
    entered the catalog) or ``dated`` (its premiere went from ``was`` to ``now``), noticed at
    ``noticed_at`` (UTC, ISO text without offset)."""

    season: int
    kind: str
    noticed_at: str
    was: PartialDate | None
    now: PartialDate


class SentAlert(NamedTuple):
    """An alert delivered on a channel, as the catalog records it: its kind (release,
    complete, dated, announced), what it was about (a release's season, first episode, moment
    and lead; a season's news has episode and lead 0), the channel, and when it was claimed
    (Unix time)."""

    kind: str
    season: int
    episode: int
    release_at: str
    lead_minutes: int
    channel: str
    claimed_at: float


class ShowRef(NamedTuple):
    """A show resolved from a name the user typed."""

    id: int
    title: str


@dataclass(frozen=True)
class Release:
    """One moment at which episodes come out: a premiere, a part, an episode, or a finale."""

    show: str
    network: str | None
    season: int
    # The episodes that come out at this moment (first and last); None when the season's
    # episodes are not known, and its premiere stands for it.
    first_episode: int | None
    last_episode: int | None
    episode_title: str | None
    when: PartialDate
    # The zone the date's days are in (the season's), when the date has no time of its own.
    release_tz: str | None
    pattern: str
    premiere: bool
    finale: bool
    show_id: int = field(default=0, compare=False)
    # The part of the season it belongs to (its number and title), if any.
    part: int | None = None
    part_title: str | None = None
    # The moment as announced, when the show's offset moved it (``when`` is the viewer's).
    announced: PartialDate | None = None

    def at(self, when: PartialDate) -> Release:
        """The same release at ``when`` (its moment in a reader's zone, say). A copy with one
        field set: a calendar makes thousands, and dataclasses.replace, which rebuilds the
        release from all its fields, costs twice as much."""
        moved = copy.copy(self)
        object.__setattr__(moved, "when", when)
        return moved

    def episodes_label(self) -> str:
        if self.first_episode is None:
            return ""
        if self.last_episode is None or self.last_episode == self.first_episode:
            return f"E{self.first_episode}"
        return f"E{self.first_episode}-E{self.last_episode}"

    def code(self) -> str:
        """'S2', 'S2E3' or 'S2E1-E13'."""
        return f"S{self.season}{self.episodes_label()}"

    def part_label(self) -> str:
        """The part it belongs to as a reader knows it: 'Volume 2', 'part 2', or ''."""
        if self.part is None:
            return ""
        return self.part_title or f"part {self.part}"

    def label(self) -> str:
        """Its code and its part: 'S5E5-E7 Volume 2'; just the code outside parts."""
        part = self.part_label()
        return f"{self.code()} {part}" if part else self.code()
