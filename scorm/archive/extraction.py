"""Streaming a checked archive into a server-named folder, then moving it into place at once.

Every byte is counted as it is inflated: the entry and total limits hold even when the headers
lie about sizes. Files are written under a fresh temporary folder next to the destination (same
file system), which is renamed onto the destination only when everything was written and
verified, and removed on any failure.
"""
from __future__ import annotations

import os
import shutil
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from scorm.archive.budget import ByteBudget, overlap_error
from scorm.archive.central import ArchiveSource, open_source
from scorm.archive.errors import CorruptArchiveError, DestinationError
from scorm.archive.inspection import (
    LOCAL_HEADER_SIZE,
    Inspection,
    Member,
    inspect_open_archive,
)
from scorm.archive.kind import require_scorm_at_root
from scorm.archive.model import ArchiveInfo, ArchiveLimits, ExtractedPackage

READ_CHUNK = 256 * 1024
# Upper bound of what one decompression step may produce: memory stays flat whatever the ratio.
OUTPUT_CHUNK = 1024 * 1024
_LOCAL_NAME_LENGTHS = struct.Struct("<2H")
_FOLDER_MODE = 0o755
_CREATE_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                 | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def extract_package(source: ArchiveSource, destination: Path,
                    limits: ArchiveLimits = ArchiveLimits()) -> ExtractedPackage:
    """Check ``source`` fully, then extract it into ``destination``, which must not exist yet.

    Raises DestinationError, NotAZipError, CorruptArchiveError, UnsafeEntryError,
    ArchiveLimitError, ManifestNotAtRootError, NotScormPackageError (all ArchiveError).
    """
    return _extract(source, Path(destination), limits, require_scorm_at_root)


def extract_archive(source: ArchiveSource, destination: Path,
                    limits: ArchiveLimits = ArchiveLimits()) -> ExtractedPackage:
    """:func:`extract_package` for a zip of anything (a module source): the same checks and
    refusals, without requiring a SCORM manifest.

    Raises DestinationError, NotAZipError, CorruptArchiveError, UnsafeEntryError,
    ArchiveLimitError (all ArchiveError).
    """
    return _extract(source, Path(destination), limits, lambda info: None)


def _extract(source: ArchiveSource, destination: Path, limits: ArchiveLimits,
             check_kind: Callable[[ArchiveInfo], None]) -> ExtractedPackage:
    _check_destination(destination)
    with open_source(source) as fp:
        inspection = inspect_open_archive(fp, limits)
        check_kind(inspection.info)
        staging = _make_staging_folder(destination)
        try:
            files, total = _write_members(fp, inspection, staging, limits)
            staging.chmod(_FOLDER_MODE)
            _move_into_place(staging, destination)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return ExtractedPackage(root=destination, files=files, total_bytes=total,
                            info=inspection.info)


def _check_destination(destination: Path) -> None:
    if destination.exists() or destination.is_symlink():
        raise DestinationError(f"{destination} already exists; a package is never extracted "
                               "over another", code="archive.destination_exists")
    if not destination.parent.is_dir():
        raise DestinationError(f"the folder {destination.parent} does not exist",
                               code="archive.destination_parent_missing")


def _make_staging_folder(destination: Path) -> Path:
    try:
        return Path(tempfile.mkdtemp(prefix=f".{destination.name}.", suffix=".partial",
                                     dir=destination.parent))
    except OSError as exc:
        raise DestinationError(f"cannot create a folder in {destination.parent}: {exc}",
                               code="archive.write_failed") from exc


def _move_into_place(staging: Path, destination: Path) -> None:
    # rename(2) is atomic on one file system; it fails on a non-empty destination created
    # meanwhile (an empty one would be replaced, which loses nothing).
    try:
        os.rename(staging, destination)
    except OSError as exc:
        raise DestinationError(f"cannot move the extracted package to {destination}: {exc}",
                               code="archive.destination_exists") from exc


def _write_members(fp: BinaryIO, inspection: Inspection, staging: Path,
                   limits: ArchiveLimits) -> tuple[tuple[str, ...], int]:
    budget = ByteBudget(limits, inspection.archive_size)
    made_folders: set[tuple[str, ...]] = {()}
    root = str(staging)
    files = []
    for member, data_limit in inspection.members_with_data_limits():
        folder = member.parts if member.entry.is_dir else member.parts[:-1]
        _make_folders(root, folder, made_folders)
        if not member.entry.is_dir:
            _write_file(fp, member, data_limit, os.path.join(root, *member.parts), budget)
            files.append(member.entry.name)
    return tuple(files), budget.total


def _make_folders(root: str, folder: tuple[str, ...], made: set[tuple[str, ...]]) -> None:
    if folder in made:
        return
    _make_folders(root, folder[:-1], made)
    try:
        os.mkdir(os.path.join(root, *folder))
    except OSError as exc:
        raise DestinationError(f"cannot create folder {'/'.join(folder)!r}: {exc}",
                               code="archive.write_failed", entry="/".join(folder)) from exc
    made.add(folder)


def _write_file(fp: BinaryIO, member: Member, data_limit: int, target: str,
                budget: ByteBudget) -> None:
    data_start = _seek_to_data(fp, member)
    if data_start + member.entry.compressed_size > data_limit:
        raise overlap_error(member.entry.name)
    crc = produced = 0
    chunks = (_inflate(fp, member) if member.method == zipfile.ZIP_DEFLATED
              else _read_stored(fp, member))
    try:
        # O_EXCL: never open an existing path, so nothing can be followed or overwritten.
        # A bare descriptor, not open(): three system calls per file instead of six.
        fd = os.open(target, _CREATE_FLAGS, 0o666)
        try:
            for data, consumed in chunks:
                produced += len(data)
                budget.count(member.entry.name, len(data), produced, consumed)
                crc = zlib.crc32(data, crc)
                _write_all(fd, data)
        finally:
            os.close(fd)
    except OSError as exc:
        raise DestinationError(f"cannot write {member.entry.name!r}: {exc}",
                               code="archive.write_failed", entry=member.entry.name) from exc
    if produced != member.entry.size or crc != member.crc:
        raise _corrupt(member, f"inflates to {produced} bytes (CRC {crc:08x}) but its header "
                       f"declares {member.entry.size} bytes (CRC {member.crc:08x})")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _seek_to_data(fp: BinaryIO, member: Member) -> int:
    fp.seek(member.offset)
    header = fp.read(LOCAL_HEADER_SIZE)
    if len(header) < LOCAL_HEADER_SIZE or header[:4] != b"PK\x03\x04":
        raise _corrupt(member, "has no local header where the directory says")
    name_length, extra_length = _LOCAL_NAME_LENGTHS.unpack_from(header, 26)
    # A different local name is a known way to slip a name past checks done on the directory.
    if fp.read(name_length) != member.raw_name:
        raise _corrupt(member, "has a different name in its local header")
    fp.seek(extra_length, os.SEEK_CUR)
    return member.offset + LOCAL_HEADER_SIZE + name_length + extra_length


def _read_stored(fp: BinaryIO, member: Member) -> Iterator[tuple[bytes, int]]:
    remaining = member.entry.compressed_size
    while remaining:
        data = fp.read(min(READ_CHUNK, remaining))
        if not data:
            raise _corrupt(member, "is truncated")
        remaining -= len(data)
        yield data, member.entry.compressed_size - remaining


def _inflate(fp: BinaryIO, member: Member) -> Iterator[tuple[bytes, int]]:
    """Yield (inflated chunk, compressed bytes consumed so far); output is capped per step."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    remaining = member.entry.compressed_size
    fed = 0
    while not inflater.eof:
        if inflater.unconsumed_tail:
            data = inflater.unconsumed_tail
        else:
            data = fp.read(min(READ_CHUNK, remaining)) if remaining else b""
            remaining -= len(data)
            fed += len(data)
        try:
            output = inflater.decompress(data, OUTPUT_CHUNK)
        except zlib.error as exc:
            raise _corrupt(member, f"has damaged compressed data ({exc})") from exc
        if not data and not output:
            raise _corrupt(member, "is truncated: its compressed data ends too early")
        yield output, fed - len(inflater.unconsumed_tail)
    if remaining or inflater.unused_data:
        raise _corrupt(member, "has bytes after the end of its compressed data")


def _corrupt(member: Member, problem: str) -> CorruptArchiveError:
    return CorruptArchiveError(f"zip entry {member.entry.name!r} {problem}",
                               entry=member.entry.name)
