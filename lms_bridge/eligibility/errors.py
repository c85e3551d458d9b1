"""The root of every error the pure eligibility modules raise.

Tree::

    EligibilityError
    ├── InvalidEvidence      a completion record the engine cannot read (naive date, score
    │                        outside 0..1)                                  (inputs.py)
    ├── InvalidPrerequisite  a prerequisite that could never be evaluated (no module keys,
    │                        minimum score outside 0-100, empty source list) (inputs.py)
    ├── InvalidCandidate     candidate facts the engine cannot read (a nomination that is
    │                        not a NominationState, an availability that is not a bool)
    │                                                                       (rules.py)
    ├── InvalidSchedule      workshop dates that contradict each other or a prerequisite
    │                        (naive dates, deadline after the start, a recency window that
    │                        opens after the deadline)                       (rules.py)
    ├── InvalidScoring       ratings or weights the pre-selection score cannot use
    │                                                                       (scoring.py)
    └── IllegalTransition    an application status change that the table does not allow
                                                                            (states.py)

These modules are pure (no Flask, no SQLAlchemy), so ``EligibilityError`` does not derive from
the web layer's ``LmsBridgeError``; the web edge maps them: ``IllegalTransition`` to 409, the
``Invalid*`` errors to 400.
"""
from __future__ import annotations


class EligibilityError(Exception):
    """Base class for every error raised by the pure eligibility modules."""


class InvalidEvidence(EligibilityError):
    """A completion record is malformed (naive datetime, score outside 0..1)."""


class InvalidPrerequisite(EligibilityError):
    """A prerequisite is malformed and could never be evaluated."""


class InvalidCandidate(EligibilityError):
    """A candidate's nomination or availability is not in the engine's vocabulary."""


class InvalidSchedule(EligibilityError):
    """Workshop dates contradict each other or a prerequisite's recency window."""


class InvalidScoring(EligibilityError):
    """Pre-selection ratings or weights are out of range or incomplete."""


class IllegalTransition(EligibilityError):
    """An application status change that the allowed-transitions table refuses."""

    def __init__(self, message: str, *, current: object, target: object,
                 allowed: tuple[object, ...]) -> None:
        super().__init__(message)
        self.current = current
        self.target = target
        self.allowed = allowed
