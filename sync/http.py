"""HTTP for the connectors: the URL policy, retries with backoff, a rate cap, a size cap,
secret hiding.

URL policy: :func:`sync.url_policy.check_source_url`, applied when a host is first used.
Redirects are followed by hand, at most ``max_redirects`` times, only to the same host (an
http -> https upgrade is fine) and each target is checked again; anything else raises
:class:`~sync.errors.UnsafeSourceURL`.

Failure policy of :meth:`SourceHttpClient.send`:

- every request has a (connect, read) timeout from :class:`HttpOptions`;
- network errors, timeouts, 5xx and 429 are retried up to ``RetryPolicy.attempts`` in all,
  sleeping ``min(cap, base * 2**n)`` scaled by a jitter in [0.5, 1); a ``Retry-After`` header
  (seconds or HTTP date) is honoured instead, and one beyond ``retry_after_cap`` gives up at
  once; when retries run out :class:`~sync.errors.SourceUnavailable` is raised;
- 401, 403, 404 and 410 are not retried: :class:`~sync.errors.SourceNeedsAttention` (a wrong
  URL or credentials will not heal by themselves); other 4xx: SourceResponseError;
- a rate cap (requests per second, shared by the client's threads) spaces requests out;
- a body is streamed and refused past ``HttpOptions.max_response_bytes`` (a declared
  ``Content-Length`` beyond it is refused before reading): SourceResponseError naming the limit.
  Nothing is retried for it: the same answer would come again.

Secrets (tokens, passwords) are held in :class:`Secret`, whose repr hides the value. Messages
name a URL by :func:`sync.url_policy.public_url`, which drops the userinfo and the query by
position (never by searching for a secret's value, which a short secret would find
everywhere). Sleep, clock and jitter are injectable so that tests never sleep for real.
"""
from __future__ import annotations

import email.utils
import json
import logging
import random
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable
from urllib.parse import urljoin, urlsplit

import requests

from sync.errors import SourceNeedsAttention, SourceResponseError, SourceUnavailable, UnsafeSourceURL
from sync.url_policy import Resolver, check_source_url, public_url

log = logging.getLogger(__name__)

RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})
ATTENTION_STATUSES = frozenset({401, 403, 404, 410})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class Secret:
    """A credential whose repr and str never show the value."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if not value:
            raise ValueError("a secret must not be empty")
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4
    backoff_base: float = 0.5
    backoff_cap: float = 20.0
    retry_after_cap: float = 120.0


@dataclass(frozen=True)
class HttpOptions:
    """Per-source HTTP settings, given by the caller (never read from globals)."""

    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    max_workers: int = 4
    max_requests_per_second: float | None = 10.0
    allow_private: bool = False
    max_redirects: int = 3
    max_response_bytes: int = 64 * 1024 * 1024


@dataclass(frozen=True)
class HttpReply:
    """A response whose body was read under the size cap."""

    status_code: int
    url: str
    headers: Any
    content: bytes

    def json(self) -> Any:
        """The body as JSON; raises ValueError when it is not."""
        return json.loads(self.content)


class RateLimiter:
    """Spaces calls at least ``1/rate`` seconds apart across threads."""

    def __init__(self, rate: float | None, *, clock: Callable[[], float],
                 sleep: Callable[[float], None]) -> None:
        self._interval = 1.0 / rate if rate else 0.0
        self._clock, self._sleep = clock, sleep
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        if not self._interval:
            return
        with self._lock:
            now = self._clock()
            slot = max(now, self._next)
            self._next = slot + self._interval
        if slot > now:
            self._sleep(slot - now)


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())


class SourceHttpClient:
    """Sends requests for one source through the caller's session, under the policy above."""

    def __init__(self, session: requests.Session, base_url: str, options: HttpOptions, *,
                 sleep: Callable[[float], None] = time.sleep,
                 jitter: Callable[[], float] = random.random,
                 clock: Callable[[], float] = time.monotonic,
                 resolver: Resolver = socket.getaddrinfo) -> None:
        self.base_url = check_source_url(base_url, allow_private=True)  # syntax only here
        self.options = options
        self._session = session
        self._sleep, self._jitter, self._resolver = sleep, jitter, resolver
        self._limiter = RateLimiter(options.max_requests_per_second, clock=clock, sleep=sleep)
        self._checked_hosts: set[str] = set()
        self._lock = threading.Lock()
        self.calls = 0
        self.retries = 0
        self.calls_by_endpoint: dict[str, int] = {}

    def __repr__(self) -> str:
        return f"SourceHttpClient({self.base_url!r})"

    def url(self, path: str) -> str:
        return urljoin(self.base_url.rstrip("/") + "/", path.lstrip("/"))

    def send(self, method: str, url: str, *, label: str, **kwargs: Any) -> HttpReply:
        """Send one logical request (retries, redirects) and read its body under the cap;
        raises SyncError subclasses."""
        for hop in range(self.options.max_redirects + 1):
            self._check_host(url)
            with self._send_with_retries(method, url, label=label, **kwargs) as response:
                if response.status_code not in REDIRECT_STATUSES:
                    self._accept(response, label)
                    return HttpReply(response.status_code, response.url or url,
                                     response.headers, self._read_capped(response, label))
                url, method = self._redirect_target(response, url, method, label)
        raise UnsafeSourceURL(f"{label}: more than {self.options.max_redirects} redirects")

    def _check_host(self, url: str) -> None:
        host = urlsplit(url).netloc
        if host in self._checked_hosts:
            return
        check_source_url(url, allow_private=self.options.allow_private, resolver=self._resolver)
        with self._lock:
            self._checked_hosts.add(host)

    def _redirect_target(self, response: requests.Response, url: str, method: str,
                         label: str) -> tuple[str, str]:
        target = urljoin(url, response.headers.get("Location", ""))
        old, new = urlsplit(url), urlsplit(target)
        same_host = old.hostname == new.hostname and (
            old.port == new.port or (old.scheme, new.scheme) == ("http", "https"))
        if not same_host or new.scheme not in ("http", "https"):
            raise UnsafeSourceURL(
                f"{label}: redirect from {old.hostname} to another host "
                f"({new.hostname or 'none'}) refused; configure the final URL instead")
        if method != "GET" and response.status_code not in (307, 308):
            raise UnsafeSourceURL(
                f"{label}: {response.status_code} redirect of a {method} to {new.path}; "
                "configure the final URL instead")
        return target, method

    def _accept(self, response: requests.Response, label: str) -> None:
        status = response.status_code
        where = self._describe(response.url or "", label)
        if status in ATTENTION_STATUSES:
            raise SourceNeedsAttention(f"{where}: HTTP {status}; check the URL and credentials")
        if status >= 400:
            raise SourceResponseError(f"{where}: HTTP {status}")

    def _read_capped(self, response: requests.Response, label: str) -> bytes:
        limit = self.options.max_response_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise self._too_large(response, label)
        body = bytearray()
        try:
            for chunk in response.iter_content(64 * 1024):
                body += chunk
                if len(body) > limit:
                    raise self._too_large(response, label)
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise SourceUnavailable(f"{self._describe(response.url or '', label)}: "
                                    f"{type(exc).__name__} while reading the answer") from None
        return bytes(body)

    def _too_large(self, response: requests.Response, label: str) -> SourceResponseError:
        return SourceResponseError(
            f"{self._describe(response.url or '', label)}: the answer is larger than the "
            f"{self.options.max_response_bytes}-byte limit for one response; refused")

    def _describe(self, url: str, label: str) -> str:
        return f"{label} at {public_url(url)}"

    def _send_with_retries(self, method: str, url: str, *, label: str,
                           **kwargs: Any) -> requests.Response:
        policy = self.options.retry
        timeout = (self.options.connect_timeout, self.options.read_timeout)
        problem = ""
        for attempt in range(policy.attempts):
            if attempt:
                self._count_retry()
            self._limiter.wait()
            self._count_call(label)
            try:
                response = self._session.request(method, url, timeout=timeout, stream=True,
                                                 allow_redirects=False, **kwargs)
            except (requests.ConnectionError, requests.Timeout) as exc:
                problem = type(exc).__name__
                delay = self._backoff(attempt)
            else:
                if response.status_code not in RETRIED_STATUSES:
                    return response
                problem = f"HTTP {response.status_code}"
                delay = self._delay_for(response, attempt, label)
                response.close()
            if attempt + 1 < policy.attempts:
                log.info("%s: %s, retrying in %.2fs", self._describe(url, label), problem, delay)
                self._sleep(delay)
        raise SourceUnavailable(
            f"{self._describe(url, label)}: {problem} after {policy.attempts} attempts")

    def _delay_for(self, response: requests.Response, attempt: int, label: str) -> float:
        wait = parse_retry_after(response.headers.get("Retry-After"))
        if wait is None:
            return self._backoff(attempt)
        if wait > self.options.retry.retry_after_cap:
            raise SourceUnavailable(
                f"{self._describe(response.url or '', label)}: HTTP {response.status_code} "
                f"asks to retry after {wait:.0f}s, beyond the {self.options.retry.retry_after_cap:.0f}s cap")
        return wait

    def _backoff(self, attempt: int) -> float:
        policy = self.options.retry
        delay = min(policy.backoff_cap, policy.backoff_base * (2 ** attempt))
        return delay * (0.5 + self._jitter() / 2)

    def _count_call(self, label: str) -> None:
        with self._lock:
            self.calls += 1
            self.calls_by_endpoint[label] = self.calls_by_endpoint.get(label, 0) + 1

    def _count_retry(self) -> None:
        with self._lock:
            self.retries += 1
