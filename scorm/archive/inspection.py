"""Judging an archive from its central directory alone, before anything is written."""
from __future__ import annotations

import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from scorm.archive.budget import (
    check_declared_totals,
    exceeds_ratio,
    overlap_error,
    ratio_bomb_error,
)
from scorm.archive.central import ArchiveSource, open_source, read_central_directory
from scorm.archive.errors import UnsafeEntryError
from scorm.archive.kind import detect_kind
from scorm.archive.model import ArchiveEntry, ArchiveInfo, ArchiveLimits
from scorm.archive.names import check_no_collisions, split_entry_name

LOCAL_HEADER_SIZE = 30
_UTF8_NAME_FLAG = 0x800
_ENCRYPTION_FLAGS = 0x1 | 0x40
_SUPPORTED_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


@dataclass(frozen=True)
class Member:
    """An entry with what extraction needs to find and verify its data."""

    entry: ArchiveEntry
    parts: tuple[str, ...]
    raw_name: bytes
    offset: int
    method: int
    crc: int


@dataclass(frozen=True)
class Inspection:
    """The public summary, plus the members in the order their data lies in the file."""

    info: ArchiveInfo
    members_by_offset: tuple[Member, ...]
    directory_start: int
    archive_size: int

    def members_with_data_limits(self) -> Iterator[tuple[Member, int]]:
        """Yield each member with the offset its data must not run past."""
        members = self.members_by_offset
        limits = [following.offset for following in members[1:]] + [self.directory_start]
        return zip(members, limits)


def inspect_archive(source: ArchiveSource, limits: ArchiveLimits = ArchiveLimits()) -> ArchiveInfo:
    """Read the central directory of ``source`` (a path or a seekable binary file) and judge it.

    Nothing is decompressed. The package kind is reported, not enforced.
    Raises NotAZipError, CorruptArchiveError, UnsafeEntryError, ArchiveLimitError, and
    ArchiveError (archive.unseekable).
    """
    with open_source(source) as fp:
        return inspect_open_archive(fp, limits).info


def inspect_open_archive(fp: BinaryIO, limits: ArchiveLimits) -> Inspection:
    """Do what :func:`inspect_archive` does on an open file, keeping what extraction needs."""
    directory = read_central_directory(fp, limits)
    members = tuple(_member(info, limits) for info in directory.infos)
    check_no_collisions((member.entry.name, member.parts, member.entry.is_dir)
                        for member in members)
    _check_declared_sizes(members, directory.archive_size, limits)
    inspection = Inspection(
        info=_summarise(members),
        members_by_offset=tuple(sorted(members, key=lambda member: member.offset)),
        directory_start=directory.start,
        archive_size=directory.archive_size,
    )
    _check_no_overlap(inspection)
    return inspection


def _member(info: zipfile.ZipInfo, limits: ArchiveLimits) -> Member:
    is_utf8 = bool(info.flag_bits & _UTF8_NAME_FLAG)
    # zipfile cuts names at NUL; orig_filename keeps the whole name as stored.
    raw_name = info.orig_filename.encode("utf-8" if is_utf8 else "cp437")
    name = info.orig_filename if is_utf8 else _decode_unflagged_name(raw_name)
    parts = split_entry_name(name, limits)
    _check_entry_type(name, info)
    entry = ArchiveEntry(name=name, size=info.file_size, compressed_size=info.compress_size,
                         is_dir=name.endswith("/"))
    return Member(entry=entry, parts=parts, raw_name=raw_name, offset=info.header_offset,
                  method=info.compress_type, crc=info.CRC)


def _decode_unflagged_name(raw_name: bytes) -> str:
    # Many tools (macOS, 7-Zip on Linux, Java) store UTF-8 without setting the flag; cp437 is
    # the format's historical default and decodes any byte string.
    try:
        return raw_name.decode("utf-8")
    except UnicodeDecodeError:
        return raw_name.decode("cp437")


def _check_entry_type(name: str, info: zipfile.ZipInfo) -> None:
    file_type = stat.S_IFMT(info.external_attr >> 16)
    if file_type == stat.S_IFLNK:
        raise UnsafeEntryError.for_entry(name, "symlink", "is a symbolic link")
    if file_type not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise UnsafeEntryError.for_entry(name, "special_file",
                                         "is a device, pipe or socket, not a file")
    if info.flag_bits & _ENCRYPTION_FLAGS:
        raise UnsafeEntryError.for_entry(name, "encrypted", "is encrypted (password-protected)")
    if info.compress_type not in _SUPPORTED_METHODS:
        raise UnsafeEntryError.for_entry(
            name, "unsupported_compression",
            f"uses compression method {info.compress_type}; only stored and deflated are "
            "supported (re-zip with a standard zip tool)")


def _check_declared_sizes(members: tuple[Member, ...], archive_size: int,
                          limits: ArchiveLimits) -> None:
    # The headers may lie; extraction counts again. Honest bombs are refused here, for free.
    for member in members:
        if exceeds_ratio(member.entry.size, member.entry.compressed_size, limits):
            raise ratio_bomb_error(member.entry.name, limits)
    check_declared_totals(sum(member.entry.size for member in members), archive_size, limits)


def _check_no_overlap(inspection: Inspection) -> None:
    # A local header is at least 30 bytes plus the name: data reaching past the next entry's
    # header means entries share bytes, the trick behind non-recursive zip bombs.
    for member, data_limit in inspection.members_with_data_limits():
        end = member.offset + LOCAL_HEADER_SIZE + len(member.raw_name)
        if end + member.entry.compressed_size > data_limit:
            raise overlap_error(member.entry.name)


def _summarise(members: tuple[Member, ...]) -> ArchiveInfo:
    kind, manifest_path, marker = detect_kind(
        [member.parts for member in members if not member.entry.is_dir])
    return ArchiveInfo(entries=tuple(member.entry for member in members), kind=kind,
                       manifest_path=manifest_path, kind_marker=marker)
