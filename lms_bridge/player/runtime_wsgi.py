"""The runtime commit endpoint, answered in front of Flask's request dispatch.

``POST /player/runtime/commit`` is the hot path: every running SCO commits every few seconds.
It needs none of what Flask's request machinery gives a page (sign-in session, CSRF, the
before/after-request hooks of the other packages, templates): it is authenticated by the launch
token in its body and always answers JSON. Going through that machinery cost about a fifth of
a commit's CPU, so ``RuntimeCommits`` wraps ``app.wsgi_app`` and answers that one path itself,
inside an application context (the database session lives there). Everything else, including
the Flask route of the same path in views.py (kept for ``url_for`` and for an app mounted
without this wrapper), goes on to Flask unchanged; both call ``commit_reply``.
"""
from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any

from flask import Flask
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wsgi import get_input_stream

from ..db import db
from ..errors import InvalidInput, LmsBridgeError, PayloadTooLarge, UnsupportedMedia
from .commits import CommitRequest, receive_commit
from .tokens import read_launch_token

log = logging.getLogger(__name__)

COMMIT_PATH = "/player/runtime/commit"
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


def commit_reply(data: bytes, mimetype: str) -> dict[str, Any]:
    """Receive one commit from its raw body; the JSON reply. Raises LmsBridgeError."""
    body = runtime_body(data, mimetype)
    grant = read_launch_token(body.get("token"))
    return receive_commit(grant, CommitRequest.parse(body)).to_json()


def error_json(exc: LmsBridgeError) -> dict[str, Any]:
    return {"error": {"code": exc.code, "message": exc.message, "details": exc.details}}


class RuntimeCommits:
    """WSGI wrapper answering ``POST /player/runtime/commit`` before Flask's dispatch."""

    def __init__(self, app: Flask, wsgi_app) -> None:
        self.app, self.wsgi_app = app, wsgi_app

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") != COMMIT_PATH or environ.get("REQUEST_METHOD") != "POST":
            return self.wsgi_app(environ, start_response)
        with self.app.app_context():
            status, reply, headers = self._commit(environ)
        body = json.dumps(reply).encode()
        start_response(f"{status} {HTTPStatus(status).phrase}", [
            ("Content-Type", "application/json"), ("Content-Length", str(len(body))),
            ("X-Content-Type-Options", "nosniff"), *headers.items()])
        return [body]

    def _commit(self, environ) -> tuple[int, dict[str, Any], dict[str, str]]:
        mimetype = environ.get("CONTENT_TYPE", "").split(";", 1)[0].strip().lower()
        try:
            try:
                data = get_input_stream(
                    environ, max_content_length=self.app.config.get("MAX_CONTENT_LENGTH")).read()
            except RequestEntityTooLarge:
                raise PayloadTooLarge("The commit is larger than this server accepts.") from None
            return 200, commit_reply(data, mimetype), {}
        except LmsBridgeError as exc:
            db.session.rollback()
            return exc.status, error_json(exc), exc.headers
        except Exception:
            db.session.rollback()
            log.exception("runtime commit failed")
            internal = LmsBridgeError("Something went wrong on our side; the commit was not "
                                      "stored. Send it again.")
            return 500, error_json(internal), {}


def install_runtime_commits(app: Flask) -> None:
    """Put ``RuntimeCommits`` in front of the app (once)."""
    if not isinstance(app.wsgi_app, RuntimeCommits):
        app.wsgi_app = RuntimeCommits(app, app.wsgi_app)
