"""A workshop's outcome: set-up, lesson subjects drawn by lot, attendance, assessment, outcome.

The draw is ``random.Random(seed)`` shuffling the subjects in their entered order and dealing
them to the participants in application order, so anyone holding the recorded seed can redo
it (``draw_plan``) and get the same result; the seed and the result are in the audit log.
"""
from __future__ import annotations

import random
import secrets
from dataclasses import dataclass

from flask_babel import format_date, gettext as _, lazy_gettext as _l
from sqlalchemy import select

from ...accounts.models import Role, User
from ...accounts.operations import record_audit
from ...accounts.permissions import Action, require
from ...db import db, utcnow
from ...errors import Conflict, Forbidden
from ...eligibility.models import Application, Workshop
from ..labels import label
from ..models import Accreditation, AccreditationEvent, Assessment, Expert, LessonSubject, \
    Participation, WorkshopSetup
from ..pledge import default_period
from ..states import AccreditationStatus
from ..vocabulary import SCALE, Criterion, Field, ParticipantOutcome
from ..queries import ASSESSABLE, participants
from .common import get_or_404, invalid, tell_person_and_coordinators, users_with_ids



def setup_outcome(actor: User, workshop_id: int, field: Field, required_cofacilitations: int = 2,
                  pledge_weeks: int = 12, pledge_years: int = 3,
                  assessor_ids: list[int] | None = None) -> WorkshopSetup:
    """Say what the workshop accredits in and who assesses; may be repeated to change it."""
    require(actor, Action.RUN_WORKSHOP_OUTCOME)

    get_or_404(Workshop, workshop_id, _l("Workshop"))
    if not 1 <= required_cofacilitations <= 10:
        raise invalid("required_cofacilitations", _("must be between 1 and 10"),
                      _("Missions as co-facilitator needed: between 1 and 10."))
    if not 1 <= pledge_weeks <= 52 or not 1 <= pledge_years <= 10:
        raise invalid("pledge_weeks", _("weeks 1-52 and years 1-10"),
                      _("The pledge: weeks 1-52 and years 1-10."))
    assessors = users_with_ids(list(assessor_ids or []))
    not_resource = [u.display_name for u in assessors if not u.has_role(Role.RESOURCE_PERSON)]
    if len(assessors) != len(set(assessor_ids or [])) or not_resource:
        problem = _("not a resource person: %(names)s", names=", ".join(not_resource or ["?"]))
        raise invalid("assessor_ids", problem,
                      _("Resource persons who assess: %(problem)s.", problem=problem))
    setup = db.session.get(WorkshopSetup, workshop_id) or WorkshopSetup(workshop_id=workshop_id)
    setup.field, setup.required_cofacilitations = field, required_cofacilitations
    setup.pledge_weeks, setup.pledge_years = pledge_weeks, pledge_years
    setup.assessors = assessors
    db.session.add(setup)
    record_audit(actor, "experts.workshop_setup", "workshop", workshop_id,
                 f"Outcome set-up: {field.value}, {len(assessors)} resource person(s)")
    db.session.commit()
    return setup


def _setup(workshop_id: int) -> WorkshopSetup:
    setup = db.session.get(WorkshopSetup, workshop_id)
    if setup is None:
        raise Conflict(_("Set up the workshop's outcome first (its field and resource persons)."))
    return setup


def set_subjects(actor: User, workshop_id: int, titles: list[str]) -> WorkshopSetup:
    require(actor, Action.RUN_WORKSHOP_OUTCOME)
    setup = _setup(workshop_id)
    if setup.draw_seed is not None:
        raise Conflict(_("The subjects were already drawn (seed %(seed)s); they cannot change now.",
                         seed=setup.draw_seed))
    titles = [t.strip()[:300] for t in titles if t.strip()]
    if not titles:
        raise invalid("subjects", _("enter at least one lesson subject"),
                      _("Enter at least one lesson subject."))
    setup.subjects = [LessonSubject(position=i, title=t) for i, t in enumerate(titles)]
    record_audit(actor, "experts.subjects_set", "workshop", workshop_id,
                 f"{len(titles)} lesson subject(s) entered", subjects=titles)
    db.session.commit()
    return setup


def draw_plan(seed: str, subject_ids: list[int], application_ids: list[int]) -> dict[int, int]:
    """application id -> subject id: the subjects shuffled by the seed, dealt in turn."""
    shuffled = list(subject_ids)
    random.Random(seed).shuffle(shuffled)
    return {app_id: shuffled[i % len(shuffled)] for i, app_id in enumerate(application_ids)}


def draw_subjects(actor: User, workshop_id: int, seed: str | None = None) -> dict[int, int]:
    """Draw a lesson subject for every attending selected participant, once."""
    require(actor, Action.RUN_WORKSHOP_OUTCOME)
    setup = _setup(workshop_id)
    if setup.draw_seed is not None:
        raise Conflict(_("The subjects were already drawn on %(day)s with seed %(seed)s.",
                         day=format_date(setup.drawn_at), seed=setup.draw_seed))
    if not setup.subjects:
        raise Conflict(_("Enter the lesson subjects before the draw."))
    drawing = [a for a in participants(workshop_id) if _participation(a.id).attended is not False]
    if not drawing:
        raise Conflict(_("No selected participant is attending; nothing to draw."))
    seed = (seed or secrets.token_hex(8)).strip()[:64]
    plan = draw_plan(seed, [s.id for s in setup.subjects], [a.id for a in drawing])
    for application_id, subject_id in plan.items():
        _participation(application_id).subject_id = subject_id
    setup.draw_seed, setup.drawn_at = seed, utcnow()
    record_audit(actor, "experts.subjects_drawn", "workshop", workshop_id,
                 f"Lesson subjects drawn for {len(plan)} participant(s) with seed {seed}",
                 seed=seed, plan={str(k): v for k, v in plan.items()})
    db.session.commit()
    return plan


def _participation(application_id: int) -> Participation:
    row = db.session.get(Participation, application_id)
    if row is None:
        row = Participation(application_id=application_id)
        db.session.add(row)
        db.session.flush()
    return row


def _selected(application_id: int) -> Application:
    application = get_or_404(Application, application_id, _l("Application"))
    if application.status is not ASSESSABLE:
        raise Conflict(_("%(name)s was not selected for this workshop (status: %(status)s); only "
                         "selected participants take part in the outcome.",
                         name=application.user.display_name, status=label(application.status)),
                       [{"field": "application", "problem": _("not selected")}])
    return application


def record_attendance(actor: User, application_id: int, attended: bool) -> Participation:
    require(actor, Action.RUN_WORKSHOP_OUTCOME)
    application = _selected(application_id)
    row = _participation(application_id)
    if row.outcome is not None:
        raise Conflict(_("The outcome is already decided; attendance cannot change."))
    row.attended = attended
    record_audit(actor, "experts.attendance", "application", application_id,
                 f"{application.user.display_name}: {'present' if attended else 'absent'}")
    db.session.commit()
    return row


@dataclass(frozen=True)
class Scores:
    """Scores (1-5) and notes on the three criteria."""

    technical: int
    training: int
    international: int
    technical_note: str = ""
    training_note: str = ""
    international_note: str = ""

    def check(self) -> None:
        for criterion in Criterion:
            value = getattr(self, criterion.name.lower())
            if value not in SCALE:
                raise invalid(criterion.name.lower(),
                              _("score %(value)s is not between 1 and 5", value=value),
                              _("%(criterion)s: the score must be between 1 and 5.",
                                criterion=label(criterion)))


def assess(actor: User, application_id: int, scores: Scores) -> Assessment:
    """A resource person assigned to the workshop scores a selected participant."""
    require(actor, Action.ASSESS_PARTICIPANT)
    application = _selected(application_id)
    setup = _setup(application.workshop_id)
    if actor.id not in {u.id for u in setup.assessors} and not actor.has_role(Role.ADMIN):
        raise Forbidden(_("You are not a resource person of this workshop."))
    participation = _participation(application_id)
    if participation.outcome is not None:
        raise Conflict(_("The outcome is already decided; the assessment is closed."))
    if participation.attended is False:
        raise Conflict(_("%(name)s did not attend.", name=application.user.display_name))
    scores.check()
    row = db.session.scalar(select(Assessment).where(
        Assessment.application_id == application_id, Assessment.assessor_id == actor.id))
    row = row or Assessment(application_id=application_id, assessor_id=actor.id)
    for name, value in vars(scores).items():
        setattr(row, name, value if isinstance(value, int) else value[:4000])
    row.at = utcnow()
    db.session.add(row)
    record_audit(actor, "experts.assessed", "application", application_id,
                 f"Assessed {application.user.display_name}")
    db.session.commit()
    return row


def decide_outcome(actor: User, application_id: int, outcome: ParticipantOutcome,
                   guidance: str = "") -> Participation:
    """Successful: pre-accredited in the workshop's field, with the pledge. Otherwise a
    guidance note goes to the person and their national coordinator."""
    require(actor, Action.RUN_WORKSHOP_OUTCOME)
    application = _selected(application_id)
    setup = _setup(application.workshop_id)
    row = _participation(application_id)
    if row.outcome is not None:
        raise Conflict(_("The outcome is already decided: %(outcome)s.",
                         outcome=label(row.outcome)))
    has_assessment = db.session.scalar(select(Assessment.id).where(
        Assessment.application_id == application_id).limit(1))
    if not has_assessment:
        raise Conflict(_("No resource person has assessed this participant yet."))
    if outcome is ParticipantOutcome.NOT_SUCCESSFUL and not guidance.strip():
        raise invalid("guidance", _("write the guidance note the person will receive"),
                      _("Write the guidance note the person will receive."))
    if outcome is ParticipantOutcome.SUCCESSFUL and row.attended is False:
        raise Conflict(_("An absent participant cannot be successful."))
    row.outcome, row.guidance = outcome, guidance.strip()[:8000]
    row.decided_at, row.decided_by_id = utcnow(), actor.id
    if outcome is ParticipantOutcome.SUCCESSFUL:
        _pre_accredit(actor, application.user, setup)
    _tell_outcome(application, setup, row)
    record_audit(actor, "experts.outcome", "application", application_id,
                 f"{application.user.display_name}: {outcome.value}")
    db.session.commit()
    return row


def _tell_outcome(application: Application, setup: WorkshopSetup, row: Participation) -> None:
    person, title = application.user, application.workshop.title
    if row.outcome is ParticipantOutcome.SUCCESSFUL:
        tell_person_and_coordinators(person, lambda: (
            _("%(title)s: pre-accredited", title=title),
            _("%(name)s is pre-accredited in %(field)s. The WCO will invite them to in-country "
              "activities as a co-facilitator as opportunities occur.",
              name=person.display_name, field=label(setup.field))))
    else:
        tell_person_and_coordinators(person, lambda: (
            _("%(title)s: guidance after the workshop", title=title),
            _("%(name)s was not successful at this workshop and stays known to the Regional "
              "Office as a national expert.\n\nGuidance:\n%(guidance)s",
              name=person.display_name, guidance=row.guidance)))


def _pre_accredit(actor: User, person: User, setup: WorkshopSetup) -> None:
    existing = db.session.scalar(select(Accreditation).where(
        Accreditation.user_id == person.id, Accreditation.field == setup.field))
    if existing is None:
        accreditation = Accreditation(user_id=person.id, field=setup.field,
                                      status=AccreditationStatus.PRE_ACCREDITED,
                                      workshop_id=setup.workshop_id, updated_at=utcnow())
        # The reason is stored in English (the record, and the API's); the record page words
        # this first event again in its reader's language.
        accreditation.events.append(AccreditationEvent(
            actor_id=actor.id, from_status=None, to_status=AccreditationStatus.PRE_ACCREDITED,
            reason=f"Successful at {setup.workshop.title}", at=utcnow()))
        db.session.add(accreditation)
    if db.session.get(Expert, person.id) is None:
        starts, ends = default_period(setup.workshop.ends_at.date(), setup.pledge_years)
        db.session.add(Expert(user_id=person.id, pledge_weeks=setup.pledge_weeks,
                              pledge_starts_on=starts, pledge_ends_on=ends,
                              languages=person.preferred_language or "en"))
