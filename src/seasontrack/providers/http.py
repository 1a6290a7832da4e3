"""The HTTP layer shared by the provider clients.

httpx with explicit timeouts and a User-Agent naming seasontrack and its version; a rate
limit (TVmaze allows at least 20 calls in 10 seconds per address); on HTTP 429 a bounded
number of retries after ``Retry-After`` (or about 2 s, doubling); and a cache of responses in
the user cache folder, kept for as long as ``Cache-Control: max-age`` allows. Every failure
becomes one :class:`NetworkError` (exit 4) saying what failed and what to do.
"""

from __future__ import annotations

import collections
import email.utils
import hashlib
import json
import math
import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from seasontrack import __version__
from seasontrack.errors import InvalidInput, NetworkError
from seasontrack.providers import OFFLINE_ENV, TIMEOUT_ENV, offline_requested

USER_AGENT = f"seasontrack/{__version__} (command-line TV season tracker; python-httpx)"
DEFAULT_TIMEOUT = 10.0
# On 429: this many retries, waiting Retry-After (at most MAX_WAIT) or 2 s, 4 s, 8 s.
RETRIES = 3
BACKOFF = 2.0
MAX_WAIT = 60.0
# A look-up's answer (which show an id is) is kept at least this long, whatever its max-age.
LOOKUP_KEPT = 3600
# Cached responses older than this are removed after a command that used the network.
STALE_AFTER = 24 * 3600.0

Params = Mapping[str, str | int | list[str]]


def timeout_seconds() -> float:
    text = os.environ.get(TIMEOUT_ENV, "").strip()
    if not text:
        return DEFAULT_TIMEOUT
    try:
        value = float(text)
    except ValueError:
        raise InvalidInput(f"{TIMEOUT_ENV}={text!r} is not a number of seconds") from None
    return value if value > 0 else DEFAULT_TIMEOUT


def cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("seasontrack", appauthor=False) / "http"


def check_online(what: str) -> None:
    """Refuse at once when offline was asked for."""
    if offline_requested():
        raise NetworkError(
            f"offline ({OFFLINE_ENV} or --offline is set): {what} needs the network;"
            f" unset {OFFLINE_ENV} to go online"
        )


class RateLimit:
    """At most ``calls`` requests in any ``period`` seconds, waiting when needed."""

    def __init__(
        self,
        calls: int,
        period: float,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.calls, self.period = calls, period
        self._sleep, self._clock = sleep, clock
        self._sent: collections.deque[float] = collections.deque()

    def seconds_for(self, requests: int) -> float:
        """About how long ``requests`` more requests take at this pace: ``calls`` at once,
        then the next ``calls`` once ``period`` has passed since the first, and so on."""
        return max(0, math.ceil(requests / self.calls) - 1) * self.period

    def wait(self) -> None:
        now = self._clock()
        while self._sent and now - self._sent[0] >= self.period:
            self._sent.popleft()
        if len(self._sent) >= self.calls:
            self._sleep(self.period - (now - self._sent[0]))
            self._sent.popleft()
        self._sent.append(self._clock())


class Http:
    """GETs JSON from one provider's base URL."""

    def __init__(
        self,
        provider: str,
        base_url: str,
        *,
        rate: RateLimit,
        params: Params | None = None,
        headers: Mapping[str, str] | None = None,
        cache: Path | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.provider = provider
        self.base_url = base_url.rstrip("/")
        self.requests = 0
        self.rate = rate
        self._params = dict(params or {})
        self._cache = cache
        self._sleep = sleep
        self._timeout = timeout_seconds()
        self._client = httpx.Client(
            timeout=httpx.Timeout(self._timeout, connect=min(self._timeout, 5.0)),
            headers={"User-Agent": USER_AGENT, "Accept": "application/json", **(headers or {})},
            follow_redirects=True,
        )

    def close(self) -> None:
        self._client.close()
        if self.requests:
            self._prune()

    def __enter__(self) -> Http:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get_json(self, path: str, params: Params | None = None, *, fresh: bool = False) -> Any:
        """The JSON body of GET ``path``, or None for HTTP 404 (an unknown id, or a miss).

        ``fresh`` skips the cached copy (the provider said the resource changed).
        """
        url = self.base_url + path
        shown = str(httpx.URL(url, params=params or {}))
        key = hashlib.sha256(shown.encode()).hexdigest()
        if not fresh:
            cached = self._cached(key)
            if cached is not None:
                return self._decode(cached, shown)
        response = self._send(url, {**self._params, **(params or {})}, shown)
        if response.status_code == 404:
            return None
        body = self._read(response, shown)
        self._store(key, shown, response, body)
        return self._decode(body, shown)

    def get_location(
        self,
        path: str,
        params: Params | None = None,
        *,
        expected: Callable[[str], object] | None = None,
    ) -> str | None:
        """Where GET ``path`` redirects to (an absolute URL), without following it: one
        request, and none while a cached answer lasts. None for HTTP 404.

        A look-up's answer (a redirect where ``expected`` says it should go, or the 404
        saying there is none) is kept for its max-age, and at least :data:`LOOKUP_KEPT`
        seconds: which show an id is does not change from one minute to the next, and a
        long import tried again must not ask again. A redirect elsewhere is not kept."""
        url = self.base_url + path
        shown = str(httpx.URL(url, params=params or {}))
        key = hashlib.sha256(f"location {shown}".encode()).hexdigest()
        cached = self._cached(key)
        if cached is not None:
            return cached or None
        response = self._send(url, {**self._params, **(params or {})}, shown, follow=False)
        if response.status_code == 404:
            self._store(key, shown, response, "", at_least=LOOKUP_KEPT)
            return None
        location = response.headers.get("Location")
        if not response.is_redirect or not location:
            raise NetworkError(
                f"{self.provider} answered HTTP {response.status_code} without a redirect"
                f" for {shown}; try again later"
            )
        target = str(response.url.join(location))
        if expected is None or expected(target):
            self._store(key, shown, response, target, at_least=LOOKUP_KEPT)
        return target

    # -------------------------------------------------------------------- sending

    def _send(self, url: str, params: Params, shown: str, *, follow: bool = True) -> httpx.Response:
        host = urlsplit(url).hostname or url
        for attempt in range(RETRIES + 1):
            self.rate.wait()
            self.requests += 1
            try:
                response = self._client.get(url, params=params, follow_redirects=follow)
            except httpx.TimeoutException:
                raise NetworkError(
                    f"{self.provider} ({host}) did not answer within {self._timeout:g} s;"
                    f" try again later, or set {OFFLINE_ENV}=1 to work offline"
                ) from None
            except httpx.ConnectError as exc:
                raise NetworkError(
                    f"cannot connect to {self.provider} at {host} ({_one_line(exc)});"
                    f" check the network, or set {OFFLINE_ENV}=1 to work offline"
                ) from None
            except httpx.HTTPError as exc:
                raise NetworkError(
                    f"{self.provider} ({host}) broke off the answer ({_one_line(exc)});"
                    " try again later"
                ) from None
            if response.status_code != 429:
                break
            if attempt == RETRIES:
                raise NetworkError(
                    f"{self.provider} kept answering 429 Too Many Requests ({RETRIES + 1}"
                    " tries); wait a minute and try again"
                )
            wait = _retry_after(response.headers.get("Retry-After"))
            if wait is None:
                wait = BACKOFF * 2**attempt
            if wait > MAX_WAIT:
                raise NetworkError(
                    f"{self.provider} asks to wait {wait:.0f} s before the next request"
                    " (HTTP 429); try again later"
                )
            response.close()
            self._sleep(wait)
        if response.status_code >= 500:
            raise NetworkError(
                f"{self.provider} answered HTTP {response.status_code}"
                f" {response.reason_phrase} for {shown}; try again later"
            )
        if response.status_code in (401, 403):
            raise NetworkError(
                f"{self.provider} refused the request (HTTP {response.status_code}); check the"
                " API key"
            )
        if response.status_code >= 400 and response.status_code != 404:
            raise NetworkError(
                f"{self.provider} answered HTTP {response.status_code}"
                f" {response.reason_phrase} for {shown}"
            )
        return response

    def _read(self, response: httpx.Response, shown: str) -> str:
        try:
            response.read()
            return response.text
        except httpx.HTTPError as exc:
            raise NetworkError(
                f"the answer from {self.provider} was cut off ({_one_line(exc)}); try again"
            ) from None

    def _decode(self, body: str, shown: str) -> Any:
        try:
            return json.loads(body)
        except ValueError:
            raise NetworkError(
                f"{self.provider} sent a body that is not JSON for {shown}; try again later"
            ) from None

    # -------------------------------------------------------------------- the cache

    def _cached(self, key: str) -> str | None:
        if self._cache is None:
            return None
        try:
            entry = json.loads((self._cache / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("expires", 0) <= time.time():
            return None
        body = entry.get("body")
        return body if isinstance(body, str) else None

    def _prune(self) -> None:
        """Remove cached responses written over a day ago (long expired, for TVmaze)."""
        if self._cache is None:
            return
        stale = time.time() - STALE_AFTER
        try:
            for entry in self._cache.glob("*.json"):
                if entry.stat().st_mtime < stale:
                    entry.unlink(missing_ok=True)
        except OSError:
            return

    def _store(
        self, key: str, shown: str, response: httpx.Response, body: str, *, at_least: int = 0
    ) -> None:
        """Keep ``body`` (a response's, or the place a redirect points to, or "" for a
        look-up's 404) for its max-age, and at least ``at_least`` seconds."""
        kept = response.status_code == 200 or response.is_redirect
        if self._cache is None or not (kept or (at_least and response.status_code == 404)):
            return
        cache_control = response.headers.get("Cache-Control", "")
        max_age = _max_age(cache_control)
        if "no-store" in cache_control.lower():
            return
        max_age = max(max_age, at_least)
        if not max_age:
            return
        # The URL is stored without query parameters added for every request (an API key).
        entry = {"url": shown, "expires": time.time() + max_age, "body": body}
        try:
            self._cache.mkdir(parents=True, exist_ok=True)
            target = self._cache / f"{key}.json"
            partial = target.with_suffix(".tmp")
            partial.write_text(json.dumps(entry), encoding="utf-8")
            partial.replace(target)
        except OSError:
            # The cache only saves requests; a read-only cache folder must not stop a fetch.
            return


def _max_age(cache_control: str) -> int:
    """Seconds a response may be reused by a private cache; 0 when it may not be."""
    directives = {}
    for part in cache_control.split(","):
        name, _, value = part.strip().partition("=")
        directives[name.strip().lower()] = value.strip().strip('"')
    if "no-store" in directives or "no-cache" in directives:
        return 0
    try:
        return max(0, int(directives.get("max-age", "0")))
    except ValueError:
        return 0


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds to wait: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


class HttpProvider:
    """What every provider over :class:`Http` shares: its requests counted, closed once, and
    its pace told (:class:`~seasontrack.providers.protocol.Paced`)."""

    def __init__(self, http: Http) -> None:
        self.http = http

    @property
    def requests(self) -> int:
        return self.http.requests

    @property
    def pace(self) -> tuple[int, float]:
        return self.http.rate.calls, self.http.rate.period

    def seconds_for(self, requests: int) -> float:
        return self.http.rate.seconds_for(requests)

    def close(self) -> None:
        self.http.close()
