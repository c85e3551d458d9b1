"""Log lines as readable text or as JSON objects, one per line (``LOG_FORMAT``).

A JSON line carries ``time`` (UTC, ISO 8601), ``level``, ``logger``, ``message``, ``process``
(the process id: which worker) and, for lines written while a request is answered,
``request_id``; the access log line adds ``method``,
``path``, ``route``, ``status`` and ``duration_ms``. Whatever the client chose (path, agent) is
escaped by :func:`lms_bridge.access_log.printable` in text lines; in JSON lines ``json.dumps``
escapes it (a newline cannot start a forged line either way).

The request id lives in a context variable set by :mod:`lms_bridge.ops.middleware`, so every
line logged during a request (a failed commit's traceback included) carries it.
"""
from __future__ import annotations

import contextvars
import json
import logging
import sys
from datetime import datetime, timezone

REQUEST_ID: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "lms_bridge_request_id", default=None)
REQUEST_FIELDS = ("method", "path", "route", "status", "duration_ms")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class JsonLines(logging.Formatter):
    """One JSON object per record, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(
                timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or REQUEST_ID.get(),
            "process": record.process,  # which gunicorn worker wrote it
        }
        for field in REQUEST_FIELDS:
            if hasattr(record, field):
                line[field] = getattr(record, field)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def formatter_for(log_format: str) -> logging.Formatter:
    return JsonLines() if log_format == "json" else logging.Formatter(TEXT_FORMAT)


def configure_logging(level: str, log_format: str, stream=None) -> None:
    """Send every log line to stderr (or ``stream``) in ``log_format``; replaces earlier
    handlers of the root logger, so that calling it twice does not double the lines."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(formatter_for(log_format))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # waitress warns "Task queue depth is N" for every request that waits for a thread: under
    # load that is one log line per request, a cost and no news (the access log has latencies).
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
