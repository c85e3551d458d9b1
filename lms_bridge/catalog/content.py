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
content in a sandboxed iframe. ``LMS_BRIDGE_CONTENT_ORIGIN`` names a separate origin for content
URLs (``content_url``); see the README for what that deployment needs.
"""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, current_app, request, send_file, url_for
from flask_login import login_required

from ..accounts.permissions import Action, require
from ..db import db
from ..errors import NotFound
from ..security import signed_in_user
from .models import PackageVersion
from .store import content_store

blueprint = Blueprint("content", __name__)

IN_MEMORY_BYTES = 4 * 1024 * 1024
CONTENT_SECURITY_POLICY = (
    "default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'")

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


def mime_type_of(path: str) -> str | None:
    """The type served for ``path``; None when it is not on the allowlist (a download)."""
    name = path.rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return MIME_TYPES.get(extension)


def content_url(version_id: int, path: str) -> str:
    """Where a package file is served, on the content origin when one is configured."""
    relative = url_for("content.serve", version_id=version_id, path=path)
    origin = current_app.config.get("CONTENT_ORIGIN")
    return origin + relative if origin else relative


def _readable_version(version_id: int) -> PackageVersion:
    version = db.session.get(PackageVersion, version_id)
    if version is None:
        raise NotFound(f"Package version {version_id} does not exist.")
    was_published = version.published_at is not None
    require(signed_in_user(), Action.OPEN_CONTENT if was_published else Action.PREVIEW_PACKAGE,
            version)
    return version


@blueprint.get("/content/<int:version_id>/<path:path>")
@login_required
def serve(version_id: int, path: str):
    version = _readable_version(version_id)
    file = content_store().resolve(version.id, path)
    mimetype = mime_type_of(path)
    if file.stat().st_size <= IN_MEMORY_BYTES:
        response = _small_file_response(file, mimetype)
    else:
        response = send_file(file, mimetype=mimetype or DOWNLOAD_TYPE,
                             as_attachment=mimetype is None, download_name=file.name,
                             conditional=True, etag=True, max_age=0)
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
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
