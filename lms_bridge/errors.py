"""Domain errors and the one place that turns them into HTTP responses.

Tree::

    LmsBridgeError
    ├── InvalidInput        400  (details: list of {field, problem})
    ├── Unauthorized        401
    │   └── TokenRefused        API token missing or unusable: with RFC 6750's Bearer challenge
    ├── Forbidden           403
    ├── NotFound            404
    ├── Conflict            409
    ├── PayloadTooLarge     413
    ├── UnsupportedMedia    415
    └── TooManyRequests     429  (retry_after seconds)

Under ``/api/`` (and any prefix a domain declares with ``answer_json_under``) every failure,
ours or Werkzeug's, has the shape ``{"error": {"code", "message", "details"}}``; pages get the
same message in ``error.html``. ``error_reply`` is the one mapping from an exception to
(status, body, headers): the Flask handlers below use it, and so does the player's commit
entrance, which answers in front of Flask.
"""
from __future__ import annotations

import logging
from urllib.parse import urlsplit, urlunsplit
from typing import Any, Callable, Mapping

from flask import Flask, current_app, g, jsonify, make_response, render_template, request
from flask_babel import LazyString, gettext as _, lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from .access_log import printable

log = logging.getLogger(__name__)


class LmsBridgeError(Exception):
    status = 500
    code = "internal_error"

    def __init__(self, message: str, details: Any = None):
        # A lazily translated message (a form validator's, lazy_gettext) becomes text now, in
        # the request's language: JSON, comparisons and joins need a str.
        message = str(message)
        super().__init__(message)
        self.message = message
        self.details = _plain(details) if details is not None else []

    @property
    def headers(self) -> dict[str, str]:
        return {}


def _plain(details: Any) -> Any:
    """``details`` with lazily translated problems turned into text."""
    if not isinstance(details, list):
        return details
    return [{key: str(value) if isinstance(value, LazyString) else value
             for key, value in detail.items()} if isinstance(detail, dict) else detail
            for detail in details]


class InvalidInput(LmsBridgeError):
    status, code = 400, "invalid_input"


class Unauthorized(LmsBridgeError):
    status, code = 401, "unauthorized"


API_REALM = "LMS Bridge API"


class TokenRefused(Unauthorized):
    """An API request without a usable personal token. RFC 6750 (section 3) asks for a
    ``WWW-Authenticate: Bearer`` challenge: no error code when no token was sent,
    ``invalid_request`` for a malformed header, ``invalid_token`` for an unknown, revoked or
    expired one."""

    def __init__(self, message: str, error: str = "invalid_token"):
        super().__init__(message)
        self.error = error  # "": no token was sent

    @property
    def headers(self) -> dict[str, str]:
        challenge = f'Bearer realm="{API_REALM}"'
        if self.error:
            # error_description may hold printable ASCII except '"' and '\' (RFC 6750 3).
            description = "".join(c for c in self.message if " " <= c <= "~" and c not in '"\\')
            challenge += f', error="{self.error}", error_description="{description}"'
        return {"WWW-Authenticate": challenge}


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


_JSON_PREFIXES = "lms_bridge.json_error_prefixes"
INTERNAL_MESSAGE = "Something went wrong on our side; it has been logged."


# What a page says for Werkzeug's own refusals (its descriptions are English and speak of "the
# server"): the API keeps Werkzeug's words, a person reads these in their language.
_PAGE_WORDING = {
    400: _l("The request could not be understood. Go back, reload the page and try again."),
    401: _l("Sign in to see this page."),
    403: _l("You are not allowed to see this page."),
    404: _l("There is no page at this address. Check the address, or start again from the start page."),
    405: _l("This page cannot be used this way."),
    409: _l("This conflicts with a change made meanwhile. Reload the page and try again."),
    413: _l("What you sent is too large."),
    415: _l("This kind of content is not accepted here."),
    429: _l("Too many requests in a short time. Wait a moment and try again."),
}


def _page_message(exc: HTTPException) -> str:
    """The words a page shows for ``exc``: a view's own description as it is, Werkzeug's default
    one replaced by ours (translated); a CSRF refusal says what to do."""
    if isinstance(exc, CSRFError):
        return _("The form had expired or was sent from elsewhere (CSRF check failed). "
                 "Reload the page and send it again.")
    if exc.description != type(exc).description or exc.code not in _PAGE_WORDING:
        return exc.description or exc.name
    return str(_PAGE_WORDING[exc.code])


def answer_json_under(app: Flask, prefix: str) -> None:
    """Make every error under ``prefix`` a JSON error, as under ``/api/``."""
    app.extensions.setdefault(_JSON_PREFIXES, ["/api/"]).append(prefix)


def wants_json() -> bool:
    return request.path.startswith(tuple(current_app.extensions.get(_JSON_PREFIXES, ["/api/"])))


def error_reply(exc: Exception) -> tuple[int, dict[str, Any], dict[str, str]]:
    """The JSON reply to ``exc``: (status, ``{"error": ...}`` body, headers); anything not an
    LmsBridgeError is an internal error whose details stay in the log."""
    if not isinstance(exc, LmsBridgeError):
        exc = LmsBridgeError(INTERNAL_MESSAGE)
    return exc.status, error_body(exc.code, exc.message, exc.details), dict(exc.headers)


def error_body(code: str, message: str, details: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details}}


def error_response(status: int, code: str, message: str, details: Any = None,
                   headers: dict[str, str] | None = None):
    details = [] if details is None else details
    if wants_json():
        response = jsonify(error_body(code, message, details))
    else:
        response = make_response(render_template("error.html", status=status, message=message,
                                                 extra=_extra_problems(message, details),
                                                 back_url=way_back()))
    response.status_code = status
    response.headers.update(headers or {})
    return response


def keep_form(form, render: Callable[[], str], renames: Mapping[str, str] | None = None) -> None:
    """Declare the page's form: a refusal (``InvalidInput`` or ``Conflict``) raised while this
    request is handled re-renders it with ``render`` instead of the error page, each problem
    beside its field (an operation's field name mapped to the form's by ``renames``; one the
    form lacks is shown above it), and everything typed kept."""
    g.refusable_form = (form, render, dict(renames or {}))


def _refused_form_page(exc: LmsBridgeError):
    kept = g.get("refusable_form")
    if kept is None or wants_json() or not isinstance(exc, (InvalidInput, Conflict)):
        return None
    form, render, renames = kept
    details = exc.details if isinstance(exc.details, list) else []
    unplaced = [exc.message] if not details else []
    for detail in details:
        field = form._fields.get(renames.get(detail.get("field"), detail.get("field")))
        if field is None:
            unplaced.append(detail.get("problem") or exc.message)
        elif (detail.get("problem") or exc.message) not in field.errors:  # may be a tuple
            field.errors = [*field.errors, detail.get("problem") or exc.message]
    g.refusal = {"message": exc.message, "unplaced": unplaced}  # shown above the form by base.html
    return make_response(render(), exc.status)


def way_back() -> str | None:
    """The page the person came from when it is on this site (and not this very page), so an
    error page can lead back there; None otherwise (the start page is offered instead)."""
    referrer = urlsplit(request.referrer or "")
    if referrer.scheme not in ("http", "https") or referrer.netloc != request.host:
        return None
    back = urlunsplit(("", "", referrer.path or "/", referrer.query, ""))
    return None if back == request.full_path.rstrip("?") else back


def _extra_problems(message: str, details: Any) -> list[str]:
    """The details' problems that the message does not already say, in words only."""
    if not isinstance(details, list):
        return []
    problems = [d.get("problem", "") for d in details if isinstance(d, dict)]
    return [p for p in problems if p and p not in message]


def _protocol_headers(exc: HTTPException) -> dict[str, str]:
    """The headers HTTP requires with the status (``Allow`` on a 405, ``WWW-Authenticate``,
    ``Retry-After``, ``Content-Range``...); the body is ours, so not its type."""
    return {name: value for name, value in exc.get_headers()
            if name.lower() != "content-type"}


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(LmsBridgeError)
    def _domain(exc: LmsBridgeError):
        page = _refused_form_page(exc)
        if page is not None:
            return page
        return error_response(exc.status, exc.code, exc.message, exc.details, exc.headers)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        code = (exc.name or "error").lower().replace(" ", "_")
        if exc.code == 400 and "CSRF" in (exc.description or ""):
            code = "csrf_failed"
        message = exc.description or exc.name if wants_json() else _page_message(exc)
        return error_response(exc.code or 500, code, message, headers=_protocol_headers(exc))

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unhandled error on %s %s", printable(request.method),
                      printable(request.path))
        message = INTERNAL_MESSAGE if wants_json() else \
            _("Something went wrong on our side; it has been logged.")
        return error_response(500, "internal_error", message)
