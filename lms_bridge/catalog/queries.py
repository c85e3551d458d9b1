"""Catalog reads."""
from __future__ import annotations

from sqlalchemy import select

from ..db import db
from ..errors import NotFound
from .models import Module, PackageVersion, VersionState


def module_by_slug(slug: str) -> Module:
    module = db.session.scalar(select(Module).where(Module.slug == slug))
    if module is None:
        raise NotFound(f"No module {slug!r}.")
    return module


def published_version(module_id: int) -> PackageVersion | None:
    """What a new launch of the module gets: its published version, if any."""
    return db.session.scalar(select(PackageVersion).where(
        PackageVersion.module_id == module_id, PackageVersion.state == VersionState.PUBLISHED))


def versions_of(module_id: int) -> list[PackageVersion]:
    return list(db.session.scalars(select(PackageVersion).where(
        PackageVersion.module_id == module_id).order_by(PackageVersion.number.desc())))
