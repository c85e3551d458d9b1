"""The application state machine: every pair of statuses is either allowed or clearly refused."""
from __future__ import annotations

import itertools

import pytest

from lms_bridge.eligibility.errors import EligibilityError, IllegalTransition
from lms_bridge.eligibility.states import (ALLOWED_TRANSITIONS, ApplicationStatus,
                                           allowed_targets, can_transition, is_final,
                                           status_after_decision, transition)
from lms_bridge.eligibility.vocabulary import Outcome

S = ApplicationStatus

# Written out independently of the module: the moves the design allows, nothing else.
EXPECTED_MOVES = {
    (S.DRAFT, S.SUBMITTED), (S.DRAFT, S.WITHDRAWN),
    (S.SUBMITTED, S.AWAITING_NOMINATION), (S.SUBMITTED, S.DRAFT), (S.SUBMITTED, S.WITHDRAWN),
    (S.AWAITING_NOMINATION, S.NOMINATED), (S.AWAITING_NOMINATION, S.NOT_NOMINATED),
    (S.AWAITING_NOMINATION, S.WITHDRAWN),
    (S.NOMINATED, S.ELIGIBLE), (S.NOMINATED, S.NOT_YET_ELIGIBLE), (S.NOMINATED, S.INELIGIBLE),
    (S.NOMINATED, S.WITHDRAWN),
    (S.NOT_NOMINATED, S.NOMINATED),
    (S.NOT_YET_ELIGIBLE, S.ELIGIBLE), (S.NOT_YET_ELIGIBLE, S.INELIGIBLE),
    (S.NOT_YET_ELIGIBLE, S.WITHDRAWN),
    (S.ELIGIBLE, S.SELECTED), (S.ELIGIBLE, S.WAITLISTED), (S.ELIGIBLE, S.NOT_SELECTED),
    (S.ELIGIBLE, S.NOT_YET_ELIGIBLE), (S.ELIGIBLE, S.INELIGIBLE), (S.ELIGIBLE, S.WITHDRAWN),
    (S.INELIGIBLE, S.ELIGIBLE), (S.INELIGIBLE, S.NOT_YET_ELIGIBLE), (S.INELIGIBLE, S.WITHDRAWN),
    (S.WAITLISTED, S.SELECTED), (S.WAITLISTED, S.NOT_SELECTED), (S.WAITLISTED, S.WITHDRAWN),
    (S.SELECTED, S.WITHDRAWN),
}
ALL_PAIRS = list(itertools.product(ApplicationStatus, repeat=2))


def test_table_has_one_row_per_status():
    assert set(ALLOWED_TRANSITIONS) == set(ApplicationStatus)


@pytest.mark.parametrize("current, target", ALL_PAIRS,
                         ids=[f"{c.value}->{t.value}" for c, t in ALL_PAIRS])
def test_every_pair_is_allowed_exactly_when_the_design_says_so(current, target):
    if (current, target) in EXPECTED_MOVES:
        assert can_transition(current, target)
        assert transition(current, target) is target
    else:
        assert not can_transition(current, target)
        with pytest.raises(IllegalTransition) as raised:
            transition(current, target)
        error = raised.value
        assert f"from '{current.value}' to '{target.value}'" in str(error)
        assert (error.current, error.target) == (current, target)
        assert error.allowed == allowed_targets(current)
        assert isinstance(error, EligibilityError)


def test_refusal_lists_the_allowed_targets():
    with pytest.raises(IllegalTransition) as raised:
        transition(S.ELIGIBLE, S.DRAFT)
    assert str(raised.value) == (
        "cannot move an application from 'eligible' to 'draft': from 'eligible' it can only "
        "go to 'selected', 'waitlisted', 'not selected', 'not yet eligible', 'ineligible', "
        "'withdrawn'")


def test_refusal_from_a_final_status_says_it_is_final():
    with pytest.raises(IllegalTransition, match="'withdrawn' is final, nothing can follow it"):
        transition(S.WITHDRAWN, S.DRAFT)


@pytest.mark.parametrize("current, target", [("draft", S.SUBMITTED), (S.DRAFT, "submitted")])
def test_bare_strings_are_refused(current, target):
    with pytest.raises(IllegalTransition, match="is not an ApplicationStatus"):
        transition(current, target)


@pytest.mark.parametrize("status, final", [(s, s in {S.NOT_SELECTED, S.WITHDRAWN})
                                           for s in ApplicationStatus])
def test_only_not_selected_and_withdrawn_are_final(status, final):
    assert is_final(status) is final


def test_every_status_is_reachable_from_draft():
    reached, frontier = {S.DRAFT}, [S.DRAFT]
    while frontier:
        for target in allowed_targets(frontier.pop()):
            if target not in reached:
                reached.add(target)
                frontier.append(target)
    assert reached == set(ApplicationStatus)


E, N, X = Outcome.ELIGIBLE, Outcome.NOT_YET, Outcome.INELIGIBLE
AFTER_DECISION = [
    (S.NOMINATED, E, S.ELIGIBLE), (S.NOMINATED, N, S.NOT_YET_ELIGIBLE),
    (S.NOMINATED, X, S.INELIGIBLE),
    (S.NOT_YET_ELIGIBLE, E, S.ELIGIBLE), (S.NOT_YET_ELIGIBLE, N, None),
    (S.NOT_YET_ELIGIBLE, X, S.INELIGIBLE),
    (S.ELIGIBLE, E, None), (S.ELIGIBLE, N, S.NOT_YET_ELIGIBLE), (S.ELIGIBLE, X, S.INELIGIBLE),
    (S.INELIGIBLE, E, S.ELIGIBLE), (S.INELIGIBLE, N, S.NOT_YET_ELIGIBLE), (S.INELIGIBLE, X, None),
] + [(status, outcome, None)
     for status in (S.DRAFT, S.SUBMITTED, S.AWAITING_NOMINATION, S.NOT_NOMINATED, S.SELECTED,
                    S.WAITLISTED, S.NOT_SELECTED, S.WITHDRAWN)
     for outcome in Outcome]


@pytest.mark.parametrize("current, outcome, expected", AFTER_DECISION)
def test_status_after_decision(current, outcome, expected):
    assert status_after_decision(current, outcome) is expected
