"""Catalog reads."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from scorm.manifest import Manifest, ManifestError, parse_manifest

from ..db import db
from ..errors import NotFound
from .models import Module, PackageVersion, UrlImport, VersionState
from .store import content_store


def modules() -> list[Module]:
    """Every module, by title (the import page's list)."""
    return list(db.session.scalars(select(Module).order_by(Module.title, Module.slug)))


def module_by_slug(slug: str) -> Module:
    module = db.session.scalar(select(Module).where(Module.slug == slug))
    if module is None:
        raise NotFound(_("No module %(slug)s.", slug=repr(slug)))
    return module


def published_editions(module: Module) -> dict[str, PackageVersion]:
    """The module's published version of each edition, its default language first, then by
    edition code (the order ``editions.choose_edition`` takes as "the module's first")."""
    versions = db.session.scalars(select(PackageVersion).where(
        PackageVersion.module_id == module.id, PackageVersion.state == VersionState.PUBLISHED))
    ordered = sorted(versions, key=lambda v: (v.language != module.language, v.language))
    return {version.language: version for version in ordered}


def published_version(module_id: int, edition: str | None = None) -> PackageVersion | None:
    """The published version of the module's ``edition``; without one, that of its default
    language, else its first published edition; None when there is none."""
    module = db.session.get(Module, module_id)
    if module is None:
        return None
    editions = published_editions(module)
    if edition is not None:
        return editions.get(edition)
    return next(iter(editions.values()), None)


def versions_of(module_id: int) -> list[PackageVersion]:
    return list(db.session.scalars(select(PackageVersion).where(
        PackageVersion.module_id == module_id).order_by(PackageVersion.number.desc())))


def version_by_id(version_id: int) -> PackageVersion:
    version = db.session.get(PackageVersion, version_id)
    if version is None:
        raise NotFound(_("Package version %(id)d does not exist.", id=version_id))
    return version


def modules_with_versions() -> list[tuple[Module, list[PackageVersion]]]:
    """Every module (by title) with its versions, newest first (the catalog list)."""
    modules = list(db.session.scalars(select(Module).order_by(Module.title, Module.slug)))
    by_module: dict[int, list[PackageVersion]] = {m.id: [] for m in modules}
    for version in db.session.scalars(select(PackageVersion).order_by(
            PackageVersion.module_id, PackageVersion.number.desc())):
        by_module[version.module_id].append(version)
    return [(module, by_module[module.id]) for module in modules]


def url_import_of(module_id: int) -> UrlImport | None:
    return db.session.scalar(select(UrlImport).where(UrlImport.module_id == module_id))


def package_tree(version: PackageVersion) -> Manifest | None:
    """The stored package's manifest as a tree (organizations, items, resources); None if unreadable."""
    path = content_store().package_dir(version.id) / "imsmanifest.xml"
    try:
        return parse_manifest(path.read_bytes())
    except (OSError, ManifestError):
        return None
