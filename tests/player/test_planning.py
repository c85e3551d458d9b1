"""The commit plan (lms_bridge/player/runtime/planning.py): decided without a database."""
from __future__ import annotations

import pytest

from scorm.source import CompletionRule

from lms_bridge.catalog.models import GradingMethod
from lms_bridge.player.grading import AttemptSummary
from lms_bridge.player.models import AttemptState, CommitOutcome
from lms_bridge.player.runtime.planning import CommitRequest, CommitTarget, plan_commit

NOTHING_YET = AttemptSummary(False, None, None, None)


def _target(last_seq: int = 3, state: dict | None = None) -> CommitTarget:
    return CommitTarget(
        sco_id=1, state=state or {"cmi.core.lesson_status": "incomplete"}, last_seq=last_seq,
        attempt_id=1, user_id=1, attempt_state=AttemptState.OPEN, attempt_number=1,
        is_learner_active=True, module_id=1, package_version_id=1, is_available=True,
        scorm_version="1.2", summary=NOTHING_YET, grading_method=GradingMethod.HIGHEST,
        min_score=None, completion_rule=CompletionRule.COMPLETED)


@pytest.mark.parametrize("seq, changes, finish, outcome, regrades, needs_orm", [
    (3, {"cmi.core.lesson_location": "p"}, False, CommitOutcome.REPLAY, False, False),
    (2, {"cmi.core.lesson_location": "p"}, False, CommitOutcome.STALE, False, False),
    (4, {"cmi.core.lesson_status": "done"}, False, CommitOutcome.REJECTED, False, False),
    (4, {"cmi.core.lesson_location": "p"}, False, CommitOutcome.APPLIED, False, False),
    (4, {"cmi.core.lesson_status": "completed"}, False, CommitOutcome.APPLIED, True, False),
    (4, {"cmi.core.lesson_location": "p"}, True, CommitOutcome.APPLIED, False, True),
])
def test_the_plan_says_what_a_commit_writes(seq, changes, finish, outcome, regrades, needs_orm):
    plan = plan_commit(_target(), CommitRequest(seq, changes, finish), None)
    assert (plan.outcome, plan.regrades, plan.needs_orm) == (outcome, regrades, needs_orm)
    if outcome is CommitOutcome.APPLIED:
        assert plan.state["cmi.core.lesson_status" if regrades else "cmi.core.lesson_location"]
    else:
        assert plan.state is None
    if outcome is CommitOutcome.REJECTED:
        assert plan.note == "cmi.core.lesson_status: 405"


def test_a_summary_that_meets_the_rule_needs_the_orm_and_an_unchanged_one_writes_nothing():
    target = _target()
    plan = plan_commit(target, CommitRequest(4, {"cmi.core.lesson_status": "completed"}, False),
                       None)
    completed = plan.with_summary(AttemptSummary(True, None, None, None), target)
    assert completed.summary is not None and completed.records_completion and completed.needs_orm
    unchanged = plan.with_summary(NOTHING_YET, target)
    assert unchanged.summary is None and not unchanged.needs_orm
