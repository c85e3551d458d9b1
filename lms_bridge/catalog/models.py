"""Catalog tables: a Module is what learners and prerequisites refer to; it may have
SCORM package versions (local content) or exist only on a remote LMS.

A module's attempt and grading settings (``ModuleAttemptSettings``, table
``player_module_settings``) are the catalog's too: the catalog's settings page and API edit
them, the player only reads them (``catalog.settings.module_settings``). Owning them here keeps
the dependency one-way, player -> catalog.
"""
from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from scorm.source import CompletionRule

from ..accounts.models import User
from ..db import Base, UtcDateTime, enum_type, utcnow


class Module(Base):
    __tablename__ = "module"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    topic: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(8), default="en")
    description: Mapped[str] = mapped_column(Text, default="")
    # When an attempt counts as done (cmi5 moveOn vocabulary) and the minimum score (percent).
    completion_rule: Mapped[CompletionRule] = mapped_column(
        enum_type(CompletionRule), default=CompletionRule.COMPLETED_AND_PASSED)
    min_score: Mapped[float | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class VersionState(enum.Enum):
    DRAFT = "draft"
    PUBLISHED = "published"
    RETIRED = "retired"


class PackageVersion(Base):
    """One imported SCORM package of a module; its files live in the content store by id."""

    __tablename__ = "package_version"
    # Named explicitly: the naming convention uses the first column only, so both would be
    # "uq_package_version_module_id", which PostgreSQL refuses (constraint names are global).
    __table_args__ = (UniqueConstraint("module_id", "number", name="uq_package_version_number"),
                      UniqueConstraint("module_id", "sha256", name="uq_package_version_sha256"))

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("module.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column()
    sha256: Mapped[str] = mapped_column(String(64))
    scorm_version: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300))
    # The language edition this package is (``catalog.editions``: ``en``, ``fr``, ``en-KE``);
    # a module has at most one published version per edition.
    language: Mapped[str] = mapped_column(String(16), default="en")
    state: Mapped[VersionState] = mapped_column(enum_type(VersionState), default=VersionState.DRAFT)
    # scorm.validate.report_to_dict: version, organization, launchable items, findings.
    report: Mapped[dict[str, Any]] = mapped_column(JSON)
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    unpacked_bytes: Mapped[int] = mapped_column(BigInteger)
    file_count: Mapped[int] = mapped_column()
    original_filename: Mapped[str] = mapped_column(String(255))
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    retired_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    module: Mapped[Module] = relationship(lazy="joined")
    imported_by: Mapped[User | None] = relationship()

    @property
    def is_launchable(self) -> bool:
        return self.state is VersionState.PUBLISHED


class UrlImport(Base):
    """Where a module's package is fetched from by URL, for re-checks that import new bytes."""

    __tablename__ = "url_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("module.id", ondelete="CASCADE"),
                                           unique=True)
    url: Mapped[str] = mapped_column(String(2000))
    recheck: Mapped[bool] = mapped_column(default=True)
    last_checked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_sha256: Mapped[str | None] = mapped_column(String(64))
    # Empty after a good check; the error message of the last failed fetch or import otherwise.
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    module: Mapped[Module] = relationship(lazy="joined")


class ForceNewAttempt(enum.Enum):
    """When a launch starts a new attempt instead of continuing the last one (Moodle's names)."""

    NEVER = "never"
    WHEN_COMPLETED = "when_completed"
    ALWAYS = "always"


class GradingMethod(enum.Enum):
    """How one attempt's grade (0-100) is computed from its SCOs."""

    LEARNING_OBJECTS = "learning_objects"  # number of completed/passed SCOs
    HIGHEST = "highest"
    AVERAGE = "average"
    SUM = "sum"


class AttemptsCount(enum.Enum):
    """Which attempt's grade is the module's grade."""

    HIGHEST = "highest"
    AVERAGE = "average"
    FIRST = "first"
    LAST_COMPLETED = "last_completed"


class ModuleAttemptSettings(Base):
    """Attempt and grading settings of a module; a module without a row gets the defaults."""

    __tablename__ = "player_module_settings"

    module_id: Mapped[int] = mapped_column(ForeignKey("module.id", ondelete="CASCADE"),
                                           primary_key=True)
    max_attempts: Mapped[int | None] = mapped_column()  # None: unlimited
    force_new_attempt: Mapped[ForceNewAttempt] = mapped_column(
        enum_type(ForceNewAttempt), default=ForceNewAttempt.NEVER)
    lock_after_final: Mapped[bool] = mapped_column(default=True)
    grading_method: Mapped[GradingMethod] = mapped_column(
        enum_type(GradingMethod), default=GradingMethod.HIGHEST)
    attempts_count: Mapped[AttemptsCount] = mapped_column(
        enum_type(AttemptsCount), default=AttemptsCount.HIGHEST)
    # SCORM 1.2 only (Moodle's "auto-continue"): when a SCO finishes, the next one opens
    auto_continue: Mapped[bool] = mapped_column(default=False, server_default=false())
