"""Domain errors and the one place that turns them into HTTP responses.

Tree::

    LmsBridgeError
    ├── InvalidInput        400  (details: list of {field, problem})
    ├── Unauthorized        401
    ├── Forbidden           403
    ├── NotFound            404
    ├── Conflict            409
    ├── PayloadTooLarge     413
    ├── UnsupportedMedia    415
    └── TooManyRequests     429  (retry_after seconds)

Under ``/api/`` every failure, ours or Werkzeug's, has the shape
``{"error": {"code", "message", "details"}}``; pages get the same message in ``error.html``.
"""
from __future__ import annotations

import logging
from typing import Any

from flask import Flask, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException

from .access_log import printable

log = logging.getLogger(__name__)


class LmsBridgeError(Exception):
    status = 500
    code = "internal_error"

    def __init__(self, message: str, details: Any = None):
        super().__init__(message)
        self.message = message
        self.details = details if details is not None else []

    @property
    def headers(self) -> dict[str, str]:
        return {}


class InvalidInput(LmsBridgeError):
    status, code = 400, "invalid_input"


class Unauthorized(LmsBridgeError):
    status, code = 401, "unauthorized"


class Forbidden(LmsBridgeError):
    status, code = 403, "forbidden"


class NotFound(LmsBridgeError):
    status, code = 404, "not_found"


class Conflict(LmsBridgeError):
    status, code = 409, "conflict"


class PayloadTooLarge(LmsBridgeError):
    status, code = 413, "payload_too_large"


class UnsupportedMedia(LmsBridgeError):
    status, code = 415, "unsupported_media_type"


class TooManyRequests(LmsBridgeError):
    status, code = 429, "too_many_requests"

    def __init__(self, message: str, retry_after: int):
        super().__init__(message, details={"retry_after": retry_after})
        self.retry_after = retry_after

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(status: int, code: str, message: str, details: Any = None,
                   headers: dict[str, str] | None = None):
    details = [] if details is None else details
    if wants_json():
        response = jsonify(error={"code": code, "message": message, "details": details})
    else:
        response = make_response(render_template("error.html", status=status, message=message,
                                                 details=details))
    response.status_code = status
    response.headers.update(headers or {})
    return response


def _protocol_headers(exc: HTTPException) -> dict[str, str]:
    """The headers HTTP requires with the status (``Allow`` on a 405, ``WWW-Authenticate``,
    ``Retry-After``, ``Content-Range``...); the body is ours, so not its type."""
    return {name: value for name, value in exc.get_headers()
            if name.lower() != "content-type"}


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(LmsBridgeError)
    def _domain(exc: LmsBridgeError):
        return error_response(exc.status, exc.code, exc.message, exc.details, exc.headers)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        code = (exc.name or "error").lower().replace(" ", "_")
        if exc.code == 400 and "CSRF" in (exc.description or ""):
            code = "csrf_failed"
        return error_response(exc.code or 500, code, exc.description or exc.name,
                              headers=_protocol_headers(exc))

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unhandled error on %s %s", printable(request.method),
                      printable(request.path))
        return error_response(500, "internal_error",
                              "Something went wrong on our side; it has been logged.")
