"""Moving an application along the state machine: the one place a status changes.

The table in ``states.py`` decides (an illegal move is a ``Conflict``, 409); an
``ApplicationEvent`` records who (None: the rule engine) and why; the applicant is notified
through the outbox. Both the operations (people's decisions) and the evaluation (the engine's
verdicts) move statuses through here, inside their caller's transaction.
"""
from __future__ import annotations

from ..accounts.models import User
from ..db import db, utcnow
from ..errors import Conflict
from . import notifications
from .errors import IllegalTransition
from .models import Application, ApplicationEvent
from .states import ApplicationStatus, transition


def move_status(application: Application, target: ApplicationStatus, *, actor: User | None,
                reason: str) -> None:
    """Move an application along the state machine, log it and tell the applicant.

    Raises ``Conflict`` (409) naming the allowed moves when the table refuses.
    """
    try:
        transition(application.status, target)
    except IllegalTransition as exc:
        raise Conflict(str(exc), [{"field": "status", "problem": str(exc)}]) from None
    before = application.status
    application.status = target
    db.session.add(ApplicationEvent(application_id=application.id, at=utcnow(),
                                    actor_id=actor.id if actor else None, from_status=before,
                                    to_status=target, reason=reason[:2000]))
    if target is not ApplicationStatus.SUBMITTED:  # followed at once by "awaiting nomination"
        notifications.notify(
            application.user_id, f"{application.workshop.title}: {target.value}",
            f"Your application to {application.workshop.title} is now '{target.value}'.\n"
            f"Why: {reason}", application)
