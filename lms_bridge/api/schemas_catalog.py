"""Request and response bodies of the catalog API."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from scorm.source import CompletionRule

from ..catalog.models import AttemptsCount, ForceNewAttempt, GradingMethod, VersionState
from ..catalog.settings import MAX_ATTEMPTS
from .schemas import In, Out


class VersionSummaryOut(Out):
    id: int
    number: int
    state: VersionState
    scorm_version: str
    title: str
    language: str = Field(description="The language edition this version is: a language (en, "
                                      "fr) or a national variant (en-KE); a module has one "
                                      "published version per edition")
    sha256: str
    original_filename: str
    imported_at: datetime
    published_at: datetime | None
    retired_at: datetime | None


class ModuleOut(Out):
    id: int
    slug: str
    title: str
    topic: str
    language: str
    description: str
    completion_rule: CompletionRule
    min_score: float | None


class ModuleDetailOut(ModuleOut):
    versions: list[VersionSummaryOut]
    published_editions: dict[str, int] = Field(
        description="edition code -> id of its published version, the module's default "
                    "language first; a learner launches the one of their language")


class VersionOut(VersionSummaryOut):
    module: ModuleOut
    size_bytes: int
    unpacked_bytes: int
    file_count: int
    report: dict[str, Any] = Field(
        description="Validation report: version, organization, launchable items (delivery "
                    "order, launch URL, sco/asset), findings (code, severity, file, line, "
                    "message, hint)")


class ReportOut(Out):
    importable: bool
    version: str | None
    organization: str | None
    launchable_items: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    counts: dict[str, int]


class RetireIn(In):
    reason: str = Field("", max_length=2000)


class UrlImportIn(In):
    url: str = Field(max_length=2000)
    recheck: bool = True


class ModuleSettingsIn(In):
    """Every setting, sent whole (PUT): null for "no minimum score" and "unlimited attempts"."""

    completion_rule: CompletionRule
    min_score: float | None = Field(
        ge=0, le=100,
        description="Percent (0-100); only with a rule that involves passing, else null")
    max_attempts: int | None = Field(ge=1, le=MAX_ATTEMPTS,
                                     description=f"1 to {MAX_ATTEMPTS}; null: unlimited")
    force_new_attempt: ForceNewAttempt
    lock_after_final: bool
    grading_method: GradingMethod
    attempts_count: AttemptsCount
    auto_continue: bool = Field(description="Used by SCORM 1.2 packages only")


class ModuleSettingsOut(Out):
    slug: str
    completion_rule: CompletionRule
    min_score: float | None
    max_attempts: int | None
    force_new_attempt: ForceNewAttempt
    lock_after_final: bool
    grading_method: GradingMethod
    attempts_count: AttemptsCount
    auto_continue: bool


class BuildQuery(In):
    """Which build of a module's source to export (``GET /modules/<slug>/build``)."""

    scorm: Literal["1.2", "2004"] = "2004"
    lang: str | None = Field(default=None, max_length=35,
                             description="a language of the module; default: its first")
    units: Literal["single", "per-lesson"] = Field(
        default="single", description="single: the whole module as one SCO (recommended; "
        "Moodle); per-lesson: one SCO per lesson, for players that sequence SCOs")
