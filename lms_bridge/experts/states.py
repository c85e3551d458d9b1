"""The experts domain's state machines: each a table of allowed moves, checked in one place.

Accreditation (per person and field)::

    pre-accredited -> accredited | lapsed | withdrawn
    accredited     -> lapsed | withdrawn
    lapsed         -> accredited          (re-accredited after new evidence, with a reason)
    withdrawn      (final)

An accreditation is only ever created pre-accredited (by a successful workshop outcome), so
"accredited" cannot be reached without the pre-accreditation step.

A person on a mission::

    interested -> proposed | withdrawn
    proposed   -> released | not released | withdrawn
    released   -> completed | withdrawn
    completed, not released, withdrawn (final)

A coordinator may propose someone who did not indicate interest (the assignment starts
"proposed"). A mission: planned -> held | cancelled. A training record: submitted -> validated |
rejected.

Raises ``IllegalTransition`` (409) naming both statuses and what is allowed.
"""
from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .errors import IllegalTransition


class AccreditationStatus(enum.Enum):
    PRE_ACCREDITED = "pre-accredited"
    ACCREDITED = "accredited"
    LAPSED = "lapsed"
    WITHDRAWN = "withdrawn"


class AssignmentStatus(enum.Enum):
    INTERESTED = "interested"
    PROPOSED = "proposed"
    RELEASED = "released"
    NOT_RELEASED = "not released"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"


class MissionStatus(enum.Enum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class TrainingStatus(enum.Enum):
    SUBMITTED = "submitted"
    VALIDATED = "validated"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Machine:
    """One state machine: what it moves, and the allowed targets of each status."""

    thing: str
    table: Mapping[enum.Enum, tuple[enum.Enum, ...]]

    def allowed(self, current: enum.Enum) -> tuple[enum.Enum, ...]:
        return self.table.get(current, ())

    def can(self, current: enum.Enum, target: enum.Enum) -> bool:
        return target in self.allowed(current)

    def check(self, current: enum.Enum, target: enum.Enum) -> enum.Enum:
        """Return ``target`` when the move is allowed; raise ``IllegalTransition`` otherwise."""
        if self.can(current, target):
            return target
        allowed = self.allowed(current)
        detail = (f"'{current.value}' is final" if not allowed else
                  "from '" + current.value + "' it can only become "
                  + ", ".join(f"'{s.value}'" for s in allowed))
        raise IllegalTransition(
            f"A {self.thing} cannot go from '{current.value}' to '{target.value}': {detail}.",
            [{"field": "status", "problem": f"{current.value} -> {target.value} not allowed"}])


_A, _M, _S, _T = AccreditationStatus, AssignmentStatus, MissionStatus, TrainingStatus

ACCREDITATION = Machine("accreditation", MappingProxyType({
    _A.PRE_ACCREDITED: (_A.ACCREDITED, _A.LAPSED, _A.WITHDRAWN),
    _A.ACCREDITED: (_A.LAPSED, _A.WITHDRAWN),
    _A.LAPSED: (_A.ACCREDITED,),
    _A.WITHDRAWN: (),
}))

ASSIGNMENT = Machine("mission assignment", MappingProxyType({
    _M.INTERESTED: (_M.PROPOSED, _M.WITHDRAWN),
    _M.PROPOSED: (_M.RELEASED, _M.NOT_RELEASED, _M.WITHDRAWN),
    _M.RELEASED: (_M.COMPLETED, _M.WITHDRAWN),
    _M.NOT_RELEASED: (),
    _M.COMPLETED: (),
    _M.WITHDRAWN: (),
}))

MISSION = Machine("mission", MappingProxyType({
    _S.PLANNED: (_S.HELD, _S.CANCELLED),
    _S.HELD: (),
    _S.CANCELLED: (),
}))

TRAINING = Machine("training record", MappingProxyType({
    _T.SUBMITTED: (_T.VALIDATED, _T.REJECTED),
    _T.VALIDATED: (),
    _T.REJECTED: (),
}))

# Assignments that hold an expert's days (for the pledge and for overlaps).
HOLDING_DAYS = frozenset({_M.PROPOSED, _M.RELEASED, _M.COMPLETED})
