"""Eligibility writes: workshops, prerequisites, applications, nominations, selection.

Every operation checks access with ``require`` and commits. Every status move goes through
``transitions.move_status`` (the state table decides; the move is logged and the applicant
notified). Messages are queued in the outbox and sent once the decision is committed.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext as _, lazy_gettext as _l, ngettext
from sqlalchemy import func, select

from ..accounts.models import Region, User
from ..accounts.operations import record_audit
from ..accounts.permissions import Action, require
from ..catalog.models import Module
from ..db import db, utcnow
from ..errors import Conflict, InvalidInput, NotFound
from ..tracking.vocabulary import CompletionRule, SourceKind
from . import history_words, notifications
from .errors import EligibilityError, InvalidSchedule
from .evaluation import evaluate_application, evaluate_workshop, rules_of
from .labels import label
from .models import (Application, ApplicationEvent, Workshop, WorkshopKind,
                     WorkshopPrerequisite)
from .scoring import Criterion
from .states import ApplicationStatus
from .transitions import move_status
from .vocabulary import NominationState

S = ApplicationStatus
SELECTION_TARGETS = (S.SELECTED, S.WAITLISTED, S.NOT_SELECTED)


def _invalid(field: str, problem: str, message: str | None = None) -> InvalidInput:
    return InvalidInput(message or f"{field}: {problem}", [{"field": field, "problem": problem}])


# --- workshops -------------------------------------------------------------------------------

@dataclass(frozen=True)
class WorkshopSpec:
    title: str
    kind: WorkshopKind
    region: Region
    capacity: int
    starts_at: datetime
    ends_at: datetime
    applications_open_at: datetime
    applications_close_at: datetime
    topic: str = ""
    venue: str = ""
    host: str = ""
    language: str = "en"
    availability_commitment: str = ""
    criteria_weights: dict[str, float] | None = None


def _check_dates(spec: WorkshopSpec) -> None:
    if spec.ends_at < spec.starts_at:
        raise _invalid("ends_at", _("before the start"), _("The workshop ends before it starts."))
    if not spec.applications_open_at < spec.applications_close_at <= spec.starts_at:
        raise _invalid("applications_close_at", _("outside the workshop's dates"),
                       _("Applications must open before they close, and close by the start."))
    if spec.capacity < 1:
        raise _invalid("capacity", _("must be at least 1"))


def _weights(raw: dict[str, float] | None) -> dict[str, float]:
    if raw is None:
        return {c.name: 1.0 for c in Criterion}
    unknown = set(raw) - {c.name for c in Criterion}
    if unknown or any(w < 0 for w in raw.values()) or sum(raw.values()) <= 0:
        raise _invalid("criteria_weights", _("unknown criterion, negative or all zero"))
    return {name: float(weight) for name, weight in raw.items()}


def create_workshop(actor: User, spec: WorkshopSpec) -> Workshop:
    require(actor, Action.MANAGE_WORKSHOPS)
    _check_dates(spec)
    values = {k: v for k, v in vars(spec).items() if k != "criteria_weights"}
    workshop = Workshop(**values, criteria_weights=_weights(spec.criteria_weights),
                        created_by_id=actor.id, created_at=utcnow())
    db.session.add(workshop)
    db.session.flush()
    record_audit(actor, "workshop.created", "workshop", workshop.id,
                 f"Created the workshop '{workshop.title}'")
    db.session.commit()
    return workshop


def update_workshop(actor: User, workshop_id: int, spec: WorkshopSpec) -> Workshop:
    """Change a workshop's details; its dates decide eligibility, so every candidate is
    re-evaluated. Refused (409) below the places already given."""
    require(actor, Action.MANAGE_WORKSHOPS)
    workshop = get_workshop(workshop_id)
    _check_dates(spec)
    if spec.capacity < _selected_count(workshop):
        raise Conflict(_("More candidates are selected than this capacity."), [{
            "field": "capacity", "problem": ngettext(
                "%(num)d candidate is selected already: move them to the waiting list first.",
                "%(num)d candidates are selected already: move some to the waiting list first.",
                _selected_count(workshop))}])
    changed = [k for k, v in vars(spec).items()
               if k != "criteria_weights" and getattr(workshop, k) != v]
    for name in changed:
        setattr(workshop, name, getattr(spec, name))
    evaluate_workshop(workshop, history_words.workshop_changed(actor.display_name))
    record_audit(actor, "workshop.updated", "workshop", workshop.id,
                 f"Changed the workshop '{workshop.title}': {', '.join(changed) or 'nothing'}")
    db.session.commit()
    return workshop


def remove_workshop(actor: User, workshop_id: int) -> str:
    """Remove a workshop nobody applied to (applications are kept: close it instead)."""
    require(actor, Action.MANAGE_WORKSHOPS)
    workshop = get_workshop(workshop_id)
    applied = db.session.scalar(select(func.count(Application.id)).where(
        Application.workshop_id == workshop.id)) or 0
    if applied:
        raise Conflict(ngettext(
            "%(num)d person applied to '%(title)s': it cannot be removed; change its dates "
            "instead.", "%(num)d people applied to '%(title)s': it cannot be removed; change "
            "its dates instead.", applied, title=workshop.title))
    record_audit(actor, "workshop.removed", "workshop", workshop.id,
                 f"Removed the workshop '{workshop.title}'")
    db.session.delete(workshop)
    db.session.commit()
    return workshop.title


def get_workshop(workshop_id: int) -> Workshop:
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        raise NotFound(_("Workshop %(id)d does not exist.", id=workshop_id))
    return workshop


@dataclass(frozen=True)
class PrerequisiteSpec:
    label: str
    module_slugs: tuple[str, ...]
    rule: CompletionRule
    min_score: float | None = None
    recency_days: int | None = None
    allowed_sources: tuple[str, ...] | None = None


def _modules(slugs: tuple[str, ...]) -> list[Module]:
    modules = list(db.session.scalars(select(Module).where(Module.slug.in_(slugs))))
    if not slugs or len(modules) != len(set(slugs)):
        unknown = sorted(set(slugs) - {m.slug for m in modules})
        raise _invalid("module_slugs", _("unknown or empty: %(slugs)s", slugs=", ".join(unknown)),
                       _("Choose one or more existing modules."))
    return modules


def _fill(row: WorkshopPrerequisite, spec: PrerequisiteSpec) -> WorkshopPrerequisite:
    row.label, row.rule, row.min_score = spec.label.strip(), spec.rule, spec.min_score
    row.recency_days, row.modules = spec.recency_days, _modules(spec.module_slugs)
    row.allowed_sources = list(spec.allowed_sources) if spec.allowed_sources else None
    return row


def _reevaluate(actor: User, workshop: Workshop, row: WorkshopPrerequisite, verb: str) -> None:
    """Check the workshop's rules still hold, re-evaluate its candidates, audit, commit."""
    db.session.flush()
    try:
        rules_of(workshop)
    except EligibilityError as exc:
        db.session.rollback()
        raise _unusable(row, exc) from None
    evaluate_workshop(workshop,
                      history_words.prerequisite_change(verb, row.label, actor.display_name))
    record_audit(actor, f"workshop.prerequisite_{verb}", "workshop", workshop.id,
                 f"Prerequisite '{row.label}' of '{workshop.title}' {verb}")
    db.session.commit()


def _unusable(row: WorkshopPrerequisite, exc: EligibilityError) -> InvalidInput:
    if isinstance(exc, InvalidSchedule) and row.recency_days:
        # The one schedule problem a prerequisite can cause (the workshop's own dates are
        # checked by _check_dates): its window opens after applications close.
        problem = _("its window of %(days)d days before the start opens after the applications "
                    "close, so no record could ever count", days=row.recency_days)
    else:
        problem = str(exc)
    return _invalid("prerequisite", problem,
                    _("This prerequisite cannot be used: %(problem)s", problem=problem))


def add_prerequisite(actor: User, workshop_id: int, spec: PrerequisiteSpec) -> WorkshopPrerequisite:
    """Add a prerequisite and re-evaluate every candidate of the workshop."""
    require(actor, Action.MANAGE_WORKSHOPS)
    workshop = get_workshop(workshop_id)
    row = _fill(WorkshopPrerequisite(position=len(workshop.prerequisites)), spec)
    workshop.prerequisites.append(row)
    _reevaluate(actor, workshop, row, "added")
    return row


def get_prerequisite(workshop_id: int, prerequisite_id: int) -> WorkshopPrerequisite:
    row = db.session.get(WorkshopPrerequisite, prerequisite_id)
    if row is None or row.workshop_id != workshop_id:
        raise NotFound(_("Prerequisite %(prerequisite)d of workshop %(workshop)d does not exist.",
                         prerequisite=prerequisite_id, workshop=workshop_id))
    return row


def update_prerequisite(actor: User, workshop_id: int, prerequisite_id: int,
                        spec: PrerequisiteSpec) -> WorkshopPrerequisite:
    """Change a prerequisite and re-evaluate every candidate of the workshop."""
    require(actor, Action.MANAGE_WORKSHOPS)
    row = _fill(get_prerequisite(workshop_id, prerequisite_id), spec)
    _reevaluate(actor, row.workshop, row, "changed")
    return row


def remove_prerequisite(actor: User, workshop_id: int, prerequisite_id: int) -> str:
    """Remove a prerequisite and re-evaluate every candidate of the workshop."""
    require(actor, Action.MANAGE_WORKSHOPS)
    row = get_prerequisite(workshop_id, prerequisite_id)
    workshop = row.workshop
    workshop.prerequisites.remove(row)
    for position, other in enumerate(workshop.prerequisites):
        other.position = position
    _reevaluate(actor, workshop, row, "removed")
    return row.label


def source_choices() -> list[str]:
    """What ``allowed_sources`` may hold besides free source labels."""
    return [kind.value for kind in SourceKind]


# --- applications ----------------------------------------------------------------------------

@dataclass(frozen=True)
class ApplicationForm:
    criteria: dict[str, dict[str, Any]]
    motivation: str
    availability_committed: bool
    good_health: bool | None = None  # a yes/no self-declaration only, never details


def _check_criteria(criteria: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    clean = {}
    for criterion in Criterion:
        entry = criteria.get(criterion.name) or {}
        rating = entry.get("rating")
        if not isinstance(rating, int) or isinstance(rating, bool) or not 0 <= rating <= 4:
            raise _invalid(f"criteria.{criterion.name}", _("rate it from 0 to 4"),
                           _("Rate '%(criterion)s' from 0 to 4.", criterion=label(criterion)))
        clean[criterion.name] = {"rating": rating, "note": str(entry.get("note", ""))[:2000]}
    return clean


def save_application(actor: User, workshop_id: int, form: ApplicationForm, *,
                     submit: bool) -> Application:
    """Create or update the actor's draft; ``submit`` sends it to the national coordinator."""
    require(actor, Action.APPLY_TO_WORKSHOP)
    workshop = get_workshop(workshop_id)
    if actor.administration_id is None:
        raise Conflict(_("Only officials of a member administration can apply."))
    application = db.session.scalar(select(Application).where(
        Application.workshop_id == workshop.id, Application.user_id == actor.id))
    if application is None:
        application = Application(workshop=workshop, user_id=actor.id, status=S.DRAFT,
                                  administration_id=actor.administration_id,
                                  nomination=NominationState.PENDING, created_at=utcnow())
        db.session.add(application)
        db.session.flush()
        db.session.add(ApplicationEvent(application_id=application.id, at=utcnow(),
                                        actor_id=actor.id, to_status=S.DRAFT,
                                        reason=notifications.in_english(
                                            history_words.STARTED)))
    elif application.status is not S.DRAFT:
        raise Conflict(_("This application is '%(status)s' and can no longer be edited.",
                         status=label(application.status)))
    application.criteria = {k: dict(v) for k, v in form.criteria.items()}
    application.motivation = form.motivation.strip()[:5000]
    application.availability_committed = form.availability_committed
    application.good_health = None if form.good_health is None else form.good_health is True
    if submit:
        _submit(actor, application)
    db.session.commit()
    notifications.deliver_outbox()
    return application


def _submit(actor: User, application: Application) -> None:
    workshop, now = application.workshop, utcnow()
    if not workshop.applications_open_at <= now <= workshop.applications_close_at:
        raise Conflict(_("Applications to this workshop are not open now."))
    application.criteria = _check_criteria(application.criteria)
    if not application.availability_committed:
        raise _invalid("availability_committed",
                       _("Tick this box to submit; you can also save a draft without it."),
                       _("Confirm your availability commitment to submit the application."))
    application.submitted_at = now
    move_status(application, S.SUBMITTED, actor=actor, reason=history_words.SUBMITTED)
    move_status(application, S.AWAITING_NOMINATION, actor=None,
                reason=history_words.sent_to_coordinator(actor.administration.name))
    for coordinator_id in notifications.national_coordinators_of(application.administration_id):
        notifications.notify_person(
            db.session.get(User, coordinator_id),
            _l("Nomination awaited: %(name)s", name=actor.display_name),
            _l("%(name)s applied to %(workshop)s; nominate or decline them in the nomination "
               "queue.", name=actor.display_name, workshop=workshop.title), application)
    evaluate_application(application, history_words.EVALUATED_ON_SUBMISSION)


def get_application(application_id: int) -> Application:
    application = db.session.get(Application, application_id)
    if application is None:
        raise NotFound(_("Application %(id)d does not exist.", id=application_id))
    return application


def decide_nomination(actor: User, application_id: int, nominate: bool,
                      reason: str) -> Application:
    """The national coordinator (own administration only) or an admin nominates or declines."""
    application = get_application(application_id)
    require(actor, Action.NOMINATE_CANDIDATE, application)
    reason = reason.strip()
    if not reason:
        raise _invalid("reason", _("required"), _("Give a reason for the decision."))
    target = S.NOMINATED if nominate else S.NOT_NOMINATED
    move_status(application, target, actor=actor, reason=reason)
    application.nomination = (NominationState.NOMINATED if nominate
                              else NominationState.NOT_NOMINATED)
    record_audit(actor, f"nomination.{'nominated' if nominate else 'declined'}", "application",
                 application.id, f"{target.value.capitalize()}: {application.user.display_name} "
                 f"for '{application.workshop.title}'", reason)
    evaluate_application(application,
                         history_words.decided(target, actor.display_name, reason))
    db.session.commit()
    notifications.deliver_outbox()
    return application


def decide_selection(actor: User, application_id: int, target: ApplicationStatus,
                     reason: str) -> Application:
    """Pre-selection by a training coordinator: selected, waitlisted or not selected."""
    require(actor, Action.SELECT_CANDIDATE)
    application = get_application(application_id)
    if target not in SELECTION_TARGETS:
        raise _invalid("status", _("must be selected, waitlisted or not selected"))
    if not reason.strip():
        raise _invalid("reason", _("required"), _("Give a reason for the decision."))
    if target is S.SELECTED:
        _check_capacity(application.workshop)
    move_status(application, target, actor=actor, reason=reason.strip())
    record_audit(actor, "selection.decided", "application", application.id,
                 f"{application.user.display_name}: {target.value}", reason.strip())
    db.session.commit()
    notifications.deliver_outbox()
    return application


def withdraw_application(actor: User, application_id: int, reason: str = "") -> Application:
    """The applicant gives up (an admin may do it for them); a selected place is freed.

    Raises ``Forbidden`` for anyone else and ``Conflict`` from a final status
    (not nominated, not selected, withdrawn).
    """
    application = get_application(application_id)
    if application.user_id == actor.id:
        require(actor, Action.WITHDRAW_OWN_APPLICATION)
    else:
        require(actor, Action.WITHDRAW_ANY_APPLICATION)
    reason = reason.strip()[:2000]
    move_status(application, S.WITHDRAWN, actor=actor,
                reason=history_words.withdrawal(application.user_id == actor.id,
                                                actor.display_name, reason))
    record_audit(actor, "application.withdrawn", "application", application.id,
                 f"Withdrawn: {application.user.display_name} from "
                 f"'{application.workshop.title}'", reason)
    db.session.commit()
    notifications.deliver_outbox()
    return application


def _selected_count(workshop: Workshop) -> int:
    return db.session.scalar(select(func.count(Application.id)).where(
        Application.workshop_id == workshop.id, Application.status == S.SELECTED)) or 0


def _check_capacity(workshop: Workshop) -> None:
    if _selected_count(workshop) >= workshop.capacity:
        raise Conflict(ngettext("The %(num)d place of this workshop is taken.",
                                "All %(num)d places of this workshop are taken.",
                                workshop.capacity),
                       [{"field": "decision", "problem": _(
                           "All places are taken: '%(waitlisted)s' is now chosen, to keep this "
                           "candidate on the waiting list.", waitlisted=label(S.WAITLISTED))}])
