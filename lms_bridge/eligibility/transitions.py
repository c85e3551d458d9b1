"""Moving an application along the state machine: the one place a status changes.

The table in ``states.py`` decides (an illegal move is a ``Conflict``, 409); an
``ApplicationEvent`` records who (None: the rule engine) and why; the applicant is notified
through the outbox, in their own language. Both the operations (people's decisions) and the evaluation (the engine's
verdicts) move statuses through here, inside their caller's transaction.
"""
from __future__ import annotations

from flask_babel import gettext as _, lazy_gettext as _l

from ..accounts.models import User
from ..db import db, utcnow
from ..errors import Conflict
from . import notifications
from .errors import IllegalTransition
from .labels import LABELS, label
from .models import Application, ApplicationEvent
from .states import ApplicationStatus, transition


def move_status(application: Application, target: ApplicationStatus, *, actor: User | None,
                reason: object) -> None:
    """Move an application along the state machine, log it and tell the applicant.

    ``reason`` is a person's words (a ``str``, kept as typed) or the system's (a lazy string:
    the history keeps it in English, the applicant reads it in their language). Raises
    ``Conflict`` (409) naming the allowed moves when the table refuses.
    """
    try:
        transition(application.status, target)
    except IllegalTransition as exc:
        message = _refusal(exc)
        raise Conflict(message, [{"field": "status", "problem": message}]) from None
    before = application.status
    application.status = target
    db.session.add(ApplicationEvent(application_id=application.id, at=utcnow(),
                                    actor_id=actor.id if actor else None, from_status=before,
                                    to_status=target,
                                    reason=notifications.in_english(reason)[:2000]))
    if target is not ApplicationStatus.SUBMITTED:  # followed at once by "awaiting nomination"
        title = application.workshop.title
        notifications.notify_person(
            application.user, _l("%(workshop)s: %(status)s", workshop=title, status=LABELS[target]),
            _l("Your application to %(workshop)s is now '%(status)s'.\nWhy: %(reason)s",
               workshop=title, status=LABELS[target], reason=reason), application)


def _refusal(exc: IllegalTransition) -> str:
    """The state table's refusal in the reader's language."""
    current, target = _name(exc.current), _name(exc.target)
    if not exc.allowed:
        detail = _("'%(status)s' is final, nothing can follow it", status=current)
    else:
        detail = _("from '%(status)s' it can only go to %(targets)s", status=current,
                   targets=", ".join(f"'{_name(status)}'" for status in exc.allowed))
    return _("cannot move an application from '%(current)s' to '%(target)s': %(detail)s",
             current=current, target=target, detail=detail)


def _name(status: object) -> str:
    return label(status) if isinstance(status, ApplicationStatus) else str(status)
