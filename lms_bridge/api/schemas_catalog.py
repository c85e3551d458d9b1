"""Request and response bodies of the catalog API."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from scorm.source_model import CompletionRule

from ..catalog.models import VersionState
from .schemas import In, Out


class VersionSummaryOut(Out):
    id: int
    number: int
    state: VersionState
    scorm_version: str
    title: str
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
