"""Package content on its own origin (``LMS_BRIDGE_CONTENT_ORIGIN``).

The same app answers both hosts; the request's host says which origin it arrived on. On the
content origin only content under a grant, the player's bridge page and the player's static
files exist (no sign-in, no pages: a page there would share an origin with package scripts); on
the LMS origin the cookie-authenticated content route is refused once a content origin is
configured, so that package content never runs next to the LMS's pages.

``/content/g/<version id>/<grant>/<path>`` serves like ``content.serve`` (allowlisted types,
nosniff, ETag, ranges, containment re-checked), authorised by the grant (``grants``) instead of
the session: the grant must be genuine, unexpired and for this version, and its person must
still be allowed to open the version.
"""
from __future__ import annotations

from flask import Blueprint, request
from flask_babel import gettext as _

from ..accounts.models import User
from ..db import db
from ..errors import Forbidden, NotFound
from .content import content_security_policy, file_response, readable_version
from .grants import content_origin, is_content_origin_request, read_content_grant

blueprint = Blueprint("content_origin", __name__)

# What the content origin serves; everything else there is "not found".
CONTENT_ORIGIN_ENDPOINTS = frozenset({"content_origin.serve", "bridge.wrapper", "player.static"})


@blueprint.before_app_request
def _keep_origins_apart():
    if content_origin() is None:
        return None
    if is_content_origin_request():
        if request.endpoint not in CONTENT_ORIGIN_ENDPOINTS:
            raise NotFound(_("The content origin serves package content only."))
    elif request.endpoint in ("content.serve", "content_origin.serve", "bridge.wrapper"):
        raise NotFound(_("Package content is served from the content origin."))
    return None


@blueprint.get("/content/g/<int:version_id>/<grant>/<path:path>")
def serve(version_id: int, grant: str, path: str):
    granted = read_content_grant(grant, version_id)
    user = db.session.get(User, granted.user_id)
    if user is None:
        raise Forbidden(_("This content link is not valid."))
    version = readable_version(version_id, user)
    return file_response(version.id, path,
                         content_security_policy(f"'self' {granted.lms_origin}"))
