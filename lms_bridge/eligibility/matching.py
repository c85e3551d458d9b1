"""Matching records against one prerequisite: the engine's hot loop.

The rules themselves are written in ``rules.py``'s docstring; this module only makes them fast.
A ``PrerequisiteCheck`` is built once per prerequisite and workshop and flattens what every
record is compared with into plain attributes. Shortfalls travel as int bits until the one
cited record's bits become a ``Shortfall``. Enum members are tested with tuples, not sets,
because ``Enum.__hash__`` is Python code and tuple membership only needs identity.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from ..tracking.vocabulary import CompletionStatus, SourceKind
from .inputs import CompletionEvidence, Prerequisite
from .vocabulary import Shortfall, accepted_statuses

_STATUS = Shortfall.STATUS.value
_SCORE_BELOW = Shortfall.SCORE_BELOW.value
_NO_SCORE = Shortfall.NO_SCORE.value
_BEFORE_WINDOW = Shortfall.BEFORE_WINDOW.value
_AFTER_DEADLINE = Shortfall.AFTER_DEADLINE.value
_SOURCE = Shortfall.SOURCE.value
# Every combination made once: building a Flag from an int costs more than the whole match.
SHORTFALLS = tuple(Shortfall(bits) for bits in range(2 * _SOURCE))

_PASSED = CompletionStatus.PASSED
_INCOMPLETE = CompletionStatus.INCOMPLETE


class PrerequisiteCheck:
    """One prerequisite, compiled against one workshop's dates, ready to judge records."""

    __slots__ = ("prerequisite", "module_keys", "accepts", "min_scaled", "window_opens",
                 "deadline", "is_any_source", "kinds", "labels")

    def __init__(self, prerequisite: Prerequisite, window_opens: datetime | None,
                 deadline: datetime) -> None:
        self.prerequisite = prerequisite
        self.module_keys = tuple(sorted(prerequisite.module_keys))
        self.accepts = tuple(accepted_statuses(prerequisite.rule))
        self.min_scaled = prerequisite.min_scaled
        self.window_opens = window_opens
        self.deadline = deadline
        allowed = prerequisite.allowed_sources
        self.is_any_source = allowed is None
        self.kinds = tuple(s for s in allowed or () if isinstance(s, SourceKind))
        self.labels = frozenset(s for s in allowed or () if isinstance(s, str))

    def shortfall_bits(self, record: CompletionEvidence) -> int:
        """Why ``record`` does not count, as ``Shortfall`` bits (0: it counts)."""
        bits = 0 if record.status in self.accepts else _STATUS
        if self.min_scaled is not None:
            if record.score_scaled is None:
                bits |= _NO_SCORE
            elif record.score_scaled < self.min_scaled:
                bits |= _SCORE_BELOW
        completed_at = record.completed_at
        if self.window_opens is not None and completed_at < self.window_opens:
            bits |= _BEFORE_WINDOW
        if completed_at > self.deadline:
            bits |= _AFTER_DEADLINE
        if not (self.is_any_source or record.source_label in self.labels
                or record.source_kind in self.kinds):
            bits |= _SOURCE
        return bits

    def select(self, grouped: Mapping[str, Sequence[CompletionEvidence]],
               ) -> tuple[CompletionEvidence | None, CompletionEvidence | None, int]:
        """(best counting record, best record that does not count, its shortfall bits)."""
        best = near = None
        best_rank: tuple = ()
        near_rank: tuple = ()
        near_bits = 0
        for module_key in self.module_keys:
            for record in grouped.get(module_key, ()):
                bits = self.shortfall_bits(record)
                score = -1.0 if record.score_scaled is None else record.score_scaled
                if bits == 0:
                    rank = (score, record.completed_at)
                    if best is None or _is_better(rank, record, best_rank, best):
                        best, best_rank = record, rank
                elif best is None:
                    rank = (-bits.bit_count(), _strength(record.status), score,
                            record.completed_at)
                    if near is None or _is_better(rank, record, near_rank, near):
                        near, near_rank, near_bits = record, rank, bits
        if best is not None:
            return best, None, 0
        return None, near, near_bits


def _strength(status: CompletionStatus) -> int:
    # passed > completed = failed > incomplete, for choosing the "best so far" record.
    if status is _PASSED:
        return 2
    return 0 if status is _INCOMPLETE else 1


def _is_better(rank: tuple, record: CompletionEvidence, other_rank: tuple,
               other: CompletionEvidence) -> bool:
    if rank != other_rank:
        return rank > other_rank
    return str(record.record_id) < str(other.record_id)
