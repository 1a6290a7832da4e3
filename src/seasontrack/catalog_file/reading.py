"""Reading the catalog file's JSON back: each show of an export, checked, as a :class:`ShowImport`.

The file is read as a stream (ijson), one show at a time; a bad value is an error naming its
place in the file (``catalog.json.shows[3].seasons[0].premiere``). Values meet the same rules
as typed ones (``seasontrack.inputs``). What the import does with the shows is the import
service's business.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import IO, Any

from seasontrack.catalog_file import FORMAT_NAME, FORMAT_VERSION
from seasontrack.clock import parse_offset
from seasontrack.dates import PartialDate, Precision, check_zone
from seasontrack.errors import InvalidInput, SeasontrackError
from seasontrack.inputs import (
    PartInput,
    SeasonInput,
    alert_kinds,
    apply_part_input,
    apply_season_input,
    check_break,
    choose,
    clean_credit,
    clean_source,
    clean_trailer,
    optional_text,
    required_text,
    text_within_bound,
    web_url,
    year_within_bound,
)
from seasontrack.limits import (
    MAX_EPISODES,
    MAX_ID,
    MAX_SEASON,
    MAX_SPAN_DAYS,
    MAX_TEXT,
    MAX_YEAR,
    MIN_YEAR,
)
from seasontrack.models import (
    FACT_ORIGINS,
    PROVIDER_NAMES,
    SHOW_STATUSES,
    TBA,
    Credit,
    Episode,
    Fact,
    Part,
    Season,
    SeasonNews,
    SentAlert,
    Show,
    ShowLink,
    Source,
    Trailer,
)


class PlacedInput(InvalidInput):
    """A bad value whose message already names its place in the file."""


class Reader:
    """Walks a decoded JSON document, naming the place of any bad value in its error."""

    def __init__(self, data: Any, where: str) -> None:
        self.data = data
        self.where = where

    def context(self) -> _Placing:
        """Errors raised in the block name this place, unless a nearer one already does."""
        return _Placing(self)

    def fail(self, message: str) -> InvalidInput:
        return PlacedInput(f"{self.where}: {message}")

    def mapping(self) -> Mapping[str, Any]:
        if not isinstance(self.data, dict):
            raise self.fail(f"expected an object, found {_kind(self.data)}")
        return self.data

    def child(self, key: str) -> Reader:
        return Reader(self.mapping().get(key), f"{self.where}.{key}")

    def items(self, key: str) -> list[Reader]:
        value = self.mapping().get(key)
        where = f"{self.where}.{key}"
        if value is None:
            return []
        if not isinstance(value, list):
            raise PlacedInput(f"{where}: expected a list, found {_kind(value)}")
        return [Reader(item, f"{where}[{i}]") for i, item in enumerate(value)]

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.mapping().get(key)
        if value is None:
            if required:
                raise self.fail(f"{key!r} is missing")
            return None
        if not isinstance(value, str):
            raise self.fail(f"{key!r} should be text, found {_kind(value)}")
        if len(value) > MAX_TEXT:
            with self.context():
                text_within_bound(value, repr(key))
        return value

    def integer(self, key: str, *, maximum: int, minimum: int = 0) -> int | None:
        value = self.mapping().get(key)
        if value is None:
            return None
        return self.number(value, repr(key), minimum, maximum)

    def number(self, value: object, what: str, minimum: int, maximum: int) -> int:
        """``value`` as a whole number from ``minimum`` to ``maximum`` (README, "Bounds")."""
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"{what} should be a whole number from {minimum} to {maximum:,}")
        if not minimum <= value <= maximum:
            raise self.fail(
                f"{what} is out of range; give a whole number from {minimum} to {maximum:,}"
            )
        return value

    def date(self, key: str) -> PartialDate | None:
        value = self.mapping().get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.fail(f"{key!r} should be a date object with a precision")
        with self.child(key).context():
            return PartialDate.from_json(value)


class _Placing:
    """:meth:`Reader.context`: a plain class, as an import enters one per value read (a
    generator-based context manager costs several times more)."""

    __slots__ = ("reader",)

    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, _: object
    ) -> None:
        if isinstance(exc, SeasontrackError) and not isinstance(exc, PlacedInput):
            raise self.reader.fail(str(exc)) from None


def _flag(reader: Reader, key: str) -> bool | None:
    value = reader.mapping().get(key)
    if value is not None and not isinstance(value, bool):
        raise reader.fail(f"{key!r} should be true or false")
    return value


_EVENT_KINDS = {"start_map": "an object", "string": "text", "boolean": "true/false", "null": "null"}


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), "a number" if isinstance(value, int | float) else "null"
    )


@dataclass(frozen=True)
class SeasonImport:
    number: int
    given: SeasonInput
    episodes: tuple[Episode, ...] = ()
    watched: tuple[int, ...] = ()
    # The day each was (last) watched, where the file says: (episode, day).
    watched_on: tuple[tuple[int, date], ...] = ()
    # The season as the file describes it, with its episodes: what a new show gets.
    season: Season | None = None


@dataclass(frozen=True)
class ShowImport:
    """One show of an import file: its own fields and, per season, what the file gives."""

    show: Show
    seasons: tuple[SeasonImport, ...] = field(default=())
    # Where in the file it is, for messages.
    where: str = ""
    # Whether the file says if the show is followed (None: it doesn't, keep the catalog's).
    followed: bool | None = None
    # The show's link to TVmaze and where its facts came from, as an export wrote them.
    online: tuple[ShowLink, tuple[Fact, ...]] | None = None
    # Its calendar feed events' SEQUENCEs, as an export wrote them: (season, event, sequence).
    sequences: tuple[tuple[int, str, int], ...] = ()
    # The viewer's own time, when the file gives one (None: keep the catalog's; files
    # written before there were offsets give none).
    offset: timedelta | None = None
    # What it alerts for, when the file says (``alerts_given``; None: every kind).
    alerts: tuple[str, ...] | None = None
    alerts_given: bool = False
    # Its alert log, as an export wrote it: its seasons' news and the alerts delivered.
    news: tuple[SeasonNews, ...] = ()
    sent: tuple[SentAlert, ...] = ()


def read_show(reader: Reader) -> ShowImport:
    with reader.context():
        title = required_text(reader.text("title", required=True) or "", "a show's title")
        aliases = []
        for alias in reader.items("aliases"):
            if not isinstance(alias.data, str):
                raise alias.fail("an alias should be text")
            aliases.append(required_text(alias.data, "an alias"))
        status = reader.text("status")
        show = Show(
            title=title,
            aliases=tuple(aliases),
            network=optional_text(reader.text("network")),
            country=optional_text(reader.text("country")),
            status=choose(status, SHOW_STATUSES, "status") if status else "",
            summary=optional_text(reader.text("summary")),
        )
        followed = _flag(reader, "followed")
        offset_given = reader.text("offset")
        offset = parse_offset(offset_given) if offset_given is not None else None
        alerts_given = reader.mapping().get("alerts") is not None
        kinds = []
        for kind in reader.items("alerts"):
            if not isinstance(kind.data, str):
                raise kind.fail("an alert kind should be text")
            kinds.append(kind.data)
        alerts = alert_kinds(",".join(kinds), "'alerts'") if alerts_given else None
    seasons = tuple(_read_season(item) for item in reader.items("seasons"))
    numbers = [season.number for season in seasons]
    if len(set(numbers)) != len(numbers):
        raise reader.fail("a season number appears twice")
    credits = [_read_credit(item, "cast") for item in reader.items("cast")]
    credits += [_read_credit(item, "crew") for item in reader.items("crew")]
    for credit in credits:
        if credit.season is not None and credit.season not in numbers:
            raise reader.fail(
                f"{credit.person} is credited on season {credit.season}, which"
                " the file does not list"
            )
    trailers = [_read_trailer(item) for item in reader.items("trailers")]
    sources = [_read_source(item) for item in reader.items("sources")]
    online = _read_online(reader.child("online")) if reader.mapping().get("online") else None
    news, sent = _read_alert_log(reader.child("alert_log"), numbers)
    sequences = tuple(_read_sequence(item) for item in reader.items("feed_sequences"))
    return ShowImport(
        show=replace(
            show,
            credits=tuple(credits),
            trailers=tuple(trailers),
            sources=tuple(sources),
            followed=True if followed is None else followed,
            offset=offset or timedelta(0),
            alerts=alerts,
        ),
        seasons=seasons,
        followed=followed,
        offset=offset,
        online=online,
        alerts=alerts,
        alerts_given=alerts_given,
        news=news,
        sent=sent,
        sequences=sequences,
    )


_NEWS_KINDS = ("announced", "dated")
_SENT_KINDS = ("release", "complete", "dated", "announced")


def _read_alert_log(
    reader: Reader, seasons: list[int]
) -> tuple[tuple[SeasonNews, ...], tuple[SentAlert, ...]]:
    """A show's alert log, as `alert_log_json` writes it (none when the file has none)."""
    if reader.data is None:
        return (), ()
    news = []
    for item in reader.items("news"):
        with item.context():
            season = item.integer("season", maximum=MAX_SEASON)
            if season is None or season not in seasons:
                raise item.fail("'season' should be one of the show's seasons")
            now = item.date("now")
            if now is None:
                raise item.fail("'now' is missing")
            news.append(
                SeasonNews(
                    season=season,
                    kind=choose(item.text("kind", required=True) or "", _NEWS_KINDS, "kind"),
                    noticed_at=_utc_text(item, "noticed_at"),
                    was=item.date("was"),
                    now=now,
                )
            )
    sent = []
    for item in reader.items("sent"):
        with item.context():
            claimed = item.mapping().get("claimed_at")
            if isinstance(claimed, bool) or not isinstance(claimed, int | float):
                raise item.fail("'claimed_at' should be a Unix time")
            sent.append(
                SentAlert(
                    kind=choose(item.text("kind", required=True) or "", _SENT_KINDS, "kind"),
                    season=item.integer("season", maximum=MAX_SEASON) or 0,
                    episode=item.integer("episode", maximum=MAX_EPISODES) or 0,
                    release_at=item.text("release_at", required=True) or "",
                    lead_minutes=item.integer("lead_minutes", maximum=MAX_SPAN_DAYS * 1440) or 0,
                    channel=item.text("channel") or "",
                    claimed_at=float(claimed),
                )
            )
    return tuple(news), tuple(sent)


def _utc_text(reader: Reader, key: str) -> str:
    """A moment the catalog keeps as UTC text (``2026-12-01T10:00:00``)."""
    value = reader.text(key, required=True) or ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise reader.fail(f"{key!r} {value!r} is not an ISO date and time") from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    year_within_bound(moment.date(), repr(key))
    return moment.replace(microsecond=0).isoformat()


def _read_sequence(reader: Reader) -> tuple[int, str, int]:
    """A feed event's SEQUENCE, as `sequences_json` writes it: (season, event, sequence)."""
    with reader.context():
        season = reader.integer("season", maximum=MAX_SEASON)
        event = reader.text("event")
        sequence = reader.integer("sequence", maximum=MAX_ID)
        if season is None or event is None or sequence is None:
            raise reader.fail("a feed sequence needs its season, event and sequence")
        if event != "complete" and not (event.isascii() and event.isdigit()):
            raise reader.fail(f"a feed event is an episode number or 'complete', not {event!r}")
        if event != "complete":
            event = str(reader.number(int(event), "an episode number", 0, MAX_EPISODES))
    return season, event, sequence


def _read_online(reader: Reader) -> tuple[ShowLink, tuple[Fact, ...]]:
    """A show's link and facts, as `link_json` writes them."""
    with reader.context():
        tvmaze_id = reader.integer("tvmaze_id", minimum=1, maximum=MAX_ID)
        if tvmaze_id is None:
            raise reader.fail("'tvmaze_id' is missing")
        genres = []
        for genre in reader.items("genres"):
            if not isinstance(genre.data, str):
                raise genre.fail("a genre should be text")
            genres.append(text_within_bound(genre.data, "a genre"))
        url, site = reader.text("url"), reader.text("official_site")
        synced = reader.text("synced_at")
        try:
            synced_at = datetime.fromisoformat(synced) if synced else None
        except ValueError:
            raise reader.fail(f"'synced_at' {synced!r} is not an ISO date and time") from None
        if synced_at is not None and synced_at.tzinfo is None:
            raise reader.fail("'synced_at' needs its UTC offset, like 2026-01-02T03:04:05+00:00")
        if synced_at is not None:
            year_within_bound(synced_at.date(), "'synced_at'")
        link = ShowLink(
            tvmaze_id=tvmaze_id,
            thetvdb_id=reader.integer("thetvdb_id", minimum=1, maximum=MAX_ID),
            imdb_id=optional_text(reader.text("imdb_id")),
            tmdb_id=reader.integer("tmdb_id", minimum=1, maximum=MAX_ID),
            url=web_url(url, "TVmaze link") if url else None,
            official_site=web_url(site, "official site") if site else None,
            genres=tuple(genres),
            premiered=reader.integer("premiered", minimum=MIN_YEAR, maximum=MAX_YEAR),
            updated=reader.integer("updated", maximum=MAX_ID),
            synced_at=synced_at,
        )
    return link, tuple(_read_fact(item) for item in reader.items("facts"))


def _read_fact(reader: Reader) -> Fact:
    with reader.context():
        name = reader.text("field", required=True) or ""
        origin = choose(reader.text("origin", required=True) or "", FACT_ORIGINS, "origin")
        offered_by = reader.text("offered_by")
        if offered_by is not None and offered_by not in PROVIDER_NAMES:
            raise reader.fail(
                f"'offered_by' {offered_by!r} is not one of: {', '.join(PROVIDER_NAMES)}"
            )
        return Fact(
            subject=reader.text("subject") or "",
            field=name,
            origin=origin,
            value=reader.text("value"),
            offered=reader.text("offered"),
            offered_by=offered_by,
        )


def _read_season(reader: Reader) -> SeasonImport:
    # Files written before seasontrack recorded episodes give their count as "episodes".
    count_only = not isinstance(reader.mapping().get("episodes"), list | None)
    episodes = () if count_only else tuple(_read_episode(i) for i in reader.items("episodes"))
    if len({e.number for e in episodes}) != len(episodes):
        raise reader.fail("an episode number appears twice")
    with reader.context():
        number = reader.integer("number", maximum=MAX_SEASON)
        if number is None:
            raise reader.fail("'number' is missing")
        at = _read_time(reader)
        skips = None
        if reader.mapping().get("skips") is not None:
            skips = tuple(_read_day(item) for item in reader.items("skips"))
        # Files from before parts and breaks have neither: the catalog's are kept.
        breaks = None
        if reader.mapping().get("breaks") is not None:
            breaks = tuple(_read_break(item) for item in reader.items("breaks"))
        parts = None
        if reader.mapping().get("parts") is not None:
            parts = tuple(_read_part(item) for item in reader.items("parts"))
        given = SeasonInput(
            premiere=reader.date("premiere"),
            finale=reader.date("finale"),
            episode_count=reader.integer(
                "episodes" if count_only else "episode_count", maximum=MAX_EPISODES
            ),
            release_pattern=reader.text("release"),
            release_time=at,
            release_tz=reader.text("release_tz"),
            synopsis=reader.text("synopsis"),
            notes=reader.text("notes"),
            network=reader.text("network"),
            premiere_episodes=reader.integer("premiere_episodes", minimum=1, maximum=MAX_EPISODES),
            skips=skips,
            breaks=breaks,
            parts=parts,
        )
        if given.release_tz is not None:
            given = replace(given, release_tz=check_zone(given.release_tz))
        # Check it now, so that a bad season fails before anything is written; a season new
        # to the catalog is written as checked here.
        as_new = apply_season_input(Season(number=number, episodes=episodes), given)
    watched = [
        item.number(item.data, "an episode number", 1, MAX_EPISODES)
        for item in reader.items("watched")
    ]
    watched_on = tuple(_read_watched_on(item) for item in reader.items("watched_on"))
    return SeasonImport(number, given, episodes, tuple(watched), watched_on, as_new)


def _read_watched_on(reader: Reader) -> tuple[int, date]:
    """An episode and the day it was watched: ``{"episode": 3, "date": "2024-03-02"}``."""
    number = reader.integer("episode", minimum=1, maximum=MAX_EPISODES)
    if number is None:
        raise reader.fail("'episode' is missing")
    return number, _read_day(reader.child("date"))


def _read_day(reader: Reader) -> date:
    if not isinstance(reader.data, str):
        raise reader.fail("should be a day like 2024-02-11")
    try:
        return date.fromisoformat(reader.data)
    except ValueError:
        raise reader.fail(f"{reader.data!r} should be a day like 2024-02-11") from None


def _read_break(reader: Reader) -> tuple[date, date]:
    """A break, as {"from": "2024-11-28", "to": "2024-12-31"}."""
    reader.mapping()
    first, last = (_read_day(reader.child(key)) for key in ("from", "to"))
    with reader.context():
        check_break(first, last, "breaks")
    return first, last


def _read_part(reader: Reader) -> Part:
    with reader.context():
        number = reader.integer("number", minimum=1, maximum=MAX_EPISODES)
        first = reader.integer("first_episode", minimum=1, maximum=MAX_EPISODES)
        last = reader.integer("last_episode", minimum=1, maximum=MAX_EPISODES)
        if number is None or first is None or last is None:
            raise reader.fail("a part needs its 'number', 'first_episode' and 'last_episode'")
        release_tz = reader.text("release_tz")
        given = PartInput(
            premiere=reader.date("premiere"),
            release_time=_read_time(reader),
            release_tz=check_zone(release_tz) if release_tz is not None else None,
            release_pattern=reader.text("release"),
            title=reader.text("title"),
        )
        return apply_part_input(Part(number, first, last), given)


def _read_time(reader: Reader) -> time | None:
    release_time = reader.text("release_time")
    try:
        return time.fromisoformat(release_time) if release_time else None
    except ValueError:
        raise reader.fail(f"release_time {release_time!r} should be HH:MM") from None


def _read_episode(reader: Reader) -> Episode:
    """An episode: read straight from its object, as a catalog holds hundreds of thousands."""
    data = reader.mapping()
    number = reader.number(data.get("number"), "'number'", 1, MAX_EPISODES)
    texts = []
    for key in ("title", "director", "writer"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise reader.fail(f"{key!r} should be text, found {_kind(value)}")
        if value is not None and len(value) > MAX_TEXT:
            with reader.context():
                text_within_bound(value, repr(key))
        texts.append(value.strip() or None if value else None)
    airs = TBA
    if data.get("airs") is not None:
        with reader.context():
            airs = reader.date("airs") or TBA
    resumes = data.get("resumes", False)
    if not isinstance(resumes, bool):
        raise reader.fail("'resumes' should be true or false")
    if resumes and airs.precision not in (Precision.DAY, Precision.MINUTE):
        raise reader.fail("'resumes' needs the episode's own day in 'airs'")
    return Episode(
        number=number,
        title=texts[0],
        airs=airs,
        director=texts[1],
        writer=texts[2],
        resumes=resumes,
    )


def _read_credit(reader: Reader, role: str) -> Credit:
    with reader.context():
        return clean_credit(
            Credit(
                person=reader.text("person", required=True) or "",
                role=role,
                character=reader.text("character") if role == "cast" else None,
                job=reader.text("job", required=True) if role == "crew" else None,
                season=reader.integer("season", maximum=MAX_SEASON),
                billing=reader.integer("billing", minimum=1, maximum=MAX_EPISODES),
                status=reader.text("status") or "confirmed",
                arrival=reader.text("arrival") if role == "cast" else None,
                note=reader.text("note"),
            )
        )


def _read_trailer(reader: Reader) -> Trailer:
    with reader.context():
        return clean_trailer(
            Trailer(
                url=reader.text("url"),
                title=reader.text("title"),
                kind=reader.text("kind") or "trailer",
                publisher=reader.text("publisher"),
                published=reader.date("published") or TBA,
                note=reader.text("note"),
                season=reader.integer("season", maximum=MAX_SEASON),
            )
        )


def _read_source(reader: Reader) -> Source:
    with reader.context():
        return clean_source(
            Source(
                url=reader.text("url", required=True) or "",
                outlet=reader.text("outlet"),
                title=reader.text("title"),
                published=reader.date("published") or TBA,
                season=reader.integer("season", maximum=MAX_SEASON),
            )
        )


def shows_from_json(handle: IO[bytes], name: str) -> Iterator[ShowImport | InvalidInput]:
    """Each show of an export file, read one at a time (the file is never held whole, and
    is read in bounded memory whatever its shape: see :mod:`.guard`)."""
    import ijson

    from seasontrack.catalog_file.guard import GuardedJson

    guarded = GuardedJson(handle, name)
    events = ijson.parse(guarded)
    header: dict[str, Any] = {}
    shows: str | None = None  # the parser's event for the value of "shows"
    try:
        for prefix, event, value in events:
            if prefix in ("format", "version") and event in ("string", "number"):
                header[prefix] = value
            if prefix == "shows":
                shows = event
                break
        if shows is None and header.get("format") != FORMAT_NAME:
            raise InvalidInput(
                f'{name}: not a seasontrack catalog (expected "format": "{FORMAT_NAME}")'
            )
        if shows is None:
            raise InvalidInput(f'{name}: the catalog has no "shows"; give a list of shows')
        if header.get("format") != FORMAT_NAME:
            raise InvalidInput(
                f'{name}: not a seasontrack catalog (expected "format": "{FORMAT_NAME}"'
                ' before "shows")'
            )
        version = header.get("version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise InvalidInput(
                f"{name}: catalog format version {version!r} is newer than this seasontrack"
                f" reads ({FORMAT_VERSION}); upgrade seasontrack"
            )
        if shows != "start_array":
            found = _EVENT_KINDS.get(shows, "a number")
            raise InvalidInput(f'{name}: "shows" should be a list of shows, found {found}')
        # Read again from the start, now by ijson's C reader alone: much faster than feeding
        # it the events above one by one.
        guarded.seek(0)
        for index, document in enumerate(ijson.items(guarded, "shows.item", use_float=True)):
            where = f"{name}.shows[{index}]"
            try:
                yield replace(read_show(Reader(document, where)), where=where)
            except InvalidInput as exc:
                yield exc
    except ijson.JSONError as exc:
        reason = _parser_reason(exc)
        if "integer overflow" in reason:
            raise InvalidInput(
                f"{name}: a number is larger than {MAX_ID:,}, the most any number in a"
                " catalog may be"
            ) from None
        if header.get("format") == FORMAT_NAME:
            raise InvalidInput(
                f"{name}: the catalog file is damaged ({reason}); nothing was imported; write"
                " it again with `seasontrack export`"
            ) from None
        raise InvalidInput(
            f"{name}: not a JSON catalog ({reason}); give a file written by `seasontrack export`"
        ) from None


def _parser_reason(exc: Exception) -> str:
    """What the JSON parser found wrong, in its own words but without the file's bytes it
    quotes (the C parser adds the text around the error, with a marker, on further lines)."""
    message = exc.args[0] if exc.args else ""
    if isinstance(message, bytes):
        message = message.decode("utf-8", "replace")
    first = (str(message).strip().splitlines() or [""])[0].strip().rstrip(".")
    return first if first.isprintable() and first else "unreadable JSON"
