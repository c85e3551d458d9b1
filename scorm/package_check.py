"""Validate a SCORM zip where it lies, without extracting it anywhere.

:func:`check_package_zip` judges the archive with :func:`scorm.archive.inspect_archive` (names,
entry types, declared sizes and ratios, overlapping entries), refuses anything but a SCORM
package with its manifest at the root, and then validates the manifest with
:func:`scorm.validate.validate_package`, reading only the few files validation needs (the
manifest and the package's own XSDs) from the zip, each one capped and checked against its
declared size. Nothing is written to disk.

Errors::

    ScormError
    └── ArchiveError            (scorm.archive) not a usable SCORM zip; .code and .entry say why
        └── ArchiveLimitError   archive.member_too_large: a file validation reads is too big
"""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

from scorm.archive import (
    ArchiveInfo,
    ArchiveLimitError,
    ArchiveLimits,
    CorruptArchiveError,
    inspect_archive,
)
from scorm.archive.kind import require_scorm_at_root
from scorm.validate import ValidationReport, validate_package

# The manifest limit of scorm.manifest is 8 MiB; XSDs are far smaller. Anything bigger is not
# read into memory for validation.
MAX_READ_BYTES = 16 * 1024 * 1024


class _ZipReader:
    """Reads members by their inspected (safe, decoded) names, bounded and verified."""

    def __init__(self, archive: zipfile.ZipFile, info: ArchiveInfo) -> None:
        # The central directory order is the same for both, so the judged names map one to one.
        self._infos = dict(zip((entry.name for entry in info.entries), archive.infolist()))
        self._archive = archive

    def read(self, name: str) -> bytes:
        member = self._infos.get(name)
        if member is None:
            raise KeyError(name)
        if member.file_size > MAX_READ_BYTES:
            raise ArchiveLimitError(f"zip entry {name!r} is larger than {MAX_READ_BYTES} bytes",
                                    code="archive.member_too_large", entry=name)
        try:
            with self._archive.open(member) as stream:
                data = stream.read(member.file_size + 1)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            raise CorruptArchiveError(f"zip entry {name!r} cannot be read: {exc}",
                                      entry=name) from exc
        if len(data) != member.file_size:
            raise CorruptArchiveError(f"zip entry {name!r} is not the size its header says",
                                      entry=name)
        return data


def check_package_zip(path: str | os.PathLike[str],
                      limits: ArchiveLimits = ArchiveLimits()) -> ValidationReport:
    """Validate the SCORM zip at ``path`` without extracting it.

    Raises ArchiveError (and subclasses) when the file is not a usable SCORM zip.
    """
    info = inspect_archive(path, limits)
    require_scorm_at_root(info)
    files = tuple(entry.name for entry in info.entries if not entry.is_dir)
    try:
        archive = zipfile.ZipFile(Path(path))
    except (zipfile.BadZipFile, OSError) as exc:
        raise CorruptArchiveError(f"the zip cannot be opened: {exc}") from exc
    with archive:
        reader = _ZipReader(archive, info)
        return validate_package(reader.read("imsmanifest.xml"), files, reader.read)
