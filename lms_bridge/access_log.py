"""The access log of ``lms-bridge serve``, and the one way to put request text into any log line.

Everything a client sends (path, method, user agent, query) is attacker-chosen. Written as it
is, ``/login%0a2026-01-01 INFO lms_bridge.access: GET /admin 200`` forges a second log line, a
raw NUL or escape sequence breaks the tools that read the log. :func:`printable` shows every
control character (C0, DEL, C1, the Unicode line and paragraph separators) as a Python-style
escape, and doubles the backslash so an escape in the log can only come from us.
"""
from __future__ import annotations

import logging
import re
import time
from typing import Any, Callable, Iterable

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\\]")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}
MAX_LOGGED_CHARACTERS = 2000
"""Longer request text is cut (and says so): one request must not flood the log."""


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    named = _NAMED_ESCAPES.get(character)
    if named is not None:
        return named
    code = ord(character)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: Any) -> str:
    """``text`` made safe for one log line: control characters escaped, length capped."""
    value = "" if text is None else str(text)
    if len(value) > MAX_LOGGED_CHARACTERS:
        value = value[:MAX_LOGGED_CHARACTERS] + "...(cut)"
    return _UNPRINTABLE.sub(_escape, value)


def wsgi_text(environ: dict[str, Any], key: str) -> str:
    """An environ value as the client sent it: WSGI gives bytes decoded as Latin-1, so a UTF-8
    path is re-decoded (undecodable bytes stay visible as ``\\xNN``)."""
    raw = environ.get(key) or ""
    try:
        return raw.encode("latin-1").decode("utf-8", errors="backslashreplace")
    except UnicodeEncodeError:  # already text (a server that decodes for us)
        return raw


def access_message(environ: dict[str, Any], status: str, duration_ms: float) -> str:
    """The access log's text: ``METHOD PATH STATUS DURATIONms "USER AGENT"``, made printable."""
    return '%s %s %s %.1fms "%s"' % (
        printable(wsgi_text(environ, "REQUEST_METHOD")), printable(wsgi_text(environ, "PATH_INFO")),
        status, duration_ms, printable(wsgi_text(environ, "HTTP_USER_AGENT")))


def with_access_log(app: Callable, logger_name: str = "lms_bridge.access") -> Callable:
    """Wrap a WSGI app: one line per request, ``METHOD PATH STATUS DURATIONms "USER AGENT"``."""
    log = logging.getLogger(logger_name)

    def logged(environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        started = time.perf_counter()
        status_holder: dict[str, str] = {}

        def capture(status: str, headers: list, exc_info: Any = None) -> Callable:
            status_holder["status"] = status.split(" ", 1)[0]
            return start_response(status, headers, exc_info)

        try:
            return app(environ, capture)
        finally:
            log.info("%s", access_message(environ, status_holder.get("status", "-"),
                                          (time.perf_counter() - started) * 1000))
    return logged
