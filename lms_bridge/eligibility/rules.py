"""The eligibility rule engine: from a candidate's completions, a verdict with its reasons.

Pure: no Flask, no SQLAlchemy, no ``lms_bridge`` imports beyond its sibling pure modules
(``errors``, ``vocabulary``, ``inputs``, ``matching``, ``wording``), whose public names it
re-exports.

When a record counts for a prerequisite
    A record counts when **all** of these hold (each failure is a ``Shortfall``):

    * its module key is one of the prerequisite's ``module_keys`` (any one will do);
    * its status satisfies the rule (table in ``vocabulary``: ``passed`` satisfies every
      rule, ``completed``/``failed`` satisfy Completed and CompletedOrPassed);
    * when ``min_score`` is set, it has a score and ``score_scaled >= min_score / 100``;
    * when ``recency_days`` is set, ``completed_at >= workshop_start - recency_days days``;
    * ``completed_at <= deadline`` (when it was fetched does not matter);
    * when ``allowed_sources`` is set, its source kind or its source label is listed.

    Both window ends are inclusive; a "day" is 24 hours. ``min_score`` is a percentage, so a
    PASSED record without a score does not meet a prerequisite that sets one (use no minimum
    to accept it).

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

Many candidates, one workshop
    ``WorkshopRules`` checks the dates and compiles the prerequisites once; its ``evaluate``
    is then linear in the candidate's records (grouped by module key once) and builds only
    the result objects. ``evaluate_candidate`` is the one-shot form of the same thing and
    keeps the compiled rules of the last 64 workshops it saw.

Raises ``InvalidSchedule`` / ``InvalidCandidate``; see ``errors`` for the whole tree.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..tracking.vocabulary import CompletionRule, CompletionStatus, SourceKind
from .errors import (EligibilityError, InvalidCandidate, InvalidEvidence,
                     InvalidPrerequisite, InvalidSchedule)
from .inputs import CompletionEvidence, Prerequisite, is_aware
from .matching import SHORTFALLS, PrerequisiteCheck
from .vocabulary import NominationState, Obstacle, Outcome, Shortfall
from .wording import ENGLISH, Words, describe_obstacle, outcome_name, rule_message

__all__ = [
    "CompletionEvidence", "CompletionRule", "CompletionStatus", "Decision",
    "EligibilityError", "InvalidCandidate", "InvalidEvidence", "InvalidPrerequisite",
    "InvalidSchedule", "NominationState", "Obstacle", "Outcome", "Prerequisite", "RuleResult",
    "Shortfall", "SourceKind", "WorkshopRules", "affected_prerequisites", "check_schedule",
    "evaluate_candidate", "group_by_module", "module_keys_of",
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
        return self.worded(ENGLISH)

    def worded(self, words: Words) -> str:
        """The explanation written with ``words`` (a reader's language)."""
        # Built on demand: a full re-evaluation of every candidate never reads most messages.
        return rule_message(self.prerequisite, evidence=self.evidence,
                            best_so_far=self.best_so_far, shortfalls=self.shortfalls,
                            window_opens=self.window_opens, deadline=self.deadline,
                            words=words)


_new = object.__new__
(_set_prerequisite, _set_evidence, _set_best_so_far, _set_shortfalls, _set_window_opens,
 _set_deadline) = (getattr(RuleResult, name).__set__ for name in (
     "prerequisite", "evidence", "best_so_far", "shortfalls", "window_opens", "deadline"))


def _result(prerequisite: Prerequisite, evidence: CompletionEvidence | None,
            best_so_far: CompletionEvidence | None, shortfalls: Shortfall,
            window_opens: datetime | None, deadline: datetime) -> RuleResult:
    # RuleResult(...) through the slots' setters: the frozen __init__ costs half the judging of
    # a candidate, and the engine's own values need no checks.
    result = _new(RuleResult)
    _set_prerequisite(result, prerequisite)
    _set_evidence(result, evidence)
    _set_best_so_far(result, best_so_far)
    _set_shortfalls(result, shortfalls)
    _set_window_opens(result, window_opens)
    _set_deadline(result, deadline)
    return result


@dataclass(frozen=True, slots=True)
class Decision:
    """The verdict on one candidate for one workshop, with one result per prerequisite.

    ``obstacles`` lists what stands in the way besides prerequisites (nomination,
    availability, a passed deadline); ``blockers`` says them in plain English.
    """

    outcome: Outcome
    results: tuple[RuleResult, ...]
    obstacles: tuple[Obstacle, ...]
    deadline: datetime

    @property
    def blockers(self) -> tuple[str, ...]:
        """The obstacles in plain English."""
        return self.worded_blockers(ENGLISH)

    def worded_blockers(self, words: Words) -> tuple[str, ...]:
        """The obstacles written with ``words`` (a reader's language)."""
        return tuple(describe_obstacle(o, self.deadline, words) for o in self.obstacles)

    @property
    def is_eligible(self) -> bool:
        """True when the outcome is ELIGIBLE."""
        return self.outcome is Outcome.ELIGIBLE

    @property
    def unmet(self) -> tuple[RuleResult, ...]:
        """The results whose prerequisite is not met, in prerequisite order."""
        return tuple(result for result in self.results if not result.met)

    def explain(self, words: Words = ENGLISH) -> str:
        """The outcome, then each blocker and each prerequisite's message, one per line."""
        lines = [outcome_name(self.outcome, words)]
        lines.extend(f"- {blocker}" for blocker in self.worded_blockers(words))
        lines.extend(f"- {result.worded(words)}" for result in self.results)
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class WorkshopRules:
    """A workshop's prerequisites checked against its dates once, to judge many candidates.

    Raises ``InvalidSchedule`` on construction (see ``check_schedule``).
    """

    prerequisites: tuple[Prerequisite, ...]
    workshop_start: datetime
    deadline: datetime
    checks: tuple[PrerequisiteCheck, ...] = field(init=False, repr=False, compare=False)
    nothing_recorded: tuple[RuleResult, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        prerequisites = tuple(self.prerequisites)
        windows = check_schedule(prerequisites, workshop_start=self.workshop_start,
                                 deadline=self.deadline)
        object.__setattr__(self, "prerequisites", prerequisites)
        checks = tuple(PrerequisiteCheck(p, opens, self.deadline)
                       for p, opens in zip(prerequisites, windows))
        object.__setattr__(self, "checks", checks)
        # Results are immutable, so every candidate with no record for a prerequisite shares one.
        object.__setattr__(self, "nothing_recorded", tuple(
            RuleResult(c.prerequisite, None, None, Shortfall(0), c.window_opens, self.deadline)
            for c in checks))

    def evaluate(self, completions: Iterable[CompletionEvidence], nomination: NominationState,
                 *, availability_committed: bool, now: datetime) -> Decision:
        """Decide one candidate (rules in the module docstring).

        Raises ``InvalidCandidate`` when ``nomination`` or ``availability_committed`` is not
        of its declared type, ``InvalidSchedule`` for a naive ``now``.
        """
        _check_candidate(nomination, availability_committed, now)
        grouped = group_by_module(completions)
        results = []
        all_met = True
        for check, nothing in zip(self.checks, self.nothing_recorded):
            best, near, bits = check.select(grouped)
            if best is None:
                all_met = False
                if near is None:
                    results.append(nothing)
                    continue
            results.append(_result(check.prerequisite, best, best or near, SHORTFALLS[bits],
                                   check.window_opens, self.deadline))
        return _decide(tuple(results), nomination, availability_committed,
                       all_met=all_met, is_late=now > self.deadline, deadline=self.deadline)


def evaluate_candidate(completions: Iterable[CompletionEvidence],
                       prerequisites: Iterable[Prerequisite], nomination: NominationState, *,
                       availability_committed: bool, workshop_start: datetime,
                       deadline: datetime, now: datetime) -> Decision:
    """Decide ELIGIBLE / NOT_YET / INELIGIBLE for one candidate (rules in the module docstring).

    Raises ``InvalidSchedule`` for naive or contradictory dates and ``InvalidCandidate`` when
    ``nomination`` or ``availability_committed`` is not of its declared type.
    """
    rules = _compiled_rules(tuple(prerequisites), workshop_start, deadline, deadline.tzinfo)
    return rules.evaluate(completions, nomination, availability_committed=availability_committed,
                          now=now)


@functools.lru_cache(maxsize=64)
def _compiled_rules(prerequisites: tuple[Prerequisite, ...], workshop_start: datetime,
                    deadline: datetime, zone: object) -> WorkshopRules:
    # Callers looping over candidates with evaluate_candidate pass the same workshop each time.
    # ``zone`` is part of the key because equal instants in two zones read as different dates.
    del zone
    return WorkshopRules(prerequisites, workshop_start, deadline)


def _decide(results: tuple[RuleResult, ...], nomination: NominationState,
            availability_committed: bool, *, all_met: bool, is_late: bool,
            deadline: datetime) -> Decision:
    obstacles = []
    if nomination is NominationState.PENDING:
        obstacles.append(Obstacle.NOMINATION_PENDING)
    elif nomination is NominationState.NOT_NOMINATED:
        obstacles.append(Obstacle.NOT_NOMINATED)
    if not availability_committed:
        obstacles.append(Obstacle.AVAILABILITY)
    if nomination is NominationState.NOT_NOMINATED:
        outcome = Outcome.INELIGIBLE
    elif all_met and not obstacles:
        outcome = Outcome.ELIGIBLE
    elif is_late:
        outcome = Outcome.INELIGIBLE
        obstacles.append(Obstacle.DEADLINE_PASSED)
    else:
        outcome = Outcome.NOT_YET
    decision = _new(Decision)
    _set_outcome(decision, outcome)
    _set_results(decision, results)
    _set_obstacles(decision, tuple(obstacles))
    _set_deadline_of(decision, deadline)
    return decision


# Decision(...) through the slots' setters, as for RuleResult.
_set_outcome, _set_results, _set_obstacles, _set_deadline_of = (
    getattr(Decision, name).__set__ for name in ("outcome", "results", "obstacles", "deadline"))


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
