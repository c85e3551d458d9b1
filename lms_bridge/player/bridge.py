"""The SCORM API bridge for content on its own origin (``LMS_BRIDGE_CONTENT_ORIGIN``).

A SCO finds ``API``/``API_1484_11`` by walking ``window.parent``, which only works within one
origin. So with a content origin the player page (LMS origin) frames this wrapper page on the
content origin; the wrapper runs the SCORM adapter (``static/scorm/``) and frames the SCO
beside it, same-origin, where the SCO finds the API as usual. ``static/content-bridge.js`` (in
the wrapper) and ``static/player-bridge.js`` (in the player page) talk by ``postMessage``, each
checking the other's origin: the page hands over the launch (token, runtime URLs, navigation),
the wrapper reports status and asks the page to navigate to an LMS-relative path. A sequenced
SCORM 2004 page (``play_sequenced.html``) also sends the learner's navigation requests to the
adapter, receives what sequencing allows now, and posts its own navigation form (CSRF, session
cookie: only the LMS origin can) when the adapter asks it to, with the request the page sent.

The adapter's commits go from the content origin straight to the runtime endpoints of the LMS,
which authenticate by the launch token in the body: they answer with CORS headers allowing
exactly the content origin, never with credentials, and no other route does.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import Blueprint, Response, make_response, render_template, request, url_for

from ..catalog.content import content_url
from ..catalog.grants import (ContentGrant, content_origin, issue_content_grant, lms_origin,
                              read_content_grant)

blueprint = Blueprint("bridge", __name__)

RUNTIME_ENDPOINTS = frozenset({"player.runtime_start", "player.runtime_commit"})


def wrapper_security_policy(lms_origin: str) -> str:
    """Only our scripts; only the LMS may frame the wrapper and receive its requests."""
    return ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"connect-src {lms_origin}; frame-src 'self'; frame-ancestors {lms_origin}; "
            "base-uri 'none'; form-action 'none'")


@blueprint.get("/content/bridge/<int:version_id>/<grant>")
def wrapper(version_id: int, grant: str):
    granted = read_content_grant(grant, version_id)
    response = make_response(render_template("player/content_bridge.html",
                                             lms_origin=granted.lms_origin))
    response.headers["Content-Security-Policy"] = wrapper_security_policy(granted.lms_origin)
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.after_app_request
def _allow_content_origin(response):
    if request.endpoint not in RUNTIME_ENDPOINTS:
        return response
    headers = runtime_cors_headers(request.headers.get("Origin"), request.method)
    if "Vary" in headers:
        response.vary.add(headers.pop("Vary"))
    response.headers.update(headers)
    return response


def runtime_cors_headers(request_origin: str | None, method: str) -> dict[str, str]:
    """The CORS headers of a runtime endpoint's response (none without a content origin).

    Also used by runtime.entrance, which answers commits before Flask's request hooks run.
    """
    origin = content_origin()
    if origin is None:
        return {}
    headers = {"Vary": "Origin"}
    if request_origin == origin:
        headers["Access-Control-Allow-Origin"] = origin
        if method == "OPTIONS":
            headers.update({"Access-Control-Allow-Methods": "POST",
                            "Access-Control-Allow-Headers": "Content-Type",
                            "Access-Control-Max-Age": "600"})
    return headers


@dataclass(frozen=True)
class ContentBridge:
    """What the player page needs to frame a lesson through the bridge."""
    origin: str       # the content origin
    grant: str        # the content grant of this page view (renewed by every player page)
    wrapper_url: str  # the wrapper page on the content origin


def content_bridge(user, version_id: int) -> ContentBridge | None:
    """The bridge for this player page, or None when content is served on the LMS origin."""
    origin = content_origin()
    if origin is None:
        return None
    grant = issue_content_grant(ContentGrant(version_id, user.id, lms_origin()))
    return ContentBridge(origin, grant, origin + url_for("bridge.wrapper", version_id=version_id,
                                                         grant=grant))


def lesson_src(version_id: int, launch_url: str, bridge: ContentBridge | None) -> str:
    """The lesson's address: the file through the content route, its parameters kept (a path
    on the content origin when the bridge loads it there)."""
    parts = urlsplit(launch_url)
    src = content_url(version_id, parts.path, bridge.grant if bridge else None)
    if bridge is not None:
        src = src[len(bridge.origin):]
    return (src + (f"?{parts.query}" if parts.query else "")
            + (f"#{parts.fragment}" if parts.fragment else ""))


def with_bridge_policy(page: str, bridge: ContentBridge | None) -> Response:
    """The player page's response; framing the content origin is allowed when it is used (the
    rest is the app's page policy, security.py)."""
    response = make_response(page)
    if bridge is not None:
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            f"frame-src 'self' {bridge.origin}; frame-ancestors 'self'; form-action 'self'")
    return response
