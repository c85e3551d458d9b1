"""The rule engine's scenarios: cross-source evidence, deadlines, outcomes, messages, errors."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest

from lms_bridge.eligibility.rules import (CompletionEvidence, CompletionRule, CompletionStatus,
                                          InvalidCandidate, InvalidSchedule, NominationState,
                                          Outcome, Prerequisite, Shortfall, SourceKind,
                                          WorkshopRules, affected_prerequisites, check_schedule,
                                          evaluate_candidate, module_keys_of)

UTC = timezone.utc
WORKSHOP_START = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
DEADLINE = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
BEFORE_DEADLINE = datetime(2026, 11, 20, tzinfo=UTC)
AFTER_DEADLINE = datetime(2026, 12, 3, tzinfo=UTC)
NOV_2 = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)

VALUATION = Prerequisite(id=1, label="Customs valuation", module_keys={"cv-local", "cv-clikc"},
                         rule=CompletionRule.PASSED, min_score=70)
HS = Prerequisite(id=2, label="HS classification", module_keys={"hs"},
                  rule=CompletionRule.COMPLETED)


def record(record_id, module_key="cv-local", status=CompletionStatus.PASSED, score=0.8,
           when=NOV_2, kind=SourceKind.LOCAL, label="LMS Bridge"):
    return CompletionEvidence(record_id=record_id, module_key=module_key, source_kind=kind,
                              source_label=label, status=status, score_scaled=score,
                              completed_at=when)


def remote(record_id, **fields):
    fields.setdefault("module_key", "cv-clikc")
    return record(record_id, kind=SourceKind.MOODLE, label="CLiKC!", **fields)


def evaluate(completions, prerequisites=(VALUATION,), nomination=NominationState.NOMINATED,
             committed=True, now=BEFORE_DEADLINE):
    return evaluate_candidate(completions, prerequisites, nomination,
                              availability_committed=committed, workshop_start=WORKSHOP_START,
                              deadline=DEADLINE, now=now)


@pytest.mark.parametrize("completions, cited", [
    ([record(1), remote(2, status=CompletionStatus.FAILED, score=0.4)], 1),
    ([remote(2, status=CompletionStatus.FAILED, score=0.4), record(1)], 1),
    # a later failed retake on the same source never erases the pass
    ([record(1), record(2, status=CompletionStatus.FAILED, score=0.3,
                        when=NOV_2 + timedelta(days=5))], 1),
    ([remote(3), record(4, status=CompletionStatus.INCOMPLETE, score=None)], 3),
], ids=["local pass, remote fail", "remote fail listed first", "later failed retake",
        "remote pass, local incomplete"])
def test_any_counting_record_meets_the_prerequisite_whatever_contradicts_it(completions, cited):
    decision = evaluate(completions)
    assert decision.outcome is Outcome.ELIGIBLE
    assert decision.results[0].evidence.record_id == cited


def test_remote_record_completed_after_the_deadline_does_not_count():
    late = remote(5, when=DEADLINE + timedelta(minutes=1))
    decision = evaluate([late], now=AFTER_DEADLINE)
    result = decision.results[0]
    assert decision.outcome is Outcome.INELIGIBLE
    assert result.shortfalls == Shortfall.AFTER_DEADLINE
    assert "completed after the deadline of 1 December 2026" in result.message
    assert "the deadline of 1 December 2026 has passed" in decision.blockers


@pytest.mark.parametrize("completed_at", [NOV_2, DEADLINE], ids=["well before", "at deadline"])
def test_record_fetched_after_the_deadline_but_completed_before_counts(completed_at):
    decision = evaluate([remote(6, when=completed_at)], now=AFTER_DEADLINE)
    assert decision.outcome is Outcome.ELIGIBLE
    assert decision.blockers == ()


# (nomination, availability committed, prerequisites met, now, outcome, blockers)
OUTCOMES = [
    (NominationState.NOMINATED, True, True, BEFORE_DEADLINE, Outcome.ELIGIBLE, []),
    (NominationState.NOMINATED, True, True, AFTER_DEADLINE, Outcome.ELIGIBLE, []),
    (NominationState.NOMINATED, True, False, BEFORE_DEADLINE, Outcome.NOT_YET, []),
    (NominationState.NOMINATED, True, False, DEADLINE, Outcome.NOT_YET, []),
    (NominationState.NOMINATED, True, False, AFTER_DEADLINE, Outcome.INELIGIBLE,
     ["the deadline of 1 December 2026 has passed"]),
    (NominationState.NOMINATED, False, True, BEFORE_DEADLINE, Outcome.NOT_YET,
     ["availability for the whole workshop not yet confirmed"]),
    (NominationState.NOMINATED, False, True, AFTER_DEADLINE, Outcome.INELIGIBLE,
     ["availability for the whole workshop not yet confirmed",
      "the deadline of 1 December 2026 has passed"]),
    (NominationState.PENDING, True, True, BEFORE_DEADLINE, Outcome.NOT_YET,
     ["awaiting nomination by the national coordinator"]),
    (NominationState.PENDING, True, True, AFTER_DEADLINE, Outcome.INELIGIBLE,
     ["awaiting nomination by the national coordinator",
      "the deadline of 1 December 2026 has passed"]),
    (NominationState.NOT_NOMINATED, True, True, BEFORE_DEADLINE, Outcome.INELIGIBLE,
     ["not nominated by the national coordinator"]),
    (NominationState.NOT_NOMINATED, False, False, AFTER_DEADLINE, Outcome.INELIGIBLE,
     ["not nominated by the national coordinator",
      "availability for the whole workshop not yet confirmed"]),
]


@pytest.mark.parametrize("nomination, committed, met, now, outcome, blockers", OUTCOMES)
def test_outcome_follows_nomination_availability_prerequisites_and_deadline(
        nomination, committed, met, now, outcome, blockers):
    completions = [record(1)] if met else [record(1, status=CompletionStatus.FAILED)]
    decision = evaluate(completions, nomination=nomination, committed=committed, now=now)
    assert decision.outcome is outcome
    assert decision.is_eligible is (outcome is Outcome.ELIGIBLE)
    assert list(decision.blockers) == blockers


def test_every_prerequisite_must_be_met_and_unmet_ones_are_listed_in_order():
    decision = evaluate([record(1)], prerequisites=(VALUATION, HS))
    assert decision.outcome is Outcome.NOT_YET
    assert [r.prerequisite for r in decision.unmet] == [HS]
    assert [r.met for r in decision.results] == [True, False]


def test_no_prerequisites_leaves_only_nomination_and_availability():
    assert evaluate([], prerequisites=()).outcome is Outcome.ELIGIBLE


def test_message_quotes_the_requirement_and_the_best_record_so_far():
    failed = remote(17, status=CompletionStatus.FAILED, score=0.55)
    message = evaluate([failed]).results[0].message
    assert message == ("needs Passed in Customs valuation, score >= 70, by 1 December 2026; "
                       "best so far: failed, 55, on CLiKC! on 2 November 2026 (record 17)")


def test_message_cites_the_counting_record():
    message = evaluate([remote(812, score=0.825)]).results[0].message
    assert message == ("Passed in Customs valuation, score >= 70: met by passed, 82.5, "
                       "on CLiKC! on 2 November 2026 (record 812)")


def test_message_with_nothing_recorded_says_so():
    assert evaluate([]).results[0].message.endswith("; nothing recorded yet")


def test_message_explains_windows_and_sources_a_reader_cannot_see():
    prerequisite = Prerequisite(id=3, label="Rules of origin", module_keys={"roo"},
                                rule=CompletionRule.COMPLETED, recency_days=30,
                                allowed_sources={SourceKind.LOCAL, "CLiKC!"})
    old = record(9, module_key="roo", when=datetime(2026, 10, 1, tzinfo=UTC),
                 kind=SourceKind.CSV, label="Regional CSV")
    message = evaluate([old], prerequisites=(prerequisite,)).results[0].message
    assert "completed on or after 7 November 2026" in message
    assert "recorded on CLiKC! or LMS Bridge" in message
    assert "completed before the 30-day window opened on 7 November 2026" in message
    assert "records from Regional CSV do not count for this prerequisite" in message


def test_dates_are_written_in_the_deadline_time_zone():
    geneva_deadline = DEADLINE.astimezone(timezone(timedelta(hours=2)))
    late_evening = remote(1, status=CompletionStatus.FAILED,
                          when=datetime(2026, 11, 2, 23, 30, tzinfo=UTC))
    result = evaluate_candidate([late_evening], [VALUATION], NominationState.NOMINATED,
                                availability_committed=True, workshop_start=WORKSHOP_START,
                                deadline=geneva_deadline, now=BEFORE_DEADLINE).results[0]
    assert "on CLiKC! on 3 November 2026" in result.message


@pytest.mark.parametrize("completions, cited", [
    ([record(1, score=0.75), record(2, score=0.9), record(3, score=None)], 2),
    ([record(1, when=NOV_2), record(2, when=NOV_2 + timedelta(days=1))], 2),
    ([record("b"), record("a")], "a"),
    ([record("a"), record("b")], "a"),
], ids=["highest score", "then latest", "then smallest id", "order does not matter"])
def test_the_best_counting_record_is_cited(completions, cited):
    prerequisite = Prerequisite(id=4, label="Valuation", module_keys={"cv-local"},
                                rule=CompletionRule.COMPLETED)
    assert evaluate(completions, (prerequisite,)).results[0].evidence.record_id == cited


@pytest.mark.parametrize("completions, cited", [
    # passed but too old (1 shortfall) beats failed with a low score (2 shortfalls)
    ([record(1, status=CompletionStatus.FAILED, score=0.5),
      record(2, when=datetime(2026, 1, 5, tzinfo=UTC))], 2),
    ([record(1, status=CompletionStatus.INCOMPLETE, score=0.9),
      record(2, status=CompletionStatus.FAILED, score=0.9)], 2),
    ([record(1, status=CompletionStatus.FAILED, score=0.2),
      record(2, status=CompletionStatus.FAILED, score=0.6)], 2),
], ids=["fewest shortfalls", "then strongest status", "then highest score"])
def test_the_closest_record_is_cited_as_best_so_far(completions, cited):
    windowed = Prerequisite(id=5, label="Valuation", module_keys={"cv-local"},
                            rule=CompletionRule.PASSED, min_score=70, recency_days=60)
    result = evaluate(completions, (windowed,)).results[0]
    assert not result.met
    assert result.best_so_far.record_id == cited


def test_any_of_module_keys_and_other_modules_ignored():
    decision = evaluate([record(1, module_key="unrelated"), remote(2, module_key="cv-clikc")])
    assert decision.results[0].evidence.record_id == 2


def test_affected_prerequisites_and_module_keys():
    assert affected_prerequisites("cv-clikc", [VALUATION, HS]) == (VALUATION,)
    assert affected_prerequisites("nothing", [VALUATION, HS]) == ()
    assert module_keys_of([VALUATION, HS]) == {"cv-local", "cv-clikc", "hs"}


@pytest.mark.parametrize("start, deadline, prerequisites, fragment", [
    (WORKSHOP_START.replace(tzinfo=None), DEADLINE, (), "workshop_start"),
    (WORKSHOP_START, DEADLINE.replace(tzinfo=None), (), "deadline"),
    (WORKSHOP_START, WORKSHOP_START + timedelta(days=1), (), "after the workshop start"),
    (WORKSHOP_START, DEADLINE, (Prerequisite(id=7, label="Old", module_keys={"x"},
                                             rule=CompletionRule.PASSED, recency_days=3),),
     "prerequisite 7 (Old): its 3-day window opens"),
])
def test_contradictory_schedules_are_refused(start, deadline, prerequisites, fragment):
    with pytest.raises(InvalidSchedule, match=re.escape(fragment)):
        check_schedule(prerequisites, workshop_start=start, deadline=deadline)


def test_check_schedule_returns_each_window_opening():
    windowed = Prerequisite(id=8, label="W", module_keys={"w"}, rule=CompletionRule.PASSED,
                            recency_days=10)
    assert check_schedule([HS, windowed], workshop_start=WORKSHOP_START, deadline=DEADLINE) \
        == (None, WORKSHOP_START - timedelta(days=10))


@pytest.mark.parametrize("nomination, committed, now, error", [
    ("nominated", True, BEFORE_DEADLINE, InvalidCandidate),
    (NominationState.NOMINATED, 1, BEFORE_DEADLINE, InvalidCandidate),
    (NominationState.NOMINATED, True, BEFORE_DEADLINE.replace(tzinfo=None), InvalidSchedule),
])
def test_unreadable_candidate_facts_are_refused(nomination, committed, now, error):
    with pytest.raises(error):
        evaluate([], nomination=nomination, committed=committed, now=now)


def test_explain_lists_outcome_blockers_and_each_rule():
    text = evaluate([record(1)], (VALUATION, HS), committed=False).explain()
    assert text.splitlines() == [
        "not yet eligible",
        "- availability for the whole workshop not yet confirmed",
        "- Passed in Customs valuation, score >= 70: met by passed, 80, on LMS Bridge on "
        "2 November 2026 (record 1)",
        "- needs Completed in HS classification, by 1 December 2026; nothing recorded yet",
    ]


def test_workshop_rules_judge_many_candidates_like_evaluate_candidate():
    rules = WorkshopRules((VALUATION, HS), WORKSHOP_START, DEADLINE)
    candidates = [[record(1)], [record(2), record(3, module_key="hs")], [], [remote(4)]]
    for completions in candidates:
        compiled = rules.evaluate(completions, NominationState.NOMINATED,
                                  availability_committed=True, now=BEFORE_DEADLINE)
        assert compiled == evaluate(completions, (VALUATION, HS))
    assert rules.prerequisites == (VALUATION, HS)


def test_workshop_rules_refuse_a_contradictory_schedule_when_built():
    with pytest.raises(InvalidSchedule, match="after the workshop start"):
        WorkshopRules((VALUATION,), WORKSHOP_START, WORKSHOP_START + timedelta(hours=1))


def test_results_and_decisions_built_by_the_engine_are_ordinary_frozen_dataclasses():
    from dataclasses import FrozenInstanceError, fields

    from lms_bridge.eligibility.rules import Decision, RuleResult

    decision = evaluate([record(1), record(2, module_key="hs", status=CompletionStatus.INCOMPLETE)],
                        prerequisites=(VALUATION, HS))
    assert [r.met for r in decision.results] == [True, False]
    for item, cls in [(decision, Decision), *((r, RuleResult) for r in decision.results)]:
        assert type(item) is cls
        rebuilt = cls(**{f.name: getattr(item, f.name) for f in fields(cls)})
        assert (rebuilt, hash(rebuilt)) == (item, hash(item))
        with pytest.raises(FrozenInstanceError):
            setattr(item, fields(cls)[0].name, None)
