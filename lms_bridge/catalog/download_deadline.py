"""An overall deadline for one download, whatever the server does.

Why: requests' timeouts bound each socket operation, not the whole transfer. A server that sends
one byte every 59 seconds never trips a 60-second read timeout and holds a worker for hours, in
the body as well as in the status line and headers.

How: :class:`Deadline` arms a timer. When it fires it shuts down every socket the download
opened, which wakes a read blocked in another thread at once (closing the socket would not), so
the read fails or ends early and the caller, seeing ``deadline.expired``, refuses the download.
Sockets are seen as they are created: :func:`deadline_session` gives urllib3's pools, for this
one session, connection classes that hand each new socket to the deadline, before any TLS
handshake or proxy tunnel. A SOCKS proxy keeps urllib3's own classes (and only the
per-operation timeouts).

Tests: ``tests/catalog/test_url_import.py`` trickles a body and headers from a loopback server.
"""
from __future__ import annotations

import socket
import threading
import time
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.poolmanager import PoolManager

_URLLIB3_POOLS = {"http": HTTPConnectionPool, "https": HTTPSConnectionPool}


class Deadline:
    """A fixed end time for one download; a context manager that arms and disarms the timer."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._ends_at = time.monotonic() + seconds
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._fired = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self._timer.cancel()
        with self._lock:
            self._sockets.clear()

    @property
    def expired(self) -> bool:
        return self._fired or time.monotonic() >= self._ends_at

    def remaining(self) -> float:
        """Seconds left, never negative."""
        return max(0.0, self._ends_at - time.monotonic())

    def watch(self, sock: socket.socket) -> None:
        """Shut ``sock`` down when the deadline passes (at once if it has passed)."""
        with self._lock:
            if not self._fired:
                self._sockets.append(sock)
                return
        _shut_down(sock)

    def _expire(self) -> None:
        with self._lock:
            self._fired = True
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            _shut_down(sock)


def _shut_down(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed: no read is waiting on it


class _WatchedConnection:
    """Mixin: hands every socket the connection opens to ``deadline``."""

    deadline: Deadline

    def _new_conn(self) -> socket.socket:
        # urllib3 (1.x and 2.x) opens every connection's socket here, TLS or not; the loopback
        # tests of the deadline fail if that ever changes.
        sock = super()._new_conn()  # type: ignore[misc]
        self.deadline.watch(sock)
        return sock


def _watched_pools(deadline: Deadline) -> dict[str, type[HTTPConnectionPool]]:
    plain = type("WatchedHTTPConnection", (_WatchedConnection, HTTPConnection),
                 {"deadline": deadline})
    tls = type("WatchedHTTPSConnection", (_WatchedConnection, HTTPSConnection),
               {"deadline": deadline})
    return {"http": type("WatchedHTTPConnectionPool", (HTTPConnectionPool,),
                         {"ConnectionCls": plain}),
            "https": type("WatchedHTTPSConnectionPool", (HTTPSConnectionPool,),
                          {"ConnectionCls": tls})}


class _DeadlineAdapter(HTTPAdapter):
    def __init__(self, deadline: Deadline) -> None:
        self._pools = _watched_pools(deadline)  # before super(), which builds the pool manager
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self._watch(self.poolmanager)

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> PoolManager:
        manager = super().proxy_manager_for(proxy, **kwargs)
        self._watch(manager)
        return manager

    def _watch(self, manager: PoolManager) -> None:
        if manager.pool_classes_by_scheme == _URLLIB3_POOLS:  # not SOCKS
            manager.pool_classes_by_scheme = self._pools


def deadline_session(deadline: Deadline) -> requests.Session:
    """A requests session whose every connection is shut down when ``deadline`` passes."""
    session = requests.Session()
    adapter = _DeadlineAdapter(deadline)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
