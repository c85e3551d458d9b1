"""Every experts state machine, table-tested: every pair of statuses, allowed or refused."""
import itertools

import pytest

from lms_bridge.experts.errors import IllegalTransition
from lms_bridge.experts.states import (ACCREDITATION, ASSIGNMENT, MISSION, TRAINING,
                                       AccreditationStatus as Ac, AssignmentStatus as As,
                                       MissionStatus as Ms, TrainingStatus as Ts)

ALLOWED = {
    (Ac.PRE_ACCREDITED, Ac.ACCREDITED), (Ac.PRE_ACCREDITED, Ac.LAPSED),
    (Ac.PRE_ACCREDITED, Ac.WITHDRAWN), (Ac.ACCREDITED, Ac.LAPSED),
    (Ac.ACCREDITED, Ac.WITHDRAWN), (Ac.LAPSED, Ac.ACCREDITED),
    (As.INTERESTED, As.PROPOSED), (As.INTERESTED, As.WITHDRAWN),
    (As.PROPOSED, As.RELEASED), (As.PROPOSED, As.NOT_RELEASED), (As.PROPOSED, As.WITHDRAWN),
    (As.RELEASED, As.COMPLETED), (As.RELEASED, As.WITHDRAWN),
    (Ms.PLANNED, Ms.HELD), (Ms.PLANNED, Ms.CANCELLED),
    (Ts.SUBMITTED, Ts.VALIDATED), (Ts.SUBMITTED, Ts.REJECTED),
}
MACHINES = [(ACCREDITATION, Ac), (ASSIGNMENT, As), (MISSION, Ms), (TRAINING, Ts)]
PAIRS = [(machine, a, b) for machine, states in MACHINES
         for a, b in itertools.product(states, repeat=2)]


@pytest.mark.parametrize("machine, current, target", PAIRS,
                         ids=[f"{m.thing}:{a.value}->{b.value}" for m, a, b in PAIRS])
def test_every_pair(machine, current, target):
    if (current, target) in ALLOWED:
        assert machine.check(current, target) is target
    else:
        with pytest.raises(IllegalTransition) as caught:
            machine.check(current, target)
        assert current.value in caught.value.message and target.value in caught.value.message
        assert caught.value.status == 409


@pytest.mark.parametrize("machine, current, target", [
    (ASSIGNMENT, As.INTERESTED, As.RELEASED),      # skips the proposal
    (ASSIGNMENT, As.PROPOSED, As.COMPLETED),       # skips the release
    (ACCREDITATION, Ac.WITHDRAWN, Ac.ACCREDITED),  # final
])
def test_skipping_a_state_names_what_is_allowed(machine, current, target):
    with pytest.raises(IllegalTransition, match="can only become|is final"):
        machine.check(current, target)
