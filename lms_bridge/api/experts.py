"""Experts API: register, records, workshop outcome, missions, monitoring, programme report."""
from __future__ import annotations

from typing import Any

from flask import g

from ..accounts.permissions import Action, can, require
from ..errors import InvalidInput
from ..eligibility.models import Application, Workshop
from ..experts import operations, queries
from ..experts.operations.common import get_or_404, get_user
from ..experts.pledge import Balance, weeks
from .blueprint import blueprint
from .schemas_experts import (AccreditationChangeIn, AccreditationOut, AssessmentIn,
                              AssignmentOut, AttendanceIn, DrawIn, DrawOut, ExpertRecordOut,
                              LanguagesIn,
                              OutcomeIn, ParticipantOut, ExpertPersonOut, PledgeOut, RegisterItem,
                              RegisterQuery, SetupIn, SubjectsIn, TrainingOut,
                              WorkshopOutcomeOut)
from .spec import endpoint, parse_body, parse_query

COORD = "coordinator, admin"
NC_OWN = "national_coordinator (own administration's experts), admin"


def _pledge(balance: Balance | None) -> dict[str, Any] | None:
    if balance is None:
        return None
    return PledgeOut(pledged_weeks=weeks(balance.pledged_days), given_weeks=weeks(balance.given_days),
                     committed_weeks=weeks(balance.committed_days),
                     left_weeks=weeks(balance.left_days), left_days=balance.left_days,
                     starts_on=balance.starts_on, ends_on=balance.ends_on).model_dump()


def _dump(model, row) -> dict[str, Any]:
    return model.model_validate(row).model_dump(mode="json")


@blueprint.get("/experts")
@endpoint("Search the experts' register (a national coordinator sees their own administration's)",
          query=RegisterQuery, response=[RegisterItem],
          roles="coordinator, admin, national_coordinator (own administration)")
def experts_register():
    require(g.api_user, Action.SEARCH_EXPERTS)
    q = parse_query(RegisterQuery)
    rows = queries.register(g.api_user, queries.RegisterFilter(
        q.field, q.language, q.region, q.administration_id, q.weeks_left, q.status))
    return [RegisterItem(person=ExpertPersonOut.model_validate(r.accreditation.user),
                         accreditation=AccreditationOut.model_validate(r.accreditation),
                         languages=r.languages, pledge=_pledge(r.balance)).model_dump(mode="json")
            for r in rows]


@blueprint.get("/experts/<int:user_id>")
@endpoint("A person's expert record: pledge, accreditations with history, missions, training",
          response=ExpertRecordOut, roles="the person, " + NC_OWN + ", coordinator")
def expert_record(user_id: int):
    person = get_user(user_id)
    if not queries.may_see_record(g.api_user, person):
        require(g.api_user, Action.VIEW_EXPERT, person)
    record = queries.expert_record(person)
    return ExpertRecordOut(
        person=ExpertPersonOut.model_validate(person),
        languages=record.expert.languages if record.expert else None,
        pledge=_pledge(record.balance),
        accreditations=[AccreditationOut.model_validate(a) for a in record.accreditations],
        assignments=[AssignmentOut.model_validate(a) for a in record.assignments],
        training=[TrainingOut.model_validate(t) for t in record.training]).model_dump(mode="json")


@blueprint.put("/experts/<int:user_id>/languages")
@endpoint("Set an expert's working languages (codes: ar, en, es, fr, pt, ru)", body=LanguagesIn,
          response=ExpertRecordOut, roles="the expert, coordinator, admin")
def expert_languages(user_id: int):
    operations.set_languages(g.api_user, user_id, parse_body(LanguagesIn).languages)
    return expert_record(user_id)


@blueprint.post("/accreditations/<int:accreditation_id>/status")
@endpoint("Confirm, lapse, withdraw or re-accredit (guarded; a reason is required)",
          body=AccreditationChangeIn, response=AccreditationOut, roles=COORD)
def accreditation_status(accreditation_id: int):
    body = parse_body(AccreditationChangeIn)
    return _dump(AccreditationOut, operations.change_accreditation(
        g.api_user, accreditation_id, body.status, body.reason))


def _outcome(workshop_id: int) -> dict[str, Any]:
    setup = queries.setup_of(workshop_id)
    if setup is None:
        get_or_404(Workshop, workshop_id, "Workshop")
        raise InvalidInput("This workshop's outcome is not set up yet (PUT it first).",
                           [{"field": "workshop_id", "problem": "no outcome set-up"}])
    participants = [ParticipantOut(
        application_id=row.application.id, person=ExpertPersonOut.model_validate(row.application.user),
        attended=row.participation.attended if row.participation else None,
        subject=row.participation.subject.title if row.participation and row.participation.subject
        else None,
        outcome=row.participation.outcome if row.participation else None,
        assessments=[{"assessor_id": s.assessor_id, "technical": s.technical,
                      "training": s.training, "international": s.international,
                      "technical_note": s.technical_note, "training_note": s.training_note,
                      "international_note": s.international_note} for s in row.assessments])
        for row in queries.outcome_sheet(workshop_id)]
    return WorkshopOutcomeOut(
        workshop_id=workshop_id, field=setup.field,
        required_cofacilitations=setup.required_cofacilitations, pledge_weeks=setup.pledge_weeks,
        pledge_years=setup.pledge_years, assessor_ids=[u.id for u in setup.assessors],
        subjects=[s.title for s in setup.subjects], draw_seed=setup.draw_seed,
        participants=participants).model_dump(mode="json")


def _may_see_outcome(workshop_id: int) -> None:
    user = g.api_user
    setup = queries.setup_of(workshop_id)
    if can(user, Action.ASSESS_PARTICIPANT) and setup and user.id in {u.id for u in setup.assessors}:
        return
    require(user, Action.RUN_WORKSHOP_OUTCOME)


@blueprint.get("/workshops/<int:workshop_id>/outcome")
@endpoint("A workshop's outcome: set-up, subjects, draw seed, participants and assessments",
          response=WorkshopOutcomeOut, roles="coordinator, admin, the workshop's resource persons")
def workshop_outcome(workshop_id: int):
    _may_see_outcome(workshop_id)
    return _outcome(workshop_id)


@blueprint.put("/workshops/<int:workshop_id>/outcome")
@endpoint("Set up a workshop's outcome: field, co-facilitations needed, pledge, resource persons",
          body=SetupIn, response=WorkshopOutcomeOut, roles=COORD)
def setup_outcome(workshop_id: int):
    body = parse_body(SetupIn)
    operations.setup_outcome(g.api_user, workshop_id, body.field, body.required_cofacilitations,
                             body.pledge_weeks, body.pledge_years, body.assessor_ids)
    return _outcome(workshop_id)


@blueprint.put("/workshops/<int:workshop_id>/outcome/subjects")
@endpoint("Enter the lesson subjects (before the draw)", body=SubjectsIn,
          response=WorkshopOutcomeOut, roles=COORD)
def outcome_subjects(workshop_id: int):
    operations.set_subjects(g.api_user, workshop_id, parse_body(SubjectsIn).subjects)
    return _outcome(workshop_id)


@blueprint.post("/workshops/<int:workshop_id>/outcome/draw")
@endpoint("Draw the lesson subjects by lot, once; the seed is recorded (given or random)",
          body=DrawIn, response=DrawOut, roles=COORD)
def outcome_draw(workshop_id: int):
    plan = operations.draw_subjects(g.api_user, workshop_id, parse_body(DrawIn).seed)
    setup = queries.setup_of(workshop_id)
    titles = {s.id: s.title for s in setup.subjects}
    return DrawOut(seed=setup.draw_seed, subjects={a: titles[s] for a, s in plan.items()}
                   ).model_dump(mode="json")


@blueprint.put("/participants/<int:application_id>/attendance")
@endpoint("Record a selected participant's attendance", body=AttendanceIn,
          response=WorkshopOutcomeOut, roles=COORD)
def participant_attendance(application_id: int):
    row = operations.record_attendance(g.api_user, application_id,
                                       parse_body(AttendanceIn).attended)
    return _outcome(row.application.workshop_id)


@blueprint.put("/participants/<int:application_id>/assessment")
@endpoint("Assess a selected participant on the three criteria (scores 1-5 and notes)",
          body=AssessmentIn, response=WorkshopOutcomeOut,
          roles="resource_person (assigned to the workshop), admin")
def participant_assessment(application_id: int):
    body = parse_body(AssessmentIn)
    operations.assess(g.api_user, application_id, operations.Scores(
        body.technical.score, body.training.score, body.international.score,
        body.technical.note, body.training.note, body.international.note))
    return _outcome(get_or_404(Application, application_id, "Application").workshop_id)


@blueprint.post("/participants/<int:application_id>/outcome")
@endpoint("Decide the outcome: successful (pre-accredited) or not (guidance note sent)",
          body=OutcomeIn, response=WorkshopOutcomeOut, roles=COORD)
def participant_outcome(application_id: int):
    body = parse_body(OutcomeIn)
    row = operations.decide_outcome(g.api_user, application_id, body.outcome, body.guidance)
    return _outcome(row.application.workshop_id)


from . import experts_missions  # noqa: E402,F401  (missions, monitoring, report)
