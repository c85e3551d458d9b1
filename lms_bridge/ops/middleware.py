"""The outermost WSGI layer: a request id, the access log line and the request metrics.

It wraps everything, the commit entrance included (that one answers in front of Flask), so
every request is counted and logged once whichever part answers it. The route label is the
URL rule Flask matched, which ``lms_bridge.ops`` puts into the environ before the view runs
(the commit entrance puts its own path); a request that matched no rule is ``<unmatched>``.

The request id is the client's (or nginx's) ``X-Request-Id`` when it is a short token, else a
new one; it is sent back in the reply's ``X-Request-Id`` and is on every log line of the
request.
"""
from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any, Callable, Iterable

from ..access_log import access_message, printable, wsgi_text
from .logs import REQUEST_ID
from .metrics import observe_request

ROUTE_KEY = "lms_bridge.route"
_GOOD_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
# a label per method the client invents would let it grow the metrics without bound
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
log = logging.getLogger("lms_bridge.access")


def request_id_of(environ: dict[str, Any]) -> str:
    given = environ.get("HTTP_X_REQUEST_ID", "")
    return given if _GOOD_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


class OpsMiddleware:
    """Request id, access log and metrics around ``wsgi_app``."""

    def __init__(self, wsgi_app: Callable) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        started = time.perf_counter()
        request_id = request_id_of(environ)
        token = REQUEST_ID.set(request_id)
        seen: dict[str, str] = {}

        def capture(status: str, headers: list, exc_info: Any = None) -> Callable:
            seen["status"] = status.split(" ", 1)[0]
            return start_response(status, [*headers, ("X-Request-Id", request_id)], exc_info)

        try:
            return self.wsgi_app(environ, capture)
        finally:
            self._record(environ, seen.get("status", "-"), time.perf_counter() - started)
            REQUEST_ID.reset(token)

    @staticmethod
    def _record(environ: dict[str, Any], status: str, seconds: float) -> None:
        route = environ.get(ROUTE_KEY)
        method = environ.get("REQUEST_METHOD", "")
        observe_request(method if method in _METHODS else "OTHER", route, status, seconds)
        if log.isEnabledFor(logging.INFO):
            log.info("%s", access_message(environ, status, seconds * 1000), extra={
                "method": printable(wsgi_text(environ, "REQUEST_METHOD")), "path": printable(wsgi_text(environ, "PATH_INFO")),
                "route": route, "status": int(status) if status.isdigit() else None,
                "duration_ms": round(seconds * 1000, 1)})
