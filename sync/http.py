"""HTTP for the connectors: the URL policy, retries with backoff, a rate cap, secret hiding.

URL policy (:func:`check_source_url`): only ``http``/``https``; no credentials in the URL; the
host must not resolve to a private, loopback, link-local, multicast, reserved or unspecified
address unless ``allow_private`` (set by tests for loopback, or by an admin for an intranet
LMS). Redirects are followed by hand, at most ``max_redirects`` times, only to the same host
(an http -> https upgrade is fine) and each target is checked again; anything else raises
:class:`~sync.errors.UnsafeSourceURL`. The address is checked when the host is first used; a
DNS answer that changes afterwards is not re-checked (rebinding is out of scope here).

Failure policy of :meth:`SourceHttpClient.send`:

- every request has a (connect, read) timeout from :class:`HttpOptions`;
- network errors, timeouts, 5xx and 429 are retried up to ``RetryPolicy.attempts`` in all,
  sleeping ``min(cap, base * 2**n)`` scaled by a jitter in [0.5, 1); a ``Retry-After`` header
  (seconds or HTTP date) is honoured instead, and one beyond ``retry_after_cap`` gives up at
  once; when retries run out :class:`~sync.errors.SourceUnavailable` is raised;
- 401, 403, 404 and 410 are not retried: :class:`~sync.errors.SourceNeedsAttention` (a wrong
  URL or credentials will not heal by themselves); other 4xx: SourceResponseError;
- a rate cap (requests per second, shared by the client's threads) spaces requests out.

Secrets (tokens, passwords) are held in :class:`Secret`, whose repr hides the value, and
:func:`redact` scrubs them from every message this module builds. Sleep, clock and jitter are
injectable so that tests never sleep for real.
"""
from __future__ import annotations

import email.utils
import ipaddress
import logging
import random
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Iterable
from urllib.parse import urljoin, urlsplit

import requests

from sync.errors import SourceNeedsAttention, SourceResponseError, SourceUnavailable, UnsafeSourceURL

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


def redact(text: str, secrets: Iterable[Secret]) -> str:
    """Return ``text`` with every secret value replaced by ``***``."""
    for secret in secrets:
        text = text.replace(secret.reveal(), "***")
    return text


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


Resolver = Callable[..., list[tuple[Any, ...]]]


def check_source_url(url: str, *, allow_private: bool = False,
                     resolver: Resolver = socket.getaddrinfo) -> str:
    """Return ``url`` if the URL policy accepts it; raises UnsafeSourceURL or SourceUnavailable."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UnsafeSourceURL(f"source URL must be http or https, not {parts.scheme or 'none'!r}")
    if not parts.hostname:
        raise UnsafeSourceURL("source URL has no host")
    if parts.username or parts.password:
        raise UnsafeSourceURL(f"source URL for {parts.hostname} must not carry credentials")
    if not allow_private:
        for address in _resolve(parts.hostname, parts.port, resolver):
            if _is_internal(address):
                raise UnsafeSourceURL(
                    f"source host {parts.hostname} resolves to internal address {address}; "
                    "refused unless private addresses are allowed for this source")
    return url


def _resolve(host: str, port: int | None, resolver: Resolver) -> list[str]:
    try:
        infos = resolver(host, port or 443, 0, socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise SourceUnavailable(f"cannot resolve source host {host}: {exc}") from None
    return [info[4][0] for info in infos]


def _is_internal(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
            or ip.is_reserved or ip.is_unspecified)


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
                 secrets: Iterable[Secret] = (), sleep: Callable[[float], None] = time.sleep,
                 jitter: Callable[[], float] = random.random,
                 clock: Callable[[], float] = time.monotonic,
                 resolver: Resolver = socket.getaddrinfo) -> None:
        self.base_url = check_source_url(base_url, allow_private=True)  # syntax only here
        self.options = options
        self._session = session
        self._secrets = tuple(secrets)
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

    def send(self, method: str, url: str, *, label: str, **kwargs: Any) -> requests.Response:
        """Send one logical request (retries, redirects); raises SyncError subclasses."""
        for hop in range(self.options.max_redirects + 1):
            self._check_host(url)
            response = self._send_with_retries(method, url, label=label, **kwargs)
            if response.status_code not in REDIRECT_STATUSES:
                return self._accept(response, label)
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

    def _accept(self, response: requests.Response, label: str) -> requests.Response:
        status = response.status_code
        where = self._describe(response.url or "", label)
        if status in ATTENTION_STATUSES:
            raise SourceNeedsAttention(f"{where}: HTTP {status}; check the URL and credentials")
        if status >= 400:
            raise SourceResponseError(f"{where}: HTTP {status}")
        return response

    def _describe(self, url: str, label: str) -> str:
        parts = urlsplit(url)
        return redact(f"{label} at {parts.scheme}://{parts.netloc}{parts.path}", self._secrets)

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
                response = self._session.request(method, url, timeout=timeout,
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
