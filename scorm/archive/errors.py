"""Errors raised while inspecting or extracting an uploaded package.

Every error carries a stable ``code`` (shown by the web layer and the CLI, safe to match on) and,
when one entry is at fault, ``entry``: that entry's name as stored in the zip. Tree::

    ScormError
    └── ArchiveError                 archive.*
        │                            archive.unseekable (the stream given cannot seek)
        ├── NotAZipError             archive.not_zip
        ├── CorruptArchiveError      archive.corrupt
        ├── UnsafeEntryError         archive.traversal, archive.absolute_path,
        │                            archive.drive_letter, archive.backslash,
        │                            archive.control_character,
        │                            archive.invalid_name, archive.too_deep, archive.path_too_long,
        │                            archive.symlink, archive.special_file, archive.duplicate,
        │                            archive.case_collision, archive.encrypted,
        │                            archive.unsupported_compression
        ├── ArchiveLimitError        archive.too_many_entries, archive.too_large,
        │                            archive.ratio_bomb, archive.archive_ratio_bomb,
        │                            archive.overlapping_entries
        ├── NotScormPackageError     archive.no_manifest, archive.not_scorm_aicc,
        │                            archive.not_scorm_cmi5, archive.not_scorm_xapi
        ├── ManifestNotAtRootError   archive.manifest_not_at_root
        └── DestinationError         archive.destination_exists,
                                     archive.destination_parent_missing, archive.write_failed
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from scorm.errors import ScormError

if TYPE_CHECKING:
    from scorm.archive.model import PackageKind


class ArchiveError(ScormError):
    """An uploaded archive cannot be accepted; ``code`` says why, ``entry`` names the culprit."""

    code = "archive.error"

    def __init__(self, message: str, *, code: str | None = None, entry: str | None = None):
        super().__init__(message)
        if code is not None:
            self.code = code
        self.entry = entry


class NotAZipError(ArchiveError):
    """The upload is not a zip file at all (whatever its name says)."""

    code = "archive.not_zip"


class CorruptArchiveError(ArchiveError):
    """The upload looks like a zip but is truncated or damaged."""

    code = "archive.corrupt"


class UnsafeEntryError(ArchiveError):
    """An entry could write outside the package, or is not a plain file or folder."""

    @classmethod
    def for_entry(cls, name: str, reason: str, problem: str) -> UnsafeEntryError:
        """Build the error for entry ``name``; ``reason`` is the code without its prefix."""
        return cls(f"zip entry {name!r} {problem}", code=f"archive.{reason}", entry=name)


class ArchiveLimitError(ArchiveError):
    """The archive exceeds a configured limit (entry count, size, compression ratio)."""


class NotScormPackageError(ArchiveError):
    """The archive is readable but is not a SCORM package; ``kind`` says what it is instead."""

    code = "archive.no_manifest"

    def __init__(self, message: str, *, kind: PackageKind, code: str | None = None,
                 entry: str | None = None):
        super().__init__(message, code=code, entry=entry)
        self.kind = kind


class ManifestNotAtRootError(ArchiveError):
    """``imsmanifest.xml`` is inside a folder; ``folder`` says which one."""

    code = "archive.manifest_not_at_root"

    def __init__(self, message: str, *, folder: str, entry: str):
        super().__init__(message, entry=entry)
        self.folder = folder


class DestinationError(ArchiveError):
    """The extraction target cannot be used or written."""
