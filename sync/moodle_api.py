"""Calling Moodle Web Services (REST, JSON) and classifying its HTTP-200 error bodies.

Moodle answers errors with HTTP 200 and ``{"exception", "errorcode", "message"}``; the body,
not the status, says what went wrong. Classification (see :func:`classify_moodle_error`):

- ``invalidtoken`` (bad, revoked or expired token), ``accessexception`` (function not in the
  external service, or IP restriction), ``servicerequireslogin``, ``usernotfullysetup``,
  ``forcepasswordchangenotice``, ``webservicesdisabled``: SourceNeedsAttention; the whole pull
  stops at once (no retry storm against a dead token);
- ``nopermissions``, ``cannotviewreport``, ``nopermissiontoviewgrades``,
  ``requireloginerror``: MissingCapability, naming the function and the capability it
  usually needs; the course being pulled is skipped;
- ``notenroled``: UserNotEnrolled; ``invalidrecord``/``invalidrecordunknown``:
  RemoteRecordMissing (user deleted, course or activity gone); the caller skips that item;
- anything else: RemoteCallError naming function, errorcode and message.

The token travels in the POST body (Moodle reads ``wstoken`` from GET or POST alike), so it
never appears in a URL, a proxy log or a requests/urllib3 log line.
"""
from __future__ import annotations

import json
import logging
from contextlib import contextmanager
from typing import Any, Iterator, Mapping

from sync.errors import (MissingCapability, RemoteCallError, RemoteRecordMissing,
                         SourceNeedsAttention, SourceResponseError, SyncError, UserNotEnrolled)
from sync.http import Secret, SourceHttpClient
from sync.log_text import loggable

log = logging.getLogger(__name__)

REST_PATH = "webservice/rest/server.php"

NEEDS_ATTENTION_CODES = frozenset({
    "invalidtoken", "accessexception", "servicerequireslogin", "usernotfullysetup",
    "forcepasswordchangenotice", "webservicesdisabled", "sitepolicynotagreed",
})
CAPABILITY_CODES = frozenset({
    "nopermissions", "cannotviewreport", "nopermissiontoviewgrades", "requireloginerror",
})
NOT_ENROLLED_CODES = frozenset({"notenroled", "notenrolled"})
MISSING_RECORD_CODES = frozenset({"invalidrecord", "invalidrecordunknown", "invaliduser"})

# What a read-only service account usually needs for each function (facts from Moodle's code).
CAPABILITY_HINTS: Mapping[str, str] = {
    "core_completion_get_activities_completion_status": "report/progress:view",
    "core_completion_get_course_completion_status": "report/completion:view",
    "core_enrol_get_enrolled_users": "moodle/course:viewparticipants",
    "gradereport_user_get_grade_items": "gradereport/user:view and moodle/grade:viewall",
    "mod_scorm_get_scorm_attempt_count": "mod/scorm:viewreport",
    "mod_scorm_get_scorm_sco_tracks": "mod/scorm:viewreport",
    "core_user_get_users_by_field": "moodle/user:viewdetails",
}


def flatten_params(params: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """Moodle's form encoding: ``{"values": ["a"]}`` -> ``{"values[0]": "a"}``."""
    flat: dict[str, str] = {}
    for key, value in params.items():
        name = f"{prefix}[{key}]" if prefix else str(key)
        if isinstance(value, Mapping):
            flat.update(flatten_params(value, name))
        elif isinstance(value, (list, tuple)):
            flat.update(flatten_params(dict(enumerate(value)), name))
        elif isinstance(value, bool):
            flat[name] = "1" if value else "0"
        else:
            flat[name] = str(value)
    return flat


def classify_moodle_error(function: str, body: Mapping[str, Any], scope: str) -> SyncError:
    """Turn a Moodle error body into the SyncError that says what to do about it."""
    code = loggable(body.get("errorcode") or "")  # remote text: one printable line
    message = loggable(body.get("message") or body.get("exception") or "no message")
    where = f"Moodle {function} ({scope})" if scope else f"Moodle {function}"
    if code in NEEDS_ATTENTION_CODES:
        hint = " — add this function to the external service" if code == "accessexception" else ""
        return SourceNeedsAttention(f"{where}: {code}: {message}{hint}")
    if code in CAPABILITY_CODES:
        capability = CAPABILITY_HINTS.get(function)
        needs = f"; the service account needs capability {capability}" if capability else ""
        return MissingCapability(f"{where}: {code}: {message}{needs}",
                                 function=function, capability=capability)
    if code in NOT_ENROLLED_CODES:
        return UserNotEnrolled(f"{where}: {message}", function=function, errorcode=code)
    if code in MISSING_RECORD_CODES:
        return RemoteRecordMissing(f"{where}: {code}: {message}", function=function, errorcode=code)
    return RemoteCallError(f"{where}: {code or 'error'}: {message}", function=function,
                           errorcode=code)


class MoodleClient:
    """One Moodle site seen through a token: ``call(function, **params)`` returns the JSON."""

    def __init__(self, http: SourceHttpClient, token: Secret) -> None:
        self.http = http
        self._token = token

    def __repr__(self) -> str:
        return f"MoodleClient({self.http.base_url!r})"

    def call(self, function: str, scope: str = "", **params: Any) -> Any:
        """Call one web service function; raises SyncError subclasses (see module doc)."""
        form = {"wstoken": self._token.reveal(), "wsfunction": function,
                "moodlewsrestformat": "json", **flatten_params(params)}
        response = self.http.send("POST", self.http.url(REST_PATH), label=function, data=form)
        payload = self._decode(response.content, function, scope)
        if isinstance(payload, dict) and "exception" in payload and "errorcode" in payload:
            raise classify_moodle_error(function, payload, scope)
        return payload

    def _decode(self, content: bytes, function: str, scope: str) -> Any:
        try:
            return json.loads(content)
        except ValueError:
            where = f"Moodle {function}" + (f" ({scope})" if scope else "")
            raise SourceResponseError(
                f"{where}: response is not valid JSON ({len(content)} bytes)") from None


def read_warnings(function: str, payload: Any, scope: str) -> list[str]:
    """Messages of the ``warnings`` list many Moodle responses carry, as readable lines."""
    if not isinstance(payload, dict):
        return []
    lines = []
    for warning in payload.get("warnings") or []:
        if not isinstance(warning, dict):  # not Moodle's shape: shown as it is, not a crash
            warning = {"message": warning}
        code, message = (loggable(warning.get(key, "")) for key in ("warningcode", "message"))
        lines.append(f"Moodle {function} ({scope}): warning {code}: {message}")
    for line in lines:
        log.warning("%s", line)
    return lines


@contextmanager
def unexpected_shapes(scope: str) -> Iterator[None]:
    """Turn a KeyError/TypeError/... met while reading answers into a SourceResponseError."""
    try:
        yield
    except (AttributeError, KeyError, TypeError, ValueError, IndexError) as exc:
        raise SourceResponseError(
            f"Moodle answered in an unexpected shape ({scope}): {type(exc).__name__}: {exc}"
        ) from None
