"""Running in production: health and readiness endpoints, Prometheus metrics, log format,
the proxy headers, and the servers' graceful shutdown.

Layout::

    ops/
      views.py       /healthz, /readyz, /metrics (guarded)
      checks.py      the readiness checks; the scheduler's lag read from its job store
      metrics.py     the Prometheus metrics (multiprocess mode under gunicorn)
      middleware.py  the outermost WSGI layer: request id, access log, request metrics
      logs.py        text or JSON log lines (LOG_FORMAT)
      serving.py     `lms-bridge serve`: waitress with a graceful stop on SIGTERM
"""
from __future__ import annotations

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix

from .middleware import ROUTE_KEY, OpsMiddleware


def init_app(app: Flask) -> None:
    """Register the endpoints; wrap the app (call last: it must wrap the commit entrance)."""
    from .views import blueprint

    app.register_blueprint(blueprint)
    app.url_value_preprocessor(_note_route)  # runs before every before_request hook
    proxies = app.config["PROXY_COUNT"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    app.wsgi_app = OpsMiddleware(app.wsgi_app)


def _note_route(_endpoint, _values) -> None:
    """Put the matched URL rule where the middleware's metrics and log line find it."""
    if request.url_rule is not None:
        request.environ[ROUTE_KEY] = request.url_rule.rule
