"""The workshop application's statuses and the only moves allowed between them.

Main line::

    draft -> submitted -> awaiting nomination -> nominated | not nominated
    nominated -> eligible | not yet eligible | ineligible      (the rule engine's verdict)
    eligible -> selected | waitlisted | not selected            (pre-selection)

Two statuses beyond the issue's list: ``ineligible`` (the engine's third verdict, so that a
candidate whose deadline passed is not shown as "not yet") and ``withdrawn`` (the applicant
gives up; allowed from every open status, including ``selected``, which frees a place).

The loops, and why each exists:

* submitted -> draft: the application is returned to the applicant for corrections.
* not nominated -> nominated: the national coordinator reconsiders (with a reason, which the
  caller records).
* not yet eligible -> eligible: a completion arrives (local or synced).
* eligible -> not yet eligible / ineligible: only when the counting record is withdrawn
  (deleted or voided upstream); a later contradicting record never does this (see rules.py).
  Which of the two depends on whether the deadline has passed.
* ineligible -> eligible: a record fetched after the deadline but completed before it.
* ineligible -> not yet eligible: the coordinator extends the deadline.
* waitlisted -> selected: a place frees up.

``not selected`` and ``withdrawn`` are final. A re-evaluation never moves an application out of
the selection statuses (``status_after_decision`` returns None there): once places are given,
changes are a coordinator's decision.

Raises ``IllegalTransition`` (an ``EligibilityError``; tree in ``errors``).
"""
from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType

from .errors import IllegalTransition
from .vocabulary import Outcome


class ApplicationStatus(enum.Enum):
    """Where a candidate's application to a workshop stands."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    AWAITING_NOMINATION = "awaiting nomination"
    NOMINATED = "nominated"
    NOT_NOMINATED = "not nominated"
    ELIGIBLE = "eligible"
    NOT_YET_ELIGIBLE = "not yet eligible"
    INELIGIBLE = "ineligible"
    SELECTED = "selected"
    WAITLISTED = "waitlisted"
    NOT_SELECTED = "not selected"
    WITHDRAWN = "withdrawn"


_S = ApplicationStatus

# Targets are listed in the order a person would read them in an error message.
ALLOWED_TRANSITIONS: Mapping[ApplicationStatus, tuple[ApplicationStatus, ...]] = MappingProxyType({
    _S.DRAFT: (_S.SUBMITTED, _S.WITHDRAWN),
    _S.SUBMITTED: (_S.AWAITING_NOMINATION, _S.DRAFT, _S.WITHDRAWN),
    _S.AWAITING_NOMINATION: (_S.NOMINATED, _S.NOT_NOMINATED, _S.WITHDRAWN),
    _S.NOMINATED: (_S.ELIGIBLE, _S.NOT_YET_ELIGIBLE, _S.INELIGIBLE, _S.WITHDRAWN),
    _S.NOT_NOMINATED: (_S.NOMINATED,),
    _S.NOT_YET_ELIGIBLE: (_S.ELIGIBLE, _S.INELIGIBLE, _S.WITHDRAWN),
    _S.ELIGIBLE: (_S.SELECTED, _S.WAITLISTED, _S.NOT_SELECTED, _S.NOT_YET_ELIGIBLE,
                  _S.INELIGIBLE, _S.WITHDRAWN),
    _S.INELIGIBLE: (_S.ELIGIBLE, _S.NOT_YET_ELIGIBLE, _S.WITHDRAWN),
    _S.SELECTED: (_S.WITHDRAWN,),
    _S.WAITLISTED: (_S.SELECTED, _S.NOT_SELECTED, _S.WITHDRAWN),
    _S.NOT_SELECTED: (),
    _S.WITHDRAWN: (),
})

# The statuses in which the rule engine's verdict decides the status.
# Applications whose verdict is kept up to date (drafts and closed ones are left alone).
LIVE_STATUSES = tuple(s for s in ApplicationStatus if s not in {
    _S.DRAFT, _S.WITHDRAWN, _S.NOT_SELECTED})
EVALUATED_STATUSES = frozenset({_S.NOMINATED, _S.NOT_YET_ELIGIBLE, _S.ELIGIBLE, _S.INELIGIBLE})

_STATUS_FOR_OUTCOME = {
    Outcome.ELIGIBLE: _S.ELIGIBLE,
    Outcome.NOT_YET: _S.NOT_YET_ELIGIBLE,
    Outcome.INELIGIBLE: _S.INELIGIBLE,
}


def allowed_targets(current: ApplicationStatus) -> tuple[ApplicationStatus, ...]:
    """The statuses ``current`` may move to (empty when final); raises ``IllegalTransition``
    when ``current`` is not an ``ApplicationStatus``."""
    _require_status(current, "current")
    return ALLOWED_TRANSITIONS[current]


def can_transition(current: ApplicationStatus, target: ApplicationStatus) -> bool:
    """True when the table allows ``current -> target``; raises nothing."""
    return target in ALLOWED_TRANSITIONS.get(current, ())


def is_final(status: ApplicationStatus) -> bool:
    """True for statuses nothing can leave (not selected, withdrawn)."""
    return not allowed_targets(status)


def transition(current: ApplicationStatus, target: ApplicationStatus) -> ApplicationStatus:
    """Return ``target`` when ``current -> target`` is allowed.

    Raises ``IllegalTransition`` naming both statuses and the allowed targets otherwise.
    """
    allowed = allowed_targets(current)
    _require_status(target, "target")
    if target in allowed:
        return target
    if not allowed:
        detail = f"'{current.value}' is final, nothing can follow it"
    else:
        detail = (f"from '{current.value}' it can only go to "
                  + ", ".join(f"'{status.value}'" for status in allowed))
    raise IllegalTransition(
        f"cannot move an application from '{current.value}' to '{target.value}': {detail}",
        current=current, target=target, allowed=allowed)


def status_after_decision(current: ApplicationStatus,
                          outcome: Outcome) -> ApplicationStatus | None:
    """The status an engine verdict moves ``current`` to, or None when it changes nothing.

    None when the status is unchanged or outside ``EVALUATED_STATUSES`` (drafts, pending
    nominations, selection results). Raises ``IllegalTransition`` for a non-status.
    """
    _require_status(current, "current")
    if current not in EVALUATED_STATUSES:
        return None
    target = _STATUS_FOR_OUTCOME[outcome]
    return None if target is current else transition(current, target)


def _require_status(status: object, role: str) -> None:
    if not isinstance(status, ApplicationStatus):
        raise IllegalTransition(
            f"{role} status {status!r} is not an ApplicationStatus",
            current=status if role == "current" else None,
            target=status if role == "target" else None, allowed=())
