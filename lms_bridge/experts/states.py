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

Raises ``IllegalTransition`` (409) naming both statuses and what is allowed, in the reader's
language (``STATUS_LABELS`` are the words shown for the statuses; the values are data).
"""
from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from flask_babel import gettext as _, lazy_gettext as _l

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


_A, _M, _S, _T = AccreditationStatus, AssignmentStatus, MissionStatus, TrainingStatus

STATUS_LABELS: Mapping[enum.Enum, object] = MappingProxyType({
    _A.PRE_ACCREDITED: _l("pre-accredited"),
    _A.ACCREDITED: _l("accredited"),
    _A.LAPSED: _l("lapsed"),
    _A.WITHDRAWN: _l("withdrawn"),
    _M.INTERESTED: _l("interested"),
    _M.PROPOSED: _l("proposed"),
    _M.RELEASED: _l("released"),
    _M.NOT_RELEASED: _l("not released"),
    _M.COMPLETED: _l("completed"),
    _M.WITHDRAWN: _l("withdrawn"),
    _S.PLANNED: _l("planned"),
    _S.HELD: _l("held"),
    _S.CANCELLED: _l("cancelled"),
    _T.SUBMITTED: _l("submitted"),
    _T.VALIDATED: _l("validated"),
    _T.REJECTED: _l("rejected"),
})


@dataclass(frozen=True)
class Machine:
    """One state machine: what it moves, the refusal it words (a lazy string with ``current``,
    ``target`` and ``detail`` placeholders), and the allowed targets of each status."""

    thing: str
    refusal: object
    table: Mapping[enum.Enum, tuple[enum.Enum, ...]]

    def allowed(self, current: enum.Enum) -> tuple[enum.Enum, ...]:
        return self.table.get(current, ())

    def can(self, current: enum.Enum, target: enum.Enum) -> bool:
        return target in self.allowed(current)

    def check(self, current: enum.Enum, target: enum.Enum) -> enum.Enum:
        """Return ``target`` when the move is allowed; raise ``IllegalTransition`` otherwise."""
        if self.can(current, target):
            return target
        allowed, words = self.allowed(current), STATUS_LABELS
        detail = (_("'%(status)s' is final", status=words[current]) if not allowed else
                  _("from '%(status)s' it can only become %(allowed)s", status=words[current],
                    allowed=", ".join(f"'{words[s]}'" for s in allowed)))
        raise IllegalTransition(
            str(self.refusal) % {"current": words[current], "target": words[target],
                                 "detail": detail},
            [{"field": "status", "problem": _("%(current)s -> %(target)s not allowed",
                                              current=words[current], target=words[target])}])


ACCREDITATION = Machine(
    "accreditation",
    _l("An accreditation cannot go from '%(current)s' to '%(target)s': %(detail)s."),
    MappingProxyType({
        _A.PRE_ACCREDITED: (_A.ACCREDITED, _A.LAPSED, _A.WITHDRAWN),
        _A.ACCREDITED: (_A.LAPSED, _A.WITHDRAWN),
        _A.LAPSED: (_A.ACCREDITED,),
        _A.WITHDRAWN: (),
    }))

ASSIGNMENT = Machine(
    "mission assignment",
    _l("A mission assignment cannot go from '%(current)s' to '%(target)s': %(detail)s."),
    MappingProxyType({
        _M.INTERESTED: (_M.PROPOSED, _M.WITHDRAWN),
        _M.PROPOSED: (_M.RELEASED, _M.NOT_RELEASED, _M.WITHDRAWN),
        _M.RELEASED: (_M.COMPLETED, _M.WITHDRAWN),
        _M.NOT_RELEASED: (),
        _M.COMPLETED: (),
        _M.WITHDRAWN: (),
    }))

MISSION = Machine(
    "mission",
    _l("A mission cannot go from '%(current)s' to '%(target)s': %(detail)s."),
    MappingProxyType({
        _S.PLANNED: (_S.HELD, _S.CANCELLED),
        _S.HELD: (),
        _S.CANCELLED: (),
    }))

TRAINING = Machine(
    "training record",
    _l("A training record cannot go from '%(current)s' to '%(target)s': %(detail)s."),
    MappingProxyType({
        _T.SUBMITTED: (_T.VALIDATED, _T.REJECTED),
        _T.VALIDATED: (),
        _T.REJECTED: (),
    }))

# Assignments that hold an expert's days (for the pledge and for overlaps).
HOLDING_DAYS = frozenset({_M.PROPOSED, _M.RELEASED, _M.COMPLETED})
