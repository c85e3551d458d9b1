"""Selection and randomization timing: a cluster's children for an attempt are fixed before
flow or choice considers them, so the delivered child is always one of them."""
from __future__ import annotations

import random

import pytest

from scorm.sequencing import Sequencer, SequencerStateError, SequencingError
from tests.scorm.sequencing.test_sequencer import leaf, manifest


def controls(attributes: str) -> str:
    return ('<imsss:sequencing><imsss:controlMode flow="true"/>'
            f'<imsss:randomizationControls {attributes}/></imsss:sequencing>')


EACH_SELECT = 'selectionTiming="onEachNewAttempt" selectCount="1"'
EACH_SHUFFLE = 'randomizationTiming="onEachNewAttempt" reorderChildren="true"'
CHILDREN = "".join(leaf(f"c{index}") for index in range(8))


def sequencer(attributes: str, seed: str) -> Sequencer:
    return Sequencer(manifest(controls(attributes), CHILDREN), rng=random.Random(seed))


def available(seq: Sequencer) -> list[str]:
    return [child.identifier for child in seq.tree.root.available_children]


@pytest.mark.parametrize("seed", ["0:0", "1:0", "2:7", "learner-42"])
@pytest.mark.parametrize("attributes", [EACH_SELECT, f"{EACH_SELECT} {EACH_SHUFFLE}", EACH_SHUFFLE])
def test_delivered_child_stays_among_the_attempts_children(attributes, seed):
    seq = sequencer(attributes, seed)
    chosen = available(seq)
    delivered = seq.navigate("start").delivered
    assert delivered == chosen[0] and available(seq) == chosen
    assert seq.is_request_valid("continue")
    state = seq.navigation_state()
    assert state.current == delivered and state.continue_enabled
    assert state.choosable & {f"c{index}" for index in range(8)} == set(chosen)


@pytest.mark.parametrize("seed", ["0:0", "3:1"])
def test_each_new_attempt_selects_again_once_the_attempt_ended(seed):
    seq = sequencer(EACH_SELECT, seed)
    seen = []
    for _ in range(12):
        delivered = seq.navigate("start").delivered
        assert available(seq) == [delivered]
        seen.append(delivered)
        assert seq.navigate("exitAll").session_ended  # ends the attempt on the root
    assert len(set(seen)) > 1  # 12 draws of 1 in 8 that never change would be a fixed choice


def test_a_suspended_cluster_keeps_its_children():
    seq = sequencer(EACH_SELECT, "0:0")
    delivered = seq.navigate("start").delivered
    seq.navigate("suspendAll")
    assert seq.navigate("resumeAll").delivered == delivered
    assert available(seq) == [delivered]


def test_once_selects_only_at_load():
    seq = sequencer('selectionTiming="once" selectCount="2"', "0:0")
    chosen = available(seq)
    for _ in range(3):
        assert seq.navigate("start").delivered == chosen[0]
        assert seq.navigate("continue").delivered == chosen[1]
        assert seq.navigate("continue").session_ended
        assert available(seq) == chosen


@pytest.mark.parametrize("failure", [ValueError("x is not in list"), IndexError("list index"),
                                     KeyError("c9")])
def test_an_unexpected_failure_surfaces_as_a_sequencing_error(monkeypatch, failure):
    seq = sequencer(EACH_SELECT, "0:0")
    seq.navigate("start")

    def broken(*args, **kwargs):
        raise failure

    monkeypatch.setattr("scorm.sequencing.sequencer.sequencing_request_process", broken)
    with pytest.raises(SequencerStateError, match="continue") as caught:
        seq.is_request_valid("continue")
    assert caught.value.__cause__ is failure and isinstance(caught.value, SequencingError)
    with pytest.raises(SequencerStateError):
        seq.navigation_state()
    assert seq.current.identifier == available(seq)[0]  # the look-ahead put everything back
