"""The eligibility rule engine: from a candidate's completions, a verdict with its reasons.

Pure: no Flask, no SQLAlchemy, no ``lms_bridge`` imports beyond its sibling pure modules
(``errors``, ``vocabulary``, ``inputs``, ``wording``), whose public names it re-exports.

When a record counts for a prerequisite
    A record counts when **all** of these hold (each failure is a ``Shortfall``):

    * its module key is one of the prerequisite's ``module_keys`` (any one will do);
    * its status satisfies the rule (table in ``vocabulary``: ``passed`` satisfies every
      rule, ``completed``/``failed`` satisfy Completed and CompletedOrPassed);
    * when ``min_score`` is set, it has a score and ``score_scaled >= min_score / 100``;
    * when ``recency_days`` is set, ``completed_at >= workshop_start - recency_days days``;
    * ``completed_at <= deadline`` (when it was fetched does not matter);
    * when ``allowed_sources`` is set, its source kind or its source label is listed.

    Both window ends are inclusive.

Cross-source and contradicting records
    A prerequisite is met when **any one** record counts. Records are never weighed against
    each other: a later failed retake, or a remote source reporting "failed" for a module
    passed locally, never takes a pass away. The only way to lose a met prerequisite is for
    the counting record itself to be withdrawn (deleted or voided upstream).

Which record is cited
    Met: the counting record with the highest score (no score ranks lowest), then the latest.
    Not met: as ``best_so_far``, the record with the fewest shortfalls, then the strongest
    status (passed > completed = failed > incomplete), the highest score, the latest date.
    Remaining ties go to the smallest ``str(record_id)`` so results never depend on order.

Outcome (``evaluate_candidate``)
    * INELIGIBLE when the candidate was not nominated, whatever else holds;
    * ELIGIBLE when nominated, availability committed and every prerequisite met; since only
      records completed by the deadline count, an eligible verdict survives the deadline;
    * otherwise, something is missing: NOT_YET while ``now <= deadline`` (it can still be
      achieved: a module taken, a nomination or a commitment given), INELIGIBLE once
      ``now > deadline``. A late-fetched record completed before the deadline can still turn
      INELIGIBLE into ELIGIBLE on re-evaluation.

Raises ``InvalidSchedule`` / ``InvalidCandidate``; see ``errors`` for the whole tree.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from .errors import (EligibilityError, InvalidCandidate, InvalidEvidence,
                     InvalidPrerequisite, InvalidSchedule)
from .inputs import CompletionEvidence, Prerequisite, is_aware
from .vocabulary import (STATUS_STRENGTH, CompletionRule, CompletionStatus, NominationState,
                         Outcome, Shortfall, SourceKind)
from .wording import (AVAILABILITY_BLOCKER, deadline_blocker, nomination_blocker,
                      rule_message)

__all__ = [
    "CompletionEvidence", "CompletionRule", "CompletionStatus", "Decision",
    "EligibilityError", "InvalidCandidate", "InvalidEvidence", "InvalidPrerequisite",
    "InvalidSchedule", "NominationState", "Outcome", "Prerequisite", "RuleResult",
    "Shortfall", "SourceKind", "affected_prerequisites", "check_schedule",
    "evaluate_candidate", "evaluate_prerequisite", "group_by_module", "module_keys_of",
]


@dataclass(frozen=True, slots=True)
class RuleResult:
    """One prerequisite's result for one candidate, with the record it rests on.

    ``evidence`` is the counting record (None when unmet). ``best_so_far`` is the same
    record when met, else the closest record that does not count (None when nothing was
    recorded), and ``shortfalls`` says why it does not count (empty when met).
    """

    prerequisite: Prerequisite
    evidence: CompletionEvidence | None
    best_so_far: CompletionEvidence | None
    shortfalls: Shortfall
    window_opens: datetime | None
    deadline: datetime

    @property
    def met(self) -> bool:
        """True when a record counts for this prerequisite."""
        return self.evidence is not None

    @property
    def message(self) -> str:
        """Plain-English explanation citing the evidence or the best record so far."""
        # Built on demand: a full re-evaluation of every candidate never reads most messages.
        return rule_message(self.prerequisite, evidence=self.evidence,
                            best_so_far=self.best_so_far, shortfalls=self.shortfalls,
                            window_opens=self.window_opens, deadline=self.deadline)


@dataclass(frozen=True, slots=True)
class Decision:
    """The verdict on one candidate for one workshop, with one result per prerequisite.

    ``blockers`` lists, in plain English, what stands in the way besides prerequisites
    (nomination, availability, a passed deadline).
    """

    outcome: Outcome
    results: tuple[RuleResult, ...]
    blockers: tuple[str, ...]

    @property
    def is_eligible(self) -> bool:
        """True when the outcome is ELIGIBLE."""
        return self.outcome is Outcome.ELIGIBLE

    @property
    def unmet(self) -> tuple[RuleResult, ...]:
        """The results whose prerequisite is not met, in prerequisite order."""
        return tuple(result for result in self.results if not result.met)

    def explain(self) -> str:
        """The outcome, then each blocker and each prerequisite's message, one per line."""
        lines = [self.outcome.value]
        lines.extend(f"- {blocker}" for blocker in self.blockers)
        lines.extend(f"- {result.message}" for result in self.results)
        return "\n".join(lines)


def evaluate_candidate(completions: Iterable[CompletionEvidence],
                       prerequisites: Iterable[Prerequisite], nomination: NominationState, *,
                       availability_committed: bool, workshop_start: datetime,
                       deadline: datetime, now: datetime) -> Decision:
    """Decide ELIGIBLE / NOT_YET / INELIGIBLE for one candidate (rules in the module docstring).

    Raises ``InvalidSchedule`` for naive or contradictory dates and ``InvalidCandidate`` when
    ``nomination`` or ``availability_committed`` is not of its declared type.
    """
    prerequisites = tuple(prerequisites)
    windows = check_schedule(prerequisites, workshop_start=workshop_start, deadline=deadline)
    _check_candidate(nomination, availability_committed, now)
    grouped = group_by_module(completions)
    results = tuple(evaluate_prerequisite(prerequisite, grouped, window_opens, deadline)
                    for prerequisite, window_opens in zip(prerequisites, windows))
    blockers = []
    nomination_gap = nomination_blocker(nomination)
    if nomination_gap is not None:
        blockers.append(nomination_gap)
    if not availability_committed:
        blockers.append(AVAILABILITY_BLOCKER)
    outcome = _decide(nomination, has_gaps=bool(blockers) or not all(r.met for r in results),
                      is_late=now > deadline)
    if outcome is Outcome.INELIGIBLE and nomination is not NominationState.NOT_NOMINATED:
        blockers.append(deadline_blocker(deadline))
    return Decision(outcome, results, tuple(blockers))


def _decide(nomination: NominationState, *, has_gaps: bool, is_late: bool) -> Outcome:
    if nomination is NominationState.NOT_NOMINATED:
        return Outcome.INELIGIBLE
    if not has_gaps:
        return Outcome.ELIGIBLE
    return Outcome.INELIGIBLE if is_late else Outcome.NOT_YET


def _check_candidate(nomination: NominationState, availability_committed: bool,
                     now: datetime) -> None:
    if not isinstance(nomination, NominationState):
        raise InvalidCandidate(f"nomination {nomination!r} is not a NominationState")
    if not isinstance(availability_committed, bool):
        raise InvalidCandidate(
            f"availability_committed {availability_committed!r} is not True or False")
    if not is_aware(now):
        raise InvalidSchedule(f"now ({now}) has no time zone")


def check_schedule(prerequisites: Iterable[Prerequisite], *, workshop_start: datetime,
                   deadline: datetime) -> tuple[datetime | None, ...]:
    """Check the workshop dates against each other and each prerequisite's recency window.

    Returns each prerequisite's window opening (None without a window), in order. Raises
    ``InvalidSchedule`` for a naive date, a deadline after the start, or a window that opens
    after the deadline (no record could ever count).
    """
    for name, moment in (("workshop_start", workshop_start), ("deadline", deadline)):
        if not is_aware(moment):
            raise InvalidSchedule(f"{name} ({moment}) has no time zone")
    if deadline > workshop_start:
        raise InvalidSchedule(f"deadline {deadline} is after the workshop start {workshop_start}")
    windows = []
    for prerequisite in prerequisites:
        window_opens = _window_opens(prerequisite, workshop_start)
        if window_opens is not None and window_opens > deadline:
            raise InvalidSchedule(
                f"prerequisite {prerequisite.id!r} ({prerequisite.label}): its "
                f"{prerequisite.recency_days}-day window opens {window_opens}, after the "
                f"deadline {deadline}, so no record could ever count")
        windows.append(window_opens)
    return tuple(windows)


def _window_opens(prerequisite: Prerequisite, workshop_start: datetime) -> datetime | None:
    if prerequisite.recency_days is None:
        return None
    return workshop_start - timedelta(days=prerequisite.recency_days)


def group_by_module(completions: Iterable[CompletionEvidence],
                    ) -> dict[str, list[CompletionEvidence]]:
    """Group records by module key, keeping their order; raises nothing."""
    grouped: dict[str, list[CompletionEvidence]] = {}
    for record in completions:
        bucket = grouped.get(record.module_key)
        if bucket is None:
            grouped[record.module_key] = [record]
        else:
            bucket.append(record)
    return grouped


_STATUS = Shortfall.STATUS.value
_SCORE_BELOW = Shortfall.SCORE_BELOW.value
_NO_SCORE = Shortfall.NO_SCORE.value
_BEFORE_WINDOW = Shortfall.BEFORE_WINDOW.value
_AFTER_DEADLINE = Shortfall.AFTER_DEADLINE.value
_SOURCE = Shortfall.SOURCE.value


def _shortfall_mask(record: CompletionEvidence, prerequisite: Prerequisite,
                    window_opens: datetime | None, deadline: datetime) -> int:
    # Plain int bits on the hot path; only the cited record's bits become a Shortfall.
    mask = 0 if record.status in prerequisite.rule.accepts else _STATUS
    if prerequisite.min_scaled is not None:
        if record.score_scaled is None:
            mask |= _NO_SCORE
        elif record.score_scaled < prerequisite.min_scaled:
            mask |= _SCORE_BELOW
    if window_opens is not None and record.completed_at < window_opens:
        mask |= _BEFORE_WINDOW
    if record.completed_at > deadline:
        mask |= _AFTER_DEADLINE
    allowed = prerequisite.allowed_sources
    if (allowed is not None and record.source_kind not in allowed
            and record.source_label not in allowed):
        mask |= _SOURCE
    return mask


def evaluate_prerequisite(prerequisite: Prerequisite,
                          grouped: dict[str, list[CompletionEvidence]],
                          window_opens: datetime | None, deadline: datetime) -> RuleResult:
    """Judge one prerequisite against records grouped by ``group_by_module``; raises nothing."""
    best = near = None
    best_rank = near_rank = ()
    near_mask = 0
    for module_key in prerequisite.module_keys:
        for record in grouped.get(module_key, ()):
            mask = _shortfall_mask(record, prerequisite, window_opens, deadline)
            score = -1.0 if record.score_scaled is None else record.score_scaled
            if mask == 0:
                rank = (score, record.completed_at)
                if best is None or _is_better(rank, record, best_rank, best):
                    best, best_rank = record, rank
            elif best is None:
                rank = (-mask.bit_count(), STATUS_STRENGTH[record.status], score,
                        record.completed_at)
                if near is None or _is_better(rank, record, near_rank, near):
                    near, near_rank, near_mask = record, rank, mask
    if best is not None:
        return RuleResult(prerequisite, best, best, Shortfall(0), window_opens, deadline)
    return RuleResult(prerequisite, None, near, Shortfall(near_mask), window_opens, deadline)


def _is_better(rank: tuple, record: CompletionEvidence, other_rank: tuple,
               other: CompletionEvidence) -> bool:
    if rank != other_rank:
        return rank > other_rank
    return str(record.record_id) < str(other.record_id)


def affected_prerequisites(module_key: str, prerequisites: Iterable[Prerequisite],
                           ) -> tuple[Prerequisite, ...]:
    """The prerequisites a new or withdrawn record on ``module_key`` may change; raises nothing.

    Matches on module key alone: a record from a source a prerequisite does not accept
    cannot change whether it is met, but it can change the "best so far" it cites.
    """
    return tuple(p for p in prerequisites if module_key in p.module_keys)


def module_keys_of(prerequisites: Iterable[Prerequisite]) -> frozenset[str]:
    """Every module key the prerequisites mention (to select only the records they read)."""
    return frozenset(key for prerequisite in prerequisites for key in prerequisite.module_keys)
