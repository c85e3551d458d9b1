"""What a player sees of the session: children selection left out are neither shown nor
reachable, and the end of the sequencing session ends the root's attempt."""
from __future__ import annotations

import pytest

from scorm.sequencing import NavigationRequest
from tests.scorm.sequencing.trees import FLOW, tree

SELECT_ONE = ('<imsss:controlMode flow="true"/>'
              '<imsss:randomizationControls selectCount="1" selectionTiming="once"/>')


@pytest.mark.parametrize("seed", ["0", "1", "7"])
def test_children_not_selected_are_hidden_and_cannot_be_reached(seed):
    seq = tree(("c", SELECT_ONE, [("a", ""), ("b", ""), ("d", "")]), ("z", ""), seed=seed,
               root='<imsss:controlMode flow="true" choice="true"/>')
    chosen, = seq.activity("c").available_children
    left_out = {"a", "b", "d"} - {chosen.identifier}
    assert seq.navigate("start").delivered == chosen.identifier
    state = seq.navigation_state()
    assert chosen.identifier in state.visible and not left_out & state.visible
    for identifier in left_out:
        for request in (NavigationRequest.CHOICE, NavigationRequest.JUMP):
            assert not seq.is_request_valid(request, identifier)
            assert state.request_valid[f"{request.value}.{{target={identifier}}}"] == "false"
        assert seq.navigate(NavigationRequest.JUMP, identifier).exception == "SB.2.13-2"
    assert seq.is_request_valid(NavigationRequest.JUMP, "z")
    assert seq.navigate(NavigationRequest.JUMP, "z").delivered == "z"


def test_continuing_past_the_last_activity_ends_the_roots_attempt():
    seq = tree(("c", FLOW, [("a", "")]), ("b", ""))
    assert seq.navigate("start").delivered == "a"
    assert seq.tree.root.state.is_active
    assert seq.navigate("continue").delivered == "b"
    seq.record_runtime_data({"cmi.completion_status": "completed"})
    outcome = seq.navigate("continue")
    assert outcome.session_ended and not seq.session_active
    root = seq.tree.root
    assert not root.state.is_active and not any(a.state.is_active for a in seq.tree)
    assert root.state.attempt_progress_status and root.state.attempt_completion_status
    assert not seq.navigation_state().session_active
