"""The catalog's records: a show with its seasons, parts, episodes, people, trailers and
sources, as the catalog file and the editing commands know them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta

from seasontrack.dates import TBA, PartialDate


@dataclass(frozen=True)
class Credit:
    """A person on a show: cast (with a character) or crew (with a job).

    ``season`` None means the whole show.
    """

    person: str
    role: str
    character: str | None = None
    job: str | None = None
    season: int | None = None
    billing: int | None = None
    status: str = "confirmed"
    arrival: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Trailer:
    """A trailer, teaser or clip of a show (or of one of its seasons, ``season``)."""

    url: str | None
    title: str | None = None
    kind: str = "trailer"
    publisher: str | None = None
    published: PartialDate = TBA
    note: str | None = None
    season: int | None = None


@dataclass(frozen=True)
class Source:
    """The article or announcement that facts came from."""

    url: str
    outlet: str | None = None
    title: str | None = None
    published: PartialDate = TBA
    season: int | None = None


@dataclass(frozen=True)
class Episode:
    """An episode; ``airs`` is its own date, which overrides the one its season's schedule gives."""

    number: int
    title: str | None = None
    airs: PartialDate = TBA
    director: str | None = None
    writer: str | None = None
    # Moved with --shift: the weekly rhythm of the later episodes restarts from this
    # episode's own date (weekly seasons and parts; it needs a date known to the day).
    resumes: bool = False


@dataclass(frozen=True)
class Part:
    """A part of a season that comes out on its own ("Volume 2"): episodes ``first_episode``
    to ``last_episode``, all at its premiere or one a week from it.

    ``release_time`` and ``release_tz`` are the part's own; None means the season's.
    """

    number: int
    first_episode: int
    last_episode: int
    premiere: PartialDate = TBA
    release_time: time | None = None
    release_tz: str | None = None
    release_pattern: str = "all-at-once"
    title: str | None = None

    def episodes_label(self) -> str:
        """'E5-E7', or 'E8' for a part of one episode."""
        if self.first_episode == self.last_episode:
            return f"E{self.first_episode}"
        return f"E{self.first_episode}-E{self.last_episode}"

    def holds(self, episode: int) -> bool:
        return self.first_episode <= episode <= self.last_episode

    @property
    def premiere_moment(self) -> PartialDate:
        """The premiere at the part's own release time (not the season's), when it has one."""
        if self.release_time is None:
            return self.premiere
        return self.premiere.with_time(self.release_time, self.release_tz)


@dataclass(frozen=True)
class Season:
    """A season: its dates (each as precise as known), how it is released, its episodes."""

    number: int
    premiere: PartialDate = TBA
    finale: PartialDate = TBA
    episode_count: int | None = None
    release_pattern: str = "unknown"
    release_time: time | None = None
    release_tz: str | None = None
    synopsis: str | None = None
    # Where this season comes out, when not on the show's network (a show that moved).
    network: str | None = None
    notes: str | None = None
    # A weekly schedule: how many episodes the premiere brings (2 for a two-episode
    # premiere), and the weeks with no episode (mid-season breaks), by the day they'd air.
    premiere_episodes: int = 1
    skips: tuple[date, ...] = ()
    # Longer breaks, as (first day, last day), both inclusive, in the release's zone: a
    # weekly schedule skips every slot in them.
    breaks: tuple[tuple[date, date], ...] = ()
    # Parts that come out on their own, in order; they never overlap.
    parts: tuple[Part, ...] = ()
    episodes: tuple[Episode, ...] = ()
    # Episode numbers the user has seen.
    watched: tuple[int, ...] = ()
    # The day each of them was (last) watched, where known: (episode, day), by episode.
    watched_on: tuple[tuple[int, date], ...] = ()
    # How many times its release dates have changed (a calendar feed's SEQUENCE).
    revision: int = field(default=0, compare=False)
    # When all its episodes are out, at the viewer's time (its show's offset applied): derived
    # by the store (``schedule.season_complete``); TBA when not known.
    complete: PartialDate = field(default=TBA, compare=False)

    def schedule_facts(self) -> tuple[object, ...]:
        """Everything the release dates of its episodes depend on."""
        return (
            self.premiere,
            self.finale,
            # How many episodes there are: the stated count, or the highest one recorded.
            max(
                [
                    self.episode_count or 0,
                    *(e.number for e in self.episodes),
                    *(p.last_episode for p in self.parts),
                ]
            ),
            self.release_pattern,
            self.release_time,
            self.release_tz,
            self.premiere_episodes,
            self.skips,
            self.breaks,
            self.parts,
            # Episodes matter by their own dates, and whether the rhythm restarts from them.
            tuple((e.number, e.airs, e.resumes) for e in self.episodes if e.airs.start is not None),
        )

    @property
    def premiere_moment(self) -> PartialDate:
        """The premiere with the season's release time, when both the day and the time are known."""
        return self._at_release_time(self.premiere)

    @property
    def finale_moment(self) -> PartialDate:
        return self._at_release_time(self.finale)

    def _at_release_time(self, day: PartialDate) -> PartialDate:
        if self.release_time is None:
            return day
        return day.with_time(self.release_time, self.release_tz)


@dataclass(frozen=True)
class Show:
    """A show with everything the catalog knows of it."""

    title: str
    aliases: tuple[str, ...] = ()
    network: str | None = None
    country: str | None = None
    status: str = "announced"
    summary: str | None = None
    followed: bool = True
    # The viewer's own time: how much later (earlier, when negative) than announced the
    # show can be watched where they are; every release is derived shifted by it.
    offset: timedelta = timedelta(0)
    # What it alerts for (`follow --only`), in the order of ALERT_KINDS; None: every kind.
    alerts: tuple[str, ...] | None = None
    seasons: tuple[Season, ...] = ()
    credits: tuple[Credit, ...] = ()
    trailers: tuple[Trailer, ...] = ()
    sources: tuple[Source, ...] = ()
    id: int | None = field(default=None, compare=False)

    def season(self, number: int) -> Season | None:
        return next((s for s in self.seasons if s.number == number), None)
