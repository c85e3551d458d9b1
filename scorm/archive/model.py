"""Limits, package kinds and the results of inspecting or extracting an archive."""
from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

MIB = 1024 * 1024


@dataclass(frozen=True)
class ArchiveLimits:
    """What an uploaded package may contain; defaults leave room for big, real e-learning content.

    A module of a few hundred MB with several thousand files is normal (video, narration, one file
    per slide asset); the limits are set an order of magnitude above that.
    """

    max_entries: int = 50_000
    # The total unpacked size of all entries, declared and counted.
    max_total_bytes: int = 4 * 1024 * MIB
    # Text compresses 3-10x, very repetitive JSON/SVG up to ~100x; deflate tops out near 1030x.
    max_entry_ratio: float = 200.0
    # Total unpacked size over the zip file's size. Real packages stay under ~10x (media does
    # not compress); this stops many entries, each under the floor below, adding up to a bomb.
    max_archive_ratio: float = 100.0
    # Below this many bytes an entry, or a whole package, may compress as well as it likes
    # (a 20 kB blank file is fine).
    ratio_floor_bytes: int = MIB
    max_path_depth: int = 32
    max_path_length: int = 1024
    # Linux (ext4, xfs) refuses longer names; checking here turns an OSError into a clear error.
    max_name_bytes: int = 255


class PackageKind(enum.Enum):
    """What kind of e-learning package an archive holds, judged from its file names."""

    SCORM = "scorm"
    AICC = "aicc"
    CMI5 = "cmi5"
    XAPI = "xapi"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ArchiveEntry:
    """One entry of the central directory; sizes are as declared there, not yet verified."""

    name: str
    size: int
    compressed_size: int
    is_dir: bool


@dataclass(frozen=True)
class ArchiveInfo:
    """What the central directory says, once every name has been found safe."""

    entries: tuple[ArchiveEntry, ...]
    kind: PackageKind
    # Where imsmanifest.xml is ("imsmanifest.xml" at the root, "course/imsmanifest.xml" when the
    # package was zipped with its folder), or None when there is none.
    manifest_path: str | None
    # The file that gave the kind away ("moodle.cst", "cmi5.xml", "tincan.xml"), if any.
    kind_marker: str | None

    @property
    def has_manifest_at_root(self) -> bool:
        return self.manifest_path == "imsmanifest.xml"

    @property
    def file_count(self) -> int:
        return sum(1 for entry in self.entries if not entry.is_dir)

    @property
    def total_size(self) -> int:
        return sum(entry.size for entry in self.entries)


@dataclass(frozen=True)
class ExtractedPackage:
    """A package extracted in place: every file written, and the bytes actually counted."""

    root: Path
    files: tuple[str, ...]
    total_bytes: int
    info: ArchiveInfo

    @property
    def manifest_path(self) -> Path:
        return self.root / "imsmanifest.xml"
