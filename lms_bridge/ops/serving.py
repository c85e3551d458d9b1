"""``lms-bridge serve``: waitress, stopped gracefully on SIGTERM or SIGINT.

waitress's own ``serve`` dies on SIGTERM with whatever it was doing: a commit whose body was
half received, or stored but not yet answered, is lost to the browser, which then cannot know
whether to send it again. Here a signal only sets a flag; the main loop then closes the
listening socket (new connections are refused, so a proxy or the adapter retries elsewhere
or later), closes idle keep-alive connections, and keeps serving the connections that have a
request in progress (being received, run by a thread, or its answer being sent) until they
are done or ``grace_seconds`` have passed. Then the worker threads are stopped.
"""
from __future__ import annotations

import logging
import signal
import threading
import time
from typing import Callable

from waitress import wasyncore
from waitress.channel import HTTPChannel
from waitress.server import create_server

log = logging.getLogger(__name__)


def serve_gracefully(wsgi_app: Callable, *, host: str, port: int, threads: int,
                     grace_seconds: float, on_listening: Callable[[], None] | None = None) -> None:
    """Serve until SIGTERM/SIGINT, then finish in-flight requests (at most ``grace_seconds``)."""
    server = create_server(wsgi_app, host=host, port=port, threads=threads, ident="lms-bridge")
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set())
                for sig in (signal.SIGTERM, signal.SIGINT)}
    if on_listening:
        on_listening()
    try:
        while not stop.is_set():
            _poll(server, timeout=server.adj.asyncore_loop_timeout)
        log.info("stopping: no new connections; finishing requests in progress")
        wasyncore.dispatcher.close(server)  # the listening socket only
        unfinished = _finish_in_flight(server, time.monotonic() + grace_seconds)
        if unfinished:
            log.warning("stopped with %d request(s) unfinished after %s s", unfinished,
                        grace_seconds)
    finally:
        server.task_dispatcher.shutdown(cancel_pending=True, timeout=5)
        server.trigger.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _poll(server, timeout: float) -> None:
    wasyncore.loop(timeout=timeout, map=server._map, use_poll=server.adj.asyncore_use_poll,
                   count=1)


def _channels(server) -> list[HTTPChannel]:
    return [c for c in list(server._map.values()) if isinstance(c, HTTPChannel)]


def _in_flight(channel: HTTPChannel) -> bool:
    """A request is being received, run, or answered on this connection."""
    return bool(channel.requests or channel.total_outbufs_len or channel.request is not None)


def _finish_in_flight(server, deadline: float) -> int:
    """Run the loop until no connection has a request in flight; how many still had one."""
    while time.monotonic() < deadline:
        busy = 0
        for channel in _channels(server):
            if _in_flight(channel):
                busy += 1
            elif not channel.will_close:
                channel.will_close = True  # an idle keep-alive connection: close it
        if not busy:
            return 0
        _poll(server, timeout=0.05)
    return sum(1 for channel in _channels(server) if _in_flight(channel))
