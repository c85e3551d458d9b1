"""Every rule x status x score x recency x source combination, one record, one prerequisite.

Each dimension's expected shortfall is written out by hand below; a record counts exactly when
no dimension falls short.
"""
from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

import pytest

from lms_bridge.eligibility.rules import (CompletionEvidence, CompletionRule, CompletionStatus,
                                          NominationState, Outcome, Prerequisite, Shortfall,
                                          SourceKind, evaluate_candidate)

UTC = timezone.utc
WORKSHOP_START = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
DEADLINE = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
NONE = Shortfall(0)
C, P, F, I = (CompletionStatus.COMPLETED, CompletionStatus.PASSED, CompletionStatus.FAILED,
              CompletionStatus.INCOMPLETE)

# (rule, record status, does the status satisfy the rule)
RULE_STATUS = [
    (CompletionRule.COMPLETED, C, True), (CompletionRule.COMPLETED, P, True),
    (CompletionRule.COMPLETED, F, True), (CompletionRule.COMPLETED, I, False),
    (CompletionRule.PASSED, C, False), (CompletionRule.PASSED, P, True),
    (CompletionRule.PASSED, F, False), (CompletionRule.PASSED, I, False),
    (CompletionRule.COMPLETED_AND_PASSED, C, False),
    (CompletionRule.COMPLETED_AND_PASSED, P, True),
    (CompletionRule.COMPLETED_AND_PASSED, F, False),
    (CompletionRule.COMPLETED_AND_PASSED, I, False),
    (CompletionRule.COMPLETED_OR_PASSED, C, True), (CompletionRule.COMPLETED_OR_PASSED, P, True),
    (CompletionRule.COMPLETED_OR_PASSED, F, True),
    (CompletionRule.COMPLETED_OR_PASSED, I, False),
]

# (min_score percent, record score_scaled, expected shortfall)
SCORES = [
    ("no minimum, no score", None, None, NONE),
    ("no minimum, a score", None, 0.10, NONE),
    ("below", 70, 0.69, Shortfall.SCORE_BELOW),
    ("at", 70, 0.70, NONE),
    ("above", 70, 0.71, NONE),
    ("minimum, no score", 70, None, Shortfall.NO_SCORE),
    ("at, float-sensitive", 29, 0.29, NONE),
]

# (recency_days, record completed_at, expected shortfall); the 90-day window opens 8 Sep 09:00.
WINDOW_OPENS = WORKSHOP_START - timedelta(days=90)
RECENCIES = [
    ("no window, old record", None, datetime(2020, 1, 1, tzinfo=UTC), NONE),
    ("inside", 90, datetime(2026, 11, 2, 10, 0, tzinfo=UTC), NONE),
    ("at window opening", 90, WINDOW_OPENS, NONE),
    ("just before window", 90, WINDOW_OPENS - timedelta(seconds=1), Shortfall.BEFORE_WINDOW),
]

# (allowed_sources, record kind, record label, expected shortfall)
SOURCES = [
    ("any source", None, SourceKind.MOODLE, "CLiKC!", NONE),
    ("label allowed", frozenset({"CLiKC!"}), SourceKind.MOODLE, "CLiKC!", NONE),
    ("kind allowed", frozenset({SourceKind.MOODLE}), SourceKind.MOODLE, "CLiKC!", NONE),
    ("not allowed", frozenset({SourceKind.LOCAL, "Other Moodle"}), SourceKind.MOODLE, "CLiKC!",
     Shortfall.SOURCE),
]


def _judge(rule, status, status_ok, score_row, recency_row, source_row) -> list[str]:
    """Evaluate one combination; return what went wrong (empty when all is as expected)."""
    _, min_score, score, score_gap = score_row
    _, recency_days, completed_at, recency_gap = recency_row
    _, allowed, kind, label, source_gap = source_row
    prerequisite = Prerequisite(id=1, label="Customs valuation", module_keys={"cv"}, rule=rule,
                                min_score=min_score, recency_days=recency_days,
                                allowed_sources=allowed)
    record = CompletionEvidence(record_id=41, module_key="cv", source_kind=kind,
                                source_label=label, status=status, score_scaled=score,
                                completed_at=completed_at)
    expected_gaps = score_gap | recency_gap | source_gap
    if not status_ok:
        expected_gaps |= Shortfall.STATUS
    is_met = expected_gaps == NONE

    decision = evaluate_candidate([record], [prerequisite], NominationState.NOMINATED,
                                  availability_committed=True, workshop_start=WORKSHOP_START,
                                  deadline=DEADLINE, now=NOW)

    (result,) = decision.results
    checks = {
        "met": result.met is is_met,
        "shortfalls": result.shortfalls == expected_gaps,
        "best_so_far": result.best_so_far is record,
        "evidence": result.evidence is (record if is_met else None),
        "outcome": decision.outcome is (Outcome.ELIGIBLE if is_met else Outcome.NOT_YET),
        "message cites record": "(record 41)" in result.message
                                and "on CLiKC! on" in result.message,
        "message says met": ("met by" in result.message) is is_met,
        "message says best so far": ("best so far" in result.message) is not is_met,
    }
    return [name for name, ok in checks.items() if not ok]


# One test per rule x status; the score x recency x source table runs inside it and every
# failing combination is reported by name (112 cases per test, 1,792 in all).
@pytest.mark.parametrize("rule, status, status_ok", RULE_STATUS,
                         ids=[f"{rule.value}-{status.value}" for rule, status, _ in RULE_STATUS])
def test_one_record_counts_exactly_when_no_dimension_falls_short(rule, status, status_ok):
    failures = {}
    for score_row, recency_row, source_row in itertools.product(SCORES, RECENCIES, SOURCES):
        wrong = _judge(rule, status, status_ok, score_row, recency_row, source_row)
        if wrong:
            failures[f"{score_row[0]} / {recency_row[0]} / {source_row[0]}"] = wrong
    assert not failures, failures
