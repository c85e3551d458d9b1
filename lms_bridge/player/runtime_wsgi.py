"""The runtime commit endpoint, answered in front of Flask's request dispatch.

``POST /player/runtime/commit`` is the hot path: every running SCO commits every few seconds.
It needs none of what Flask's request machinery gives a page (sign-in session, CSRF, the
before/after-request hooks of the other packages, templates): it is authenticated by the launch
token in its body and always answers JSON. Going through that machinery cost about a fifth of
a commit's CPU, so ``RuntimeCommits`` wraps ``app.wsgi_app`` and answers that one path itself,
inside an application context (the database session lives there; a request context only
when a reply needs URLs, ``request_context_for_urls``). The CORS
headers of the content origin are added as bridge.py's hook adds them on Flask's path; a
commit arriving on the content origin's host is left to Flask, which refuses it. Everything else, including
the Flask route of the same path in views.py (kept for ``url_for`` and for an app mounted
without this wrapper), goes on to Flask unchanged; both call views.commit_reply, the handler
given to ``install_runtime_commits``.
"""
from __future__ import annotations

import json
import logging
from http import HTTPStatus
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from flask import Flask, current_app, g, has_request_context
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wsgi import get_input_stream

from ..catalog.grants import is_content_origin_request
from ..db import db
from ..errors import InvalidInput, LmsBridgeError, PayloadTooLarge, UnsupportedMedia
from .bridge import runtime_cors_headers

log = logging.getLogger(__name__)

COMMIT_PATH = "/player/runtime/commit"
# (raw body, media type) -> the JSON reply; raises LmsBridgeError
CommitHandler = Callable[[bytes, str], dict[str, Any]]
# What fetch() sends as JSON, and what navigator.sendBeacon sends for a string body.
RUNTIME_MEDIA_TYPES = ("application/json", "text/plain")


def runtime_body(data: bytes, mimetype: str) -> dict[str, Any]:
    """The JSON object a runtime call sends; raises UnsupportedMedia or InvalidInput."""
    if mimetype not in RUNTIME_MEDIA_TYPES:
        raise UnsupportedMedia("Send the commit as application/json or text/plain.")
    try:
        body = json.loads(data or b"null")
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput("The body is not JSON.") from None
    if not isinstance(body, dict):
        raise InvalidInput("The body must be a JSON object.")
    return body


def error_json(exc: LmsBridgeError) -> dict[str, Any]:
    return {"error": {"code": exc.code, "message": exc.message, "details": exc.details}}


class RuntimeCommits:
    """WSGI wrapper answering ``POST /player/runtime/commit`` before Flask's dispatch."""

    def __init__(self, app: Flask, wsgi_app, handler: CommitHandler) -> None:
        self.app, self.wsgi_app, self.handler = app, wsgi_app, handler

    def __call__(self, environ, start_response):
        if (environ.get("PATH_INFO") != COMMIT_PATH or environ.get("REQUEST_METHOD") != "POST"
                or self._arrives_on_content_origin(environ)):
            return self.wsgi_app(environ, start_response)
        with self.app.app_context():
            g.runtime_environ = environ  # for request_context_for_urls
            status, reply, headers = self._commit(environ)
            # what bridge.py's after-request hook gives the runtime endpoints on Flask's path
            headers.update(runtime_cors_headers(environ.get("HTTP_ORIGIN"), "POST"))
        body = json.dumps(reply).encode()
        start_response(f"{status} {HTTPStatus(status).phrase}", [
            ("Content-Type", "application/json"), ("Content-Length", str(len(body))),
            ("X-Content-Type-Options", "nosniff"), *headers.items()])
        return [body]

    def _arrives_on_content_origin(self, environ) -> bool:
        """Such a request is Flask's to refuse (catalog/content_origin.py keeps origins apart)."""
        if not self.app.config.get("CONTENT_ORIGIN"):
            return False
        with self.app.request_context(environ):
            return is_content_origin_request()

    def _commit(self, environ) -> tuple[int, dict[str, Any], dict[str, str]]:
        mimetype = environ.get("CONTENT_TYPE", "").split(";", 1)[0].strip().lower()
        try:
            try:
                data = get_input_stream(
                    environ, max_content_length=self.app.config.get("MAX_CONTENT_LENGTH")).read()
            except RequestEntityTooLarge:
                raise PayloadTooLarge("The commit is larger than this server accepts.") from None
            return 200, self.handler(data, mimetype), {}
        except LmsBridgeError as exc:
            db.session.rollback()
            return exc.status, error_json(exc), dict(exc.headers)
        except Exception:
            db.session.rollback()
            log.exception("runtime commit failed")
            internal = LmsBridgeError("Something went wrong on our side; the commit was not "
                                      "stored. Send it again.")
            return 500, error_json(internal), {}


def request_context_for_urls() -> AbstractContextManager:
    """A request context for ``url_for`` in a runtime call (a sequenced commit's reply names
    where the browser goes): pushed only then, since matching the request to a route costs
    on every commit; a call that came through Flask has one already."""
    if has_request_context():
        return nullcontext()
    return current_app.request_context(g.runtime_environ)


def install_runtime_commits(app: Flask, handler: CommitHandler) -> None:
    """Put ``RuntimeCommits`` with ``handler`` in front of the app (once)."""
    if not isinstance(app.wsgi_app, RuntimeCommits):
        app.wsgi_app = RuntimeCommits(app, app.wsgi_app, handler)
