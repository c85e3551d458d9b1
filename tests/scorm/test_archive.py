"""scorm.archive: hostile zips are refused before anything is written; real packages extract.

Hostile archives are built byte by byte here (``raw_zip``), because :mod:`zipfile` will not write
lying headers, overlapping entries or NUL names. After every refusal the whole tree around the
destination is compared with a snapshot taken before: nothing written, no staging folder left.
"""
from __future__ import annotations

import functools
import io
import json
import random
import stat
import struct
import tempfile
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from scorm.archive import (
    ArchiveError,
    ArchiveLimitError,
    ArchiveLimits,
    CorruptArchiveError,
    DestinationError,
    ManifestNotAtRootError,
    NotAZipError,
    NotScormPackageError,
    PackageKind,
    UnsafeEntryError,
    extract_package,
    inspect_archive,
)
from scorm.errors import ScormError

MANIFEST = b'<?xml version="1.0"?><manifest identifier="m"/>'
FILE_MODE = (stat.S_IFREG | 0o644) << 16


# --- building archives -------------------------------------------------------------------------

@dataclass
class RawEntry:
    """One entry for ``raw_zip``; the ``declared_*`` and ``offset`` fields make headers lie."""

    name: str | bytes
    data: bytes = b""
    method: int = zipfile.ZIP_STORED
    external_attr: int = FILE_MODE
    flags: int = 0
    declared_size: int | None = None
    offset: int | None = None
    packed: bytes | None = None  # already compressed data, to build big bombs once per session


def raw_zip(entries: list[RawEntry], declared_count: int | None = None) -> bytes:
    """A zip written by hand: local headers and data, then the central directory, then the end."""
    body, central = bytearray(), bytearray()
    for entry in entries:
        name = entry.name if isinstance(entry.name, bytes) else entry.name.encode("utf-8")
        flags = entry.flags | (0x800 if not name.isascii() else 0)
        packed = entry.packed if entry.packed is not None else (
            _compress(entry.data) if entry.method == zipfile.ZIP_DEFLATED else entry.data)
        size = len(entry.data) if entry.declared_size is None else entry.declared_size
        crc = zlib.crc32(entry.data)
        offset = len(body) if entry.offset is None else entry.offset
        if entry.offset is None:
            body += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, flags, entry.method, 0, 0x21,
                                crc, len(packed), size, len(name), 0) + name + packed
        central += struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 3, 20, 0, flags,
                               entry.method, 0, 0x21, crc, len(packed), size, len(name), 0, 0,
                               0, 0, entry.external_attr, offset) + name
    count = len(entries) if declared_count is None else declared_count
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central), len(body), 0)
    return bytes(body + central + end)


def _compress(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def package(*names: str) -> list[RawEntry]:
    """A SCORM package with a root manifest plus the given (empty) files."""
    return [RawEntry("imsmanifest.xml", MANIFEST)] + [RawEntry(name) for name in names]


@functools.cache
def _deflated_zeros(megabytes: int) -> bytes:
    return _compress(bytes(megabytes * 1024 * 1024))


def bomb_entry(name: str, megabytes: int, declared_size: int | None = None) -> RawEntry:
    """``megabytes`` of zeros deflated to a few kB; the header declares ``declared_size``."""
    size = megabytes * 1024 * 1024 if declared_size is None else declared_size
    return RawEntry(name, b"", zipfile.ZIP_DEFLATED, declared_size=size,
                    packed=_deflated_zeros(megabytes))


# --- the sandbox around the destination --------------------------------------------------------

@dataclass
class Sandbox:
    root: Path
    store: Path

    @property
    def destination(self) -> Path:
        return self.store / "pkg"

    def snapshot(self) -> dict[str, int]:
        return {str(path.relative_to(self.root)): path.lstat().st_size
                for path in self.root.rglob("*")}

    def refuse(self, source: bytes | Path | io.IOBase, code: str,
               limits: ArchiveLimits = ArchiveLimits()) -> ArchiveError:
        """Extract ``source``, expect error ``code``, and check that nothing was written."""
        before = self.snapshot()
        upload = io.BytesIO(source) if isinstance(source, bytes) else source
        with pytest.raises(ArchiveError) as caught:
            extract_package(upload, self.destination, limits)
        assert caught.value.code == code, str(caught.value)
        assert list(self.store.iterdir()) == []
        assert self.snapshot() == before
        return caught.value


@pytest.fixture
def sandbox(tmp_path: Path) -> Sandbox:
    # The store sits deep in a watched tree so that a climb out with '..' lands somewhere seen.
    store = tmp_path.joinpath(*(f"level{depth}" for depth in range(12)), "store")
    store.mkdir(parents=True)
    (tmp_path / "sentinel.txt").write_text("untouched")
    return Sandbox(root=tmp_path, store=store)


# --- hostile names -----------------------------------------------------------------------------

HOSTILE_NAMES = [
    ("../evil.html", "archive.traversal"),
    ("course/../../evil.html", "archive.traversal"),
    ("../" * 40 + "tmp/evil.txt", "archive.traversal"),
    ("..\\evil.html", "archive.traversal"),
    ("course\\..\\..\\evil.html", "archive.traversal"),
    ("/etc/cron.d/evil", "archive.absolute_path"),
    ("\\Windows\\evil.dll", "archive.absolute_path"),
    ("//server/share/evil.html", "archive.absolute_path"),
    ("C:/evil.html", "archive.drive_letter"),
    ("C:\\Temp\\evil.html", "archive.drive_letter"),
    ("d:evil.html", "archive.drive_letter"),
    ("course\\index.html", "archive.backslash"),
    (b"index.html\x00.exe", "archive.control_character"),
    ("new\nline.html", "archive.control_character"),
    ("escape\x1b[31m.html", "archive.control_character"),
    ("invoice\u202elmth.exe", "archive.control_character"),
    ("course//index.html", "archive.invalid_name"),
    ("./index.html", "archive.invalid_name"),
    ("/".join(["d"] * 40) + "/deep.html", "archive.too_deep"),
    ("x" * 256 + ".html", "archive.path_too_long"),
    ("/".join(["y" * 100] * 11), "archive.path_too_long"),
]


@pytest.mark.parametrize(("name", "code"), HOSTILE_NAMES)
def test_hostile_name_is_refused_before_writing(sandbox: Sandbox, name: str | bytes,
                                                 code: str) -> None:
    error = sandbox.refuse(raw_zip(package() + [RawEntry(name, b"evil")]), code)
    assert isinstance(error, UnsafeEntryError)
    expected = name.decode() if isinstance(name, bytes) else name
    assert error.entry == expected
    assert repr(expected) in str(error)


def test_nul_in_name_is_seen_although_zipfile_truncates_it() -> None:
    data = raw_zip(package() + [RawEntry(b"a.html\x00../../evil", b"x")])
    with pytest.raises(UnsafeEntryError) as caught:
        inspect_archive(io.BytesIO(data))
    assert caught.value.entry == "a.html\x00../../evil"


SPECIAL_ENTRIES = [
    (RawEntry("link.html", b"/etc/passwd", external_attr=(stat.S_IFLNK | 0o777) << 16),
     "archive.symlink"),
    (RawEntry("folder/", external_attr=(stat.S_IFLNK | 0o777) << 16), "archive.symlink"),
    (RawEntry("pipe", external_attr=(stat.S_IFIFO | 0o644) << 16), "archive.special_file"),
    (RawEntry("device", external_attr=(stat.S_IFBLK | 0o644) << 16), "archive.special_file"),
    (RawEntry("secret.html", b"x", flags=0x1), "archive.encrypted"),
    (RawEntry("odd.html", b"x", method=zipfile.ZIP_BZIP2), "archive.unsupported_compression"),
]


@pytest.mark.parametrize(("entry", "code"), SPECIAL_ENTRIES)
def test_links_special_files_and_unreadable_entries_are_refused(sandbox: Sandbox,
                                                               entry: RawEntry,
                                                               code: str) -> None:
    error = sandbox.refuse(raw_zip(package() + [entry]), code)
    assert error.entry == entry.name


def test_symlink_written_by_zipfile_is_refused(sandbox: Sandbox) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("imsmanifest.xml", MANIFEST)
        link = zipfile.ZipInfo("shared")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "../../../../etc")
    sandbox.refuse(buffer.getvalue(), "archive.symlink")


COLLISIONS = [
    (["index.html", "index.html"], "archive.duplicate", "index.html"),
    (["Index.html", "index.html"], "archive.case_collision", "index.html"),
    (["STYLE.CSS", "style.css"], "archive.case_collision", "style.css"),
    ([unicodedata.normalize("NFC", "café.html"), unicodedata.normalize("NFD", "café.html")],
     "archive.case_collision", unicodedata.normalize("NFD", "café.html")),
    (["media", "media/intro.mp4"], "archive.duplicate", "media"),
    (["media/", "media/"], "archive.duplicate", "media/"),
    (["media/intro.mp4", "MEDIA"], "archive.duplicate", "MEDIA"),
]


@pytest.mark.parametrize(("names", "code", "culprit"), COLLISIONS)
def test_entries_landing_on_the_same_path_are_refused(sandbox: Sandbox, names: list[str],
                                                     code: str, culprit: str) -> None:
    error = sandbox.refuse(raw_zip(package(*names)), code)
    assert error.entry == culprit


# --- bombs and limits --------------------------------------------------------------------------

def test_entry_count_is_capped(sandbox: Sandbox) -> None:
    names = [f"page{number}.html" for number in range(100)]
    error = sandbox.refuse(raw_zip(package(*names)), "archive.too_many_entries",
                           ArchiveLimits(max_entries=100))
    assert isinstance(error, ArchiveLimitError)


def test_entry_count_is_counted_not_read_from_the_end_record(sandbox: Sandbox) -> None:
    names = [f"page{number}.html" for number in range(100)]
    lying = raw_zip(package(*names), declared_count=3)
    sandbox.refuse(lying, "archive.too_many_entries", ArchiveLimits(max_entries=50))
    sandbox.refuse(lying, "archive.corrupt")


def test_ratio_bomb_with_honest_header_is_refused_from_the_directory(sandbox: Sandbox) -> None:
    data = raw_zip(package() + [bomb_entry("zeros.bin", 50)])
    assert len(data) < 100_000
    with pytest.raises(ArchiveLimitError) as caught:
        inspect_archive(io.BytesIO(data))
    assert caught.value.code == "archive.ratio_bomb"
    sandbox.refuse(data, "archive.ratio_bomb")


def test_ratio_bomb_with_lying_header_is_refused_by_counted_bytes(sandbox: Sandbox) -> None:
    data = raw_zip(package() + [bomb_entry("zeros.bin", 50, declared_size=1000)])
    info = inspect_archive(io.BytesIO(data))
    assert info.entries[-1].size == 1000
    error = sandbox.refuse(data, "archive.ratio_bomb")
    assert error.entry == "zeros.bin"


def test_staging_folder_is_a_sibling_removed_on_failure(sandbox: Sandbox,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    created = []

    def recording_mkdtemp(**kwargs: object) -> str:
        created.append(Path(real_mkdtemp(**kwargs)))
        return str(created[-1])

    real_mkdtemp = tempfile.mkdtemp
    monkeypatch.setattr(tempfile, "mkdtemp", recording_mkdtemp)
    sandbox.refuse(raw_zip(package() + [bomb_entry("zeros.bin", 50, declared_size=1000)]),
                   "archive.ratio_bomb")
    assert len(created) == 1 and created[0].parent == sandbox.store
    assert created[0].name.startswith(".pkg.") and not created[0].exists()
    extract_package(io.BytesIO(VALID), sandbox.destination)
    assert not created[1].exists() and sandbox.destination.is_dir()


def test_total_size_is_capped_by_the_headers(sandbox: Sandbox) -> None:
    entries = package() + [RawEntry(f"video{n}.mp4", bytes(range(256)) * 4000) for n in range(3)]
    sandbox.refuse(raw_zip(entries), "archive.too_large",
                   ArchiveLimits(max_total_bytes=2_000_000))


def test_total_size_is_capped_by_counted_bytes_when_headers_lie(sandbox: Sandbox) -> None:
    video = bytes(range(256)) * 3200
    entries = package() + [RawEntry("video0.mp4", video), RawEntry("video1.mp4", video),
                           RawEntry("video2.mp4", video, declared_size=10)]
    limits = ArchiveLimits(max_total_bytes=2_000_000)
    inspect_archive(io.BytesIO(raw_zip(entries)), limits)
    error = sandbox.refuse(raw_zip(entries), "archive.too_large", limits)
    assert error.entry == "video2.mp4"


def test_many_entries_under_the_entry_floor_are_refused_by_the_whole_archive_ratio(
        sandbox: Sandbox) -> None:
    # The reported bomb: 200 entries of 1 MiB of zeros, each at the entry rule's floor, in a zip
    # of about 226 KB, with the default limits.
    data = raw_zip(package() + [bomb_entry(f"page{n}.bin", 1) for n in range(200)])
    assert len(data) < 250_000
    with pytest.raises(ArchiveLimitError) as caught:
        inspect_archive(io.BytesIO(data))
    error = caught.value
    assert error.code == "archive.archive_ratio_bomb" and error.entry is None
    message = str(error)
    assert "whole-archive ratio rule" in message and "limit is 100 times" in message
    assert f"{200 * 1024 * 1024 + len(MANIFEST):,} bytes" in message
    assert f"from a {len(data):,}-byte zip" in message
    sandbox.refuse(data, "archive.archive_ratio_bomb")


def test_whole_archive_ratio_is_enforced_on_counted_bytes_when_headers_lie(
        sandbox: Sandbox) -> None:
    # The entry rule is out of the way so that only the whole-archive rule can stop this entry.
    limits = ArchiveLimits(max_entry_ratio=100_000, max_archive_ratio=50)
    data = raw_zip(package() + [bomb_entry("zeros.bin", 5, declared_size=1000)])
    assert inspect_archive(io.BytesIO(data), limits).total_size < 2000
    error = sandbox.refuse(data, "archive.archive_ratio_bomb", limits)
    assert error.entry == "zeros.bin"
    assert "counted" in str(error) and "limit is 50 times" in str(error)


def test_whole_archive_ratio_spares_small_packages_and_incompressible_ones(
        tmp_path: Path) -> None:
    small = raw_zip(package() + [RawEntry("zeros.bin", bytes(900_000), zipfile.ZIP_DEFLATED)])
    assert extract_package(io.BytesIO(small), tmp_path / "small").total_bytes > 900_000
    media = random.Random(7).randbytes(256 * 1024)  # video, audio, images: no gain from deflate
    honest = raw_zip(package() + [RawEntry(f"clip{n}.mp4", media, zipfile.ZIP_DEFLATED)
                                  for n in range(4)])
    limits = ArchiveLimits(ratio_floor_bytes=0, max_archive_ratio=1.01)
    assert extract_package(io.BytesIO(honest), tmp_path / "media", limits).files[-1] == "clip3.mp4"


def test_total_size_error_names_the_rule_the_size_and_the_limit() -> None:
    entries = package() + [RawEntry("video.mp4", bytes(3000))]
    with pytest.raises(ArchiveLimitError, match=r"total unpacked size rule: the package would "
                       r"unpack to 3,\d{3} bytes; the limit is 2,000 bytes"):
        inspect_archive(io.BytesIO(raw_zip(entries)), ArchiveLimits(max_total_bytes=2000))


def test_overlapping_entries_sharing_one_kernel_are_refused(sandbox: Sandbox) -> None:
    kernel = [RawEntry("imsmanifest.xml", MANIFEST, zipfile.ZIP_DEFLATED)]
    copies = [RawEntry(f"copy{n}.xml", MANIFEST, zipfile.ZIP_DEFLATED, offset=0)
              for n in range(10)]
    with pytest.raises(ArchiveLimitError) as caught:
        inspect_archive(io.BytesIO(raw_zip(kernel + copies)))
    assert caught.value.code == "archive.overlapping_entries"
    sandbox.refuse(raw_zip(kernel + copies), "archive.overlapping_entries")


def test_entry_whose_data_covers_the_next_header_is_refused(sandbox: Sandbox) -> None:
    data = bytearray(raw_zip(package("a.html", "b.html")))
    # Let the manifest claim 40 more compressed bytes: its data now runs over a.html's header.
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<L", data, central + 20, len(MANIFEST) + 40)
    struct.pack_into("<L", data, 18, len(MANIFEST) + 40)
    sandbox.refuse(bytes(data), "archive.overlapping_entries")


def test_local_extra_field_pushing_data_over_the_next_entry_is_refused(sandbox: Sandbox) -> None:
    data = bytearray(raw_zip(package("a.html")))
    struct.pack_into("<H", data, 28, 40)  # the manifest's local extra field length
    inspect_archive(io.BytesIO(bytes(data)))
    sandbox.refuse(bytes(data), "archive.overlapping_entries")


# --- damaged and foreign files -----------------------------------------------------------------

def _valid_zip() -> bytes:
    return raw_zip(package("index.html") + [RawEntry("text.html", b"hello " * 500,
                                                      zipfile.ZIP_DEFLATED)])


def _damage_deflated_data(data: bytes) -> bytes:
    damaged = bytearray(data)
    start = damaged.index(b"text.html") + len("text.html")
    damaged[start + 5:start + 15] = b"\xff" * 10
    return bytes(damaged)


VALID = _valid_zip()
DAMAGED = [
    (VALID[: len(VALID) // 2], "archive.corrupt"),
    (VALID[:-10], "archive.corrupt"),
    (_damage_deflated_data(VALID), "archive.corrupt"),
    (VALID.replace(b"PK\x03\x04", b"PK\x00\x00", 1), "archive.corrupt"),
    (b"<!DOCTYPE html><title>502 Bad Gateway</title>", "archive.not_zip"),
    (b"", "archive.not_zip"),
    (b"%PDF-1.7\n" + bytes(1000), "archive.not_zip"),
]


@pytest.mark.parametrize(("data", "code"), DAMAGED,
                         ids=["half", "end-cut", "bad-data", "no-local-header", "html", "empty",
                              "pdf"])
def test_truncated_damaged_and_foreign_files_are_refused(sandbox: Sandbox, data: bytes,
                                                         code: str) -> None:
    error = sandbox.refuse(data, code)
    assert isinstance(error, (CorruptArchiveError, NotAZipError))


def test_local_name_differing_from_directory_name_is_refused(sandbox: Sandbox) -> None:
    data = bytearray(raw_zip(package("index.html")))
    local = data.index(b"index.html")  # the local copy comes first
    data[local:local + 10] = b"../evil.ht"
    sandbox.refuse(bytes(data), "archive.corrupt")


def test_not_a_zip_named_zip(sandbox: Sandbox) -> None:
    upload = sandbox.root / "course.zip"
    upload.write_text("this is a Word document, honestly")
    sandbox.refuse(upload, "archive.not_zip")


def test_unseekable_stream_is_refused(sandbox: Sandbox) -> None:
    class Pipe(io.RawIOBase):
        def readable(self) -> bool:
            return True

    sandbox.refuse(Pipe(), "archive.unseekable")


# --- what the package is -----------------------------------------------------------------------

KINDS = [
    (["imsmanifest.xml", "index.html"], PackageKind.SCORM, "imsmanifest.xml", "imsmanifest.xml"),
    (["course/imsmanifest.xml", "course/a/imsmanifest.xml"], PackageKind.SCORM,
     "course/imsmanifest.xml", "course/imsmanifest.xml"),
    (["imsmanifest.xml", "tincan.xml"], PackageKind.SCORM, "imsmanifest.xml", "imsmanifest.xml"),
    (["course.au", "course.des", "course.cst", "course.crs"], PackageKind.AICC, None,
     "course.crs"),
    (["sound.au", "index.html"], PackageKind.UNKNOWN, None, None),
    (["cmi5.xml", "index.html"], PackageKind.CMI5, None, "cmi5.xml"),
    (["tincan.xml", "story.html"], PackageKind.XAPI, None, "tincan.xml"),
    (["IMSManifest.xml"], PackageKind.UNKNOWN, None, None),
    ([], PackageKind.UNKNOWN, None, None),
]


@pytest.mark.parametrize(("names", "kind", "manifest", "marker"), KINDS)
def test_package_kind_is_told_from_file_names(names: list[str], kind: PackageKind,
                                              manifest: str | None, marker: str | None) -> None:
    info = inspect_archive(io.BytesIO(raw_zip([RawEntry(name) for name in names])))
    assert (info.kind, info.manifest_path, info.kind_marker) == (kind, manifest, marker)


NOT_SCORM = [
    (["course.crs", "course.cst"], "archive.not_scorm_aicc", "AICC"),
    (["cmi5.xml"], "archive.not_scorm_cmi5", "cmi5"),
    (["tincan.xml"], "archive.not_scorm_xapi", "xAPI (Tin Can)"),
    (["index.html"], "archive.no_manifest", "no imsmanifest.xml"),
    (["IMSManifest.xml"], "archive.no_manifest", "lower case"),
    ([], "archive.no_manifest", "empty"),
]


@pytest.mark.parametrize(("names", "code", "said"), NOT_SCORM)
def test_other_packages_are_refused_plainly(sandbox: Sandbox, names: list[str], code: str,
                                            said: str) -> None:
    error = sandbox.refuse(raw_zip([RawEntry(name) for name in names]), code)
    assert isinstance(error, NotScormPackageError)
    assert said in str(error)


def test_manifest_in_a_folder_says_which_and_how_to_rezip(sandbox: Sandbox) -> None:
    entries = [RawEntry("My Course/"), RawEntry("My Course/imsmanifest.xml", MANIFEST)]
    error = sandbox.refuse(raw_zip(entries), "archive.manifest_not_at_root")
    assert isinstance(error, ManifestNotAtRootError)
    assert error.folder == "My Course"
    assert error.entry == "My Course/imsmanifest.xml"
    assert "'My Course'" in str(error) and "zip -r" in str(error)


# --- extracting ----------------------------------------------------------------------------------

def test_package_is_extracted_with_every_byte_counted(sandbox: Sandbox) -> None:
    page = "<p>Classification tarifaire – règle 3 b</p>".encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", MANIFEST)
        archive.writestr("shared/", b"")
        archive.writestr("shared/style.css", b"body{}" * 1000)
        archive.writestr("sco/règles/page.html", page, zipfile.ZIP_STORED)
        archive.writestr("empty.txt", b"")
    result = extract_package(io.BytesIO(buffer.getvalue()), sandbox.destination)
    assert result.root == sandbox.destination
    assert result.files == ("imsmanifest.xml", "shared/style.css", "sco/règles/page.html",
                            "empty.txt")
    assert result.total_bytes == len(MANIFEST) + 6000 + len(page)
    assert result.manifest_path.read_bytes() == MANIFEST
    assert (sandbox.destination / "sco" / "règles" / "page.html").read_bytes() == page
    assert (sandbox.destination / "empty.txt").read_bytes() == b""
    assert result.info.kind is PackageKind.SCORM
    assert [path.name for path in sandbox.store.iterdir()] == ["pkg"]


def _streamed_with_data_descriptors(monkeypatch: pytest.MonkeyPatch) -> bytes:
    class Unseekable(io.RawIOBase):
        def __init__(self) -> None:
            self.written = bytearray()

        def writable(self) -> bool:
            return True

        def write(self, data: bytes) -> int:  # type: ignore[override]
            self.written += data
            return len(data)

    stream = Unseekable()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", MANIFEST)
        with archive.open("sco/page.html", "w", force_zip64=True) as page:
            page.write(b"<p>page</p>" * 1000)
    return bytes(stream.written)


def _with_zip64_end_record(monkeypatch: pytest.MonkeyPatch) -> bytes:
    monkeypatch.setattr(zipfile, "ZIP_FILECOUNT_LIMIT", 1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", MANIFEST)
        archive.writestr("sco/page.html", b"<p>page</p>" * 1000)
    assert b"PK\x06\x06" in buffer.getvalue()
    return buffer.getvalue()


def _with_comment_and_stub(monkeypatch: pytest.MonkeyPatch) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", MANIFEST)
        archive.writestr("sco/page.html", b"<p>page</p>" * 1000)
        archive.comment = b"Exported by an authoring tool"
    return b"#!/bin/sh\nexit 0\n" + buffer.getvalue()


@pytest.mark.parametrize("build", [_streamed_with_data_descriptors, _with_zip64_end_record,
                                   _with_comment_and_stub], ids=lambda build: build.__name__)
def test_zips_from_other_writers_extract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         build: Callable[[pytest.MonkeyPatch], bytes]) -> None:
    data = build(monkeypatch)
    result = extract_package(io.BytesIO(data), tmp_path / "pkg")
    assert result.files == ("imsmanifest.xml", "sco/page.html")
    assert (tmp_path / "pkg" / "sco" / "page.html").read_bytes() == b"<p>page</p>" * 1000


def test_utf8_names_without_the_utf8_flag_are_read_as_utf8(tmp_path: Path) -> None:
    name = "leçon/évaluation.html".encode()
    data = bytearray(raw_zip(package() + [RawEntry(name, b"x")]))
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.index(signature, data.index(signature) + 1)
        struct.pack_into("<H", data, start + flag_at, 0)
    result = extract_package(io.BytesIO(bytes(data)), tmp_path / "pkg")
    assert (tmp_path / "pkg" / "leçon" / "évaluation.html").read_bytes() == b"x"
    assert result.files[-1] == "leçon/évaluation.html"


def test_existing_destination_is_never_overwritten(sandbox: Sandbox) -> None:
    sandbox.destination.mkdir()
    (sandbox.destination / "keep.txt").write_text("keep")
    before = sandbox.snapshot()
    with pytest.raises(DestinationError) as caught:
        extract_package(io.BytesIO(VALID), sandbox.destination)
    assert caught.value.code == "archive.destination_exists"
    assert sandbox.snapshot() == before


def test_missing_parent_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DestinationError) as caught:
        extract_package(io.BytesIO(VALID), tmp_path / "absent" / "pkg")
    assert caught.value.code == "archive.destination_parent_missing"
    assert list(tmp_path.iterdir()) == []


def test_errors_share_the_scorm_root() -> None:
    assert issubclass(ArchiveError, ScormError)
    for error in (NotAZipError, CorruptArchiveError, UnsafeEntryError, ArchiveLimitError,
                  NotScormPackageError, ManifestNotAtRootError, DestinationError):
        assert issubclass(error, ArchiveError)


# --- the third-party corpus ----------------------------------------------------------------------

@pytest.mark.corpus
@pytest.mark.parametrize("name", ["zip-slip.zip", "zip-slip-win.zip", "zip-slip.tar",
                                  "zip-slip-win.tar"])
def test_snyk_zip_slip_archives_are_refused(scorm_corpus: Path, sandbox: Sandbox,
                                            name: str) -> None:
    evil = [Path("/tmp/evil.txt"), Path("/Temp/evil.txt")]
    existed = {path: path.exists() and path.stat().st_mtime_ns for path in evil}
    code = "archive.traversal" if name.endswith(".zip") else "archive.not_zip"
    sandbox.refuse(scorm_corpus / "snyk-zip-slip" / name, code)
    assert {path: path.exists() and path.stat().st_mtime_ns for path in evil} == existed


@pytest.mark.corpus
def test_index_unsafe_paths_match_what_is_refused(scorm_corpus: Path) -> None:
    index = json.loads((scorm_corpus / "index.json").read_text())
    mismatches = []
    for record in (record for record in index if record["file"].endswith(".zip")):
        try:
            inspect_archive(scorm_corpus / record["file"])
            refused = None
        except UnsafeEntryError as error:
            refused = error.entry
        expected = record["unsafe_paths"][0] if record["unsafe_paths"] else None
        if refused != expected:
            mismatches.append((record["file"], expected, refused))
    assert mismatches == []


CORPUS_REFUSALS = [
    ("moodle/badscorm.zip", "archive.manifest_not_at_root", "badscorm"),
    ("moodle/validaicc.zip", "archive.not_scorm_aicc", "moodle.cst"),
    ("moodle/invalid.zip", "archive.no_manifest", "imsmanifest.xml"),
    ("elearning-module-parser-fixtures/aicc_not_scorm.zip", "archive.not_scorm_aicc", "AICC"),
    ("elearning-module-parser-fixtures/cmi5_not_scorm.zip", "archive.not_scorm_cmi5", "cmi5"),
]


@pytest.mark.corpus
@pytest.mark.parametrize(("name", "code", "said"), CORPUS_REFUSALS)
def test_corpus_packages_that_are_not_importable_say_why(scorm_corpus: Path, sandbox: Sandbox,
                                                        name: str, code: str, said: str) -> None:
    error = sandbox.refuse(scorm_corpus / name, code)
    assert said in str(error)


@pytest.mark.corpus
def test_badscorm_names_its_folder(scorm_corpus: Path, sandbox: Sandbox) -> None:
    error = sandbox.refuse(scorm_corpus / "moodle" / "badscorm.zip",
                           "archive.manifest_not_at_root")
    assert isinstance(error, ManifestNotAtRootError)
    assert error.folder == "badscorm"


@pytest.mark.corpus
@pytest.mark.parametrize("folder", ["rustici-golf", "adl-cts-2004-4th"])
def test_every_golf_and_adl_package_extracts(scorm_corpus: Path, tmp_path: Path,
                                             folder: str) -> None:
    archives = sorted((scorm_corpus / folder).glob("*.zip"))
    assert archives
    failures = {}
    for number, archive in enumerate(archives):
        try:
            result = extract_package(archive, tmp_path / str(number))
        except ArchiveError as error:
            failures[archive.name] = f"{error.code}: {error}"
            continue
        with zipfile.ZipFile(archive) as reference:
            expected = [info.filename for info in reference.infolist() if not info.is_dir()]
        if list(result.files) != expected or not result.manifest_path.is_file():
            failures[archive.name] = "extracted files differ from the zip's"
    assert failures == {}
