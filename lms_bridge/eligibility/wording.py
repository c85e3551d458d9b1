"""Plain-English sentences for the eligibility engine's results.

Dates are written "2 November 2026" in the time zone of the workshop's deadline, with our own
month names so the output does not depend on the process locale. Scores are written as
percentages ("55", "72.5"), a missing score as "no score".
"""
from __future__ import annotations

from datetime import datetime, tzinfo

from ..tracking.vocabulary import SourceKind
from .inputs import CompletionEvidence, Prerequisite
from .vocabulary import NominationState, Shortfall, rule_label

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")

_KIND_NAMES = {
    SourceKind.LOCAL: "LMS Bridge",
    SourceKind.MOODLE: "any Moodle site",
    SourceKind.XAPI: "any xAPI store",
    SourceKind.CSV: "any CSV report",
}


def format_date(moment: datetime, zone: tzinfo | None = None) -> str:
    """Write an aware datetime as "2 November 2026", in ``zone`` when given."""
    day = moment.astimezone(zone) if zone is not None else moment
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_score(score_scaled: float | None) -> str:
    """Write a scaled score (0..1) as a percentage: 0.55 -> "55", None -> "no score"."""
    if score_scaled is None:
        return "no score"
    return f"{round(score_scaled * 100, 1):g}"


def describe_evidence(record: CompletionEvidence, zone: tzinfo) -> str:
    """Cite a record: "failed, 55, on CLiKC! on 2 November 2026 (record 17)"."""
    return (f"{record.status.value}, {format_score(record.score_scaled)}, "
            f"on {record.source_label} on {format_date(record.completed_at, zone)} "
            f"(record {record.record_id})")


def describe_requirement(prerequisite: Prerequisite, window_opens: datetime | None,
                         zone: tzinfo) -> str:
    """State a prerequisite: "Passed in Customs valuation, score >= 70, ..."."""
    parts = [f"{rule_label(prerequisite.rule)} in {prerequisite.label}"]
    if prerequisite.min_score is not None:
        parts.append(f"score >= {prerequisite.min_score:g}")
    if window_opens is not None:
        parts.append(f"completed on or after {format_date(window_opens, zone)}")
    if prerequisite.allowed_sources is not None:
        names = sorted(_source_name(source) for source in prerequisite.allowed_sources)
        parts.append("recorded on " + " or ".join(names))
    return ", ".join(parts)


def rule_message(prerequisite: Prerequisite, *, evidence: CompletionEvidence | None,
                 best_so_far: CompletionEvidence | None, shortfalls: Shortfall,
                 window_opens: datetime | None, deadline: datetime) -> str:
    """Explain one prerequisite's result, citing the record that meets it or the best so far."""
    zone = deadline.tzinfo
    requirement = describe_requirement(prerequisite, window_opens, zone)
    if evidence is not None:
        return f"{requirement}: met by {describe_evidence(evidence, zone)}"
    needs = f"needs {requirement}, by {format_date(deadline, zone)}"
    if best_so_far is None:
        return f"{needs}; nothing recorded yet"
    reasons = _shortfall_reasons(prerequisite, best_so_far, shortfalls, window_opens, deadline)
    tail = f", which does not count: {'; '.join(reasons)}" if reasons else ""
    return f"{needs}; best so far: {describe_evidence(best_so_far, zone)}{tail}"


def _shortfall_reasons(prerequisite: Prerequisite, record: CompletionEvidence,
                       shortfalls: Shortfall, window_opens: datetime | None,
                       deadline: datetime) -> list[str]:
    # Status and score shortfalls are visible by comparing the record with the requirement;
    # only the reasons a reader could not see from the two are spelled out.
    zone = deadline.tzinfo
    reasons = []
    if Shortfall.BEFORE_WINDOW in shortfalls and window_opens is not None:
        reasons.append(f"completed before the {prerequisite.recency_days}-day window "
                       f"opened on {format_date(window_opens, zone)}")
    if Shortfall.AFTER_DEADLINE in shortfalls:
        reasons.append(f"completed after the deadline of {format_date(deadline, zone)}")
    if Shortfall.SOURCE in shortfalls:
        reasons.append(f"records from {record.source_label} do not count for this prerequisite")
    return reasons


def _source_name(source: SourceKind | str) -> str:
    return _KIND_NAMES[source] if isinstance(source, SourceKind) else source


def nomination_blocker(nomination: NominationState) -> str | None:
    """Say what the nomination still lacks, or None once the candidate is nominated."""
    if nomination is NominationState.PENDING:
        return "awaiting nomination by the national coordinator"
    if nomination is NominationState.NOT_NOMINATED:
        return "not nominated by the national coordinator"
    return None


AVAILABILITY_BLOCKER = "availability for the whole workshop not yet confirmed"


def deadline_blocker(deadline: datetime) -> str:
    """Say that the deadline has passed with something still missing."""
    return f"the deadline of {format_date(deadline)} has passed"
