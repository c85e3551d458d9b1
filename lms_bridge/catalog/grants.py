"""Content grants: what authorises a request for package content on the content origin.

No sign-in cookie reaches the content origin (it is another host), so every content URL there
carries a grant in its path (``/content/g/<version id>/<grant>/<file>``: relative links inside a
package keep the grant). A grant is signed with the app's SECRET_KEY (itsdangerous, own salt)
and binds the package version, the person it was issued to, and the LMS origin that issued it
(the only origin allowed to frame the content and to talk to the wrapper page).

Lifetime: ``GRANT_SECONDS`` (12 hours). A learner session of one SCO can last hours, and a grant
expiring mid-lesson would break the lesson's later file loads, so the lifetime is a working day
rather than minutes; every player page (each launch, each SCO, each resume) issues a fresh one,
which is how a grant is renewed. Access is re-checked on every request (a deactivated account or
a withdrawn draft loses access at once), so the lifetime only bounds what a leaked URL can read:
that version's files, for that long.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from flask import current_app, request
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ..errors import Forbidden

_SALT = "lms-bridge.catalog.content-grant"
GRANT_SECONDS = 12 * 3600


@dataclass(frozen=True)
class ContentGrant:
    version_id: int
    user_id: int
    lms_origin: str  # e.g. https://lms.example.org: who may frame the content and the wrapper


def content_origin() -> str | None:
    """The configured content origin (``LMS_BRIDGE_CONTENT_ORIGIN``), or None."""
    return current_app.config.get("CONTENT_ORIGIN")


def is_content_origin_request() -> bool:
    """Whether this request arrived on the content origin's host (rather than the LMS's)."""
    origin = content_origin()
    return origin is not None and _without_default_port(request.host) == _without_default_port(
        urlsplit(origin).netloc)


def _without_default_port(host: str) -> str:
    host = host.lower()
    return host.removesuffix(":443").removesuffix(":80")


def lms_origin() -> str:
    """The origin of this (LMS) request. Behind a TLS proxy the app may see plain http; when the
    content origin is https the LMS must be too (a browser does not frame https content in an
    http page's bridge), so https is assumed then."""
    origin = content_origin() or ""
    scheme = "https" if request.is_secure or origin.startswith("https://") else request.scheme
    return f"{scheme}://{request.host}"


@lru_cache(maxsize=4)
def _serializer_for(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=_SALT)


def _serializer() -> URLSafeTimedSerializer:
    return _serializer_for(current_app.config["SECRET_KEY"])


def issue_content_grant(grant: ContentGrant) -> str:
    """A signed, URL-safe grant string, valid for GRANT_SECONDS from now."""
    return _serializer().dumps([grant.version_id, grant.user_id, grant.lms_origin])


def read_content_grant(text: str, version_id: int) -> ContentGrant:
    """The grant ``text`` carries, if it is genuine, unexpired and for ``version_id``.

    Raises Forbidden otherwise (the message says which)."""
    try:
        granted_version, user_id, origin = _serializer().loads(text, max_age=GRANT_SECONDS)
    except SignatureExpired:
        raise Forbidden(_("This content link has expired; open the lesson again.")) from None
    except (BadSignature, ValueError, TypeError):
        raise Forbidden(_("This content link is not valid.")) from None
    if granted_version != version_id:
        raise Forbidden(_("This content link is for another package version."))
    return ContentGrant(int(granted_version), int(user_id), str(origin))
