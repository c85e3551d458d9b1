"""Experts API, second part: missions, monitoring sheets, the programme report."""
from __future__ import annotations

from datetime import date

from flask import g, request

from ..accounts.permissions import Action, require
from ..errors import InvalidInput
from ..experts import operations, queries
from ..experts.operations.common import get_or_404
from ..experts.models import Mission
from ..experts.report import LABELS, Scope, half_year_of, programme_report
from ..experts.sheets import Session
from .blueprint import blueprint
from .schemas_experts import (AssignmentOut, HeldIn, InterestIn, MissionIn, MissionOut,
                              PeriodOut, ProposalIn, ReleaseIn, ProgrammeReportOut, ReportQuery, ResultIn,
                              TrainingIn, TrainingOut, UploadOut, ValidationIn)
from .spec import endpoint, file_field, form_field, parse_body, parse_query

COORD = "coordinator, admin"


def _mission(row: Mission):
    return MissionOut.model_validate(row).model_dump(mode="json")


def _assignment(row):
    return AssignmentOut.model_validate(row).model_dump(mode="json")


@blueprint.get("/missions")
@endpoint("The experts' requirement matrix: every mission with who is on it",
          response=[MissionOut], roles="any signed-in user")
def missions():
    require(g.api_user, Action.LIST_MISSIONS)
    return [_mission(m) for m in queries.missions()]


@blueprint.post("/missions")
@endpoint("Add a mission need to the requirement matrix", body=MissionIn, response=MissionOut,
          status=201, roles=COORD)
def create_mission():
    body = parse_body(MissionIn)
    return _mission(operations.create_mission(g.api_user, operations.MissionSpec(
        **body.model_dump()))), 201


@blueprint.get("/missions/<int:mission_id>")
@endpoint("One mission", response=MissionOut, roles="any signed-in user")
def mission(mission_id: int):
    require(g.api_user, Action.LIST_MISSIONS)
    return _mission(get_or_404(Mission, mission_id, "Mission"))


@blueprint.post("/missions/<int:mission_id>/interest")
@endpoint("Indicate interest: the caller, or (expert_id) one of their administration's experts",
          body=InterestIn, response=AssignmentOut, status=201,
          roles="the expert, national_coordinator (own administration), admin")
def mission_interest(mission_id: int):
    body = parse_body(InterestIn)
    return _assignment(operations.indicate_interest(
        g.api_user, mission_id, body.expert_id or g.api_user.id)), 201


@blueprint.post("/missions/<int:mission_id>/proposals")
@endpoint("Propose an expert (409 with the numbers: overlap, pledge exceeded)",
          body=ProposalIn, response=AssignmentOut, status=201, roles=COORD)
def mission_proposal(mission_id: int):
    body = parse_body(ProposalIn)
    return _assignment(operations.propose_expert(g.api_user, mission_id, body.expert_id,
                                                 body.role)), 201


@blueprint.post("/missions/<int:mission_id>/held")
@endpoint("Mark a mission as held, with the people trained", body=HeldIn, response=MissionOut,
          roles=COORD)
def mission_held(mission_id: int):
    body = parse_body(HeldIn)
    return _mission(operations.mark_held(g.api_user, mission_id, body.people_trained, body.report))


@blueprint.post("/mission-assignments/<int:assignment_id>/release")
@endpoint("Release an expert for a mission, or not (with a reason)", body=ReleaseIn,
          response=AssignmentOut, roles="national_coordinator (own administration), admin")
def assignment_release(assignment_id: int):
    body = parse_body(ReleaseIn)
    return _assignment(operations.release_expert(g.api_user, assignment_id,
                                                 body.decision == "release", body.reason))


@blueprint.post("/mission-assignments/<int:assignment_id>/result")
@endpoint("After the mission: days given and the evaluation", body=ResultIn,
          response=AssignmentOut, roles=COORD)
def assignment_result(assignment_id: int):
    body = parse_body(ResultIn)
    return _assignment(operations.record_result(g.api_user, assignment_id, body.days_given,
                                                body.evaluation, body.note))


@blueprint.get("/training")
@endpoint("The caller's training sessions", response=[TrainingOut], roles="any signed-in user")
def my_training():
    require(g.api_user, Action.RECORD_TRAINING)
    return [TrainingOut.model_validate(r).model_dump(mode="json")
            for r in queries.training_of(g.api_user.id)]


@blueprint.post("/training")
@endpoint("Record one training session delivered (confirm: very large sessions)",
          body=TrainingIn, response=TrainingOut, status=201, roles="any signed-in user")
def record_training():
    body = parse_body(TrainingIn)
    session = Session(body.held_on, body.field, body.audience, body.participants, body.women,
                      body.men, body.place, body.language)
    row = operations.record_training(g.api_user, session, confirmed=body.confirm)
    return TrainingOut.model_validate(row).model_dump(mode="json"), 201


@blueprint.post("/training/sheets")
@endpoint("Upload a monitoring sheet (CSV, field `sheet`): all or nothing, each problem with "
          "its row and column; sessions already recorded are not added again",
          form=(file_field("sheet", "The monitoring sheet", media_type="text/csv"),
                form_field("confirm", "yes: very large sessions in the file are right")),
          response=UploadOut, status=201, roles="any signed-in user")
def upload_training():
    upload = request.files.get("sheet")
    if upload is None:
        raise InvalidInput("Send the monitoring sheet in the field 'sheet'.",
                           [{"field": "sheet", "problem": "missing"}])
    added, known = operations.upload_training(g.api_user, upload.read(),
                                              request.form.get("confirm") == "yes")
    return UploadOut(added=added, already_recorded=known).model_dump(), 201


@blueprint.get("/training/to-validate")
@endpoint("Sessions of the caller's administration's trainers waiting for validation",
          response=[TrainingOut], roles="national_coordinator (own administration), admin")
def training_to_validate():
    require(g.api_user, Action.LIST_TRAINING_TO_VALIDATE)
    return [TrainingOut.model_validate(r).model_dump(mode="json")
            for r in queries.validation_queue(g.api_user)]


@blueprint.post("/training/<int:record_id>/validation")
@endpoint("Validate a session, or reject it with a reason", body=ValidationIn,
          response=TrainingOut, roles="national_coordinator (own administration), admin")
def validate_training(record_id: int):
    body = parse_body(ValidationIn)
    row = operations.validate_training(g.api_user, record_id, body.decision == "validate",
                                       body.reason)
    return TrainingOut.model_validate(row).model_dump(mode="json")


@blueprint.get("/reports/programme")
@endpoint("The programme report for a period (default: the current half-year) and a scope",
          query=ReportQuery, response=ProgrammeReportOut, roles=COORD)
def programme():
    require(g.api_user, Action.VIEW_PROGRAMME_REPORT)
    q = parse_query(ReportQuery)
    first, last = half_year_of(date.today())
    start, end = q.start or first, q.end or last
    if end < start:
        raise InvalidInput("The period ends before it starts.",
                           [{"field": "end", "problem": "before start"}])
    report = programme_report(start, end, Scope(q.region, q.administration_id, q.field))
    return ProgrammeReportOut(start=start, end=end, scope=report.scope.describe(), totals=report.totals,
                     labels=LABELS, pledged_days=report.pledged_days,
                     pledge_used_days=report.pledge_used_days,
                     experts_current=report.experts_current,
                     periods=[PeriodOut(label=p.label, figures=p.figures)
                              for p in report.periods]).model_dump(mode="json")
