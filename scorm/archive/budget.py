"""The size limits, applied to what headers declare and again to the bytes actually inflated."""
from __future__ import annotations

from scorm.archive.errors import ArchiveLimitError
from scorm.archive.model import ArchiveLimits


def exceeds_ratio(produced: int, consumed: int, limits: ArchiveLimits) -> bool:
    """Whether ``produced`` bytes out of ``consumed`` compressed bytes is a suspicious ratio."""
    return (produced > limits.ratio_floor_bytes
            and produced > limits.max_entry_ratio * max(consumed, 1))


class ByteBudget:
    """Counts inflated bytes, per entry and in total, as they are produced."""

    def __init__(self, limits: ArchiveLimits):
        self.limits = limits
        self.total = 0

    def count(self, name: str, chunk: int, produced: int, consumed: int) -> None:
        """Add ``chunk`` bytes of entry ``name`` (``produced`` so far from ``consumed``).

        Raises ArchiveLimitError (ratio_bomb, too_large).
        """
        self.total += chunk
        if exceeds_ratio(produced, consumed, self.limits):
            raise ratio_bomb_error(name, self.limits)
        if self.total > self.limits.max_total_bytes:
            raise too_large_error(self.limits, name)


def ratio_bomb_error(name: str, limits: ArchiveLimits) -> ArchiveLimitError:
    return ArchiveLimitError(
        f"zip entry {name!r} expands more than {limits.max_entry_ratio:g} times: refused as a "
        "probable zip bomb", code="archive.ratio_bomb", entry=name)


def too_large_error(limits: ArchiveLimits, name: str | None = None) -> ArchiveLimitError:
    return ArchiveLimitError(
        f"the package expands to more than {limits.max_total_bytes} bytes",
        code="archive.too_large", entry=name)


def overlap_error(name: str) -> ArchiveLimitError:
    return ArchiveLimitError(
        f"zip entry {name!r} overlaps another entry's data (a zip-bomb technique)",
        code="archive.overlapping_entries", entry=name)
