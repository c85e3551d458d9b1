"""Catalog writes: import a package (safely), publish, retire, configure a module.

Import order: hash the upload (identical bytes for the module: say so, create nothing), extract
it with ``scorm.archive`` into the content store (a server-named temporary folder moved into
place atomically), validate it with ``scorm.validate``, and only then commit the version row. Any
failure removes what was written and rolls the session back, so nothing is half-imported.
Routes that save the upload themselves hash it while saving and hand the file over
(``sha256=``, ``move_original=True``), so a large upload is neither read twice nor copied.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select

from scorm.archive import ArchiveError, ArchiveLimits, extract_package
from scorm.manifest import ManifestError, parse_manifest
from scorm.validate import report_to_dict, validate_package

from ..accounts.models import User
from ..accounts.operations import record_audit
from ..accounts.permissions import Action, require
from ..db import db, utcnow
from ..errors import Conflict, InvalidInput, LmsBridgeError, NotFound
from .editions import edition_language, normalise_edition
from .archive_messages import archive_message
from .labels import catalog_label
from .models import Module, ModuleAttemptSettings, PackageVersion, VersionState
from .settings import ModuleSettings, check_settings, settings_of
from .store import content_store

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,98}[a-z0-9]$")


class PackageRejected(LmsBridgeError):
    """The upload is not an importable SCORM package; details say why and where."""

    status, code = 422, "package_rejected"


@dataclass(frozen=True)
class ImportResult:
    version: PackageVersion
    created: bool  # False: identical bytes were already imported for this module


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_slug(slug: str) -> str:
    if not SLUG.match(slug):
        raise InvalidInput(_("%(slug)s is not a module slug: use 2 to 100 lower-case letters, "
                             "digits and hyphens, starting and ending with a letter or digit.",
                             slug=repr(slug)),
                           [{"field": "module", "problem": "invalid slug"}])
    return slug


def check_edition(text: str) -> str:
    """``text`` as an edition code (``catalog.editions``); raises InvalidInput saying what
    is accepted."""
    code = normalise_edition(text)
    if code is None:
        raise InvalidInput(
            _("%(value)s is not an edition code: give a language such as en or fr, or a "
              "national variant such as en-KE (the language, a hyphen and the country code).",
              value=repr(str(text)[:40])),
            [{"field": "language", "problem": "not an edition code (xx or xx-YY)"}])
    return code


def _manifest_language(root: Path) -> str | None:
    """The language the package's manifest declares (LOM general/language), as an edition
    code of its language alone: a manifest's "fr-FR" names a locale, not a national variant."""
    try:
        declared = parse_manifest((root / "imsmanifest.xml").read_bytes()).metadata.language
    except (OSError, ManifestError):
        return None
    code = normalise_edition(declared)
    return edition_language(code) if code else None


def _module_for(slug: str, title: str, language: str) -> Module:
    module = db.session.scalar(select(Module).where(Module.slug == slug))
    if module is None:
        module = Module(slug=slug, title=title or slug, language=language)
        db.session.add(module)
        db.session.flush()
    return module


# The setting behind each configurable archive limit, named in the refusal for the admin.
_LIMIT_SETTINGS = {"archive.too_large": "MAX_PACKAGE_UNPACKED_BYTES",
                   "archive.archive_ratio_bomb": "MAX_PACKAGE_EXPANSION_RATIO"}


def configured_archive_limits() -> ArchiveLimits:
    """The archive limits with the admin's total-size and whole-archive ratio settings."""
    config = current_app.config
    return ArchiveLimits(max_total_bytes=config["MAX_PACKAGE_UNPACKED_BYTES"],
                         max_archive_ratio=config["MAX_PACKAGE_EXPANSION_RATIO"])


def archive_rejection(exc: ArchiveError, limits: ArchiveLimits | None = None) -> PackageRejected:
    """The 422 for an upload that is not a usable SCORM zip (one finding-shaped detail), its
    reason in the reader's language; ``limits``: those applied (default the configured ones)."""
    message = archive_message(exc, limits or configured_archive_limits())
    if exc.code in _LIMIT_SETTINGS:
        message += " " + _("(an administrator sets this limit: %(setting)s)",
                           setting=f"LMS_BRIDGE_{_LIMIT_SETTINGS[exc.code]}")
    detail = {"code": exc.code, "severity": "error", "entry": getattr(exc, "entry", None),
              "message": message}
    return PackageRejected(_("This file cannot be imported: %(problem)s", problem=message),
                           [detail])


def _validate_extracted(root: Path, files: tuple[str, ...]):
    manifest = (root / "imsmanifest.xml").read_bytes()
    report = validate_package(manifest, files, lambda name: (root / name).read_bytes())
    if not report.is_importable:
        details = report_to_dict(report)["findings"]
        errors = [f for f in details if f["severity"] == "error"]
        raise PackageRejected(ngettext("The package has %(num)d error; nothing was imported.",
                                       "The package has %(num)d errors; nothing was imported.",
                                       len(errors)), details)
    return report


def _keep_original(path: Path, target: Path, *, move: bool) -> None:
    if move:
        try:
            os.rename(path, target)  # same file system: no 200 MB copy for a 200 MB upload
            return
        except OSError:
            pass  # another file system (or device): copy instead
    shutil.copyfile(path, target)


def import_package(path: Path, slug: str, actor: User | None, *, original_filename: str,
                   limits: ArchiveLimits | None = None, move_original: bool = False,
                   sha256: str | None = None, title: str = "",
                   language: str | None = None) -> ImportResult:
    """Import a SCORM zip as a new draft version of module ``slug`` (created if needed, titled
    ``title`` or else as the package).

    ``language``: the edition this package is (``en``, ``fr``, ``en-KE``); default the language
    its manifest declares, else the module's. Raises InvalidInput when it is not an edition code.

    ``move_original``: ``path`` is a temporary file the caller drops afterwards (an upload, a
    download), so it is moved into the content store rather than copied. ``sha256``: its
    digest, when the caller computed it while writing the file (else it is read to hash it).
    ``limits``: default :func:`configured_archive_limits`.
    """
    if actor is not None:
        require(actor, Action.IMPORT_PACKAGE)
    check_slug(slug)
    asked = check_edition(language) if language else None
    digest = sha256 or sha256_of(path)
    existing = db.session.scalar(select(PackageVersion).join(Module).where(
        Module.slug == slug, PackageVersion.sha256 == digest))
    if existing is not None:
        return ImportResult(existing, created=False)
    store = content_store()
    staging = store.root / "content" / f".import-{digest[:16]}-{utcnow().timestamp():.0f}"
    try:
        try:
            extracted = extract_package(path, staging, limits or configured_archive_limits())
        except ArchiveError as exc:
            raise archive_rejection(exc, limits) from None
        report = _validate_extracted(extracted.root, extracted.files)
        summary = report_to_dict(report)
        declared = asked or _manifest_language(extracted.root)
        module = _module_for(slug, title or summary.get("title") or "", declared or "en")
        edition = declared or module.language or "en"
        number = (db.session.scalar(select(func.max(PackageVersion.number))
                                    .where(PackageVersion.module_id == module.id)) or 0) + 1
        version = PackageVersion(
            module_id=module.id, number=number, sha256=digest, scorm_version=summary["version"],
            title=summary.get("title") or module.title, language=edition, report=summary,
            size_bytes=path.stat().st_size, unpacked_bytes=extracted.total_bytes,
            file_count=len(extracted.files), original_filename=original_filename[:255],
            imported_by_id=actor.id if actor else None)
        db.session.add(version)
        db.session.flush()
        staging.rename(store.package_dir(version.id))
        _keep_original(path, store.original_path(version.id), move=move_original)
        record_audit(actor, "package.imported", "package_version", version.id,
                     f"Imported {original_filename} as {slug} v{number} "
                     f"(SCORM {summary['version']}, edition {edition})")
        db.session.commit()
        return ImportResult(version, created=True)
    except BaseException:
        db.session.rollback()
        shutil.rmtree(staging, ignore_errors=True)
        if "version" in locals() and version.id is not None:
            store.remove(version.id)
        raise


def _version(version_id: int) -> PackageVersion:
    version = db.session.get(PackageVersion, version_id)
    if version is None:
        raise NotFound(_("Package version %(id)d does not exist.", id=version_id))
    return version


def publish_version(actor: User | None, version_id: int) -> PackageVersion:
    """Make a draft the published version of its module's edition; the edition's previous one
    is retired, other editions stay published. Attempts already running on an older version
    keep it."""
    if actor is not None:
        require(actor, Action.PUBLISH_PACKAGE)
    version = _version(version_id)
    if version.state is not VersionState.DRAFT:
        raise Conflict(_("Only a draft can be published; this version is %(state)s.",
                         state=catalog_label(version.state)))
    now = utcnow()
    for other in db.session.scalars(select(PackageVersion).where(
            PackageVersion.module_id == version.module_id,
            PackageVersion.language == version.language,
            PackageVersion.state == VersionState.PUBLISHED)):
        other.state, other.retired_at = VersionState.RETIRED, now
    version.state, version.published_at = VersionState.PUBLISHED, now
    record_audit(actor, "package.published", "package_version", version.id,
                 f"Published {version.module.slug} v{version.number} ({version.language} edition)")
    db.session.commit()
    return version


def retire_version(actor: User | None, version_id: int, reason: str = "") -> PackageVersion:
    if actor is not None:
        require(actor, Action.PUBLISH_PACKAGE)
    version = _version(version_id)
    if version.state is VersionState.RETIRED:
        raise Conflict(_("This version is already retired."))
    version.state, version.retired_at = VersionState.RETIRED, utcnow()
    record_audit(actor, "package.retired", "package_version", version.id,
                 f"Retired {version.module.slug} v{version.number}", reason)
    db.session.commit()
    return version


def configure_module(actor: User | None, module: Module, values: ModuleSettings) -> ModuleSettings:
    """Save the module's completion rule and attempt settings with an audit event; commits.

    Takes effect for launches and gradings from now on: stored attempts and completions are not
    rewritten. Raises InvalidInput (field details) when ``values`` cannot be saved.
    """
    if actor is not None:
        require(actor, Action.CONFIGURE_MODULE, module)
    check_settings(values)
    old = settings_of(module)
    module.completion_rule, module.min_score = values.completion_rule, values.min_score
    stored = db.session.get(ModuleAttemptSettings, module.id)
    if stored is None:
        stored = ModuleAttemptSettings(module_id=module.id)
        db.session.add(stored)
    for name in ("max_attempts", "force_new_attempt", "lock_after_final", "grading_method",
                 "attempts_count", "auto_continue"):
        setattr(stored, name, getattr(values, name))
    before, after = old.as_plain(), values.as_plain()
    changed = sorted(name for name in after if before[name] != after[name])
    record_audit(actor, "module.configured", "module", module.id,
                 f"Changed the settings of {module.slug}: {', '.join(changed) or 'nothing'}",
                 old={n: before[n] for n in changed}, new={n: after[n] for n in changed})
    db.session.commit()
    return values
