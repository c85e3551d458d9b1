"""Opening uploaded zip packages safely: inspect, then stream into place.

:func:`inspect_archive` judges an archive from its central directory alone (names, entry types,
entry count, declared sizes, per-entry and whole-archive ratios, overlapping entries) and says
what kind of package it is.
:func:`extract_package` does the same, refuses anything but a SCORM package with its manifest at
the root, then streams the entries into a temporary folder next to the destination, counting the
bytes actually inflated, and renames that folder onto the destination. Nothing is written before
every name has been judged; nothing is left behind on failure. :func:`extract_archive` is the
same for a zip of anything else (a module source): every safety rule, no manifest required.

Errors (see :mod:`scorm.archive.errors`)::

    ScormError
    └── ArchiveError (code, entry)
        ├── NotAZipError, CorruptArchiveError
        ├── UnsafeEntryError, ArchiveLimitError
        ├── NotScormPackageError (kind), ManifestNotAtRootError (folder)
        └── DestinationError
"""
from scorm.archive.errors import (
    ArchiveError,
    ArchiveLimitError,
    CorruptArchiveError,
    DestinationError,
    ManifestNotAtRootError,
    NotAZipError,
    NotScormPackageError,
    UnsafeEntryError,
)
from scorm.archive.extraction import extract_archive, extract_package
from scorm.archive.inspection import inspect_archive
from scorm.archive.model import (
    ArchiveEntry,
    ArchiveInfo,
    ArchiveLimits,
    ExtractedPackage,
    PackageKind,
)

__all__ = [
    "ArchiveEntry",
    "ArchiveError",
    "ArchiveInfo",
    "ArchiveLimitError",
    "ArchiveLimits",
    "CorruptArchiveError",
    "DestinationError",
    "ExtractedPackage",
    "ManifestNotAtRootError",
    "NotAZipError",
    "NotScormPackageError",
    "PackageKind",
    "UnsafeEntryError",
    "extract_archive",
    "extract_package",
    "inspect_archive",
]
