"""Serving package content: ``/content/<version id>/<path>`` from the content store, never executed.

Every response names its type from an allowlist (by extension; anything else is a download of
``application/octet-stream``), says ``nosniff``, and carries a Content-Security-Policy for SCORM
content: real packages need inline and eval'd script (authoring tools emit both), so scripts may
run, but only from this origin, nothing may be framed or plugged in, and the page may only be
framed by this origin (the player). ETag/If-None-Match (304) and Range (206, 416) come from
Werkzeug's conditional responses. Every path is re-checked for containment
(``ContentStore.resolve``).

Access: any signed-in user may open a version that has been published (a retired one too, so
that attempts started on it can finish); drafts only with ``Action.PREVIEW_PACKAGE``.

Isolation: the session cookie is HttpOnly (content scripts cannot read it); the player frames
content in a sandboxed iframe. When ``LMS_BRIDGE_CONTENT_ORIGIN`` names a separate origin, this
route refuses to serve (content must not run on the LMS origin) and content is served there by
``content_origin`` under a signed grant (``grants``); ``content_url`` gives the right address.
"""
from __future__ import annotations

import re
from pathlib import Path

from flask import Blueprint, Response, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ..accounts.permissions import Action, require
from ..db import db
from ..errors import NotFound
from ..security import signed_in_user
from .grants import ContentGrant, content_origin, issue_content_grant, lms_origin
from .models import PackageVersion
from .store import content_store

blueprint = Blueprint("content", __name__)

IN_MEMORY_BYTES = 4 * 1024 * 1024


def content_security_policy(frame_ancestors: str = "'self'") -> str:
    """The policy of every content response; on the content origin the LMS origin may frame it
    too (it frames the bridge, which frames the content)."""
    return ("default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:; "
            "object-src 'none'; base-uri 'self'; form-action 'self'; "
            f"frame-ancestors {frame_ancestors}")


CONTENT_SECURITY_POLICY = content_security_policy()

MIME_TYPES = {
    "html": "text/html", "htm": "text/html", "xhtml": "application/xhtml+xml",
    "js": "text/javascript", "mjs": "text/javascript", "css": "text/css",
    "json": "application/json", "xml": "application/xml", "xsd": "application/xml",
    "txt": "text/plain", "vtt": "text/vtt", "srt": "text/plain", "pdf": "application/pdf",
    "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
    "svg": "image/svg+xml", "webp": "image/webp", "ico": "image/x-icon", "bmp": "image/bmp",
    "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
    "eot": "application/vnd.ms-fontobject",
    "mp3": "audio/mpeg", "m4a": "audio/mp4", "ogg": "audio/ogg", "oga": "audio/ogg",
    "wav": "audio/wav", "mp4": "video/mp4", "m4v": "video/mp4", "webm": "video/webm",
    "ogv": "video/ogg", "wasm": "application/wasm",
}
DOWNLOAD_TYPE = "application/octet-stream"

# A NUL cannot even reach the file system (the OS call raises), and a control character in a URL
# is a forged or broken link, never a package's own file reference: such a path names nothing.
_CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f]")


def mime_type_of(path: str) -> str | None:
    """The type served for ``path``; None when it is not on the allowlist (a download)."""
    name = path.rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return MIME_TYPES.get(extension)


@blueprint.app_template_global()
def content_url(version_id: int, path: str, grant: str | None = None) -> str:
    """Where a package file is served for the signed-in user: on the content origin, under a
    grant (``grant``, or a fresh one), when one is configured; else on this origin."""
    origin = content_origin()
    if origin is None:
        return url_for("content.serve", version_id=version_id, path=path)
    if grant is None:
        user = signed_in_user()
        grant = issue_content_grant(ContentGrant(version_id, user.id if user else 0, lms_origin()))
    return origin + url_for("content_origin.serve", version_id=version_id, grant=grant, path=path)


def readable_version(version_id: int, user) -> PackageVersion:
    """The version, if ``user`` may open its content; NotFound, Unauthorized or Forbidden."""
    version = db.session.get(PackageVersion, version_id)
    if version is None:
        raise NotFound(_("Package version %(id)d does not exist.", id=version_id))
    was_published = version.published_at is not None
    require(user, Action.OPEN_CONTENT if was_published else Action.PREVIEW_PACKAGE, version)
    return version


@blueprint.get("/content/<int:version_id>/<path:path>")
@login_required
def serve(version_id: int, path: str):
    version = readable_version(version_id, signed_in_user())
    return file_response(version.id, path, CONTENT_SECURITY_POLICY)


def file_response(version_id: int, path: str, policy: str) -> Response:
    """A package file (contained in its package) with the content headers; NotFound when
    ``path`` names nothing in it."""
    if _CONTROL_CHARACTER.search(path):
        raise NotFound(_("No such file in this package: its path has a control character."))
    file = content_store().resolve(version_id, path)
    mimetype = mime_type_of(path)
    if file.stat().st_size <= IN_MEMORY_BYTES:
        response = _small_file_response(file, mimetype)
    else:
        response = send_file(file, mimetype=mimetype or DOWNLOAD_TYPE,
                             as_attachment=mimetype is None, download_name=file.name,
                             conditional=True, etag=True, max_age=0)
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["Content-Security-Policy"] = policy
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def _small_file_response(file: Path, mimetype: str | None) -> Response:
    """Most package files: read at once, so no file handle outlives a cancelled download
    (browsers abort images and media all the time); ETag, 304 and ranges as for large files."""
    stat = file.stat()
    response = Response(file.read_bytes(), mimetype=mimetype or DOWNLOAD_TYPE)
    if mimetype is None:
        response.headers.set("Content-Disposition", "attachment", filename=file.name)
    response.set_etag(f"{stat.st_mtime_ns:x}-{stat.st_size:x}")
    response.last_modified = stat.st_mtime
    return response.make_conditional(request, accept_ranges=True, complete_length=stat.st_size)
