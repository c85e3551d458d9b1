"""Package uploads (the import page and the API): a larger body limit, and a temporary file.

The app accepts request bodies of ``MAX_REQUEST_BYTES`` (1 MiB); the import routes alone accept
``MAX_UPLOAD_BYTES``. The limit is raised by an app-level hook that runs before every other one,
because CSRF protection reads the form (and so the body) before any blueprint hook would.
The upload is saved into a temporary folder that is removed whatever happens; the content store
only ever receives what ``import_package`` extracted and validated.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from flask import Flask, current_app, request
from werkzeug.datastructures import FileStorage

from scorm.archive import ArchiveError
from scorm.package_check import check_package_zip
from scorm.validate import report_to_dict

from ..accounts.models import User
from ..errors import InvalidInput
from .operations import ImportResult, archive_rejection, import_package

# Endpoints that receive a package body; the API module adds its own.
UPLOAD_ENDPOINTS: set[str] = {"catalog.import_page"}


def init_upload_limit(app: Flask) -> None:
    def _raise_limit_for_uploads() -> None:
        if request.endpoint in UPLOAD_ENDPOINTS:
            request.max_content_length = current_app.config["MAX_UPLOAD_BYTES"]

    app.before_request_funcs.setdefault(None, []).insert(0, _raise_limit_for_uploads)


def _uploaded_file(upload: FileStorage | None) -> FileStorage:
    if upload is None or not upload.filename:
        raise InvalidInput("Choose a SCORM package (.zip) to upload.",
                           [{"field": "package", "problem": "missing"}])
    return upload


def _file_name(upload: FileStorage) -> str:
    return Path(upload.filename.replace("\\", "/")).name[:255] or "package.zip"


def import_upload(upload: FileStorage | None, slug: str, actor: User | None) -> ImportResult:
    """Import an uploaded zip as a new version of ``slug``; raises PackageRejected, InvalidInput."""
    upload = _uploaded_file(upload)
    with tempfile.TemporaryDirectory(prefix="lms-bridge-upload-") as folder:
        path = Path(folder) / "upload.zip"
        upload.save(path)
        return import_package(path, slug, actor, original_filename=_file_name(upload))


def validate_upload(upload: FileStorage | None) -> dict:
    """The validation report of an uploaded zip, without importing or extracting it.

    Raises PackageRejected (not a usable SCORM zip), InvalidInput.
    """
    upload = _uploaded_file(upload)
    with tempfile.TemporaryDirectory(prefix="lms-bridge-upload-") as folder:
        path = Path(folder) / "upload.zip"
        upload.save(path)
        try:
            return report_to_dict(check_package_zip(path))
        except ArchiveError as exc:
            raise archive_rejection(exc) from None
