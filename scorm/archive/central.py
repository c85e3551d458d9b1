"""Reading the central directory without trusting it.

The end-of-central-directory record is found and the central directory's records are counted
by walking them before :mod:`zipfile` parses them, so that an archive claiming a few entries
but holding millions is refused before millions of objects are built.
"""
from __future__ import annotations

import os
import struct
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

from scorm.archive.errors import (
    ArchiveError,
    ArchiveLimitError,
    CorruptArchiveError,
    NotAZipError,
)
from scorm.archive.model import ArchiveLimits

ArchiveSource = str | os.PathLike[str] | BinaryIO

_LOCAL_SIGNATURE = b"PK\x03\x04"
_END_SIGNATURE = b"PK\x05\x06"
_END = struct.Struct("<4s4H2LH")
_END64_LOCATOR = struct.Struct("<4sLQL")
_END64 = struct.Struct("<4sQ2H2L4Q")
_CENTRAL_HEADER_SIZE = 46
_MAX_COMMENT = 0xFFFF


@dataclass(frozen=True)
class CentralDirectory:
    """The parsed central directory, where it starts (local data must end before it), and the
    size of the whole zip file (the whole-archive ratio is measured against it)."""

    infos: tuple[zipfile.ZipInfo, ...]
    start: int
    archive_size: int


@contextmanager
def open_source(source: ArchiveSource) -> Iterator[BinaryIO]:
    """Yield a seekable binary file for ``source``, closing it afterwards if we opened it.

    Raises ArchiveError (archive.unseekable) for a stream that cannot seek.
    """
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as fp:
            yield fp
        return
    if not source.seekable():
        raise ArchiveError("the uploaded archive cannot be read: its stream is not seekable",
                           code="archive.unseekable")
    yield source


def read_central_directory(fp: BinaryIO, limits: ArchiveLimits) -> CentralDirectory:
    """Parse the central directory after counting its records against ``limits.max_entries``.

    Raises NotAZipError, CorruptArchiveError, ArchiveLimitError (too_many_entries).
    """
    start, size, declared, archive_size = _find_central_directory(fp)
    _check_entry_count(declared, limits)
    counted = _count_records(fp, start, size, limits)
    if counted != declared:
        raise CorruptArchiveError(
            f"the zip's end record announces {declared} entries but its directory holds {counted}")
    try:
        fp.seek(0)
        with zipfile.ZipFile(fp) as archive:
            infos = tuple(archive.infolist())
    except (zipfile.BadZipFile, EOFError, ValueError, struct.error) as exc:
        raise CorruptArchiveError(f"the zip's central directory is damaged: {exc}") from exc
    return CentralDirectory(infos=infos, start=start, archive_size=archive_size)


def _find_central_directory(fp: BinaryIO) -> tuple[int, int, int, int]:
    """Return (start offset, size, declared entry count) of the central directory, and the
    file's size."""
    end = fp.seek(0, os.SEEK_END)
    tail_start = max(0, end - _END.size - _MAX_COMMENT)
    fp.seek(tail_start)
    tail = fp.read()
    position = _locate_end_record(tail)
    if position < 0:
        _raise_missing_end_record(fp)
    _, disk, directory_disk, _, count, size, offset, _ = _END.unpack_from(tail, position)
    record = tail_start + position
    if disk or directory_disk:
        raise CorruptArchiveError("split (multi-volume) zip archives are not supported")
    # Writers add the zip64 records whenever they like, not only when a field overflows.
    if _has_zip64_locator(fp, record):
        record, count, size, offset = _read_zip64_end(fp, record)
    elif count == 0xFFFF or size == 0xFFFFFFFF or offset == 0xFFFFFFFF:
        raise CorruptArchiveError("the zip64 end record is missing")
    start = record - size
    if start < 0 or offset > start:
        raise CorruptArchiveError("the zip's end record points outside the file (truncated?)")
    return start, size, count, end


def _locate_end_record(tail: bytes) -> int:
    # The signature may also occur inside the archive comment: prefer the record whose comment
    # ends exactly at the end of the file, else the last one whose comment fits in it.
    fitting = -1
    position = tail.rfind(_END_SIGNATURE)
    while position >= 0:
        if len(tail) - position >= _END.size:
            comment_end = position + _END.size + _END.unpack_from(tail, position)[7]
            if comment_end == len(tail):
                return position
            if comment_end < len(tail) and fitting < 0:
                fitting = position
        position = tail.rfind(_END_SIGNATURE, 0, position)
    return fitting


def _has_zip64_locator(fp: BinaryIO, record: int) -> bool:
    if record < _END64_LOCATOR.size:
        return False
    fp.seek(record - _END64_LOCATOR.size)
    return fp.read(4) == b"PK\x06\x07"


def _read_zip64_end(fp: BinaryIO, record: int) -> tuple[int, int, int, int]:
    end64_at = record - _END64_LOCATOR.size - _END64.size
    if end64_at < 0:
        raise CorruptArchiveError("the zip64 end record is missing")
    fp.seek(end64_at)
    data = fp.read(_END64.size + _END64_LOCATOR.size)
    end64 = _END64.unpack_from(data)
    locator = _END64_LOCATOR.unpack_from(data, _END64.size)
    if end64[0] != b"PK\x06\x06" or locator[0] != b"PK\x06\x07":
        raise CorruptArchiveError("the zip64 end record is missing or damaged")
    return end64_at, end64[7], end64[8], end64[9]


def _raise_missing_end_record(fp: BinaryIO) -> None:
    fp.seek(0)
    if fp.read(4) == _LOCAL_SIGNATURE:
        raise CorruptArchiveError("the zip is truncated or damaged: its central directory "
                                  "(at the end of the file) is missing; upload it again")
    raise NotAZipError("the upload is not a zip archive (whatever its file name says)")


def _check_entry_count(count: int, limits: ArchiveLimits) -> None:
    if count > limits.max_entries:
        raise ArchiveLimitError(f"the zip has more than {limits.max_entries} entries",
                                code="archive.too_many_entries")


def _count_records(fp: BinaryIO, start: int, size: int, limits: ArchiveLimits) -> int:
    fp.seek(start)
    walked = count = 0
    while walked < size:
        header = fp.read(_CENTRAL_HEADER_SIZE)
        if len(header) < _CENTRAL_HEADER_SIZE or header[:4] != b"PK\x01\x02":
            raise CorruptArchiveError(f"the zip's central directory is damaged at entry {count}")
        variable = sum(struct.unpack_from("<3H", header, 28))
        fp.seek(variable, os.SEEK_CUR)
        walked += _CENTRAL_HEADER_SIZE + variable
        count += 1
        _check_entry_count(count, limits)
    if walked != size:
        raise CorruptArchiveError("the zip's central directory overruns its announced size")
    return count
