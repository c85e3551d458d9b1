"""Eligibility API: workshops, prerequisites, applications, nominations, selection, matrix."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from flask import g
from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, StringConstraints,
                      WithJsonSchema)

from ..accounts.models import Region
from ..accounts.permissions import Action, administration_scope, require
from ..catalog.operations import SLUG
from ..eligibility import operations, queries
from ..eligibility.models import WorkshopKind
from ..eligibility.scoring import Criterion
from ..eligibility.states import ApplicationStatus
from ..eligibility.vocabulary import PREREQUISITE_RULES, NominationState, Outcome
from ..tracking.vocabulary import CompletionRule
from .blueprint import blueprint
from .schemas import AdministrationOut, In, Out
from .spec import endpoint, parse_body


def _prerequisite_rule(rule: CompletionRule) -> CompletionRule:
    if rule not in PREREQUISITE_RULES:
        raise ValueError(f"{rule.value} is not a rule a prerequisite can use")
    return rule


# The module rule without NotApplicable (it asks nothing of a record), documented as such.
PrerequisiteRule = Annotated[CompletionRule, AfterValidator(_prerequisite_rule), WithJsonSchema(
    {"type": "string", "enum": [r.value for r in PREREQUISITE_RULES], "title": "PrerequisiteRule"})]


class PrerequisiteOut(Out):
    id: int
    label: str
    rule: PrerequisiteRule
    min_score: float | None
    recency_days: int | None
    allowed_sources: list[str] | None
    module_slugs: list[str]


class WorkshopOut(Out):
    id: int
    title: str
    topic: str
    kind: WorkshopKind
    region: Region
    venue: str
    host: str
    language: str
    capacity: int
    starts_at: datetime
    ends_at: datetime
    applications_open_at: datetime
    applications_close_at: datetime
    availability_commitment: str
    criteria_weights: dict[str, float]
    prerequisites: list[PrerequisiteOut]


class WorkshopIn(In):
    title: str = Field(min_length=1, max_length=300)
    kind: WorkshopKind
    region: Region
    capacity: int = Field(ge=1, le=10000)
    starts_at: datetime
    ends_at: datetime
    applications_open_at: datetime
    applications_close_at: datetime
    topic: str = Field("", max_length=200)
    venue: str = Field("", max_length=300)
    host: str = Field("", max_length=300)
    language: str = Field("en", max_length=8)
    availability_commitment: str = Field("", max_length=2000)
    criteria_weights: dict[str, float] | None = None


class PrerequisiteIn(In):
    label: str = Field(min_length=1, max_length=300)
    module_slugs: list[Annotated[str, StringConstraints(pattern=SLUG.pattern)]] = Field(
        min_length=1, max_length=100, description="one or more existing modules")
    rule: PrerequisiteRule
    min_score: float | None = Field(None, ge=0, le=100)
    recency_days: int | None = Field(None, ge=1, le=3650)
    allowed_sources: list[str] | None = None


class CriterionIn(In):
    rating: int = Field(ge=0, le=4)
    note: str = Field("", max_length=2000)


class ApplicationIn(In):
    criteria: dict[str, CriterionIn]
    motivation: str = Field("", max_length=5000)
    availability_committed: bool
    good_health: bool | None = Field(None, description="a yes/no self-declaration; no details")
    submit: bool = False


class CellOut(BaseModel):
    prerequisite_id: int
    label: str
    met: bool
    record_id: int | None
    status: str | None
    score: str | None
    source: str | None
    completed_at: str | None
    message: str


class ApplicationOut(Out):
    id: int
    workshop_id: int
    user_id: int
    administration: AdministrationOut
    status: ApplicationStatus
    nomination: NominationState
    availability_committed: bool
    outcome: Outcome | None
    blockers: list[str]
    results: list[CellOut]
    evaluated_at: datetime | None


class HistoryItem(BaseModel):
    at: datetime
    kind: Literal["status", "decision"]
    text: str
    by: str | None


class CandidateOut(ApplicationOut):
    preselection_score: float | None
    history: list[HistoryItem]


class NominationIn(In):
    decision: Literal["nominate", "decline"]
    reason: str = Field(min_length=1, max_length=2000)


class WithdrawIn(In):
    reason: str = Field("", max_length=2000)


class SelectionIn(In):
    decision: Literal["selected", "waitlisted", "not selected"]
    reason: str = Field(min_length=1, max_length=2000)


def _workshop(workshop) -> dict[str, Any]:
    prerequisites = [PrerequisiteOut(
        id=p.id, label=p.label, rule=p.rule, min_score=p.min_score, recency_days=p.recency_days,
        allowed_sources=p.allowed_sources, module_slugs=[m.slug for m in p.modules])
        for p in workshop.prerequisites]
    data = {name: getattr(workshop, name) for name in WorkshopOut.model_fields
            if name != "prerequisites"}
    return WorkshopOut(**data, prerequisites=prerequisites).model_dump(mode="json")


def _application(application) -> dict[str, Any]:
    return ApplicationOut.model_validate(application).model_dump(mode="json")


@blueprint.get("/workshops")
@endpoint("Workshops with their prerequisites", response=[WorkshopOut])
def workshops():
    require(g.api_user, Action.LIST_WORKSHOPS)
    return [_workshop(w) for w in queries.workshops()]


@blueprint.post("/workshops")
@endpoint("Create a workshop", body=WorkshopIn, response=WorkshopOut, status=201,
          roles="coordinator, admin")
def create_workshop():
    body = parse_body(WorkshopIn)
    workshop = operations.create_workshop(g.api_user, operations.WorkshopSpec(**body.model_dump()))
    return _workshop(workshop), 201


@blueprint.get("/workshops/<int:workshop_id>")
@endpoint("One workshop with its prerequisites", response=WorkshopOut)
def workshop(workshop_id: int):
    require(g.api_user, Action.LIST_WORKSHOPS)
    return _workshop(operations.get_workshop(workshop_id))


@blueprint.post("/workshops/<int:workshop_id>/prerequisites")
@endpoint("Add a prerequisite (re-evaluates every candidate)", body=PrerequisiteIn,
          response=WorkshopOut, status=201, roles="coordinator, admin")
def add_prerequisite(workshop_id: int):
    body = parse_body(PrerequisiteIn)
    spec = operations.PrerequisiteSpec(
        body.label, tuple(body.module_slugs), body.rule, body.min_score, body.recency_days,
        tuple(body.allowed_sources) if body.allowed_sources else None)
    operations.add_prerequisite(g.api_user, workshop_id, spec)
    return _workshop(operations.get_workshop(workshop_id)), 201


@blueprint.get("/workshops/<int:workshop_id>/matrix")
@endpoint("Every candidate's standing, prerequisite by prerequisite", response=[ApplicationOut],
          roles="coordinator, admin, national_coordinator (own administration's candidates)")
def matrix(workshop_id: int):
    require(g.api_user, Action.VIEW_MATRIX)
    scope = administration_scope(g.api_user, Action.VIEW_MATRIX)
    rows = queries.matrix(operations.get_workshop(workshop_id),
                          queries.MatrixFilter(administration_id=scope))
    return [_application(row.application) for row in rows]


@blueprint.post("/workshops/<int:workshop_id>/application")
@endpoint("Save (and optionally submit) the caller's application", body=ApplicationIn,
          response=ApplicationOut, roles="learner")
def save_application(workshop_id: int):
    body = parse_body(ApplicationIn)
    criteria = {name: entry.model_dump() for name, entry in body.criteria.items()
                if name in Criterion.__members__}
    form = operations.ApplicationForm(criteria, body.motivation, body.availability_committed,
                                      body.good_health)
    application = operations.save_application(g.api_user, workshop_id, form, submit=body.submit)
    return _application(application)


@blueprint.get("/applications/mine")
@endpoint("The caller's applications with what is missing", response=[ApplicationOut],
          roles="learner")
def my_applications():
    require(g.api_user, Action.APPLY_TO_WORKSHOP)
    return [_application(a) for a in queries.applications_of(g.api_user)]


@blueprint.get("/applications/<int:application_id>")
@endpoint("A candidate's standing, explanation and timeline", response=CandidateOut,
          roles="coordinator, admin, national_coordinator (own administration)")
def candidate(application_id: int):
    application = operations.get_application(application_id)
    require(g.api_user, Action.VIEW_CANDIDATE, application)
    history = [HistoryItem(at=item.at, kind=kind, text=_history_text(kind, item),
                           by=_history_actor(kind, item))
               for kind, item in queries.history(application)]
    data = ApplicationOut.model_validate(application).model_dump()
    return CandidateOut(**data, preselection_score=queries.preselection_score(application),
                        history=history).model_dump(mode="json")


def _history_text(kind: str, item) -> str:
    if kind == "status":
        before = f"{item.from_status.value} -> " if item.from_status else ""
        return f"{before}{item.to_status.value}: {item.reason}"
    before = item.outcome_before.value if item.outcome_before else "none"
    return f"{before} -> {item.outcome_after.value} because of {item.cause}"


def _history_actor(kind: str, item) -> str | None:
    if kind == "status":
        return item.actor.display_name if item.actor else "the rule engine"
    return "the rule engine"


@blueprint.get("/nominations")
@endpoint("Applications awaiting the caller's nomination", response=[ApplicationOut],
          roles="national_coordinator (own administration), admin")
def nominations():
    require(g.api_user, Action.LIST_NOMINATIONS)
    return [_application(a) for a in queries.nomination_queue(g.api_user)]


@blueprint.post("/applications/<int:application_id>/nomination")
@endpoint("Nominate or decline a candidate, with a reason", body=NominationIn,
          response=ApplicationOut, roles="national_coordinator (own administration), admin")
def nominate(application_id: int):
    body = parse_body(NominationIn)
    application = operations.decide_nomination(g.api_user, application_id,
                                               body.decision == "nominate", body.reason)
    return _application(application)


@blueprint.post("/applications/<int:application_id>/selection")
@endpoint("Select, waitlist or not select an eligible candidate", body=SelectionIn,
          response=ApplicationOut, roles="coordinator, admin")
def selection(application_id: int):
    body = parse_body(SelectionIn)
    application = operations.decide_selection(g.api_user, application_id,
                                              ApplicationStatus(body.decision), body.reason)
    return _application(application)


@blueprint.post("/applications/<int:application_id>/withdraw")
@endpoint("Withdraw an application (the applicant's own; an admin's for anyone)",
          body=WithdrawIn, response=ApplicationOut, roles="learner (own application), admin")
def withdraw(application_id: int):
    body = parse_body(WithdrawIn)
    application = operations.withdraw_application(g.api_user, application_id, body.reason)
    return _application(application)
