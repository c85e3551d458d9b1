"""The size limits, applied to what headers declare and again to the bytes actually inflated.

Three rules: one entry may not expand more than ``max_entry_ratio`` times; all entries together
may not exceed ``max_total_bytes``; and all entries together may not exceed
``max_archive_ratio`` times the zip file's own size (many entries, each too small for the entry
rule, would otherwise add up to a bomb). The ratio rules start above ``ratio_floor_bytes``.
"""
from __future__ import annotations

from scorm.archive.errors import ArchiveLimitError
from scorm.archive.model import ArchiveLimits


def exceeds_ratio(produced: int, consumed: int, limits: ArchiveLimits) -> bool:
    """Whether ``produced`` bytes out of ``consumed`` compressed bytes is a suspicious ratio."""
    return (produced > limits.ratio_floor_bytes
            and produced > limits.max_entry_ratio * max(consumed, 1))


def exceeds_archive_ratio(total: int, archive_size: int, limits: ArchiveLimits) -> bool:
    """Whether ``total`` unpacked bytes from an ``archive_size``-byte zip is a suspicious ratio."""
    return (total > limits.ratio_floor_bytes
            and total > limits.max_archive_ratio * max(archive_size, 1))


def check_declared_totals(total: int, archive_size: int, limits: ArchiveLimits) -> None:
    """Judge the sum of the declared entry sizes; raises ArchiveLimitError (too_large,
    archive_ratio_bomb)."""
    if total > limits.max_total_bytes:
        raise too_large_error(limits, total)
    if exceeds_archive_ratio(total, archive_size, limits):
        raise archive_ratio_error(limits, total, archive_size)


class ByteBudget:
    """Counts inflated bytes, per entry and in total, as they are produced."""

    def __init__(self, limits: ArchiveLimits, archive_size: int):
        self.limits = limits
        self.archive_size = archive_size
        self.total = 0

    def count(self, name: str, chunk: int, produced: int, consumed: int) -> None:
        """Add ``chunk`` bytes of entry ``name`` (``produced`` so far from ``consumed``).

        Raises ArchiveLimitError (ratio_bomb, too_large, archive_ratio_bomb).
        """
        self.total += chunk
        if exceeds_ratio(produced, consumed, self.limits):
            raise ratio_bomb_error(name, self.limits)
        if self.total > self.limits.max_total_bytes:
            raise too_large_error(self.limits, self.total, name)
        if exceeds_archive_ratio(self.total, self.archive_size, self.limits):
            raise archive_ratio_error(self.limits, self.total, self.archive_size, name)


def ratio_bomb_error(name: str, limits: ArchiveLimits) -> ArchiveLimitError:
    return ArchiveLimitError(
        f"zip entry {name!r} expands more than {limits.max_entry_ratio:g} times: refused as a "
        "probable zip bomb", code="archive.ratio_bomb", entry=name)


def _unpacked(total: int, name: str | None) -> str:
    # Declared sizes may lie, so a refusal while extracting says the bytes were counted.
    if name is None:
        return f"would unpack to {total:,} bytes"
    return f"unpacked to {total:,} bytes by entry {name!r} (counted, whatever the headers say)"


def too_large_error(limits: ArchiveLimits, total: int,
                    name: str | None = None) -> ArchiveLimitError:
    return ArchiveLimitError(
        f"total unpacked size rule: the package {_unpacked(total, name)}; the limit is "
        f"{limits.max_total_bytes:,} bytes", code="archive.too_large", entry=name)


def archive_ratio_error(limits: ArchiveLimits, total: int, archive_size: int,
                        name: str | None = None) -> ArchiveLimitError:
    ratio = total / max(archive_size, 1)
    return ArchiveLimitError(
        f"whole-archive ratio rule: the package {_unpacked(total, name)} from a "
        f"{archive_size:,}-byte zip ({ratio:,.0f} times); the limit is "
        f"{limits.max_archive_ratio:g} times: refused as a probable zip bomb",
        code="archive.archive_ratio_bomb", entry=name)


def overlap_error(name: str) -> ArchiveLimitError:
    return ArchiveLimitError(
        f"zip entry {name!r} overlaps another entry's data (a zip-bomb technique)",
        code="archive.overlapping_entries", entry=name)
