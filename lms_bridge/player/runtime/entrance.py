"""The one entrance of runtime commits: ``POST /player/runtime/commit``, answered in front of
Flask's request dispatch.

Why in front of Flask: every running SCO commits every few seconds, and a commit needs none of
what Flask's request machinery gives a page (sign-in session, CSRF, the before/after-request
hooks of the other packages, templates): it is authenticated by the launch token in its body
and always answers JSON. Going through that machinery cost about a fifth of a commit's CPU
(``bench/commit`` measures it), so ``CommitEntrance`` wraps ``app.wsgi_app`` and answers that one
path itself, inside an application context (the database session lives there; a request
context only when a reply needs URLs). ``install_commit_entrance`` (called by the player's
``init_app``) installs it and registers the path under the endpoint ``player.runtime_commit``
for URL building only: no Flask view answers it. The CORS headers of the content origin are
added as bridge.py's hook adds them on Flask's path; a commit arriving on the content origin's
host is left to Flask, whose content-origin guard refuses it.

Errors become replies through ``lms_bridge.errors.error_reply``, the mapping the Flask
handlers use.
"""
from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any

from flask import Flask, current_app, g
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wsgi import get_input_stream

from ...catalog.grants import is_content_origin_request
from ...db import db
from ...errors import PayloadTooLarge, error_reply
from ...ops.metrics import count_commit
from ...ops.middleware import ROUTE_KEY
from ..bridge import runtime_cors_headers
from ..models import Attempt
from ..sequencing.queries import changes_progress
from ..sequencing.views import runtime_navigation
from ..tokens import read_launch_token
from .operations import receive_commit
from .planning import CommitRequest, runtime_body

log = logging.getLogger(__name__)

COMMIT_PATH = "/player/runtime/commit"
COMMIT_ENDPOINT = "player.runtime_commit"


class CommitEntrance:
    """WSGI wrapper answering ``POST /player/runtime/commit`` before Flask's dispatch."""

    def __init__(self, app: Flask, wsgi_app) -> None:
        self.app, self.wsgi_app = app, wsgi_app

    def __call__(self, environ, start_response):
        if (environ.get("PATH_INFO") != COMMIT_PATH or environ.get("REQUEST_METHOD") != "POST"
                or self._arrives_on_content_origin(environ)):
            return self.wsgi_app(environ, start_response)
        environ[ROUTE_KEY] = COMMIT_PATH  # the route label of the request metrics
        with self.app.app_context():
            g.runtime_environ = environ  # for the request context of a reply's URLs
            status, reply, headers = self._answer(environ)
            # what bridge.py's after-request hook gives the runtime endpoints on Flask's path
            headers.update(runtime_cors_headers(environ.get("HTTP_ORIGIN"), "POST"))
        count_commit(status, reply)
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

    def _answer(self, environ) -> tuple[int, dict[str, Any], dict[str, str]]:
        mimetype = environ.get("CONTENT_TYPE", "").split(";", 1)[0].strip().lower()
        try:
            try:
                data = get_input_stream(
                    environ, max_content_length=self.app.config.get("MAX_CONTENT_LENGTH")).read()
            except RequestEntityTooLarge:
                raise PayloadTooLarge("The commit is larger than this server accepts.") from None
            return 200, commit_reply(data, mimetype), {}
        except Exception as exc:  # noqa: BLE001  (every failure is answered, as Flask would)
            db.session.rollback()
            status, body, headers = error_reply(exc)
            if status >= 500:
                log.exception("runtime commit failed")
            return status, body, headers


def commit_reply(data: bytes, mimetype: str) -> dict[str, Any]:
    """Receive one commit from its raw body; the JSON reply. Raises LmsBridgeError."""
    body = runtime_body(data, mimetype)
    grant = read_launch_token(body.get("token"))
    commit = CommitRequest.parse(body)
    received = receive_commit(grant, commit)
    reply = received.to_json()
    if received.is_sequenced and (commit.finish or changes_progress(commit.changes)):
        # SCORM 2004 sequencing: what navigation allows now, and where a final commit leads;
        # matching the request to a route costs, so the request context is pushed only here
        attempt = db.session.get(Attempt, grant.attempt_id)
        with current_app.request_context(g.runtime_environ):
            reply["navigation"] = runtime_navigation(attempt, grant, finished=commit.finish)
    return reply


def install_commit_entrance(app: Flask) -> None:
    """Put ``CommitEntrance`` in front of the app (once) and name its path for ``url_for``."""
    if isinstance(app.wsgi_app, CommitEntrance):
        return
    app.add_url_rule(COMMIT_PATH, endpoint=COMMIT_ENDPOINT, methods=["POST"])
    app.wsgi_app = CommitEntrance(app, app.wsgi_app)
