"""Package uploads (the import page and the API): a larger body limit, and a temporary file.

The app accepts request bodies of ``MAX_REQUEST_BYTES`` (1 MiB); the import routes alone accept
``MAX_UPLOAD_BYTES``. The limit is raised by an app-level hook that runs before every other one,
because CSRF protection reads the form (and so the body) before any blueprint hook would.
The upload is saved into a temporary folder that is removed whatever happens, and hashed on the
way in; the content store only ever receives what ``import_package`` extracted and validated
(and the upload itself, moved there rather than copied once the import succeeds).
"""
from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from flask import Flask, current_app, request
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from scorm.archive import ArchiveError
from scorm.package_check import check_package_zip
from scorm.validate import report_to_dict

from ..accounts.models import User
from ..errors import InvalidInput
from .operations import ImportResult, archive_rejection, configured_archive_limits, import_package

SAVE_CHUNK = 1024 * 1024
# Endpoints that receive a package body; the API module adds its own.
UPLOAD_ENDPOINTS: set[str] = {"catalog.import_page"}


def init_upload_limit(app: Flask) -> None:
    def _raise_limit_for_uploads() -> None:
        if request.endpoint in UPLOAD_ENDPOINTS:
            request.max_content_length = current_app.config["MAX_UPLOAD_BYTES"]

    app.before_request_funcs.setdefault(None, []).insert(0, _raise_limit_for_uploads)


def _uploaded_file(upload: FileStorage | None) -> FileStorage:
    if upload is None or not upload.filename:
        raise InvalidInput(_("Choose a SCORM package (.zip) to upload."),
                           [{"field": "package", "problem": "missing"}])
    return upload


def _file_name(upload: FileStorage) -> str:
    return Path(upload.filename.replace("\\", "/")).name[:255] or "package.zip"


def import_upload(upload: FileStorage | None, slug: str, actor: User | None,
                  title: str = "", language: str | None = None) -> ImportResult:
    """Import an uploaded zip as a new version of ``slug`` (``title``: a new module's, default
    the package's; ``language``: its edition, see ``import_package``); raises PackageRejected,
    InvalidInput."""
    upload = _uploaded_file(upload)
    with tempfile.TemporaryDirectory(prefix="lms-bridge-upload-") as folder:
        path = Path(folder) / "upload.zip"
        digest = _save_hashing(upload, path)
        return import_package(path, slug, actor, original_filename=_file_name(upload),
                              move_original=True, sha256=digest, title=title,
                              language=language)


def _save_hashing(upload: FileStorage, path: Path) -> str:
    """Write the upload to ``path`` and return its sha256, computed on the way through."""
    digest = hashlib.sha256()
    with path.open("xb") as out:
        for chunk in iter(lambda: upload.stream.read(SAVE_CHUNK), b""):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def validate_upload(upload: FileStorage | None) -> dict:
    """The validation report of an uploaded zip, without importing or extracting it.

    Raises PackageRejected (not a usable SCORM zip), InvalidInput.
    """
    upload = _uploaded_file(upload)
    with tempfile.TemporaryDirectory(prefix="lms-bridge-upload-") as folder:
        path = Path(folder) / "upload.zip"
        upload.save(path)
        try:
            return report_to_dict(check_package_zip(path, configured_archive_limits()))
        except ArchiveError as exc:
            raise archive_rejection(exc) from None
