"""Response bodies of the module-source API (lms_bridge/catalog/sources)."""
from __future__ import annotations

from datetime import datetime

from pydantic import Field

from scorm.source.compare import ChangeKind

from .schemas import Out


class SourceUploadOut(Out):
    id: int
    edition: str = Field(description="a language (es) or a national variant (en-KE)")
    based_on_id: int | None = Field(description="the upload it was made from; null: the "
                                                "module's shipped source in packages/")
    based_on_edition: str
    uploaded_at: datetime
    sha256: str = Field(description="of the source's reproducible zip (GET .../source)")
    original_filename: str
    file_count: int
    published_version_id: int | None


class FileChangeOut(Out):
    name: str
    kind: ChangeKind
    is_text: bool
    added_lines: int
    removed_lines: int


class SourceUploadDetailOut(SourceUploadOut):
    changes: list[FileChangeOut] | None = Field(
        description="what changed against the source it was made from (null: that source "
                    "is gone)")
