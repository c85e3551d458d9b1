"""Reading module sources: the uploads of a module, a source as a zip, what an upload changed."""
from __future__ import annotations

from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import func, select

from scorm.builder.pages import markup_removed_from
from scorm.source import SourceError, load_module_source
from scorm.source.archive import pack_source
from scorm.source.compare import FileChange, compare_sources

from ...accounts.models import Administration
from ...db import db
from ...errors import NotFound
from ..models import Module
from .models import SourceUpload
from .storage import shipped_root, upload_root


def administrations() -> list[tuple[int, str, str]]:
    """(id, country code, name) of every member administration, by country code."""
    return [tuple(row) for row in db.session.execute(select(
        Administration.id, Administration.country_code, Administration.name)
        .order_by(Administration.country_code))]


def customisable_modules() -> list[tuple[Module, int]]:
    """(module, number of uploaded sources) of every module with a shipped source or an upload,
    by title."""
    counts = dict(db.session.execute(select(SourceUpload.module_id, func.count())
                                     .group_by(SourceUpload.module_id)).all())
    modules = db.session.scalars(select(Module).order_by(Module.title))
    return [(module, counts.get(module.id, 0)) for module in modules
            if module.id in counts or shipped_root(module.slug) is not None]


def uploads_of(module: Module) -> list[SourceUpload]:
    """The module's uploaded sources, newest first."""
    return list(db.session.scalars(select(SourceUpload).where(
        SourceUpload.module_id == module.id).order_by(SourceUpload.id.desc())))


def upload_by_id(upload_id: int) -> SourceUpload:
    upload = db.session.get(SourceUpload, upload_id)
    if upload is None:
        raise NotFound(_("Uploaded source %(id)d does not exist.", id=upload_id))
    return upload


def stored_root(upload: SourceUpload) -> Path:
    """The folder of an uploaded source; raises NotFound when the content store lost it."""
    root = upload_root(upload.id, upload.module.slug)
    if not (root / "module.yaml").is_file():
        raise NotFound(_("The files of this source are missing from the content store."))
    return root


def shipped_source_zip(module: Module) -> tuple[bytes, str]:
    """The reproducible zip of the module's shipped source and its file name."""
    root = shipped_root(module.slug)
    if root is None:
        raise NotFound(_("Module %(slug)s has no source in packages/.", slug=module.slug))
    return pack_source(root, module.slug), f"{module.slug}-source.zip"


def uploaded_source_zip(upload: SourceUpload) -> tuple[bytes, str]:
    """The reproducible zip of an uploaded source (its sha256 is the row's) and its file name."""
    slug = upload.module.slug
    return (pack_source(stored_root(upload), slug),
            f"{slug}-{upload.edition}-source-{upload.id}.zip")


def base_root(upload: SourceUpload) -> Path | None:
    """The folder of the source ``upload`` was made from, None when it is gone."""
    if upload.based_on_id is None:
        return shipped_root(upload.module.slug)
    root = upload_root(upload.based_on_id, upload.module.slug)
    return root if (root / "module.yaml").is_file() else None


def changes_of(upload: SourceUpload) -> list[FileChange] | None:
    """What ``upload`` changes against the source it came from (None: that source is gone)."""
    base = base_root(upload)
    return None if base is None else compare_sources(base, stored_root(upload))


def cleaning_notes(upload: SourceUpload) -> list[tuple[str, list[str]]]:
    """(lesson file, what building removes from it) for each lesson of the upload whose raw HTML
    loses script, frames, styles or unknown attributes when built."""
    try:
        source = load_module_source(stored_root(upload))
    except SourceError:
        return []
    return [(lesson.file, removed) for lessons in source.lessons.values() for lesson in lessons
            if (removed := markup_removed_from(lesson))]
