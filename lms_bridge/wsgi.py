"""The WSGI entry point for gunicorn: ``lms_bridge.wsgi:app`` (see deploy/gunicorn.conf.py).

Each worker process imports this module after the fork, so each creates its own app and its own
database connection pool (a pool shared across a fork would hand one connection to two
processes). Logging is set up here with the app's ``LOG_LEVEL`` and ``LOG_FORMAT``.
"""
from __future__ import annotations

import sys

from .app import create_app
from .config import ConfigError
from .ops.logs import configure_logging

WORKER_BOOT_ERROR = 3
"""The exit status that makes gunicorn's arbiter stop instead of restarting the worker."""

try:
    app = create_app()
except ConfigError as exc:
    print(f"Configuration error: {exc}", file=sys.stderr)
    sys.exit(WORKER_BOOT_ERROR)
configure_logging(app.config["LOG_LEVEL"], app.config["LOG_FORMAT"])
