"""Keeping an uploaded module source: checked like a package, validated like a build, stored.

Order: the edition code and the source it was made from are checked; the zip is unpacked with
every rule of ``scorm.archive`` into a server-named folder of the content store (refusals carry
the same codes and messages as for SCORM zips); the source is loaded with ``scorm.source`` (every
problem with its file and line) and must have the edition's folder (``es/``; ``en/`` or
``en-KE/`` for the national variant ``en-KE``); only then is the row committed
and the folder moved into place. Any refusal leaves nothing: no row, no file.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from scorm.archive import ArchiveError, ArchiveLimits
from scorm.source import SourceError, SourceFinding, load_module_source
from scorm.source.archive import pack_source, unpack_source
from scorm.source.yaml_lines import YamlMap, YamlSyntaxError, load_yaml_file

from ...accounts.models import Administration, User
from ...accounts.operations import record_audit
from ...accounts.permissions import Action, require
from ...db import db
from ...errors import InvalidInput, LmsBridgeError
from ..builds import publish_edition
from ..editions import edition_language
from ..models import Module
from ..operations import archive_rejection, check_edition, configured_archive_limits
from .models import SourceUpload
from .storage import shipped_root, upload_root, uploads_folder

# A module source is text and a few pictures: far fewer files than a SCORM package may hold.
SOURCE_MAX_FILES = 2000
SAVE_CHUNK = 1024 * 1024


class SourceRejected(LmsBridgeError):
    """The uploaded source cannot be kept; ``details`` lists every problem (file, line)."""

    status, code = 422, "source_rejected"


def source_limits() -> ArchiveLimits:
    """The package limits of this installation, with a module source's smaller file count."""
    return dataclasses.replace(configured_archive_limits(), max_entries=SOURCE_MAX_FILES)


@dataclass(frozen=True)
class EditionTarget:
    """What an upload is checked against: the administration of a national variant's country
    (None for a language edition), so that a national coordinator uploads their own country's
    variants only (``permissions._in_scope``)."""

    administration_id: int | None


def edition_target(text: str) -> tuple[str, EditionTarget]:
    """``text`` as an edition code (``es``, ``en-KE``) and its target; a variant's country must
    be a member administration's. Raises InvalidInput."""
    edition = check_edition(text)
    country = edition.partition("-")[2]
    if not country:
        return edition, EditionTarget(None)
    administration_id = db.session.scalar(select(Administration.id).where(
        Administration.country_code == country))
    if administration_id is None:
        raise InvalidInput(_("No member administration has the country code %(code)s.",
                             code=country), [{"field": "country", "problem": "unknown country"}])
    return edition, EditionTarget(administration_id)


def build_language(languages: tuple[str, ...], edition: str) -> str | None:
    """The language folder of a source that edition ``edition`` is built from: the edition's
    own folder if the source has one (``en-KE/``), else its language's (``en/`` for ``en-KE``);
    None when the source has neither."""
    for candidate in (edition, edition_language(edition)):
        if candidate in languages:
            return candidate
    return None


def based_on_upload(module: Module, based_on_id: int | None) -> SourceUpload | None:
    """The earlier upload of ``module`` an upload was made from (None: the shipped source)."""
    if based_on_id is None:
        if shipped_root(module.slug) is None:
            raise InvalidInput(_("This module has no shipped source: choose the upload your "
                                 "source was made from."), [{"field": "based_on",
                                                             "problem": "missing"}])
        return None
    based_on = db.session.get(SourceUpload, based_on_id)
    if based_on is None or based_on.module_id != module.id:
        raise InvalidInput(_("Choose a source of this module."),
                           [{"field": "based_on", "problem": "not a source of this module"}])
    return based_on


def upload_source(actor: User | None, module: Module, upload: FileStorage | None, edition: str,
                  based_on_id: int | None) -> tuple[SourceUpload, bool]:
    """Check and keep an uploaded source of ``module`` for ``edition``; (row, created).

    Identical files already kept for the same edition create nothing (created False).
    Raises InvalidInput (no file, bad edition or base), Forbidden (an edition the actor may not
    upload), SourceRejected (every problem found).
    """
    edition, target = edition_target(edition)
    if actor is not None:
        require(actor, Action.UPLOAD_MODULE_EDITION, target)
    if upload is None or not upload.filename:
        raise InvalidInput(_("Choose the module's source (.zip) to upload."),
                           [{"field": "source", "problem": "missing"}])
    based_on = based_on_upload(module, based_on_id)
    workdir = uploads_folder() / f".upload-{secrets.token_hex(8)}"
    workdir.mkdir()
    try:
        root = _unpacked(upload, workdir, module.slug)
        _load_checked(root, edition)
        return _keep(actor, module, root, edition, based_on,
                     Path(upload.filename.replace("\\", "/")).name[:255] or "source.zip")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _unpacked(upload: FileStorage, workdir: Path, slug: str) -> Path:
    zip_path = workdir / "upload.zip"
    with zip_path.open("xb") as out:
        for chunk in iter(lambda: upload.stream.read(SAVE_CHUNK), b""):
            out.write(chunk)
    (workdir / "source").mkdir()
    try:
        return unpack_source(zip_path, workdir / "source", slug, source_limits())
    except ArchiveError as exc:
        refusal = archive_rejection(exc, source_limits())
        raise SourceRejected(_("This file cannot be used as a module source: %(problem)s",
                               problem=refusal.details[0]["message"]), refusal.details) from None
    except SourceError as exc:
        raise _rejected(exc.findings) from None


def _rejected(findings) -> SourceRejected:
    details = [{"file": f.file, "line": f.line, "severity": f.severity.value,
                "message": f.message} for f in findings]
    errors = sum(1 for d in details if d["severity"] == "error")
    return SourceRejected(ngettext("The source has %(num)d problem to fix; nothing was kept.",
                                   "The source has %(num)d problems to fix; nothing was kept.",
                                   errors), details)


def _load_checked(root: Path, edition: str) -> None:
    """Validate the source; it must also have the folder ``edition`` is built from.
    Raises SourceRejected."""
    try:
        source = load_module_source(root)
    except SourceError as exc:
        raise _rejected(exc.findings) from None
    if build_language(source.languages, edition) is None:
        language = edition_language(edition)
        raise _rejected([SourceFinding("module.yaml", _languages_line(root), _(
            "the edition's language '%(language)s' is not in 'languages' (%(languages)s): add "
            "it, with its folder %(language)s/ and its title, description and keywords",
            language=language, languages=", ".join(source.languages)))])


def _languages_line(root: Path) -> int:
    try:
        data = load_yaml_file(root / "module.yaml")
    except YamlSyntaxError:
        return 0
    return data.line_of("languages") if isinstance(data, YamlMap) else 0


def _keep(actor: User | None, module: Module, root: Path, edition: str,
          based_on: SourceUpload | None, filename: str) -> tuple[SourceUpload, bool]:
    digest = hashlib.sha256(pack_source(root, module.slug)).hexdigest()
    existing = db.session.scalar(select(SourceUpload).where(
        SourceUpload.module_id == module.id, SourceUpload.edition == edition,
        SourceUpload.sha256 == digest))
    if existing is not None:
        return existing, False
    row = SourceUpload(module_id=module.id, edition=edition, based_on_id=based_on and based_on.id,
                       based_on_edition=based_on.edition if based_on else "",
                       uploaded_by_id=actor.id if actor else None, sha256=digest,
                       original_filename=filename, file_count=_file_count(root))
    db.session.add(row)
    try:
        db.session.flush()
        target = upload_root(row.id, module.slug)
        target.parent.mkdir(parents=True)
        os.rename(root, target)  # the work folder is in the content store: same file system
        record_audit(actor, "source.uploaded", "module_source_upload", row.id,
                     f"Uploaded the {edition} source of {module.slug} ({filename})")
        db.session.commit()
    except BaseException:
        db.session.rollback()
        if row.id is not None:
            shutil.rmtree(upload_root(row.id, module.slug).parent, ignore_errors=True)
        raise
    return row, True


def _file_count(root: Path) -> int:
    return sum(1 for path in root.rglob("*") if path.is_file())


def publish_upload(actor: User | None, upload: SourceUpload):
    """Build the upload's edition reproducibly (per-lesson SCORM 2004, as the shipped modules),
    import and publish it as that edition of its module; returns the ImportResult.

    Raises as ``catalog.builds.publish_edition`` (SourceError, BuildError, PackageRejected,
    InvalidInput, Conflict).
    """
    if actor is not None:
        require(actor, Action.CUSTOMISE_MODULE)
    root = upload_root(upload.id, upload.module.slug)
    source = load_module_source(root)
    language = build_language(source.languages, upload.edition)
    result = publish_edition(root, language, upload.edition, actor)
    upload.published_version_id = result.version.id
    record_audit(actor, "source.published", "module_source_upload", upload.id,
                 f"Published the {upload.edition} source of {upload.module.slug} as version "
                 f"{result.version.number}")
    db.session.commit()
    return result
