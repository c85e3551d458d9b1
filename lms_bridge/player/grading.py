"""Grading: what one SCO's stored state says, an attempt's summary, the module's grade, and the
local Completion written when an attempt satisfies the module's completion rule.

SCORM 1.2 ``cmi.core.lesson_status``: passed/failed decide success; passed, completed and
failed all mean the SCO is finished. SCORM 2004: ``cmi.completion_status`` says finished,
``cmi.success_status`` says passed or failed (unknown: no verdict).
Scores are read as a percentage: 2004's ``score.scaled`` x 100, else ``raw`` within
``min``..``max`` (default 0..100).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import mean

from ..catalog.models import AttemptsCount, GradingMethod, Module
from ..db import utcnow
from ..eligibility.completions import record_and_reevaluate
from ..tracking.operations import Observation
from ..tracking.vocabulary import CompletionRule, CompletionStatus, SourceKind
from .models import Attempt

LOCAL_SOURCE = ("local", "LMS Bridge")


@dataclass(frozen=True)
class ScoResult:
    is_completed: bool
    is_passed: bool | None
    score: float | None  # percent


def _float(value: object) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _percent(raw: float | None, low: float | None, high: float | None) -> float | None:
    if raw is None:
        return None
    low, high = low or 0.0, high if high is not None else 100.0
    if high <= low:
        return raw
    return max(0.0, min(100.0, (raw - low) / (high - low) * 100))


def sco_result(version: str, state: Mapping[str, str]) -> ScoResult:
    """What one SCO's stored elements say about completion, success and score."""
    if version == "1.2":
        status = state.get("cmi.core.lesson_status", "not attempted")
        passed = {"passed": True, "failed": False}.get(status)
        score = _percent(*(_float(state.get(f"cmi.core.score.{n}")) for n in ("raw", "min", "max")))
        return ScoResult(status in ("passed", "completed", "failed"), passed, score)
    success = {"passed": True, "failed": False}.get(state.get("cmi.success_status", "unknown"))
    scaled = _float(state.get("cmi.score.scaled"))
    if scaled is not None:
        score = max(0.0, scaled) * 100
    else:
        score = _percent(*(_float(state.get(f"cmi.score.{n}")) for n in ("raw", "min", "max")))
    return ScoResult(state.get("cmi.completion_status") == "completed", success, score)


def attempt_grade(method: GradingMethod, results: list[ScoResult], sco_count: int) -> float | None:
    """The attempt's grade in percent by the module's grading method."""
    if method is GradingMethod.LEARNING_OBJECTS:
        done = sum(1 for r in results if r.is_completed or r.is_passed)
        return done / sco_count * 100 if sco_count else None
    scores = [r.score for r in results if r.score is not None]
    if not scores:
        return None
    if method is GradingMethod.HIGHEST:
        return max(scores)
    if method is GradingMethod.AVERAGE:
        return sum(scores) / sco_count if sco_count else mean(scores)
    return sum(scores)


@dataclass(frozen=True)
class AttemptSummary:
    """An attempt's grading summary columns."""

    is_completed: bool
    is_passed: bool | None
    grade: float | None
    score_scaled: float | None

    @classmethod
    def of(cls, attempt: Attempt) -> AttemptSummary:
        return cls(attempt.is_completed, attempt.is_passed, attempt.grade, attempt.score_scaled)


def attempt_summary(version: str, states: Iterable[Mapping[str, str]], sco_count: int,
                    method: GradingMethod, min_score: float | None) -> AttemptSummary:
    """The attempt's summary from its SCO states."""
    results = [sco_result(version, state) for state in states]
    verdicts = [r.is_passed for r in results if r.is_passed is not None]
    is_completed = len(results) >= sco_count > 0 and all(
        r.is_completed or r.is_passed for r in results)
    grade = attempt_grade(method, results, sco_count)
    is_passed = all(verdicts) if verdicts else None
    if min_score is not None and grade is not None:
        is_passed = (is_passed is not False) and grade >= min_score
    return AttemptSummary(is_completed, is_passed, grade,
                          None if grade is None else min(grade, 100.0) / 100)


def summarize_attempt(attempt: Attempt, version: str, states: Iterable[Mapping[str, str]],
                      sco_count: int, method: GradingMethod, min_score: float | None) -> None:
    """Write the attempt's summary columns from its SCO states."""
    summary = attempt_summary(version, states, sco_count, method, min_score)
    attempt.is_completed, attempt.is_passed = summary.is_completed, summary.is_passed
    attempt.grade, attempt.score_scaled = summary.grade, summary.score_scaled


def module_grade(count: AttemptsCount, attempts: list[Attempt]) -> float | None:
    """The module's grade from its attempts (ordered by number) by "which attempt counts"."""
    graded = [a for a in attempts if a.grade is not None]
    if not graded:
        return None
    if count is AttemptsCount.HIGHEST:
        return max(a.grade for a in graded)
    if count is AttemptsCount.AVERAGE:
        return mean(a.grade for a in graded)
    if count is AttemptsCount.FIRST:
        return attempts[0].grade
    completed = [a for a in graded if a.is_completed]
    return completed[-1].grade if completed else None


def satisfies(rule: CompletionRule, attempt: Attempt | AttemptSummary) -> bool:
    """Whether the attempt meets the module's completion rule (cmi5 moveOn)."""
    completed, passed = attempt.is_completed, attempt.is_passed is True
    return {
        CompletionRule.COMPLETED: completed or passed,
        CompletionRule.PASSED: passed,
        CompletionRule.COMPLETED_AND_PASSED: completed and passed,
        CompletionRule.COMPLETED_OR_PASSED: completed or passed,
        CompletionRule.NOT_APPLICABLE: True,
    }[rule]


def record_local_completion(module: Module, attempt: Attempt) -> None:
    """Write (or improve) the learner's local Completion when the attempt satisfies the rule."""
    if not satisfies(module.completion_rule, attempt):
        return
    status = CompletionStatus.PASSED if attempt.is_passed else (
        CompletionStatus.FAILED if attempt.is_passed is False else CompletionStatus.COMPLETED)
    record_and_reevaluate(Observation(
        user_id=attempt.user_id, module_id=attempt.module_id, source_kind=SourceKind.LOCAL,
        source_key=LOCAL_SOURCE[0], source_label=LOCAL_SOURCE[1], status=status,
        score_scaled=attempt.score_scaled, completed_at=utcnow(),
        provenance={"attempt": attempt.number, "package_version_id": attempt.package_version_id,
                    "edition": attempt.package_version.language}))
