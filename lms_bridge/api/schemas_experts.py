"""Request and response bodies of the experts API."""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field as F

from ..accounts.models import Region
from ..experts.states import (AccreditationStatus, AssignmentStatus, MissionStatus,
                              TrainingStatus)
from ..experts.vocabulary import Audience, Evaluation, Field, MissionRole, ParticipantOutcome
from ..converters import LARGEST_ID
from .schemas import AdministrationOut, In, Out

#: An id a column can hold; anything else is refused (422) before the database sees it.
Id = Annotated[int, F(ge=1, le=LARGEST_ID)]
#: The dates a programme's records can carry (a year 9361 mission is a typing error).
Day = Annotated[date, F(ge=date(2000, 1, 1), le=date(2100, 12, 31))]
#: People in one session or mission: the operations ask to confirm above 1,000 and refuse above
#: 10,000; beyond this a number is not a count at all.
Count = Annotated[int, F(ge=0, le=1_000_000)]


class ExpertPersonOut(Out):
    id: int
    display_name: str
    administration: AdministrationOut | None


class PledgeOut(BaseModel):
    pledged_weeks: float
    given_weeks: float
    committed_weeks: float
    left_weeks: float
    left_days: int
    starts_on: date
    ends_on: date


class AccreditationEventOut(Out):
    at: datetime
    from_status: AccreditationStatus | None
    to_status: AccreditationStatus
    reason: str


class AccreditationOut(Out):
    id: int
    user_id: int
    field: Field
    status: AccreditationStatus
    workshop_id: int | None
    proposed_at: datetime | None
    events: list[AccreditationEventOut]


class RegisterItem(BaseModel):
    person: ExpertPersonOut
    accreditation: AccreditationOut
    languages: str
    pledge: PledgeOut | None


class RegisterQuery(In):
    field: Field | None = None
    status: AccreditationStatus | None = None
    language: str | None = F(None, max_length=8)
    region: Region | None = None
    administration_id: Id | None = None
    weeks_left: float | None = F(None, ge=0, le=520)


class AssignmentOut(Out):
    id: int
    mission_id: int
    user_id: int
    role: MissionRole
    status: AssignmentStatus
    days_given: int | None
    evaluation: Evaluation | None
    evaluation_note: str
    reason: str


class MissionOut(Out):
    id: int
    title: str
    host: AdministrationOut
    field: Field
    starts_on: date
    ends_on: date
    language: str
    experts_needed: int
    status: MissionStatus
    people_trained: int | None
    report: str
    assignments: list[AssignmentOut]


class TrainingOut(Out):
    id: int
    trainer_id: int
    held_on: date
    field: Field
    audience: Audience
    participants: int
    women: int | None
    men: int | None
    place: str
    language: str
    status: TrainingStatus
    reason: str


class ExpertRecordOut(BaseModel):
    person: ExpertPersonOut
    languages: str | None
    pledge: PledgeOut | None
    accreditations: list[AccreditationOut]
    assignments: list[AssignmentOut]
    training: list[TrainingOut]


class AccreditationChangeIn(In):
    status: AccreditationStatus
    reason: str = F(min_length=1, max_length=2000)


class SetupIn(In):
    field: Field
    required_cofacilitations: int = F(2, ge=1, le=10)
    pledge_weeks: int = F(12, ge=1, le=52)
    pledge_years: int = F(3, ge=1, le=10)
    assessor_ids: list[Id] = F([], max_length=50)


class SubjectsIn(In):
    subjects: list[str] = F(min_length=1, max_length=200)


class DrawIn(In):
    seed: str | None = F(None, max_length=64)


class DrawOut(BaseModel):
    seed: str
    subjects: dict[int, str]


class AttendanceIn(In):
    attended: bool


class ScoreIn(In):
    score: int = F(ge=1, le=5)
    note: str = F("", max_length=4000)


class AssessmentIn(In):
    technical: ScoreIn
    training: ScoreIn
    international: ScoreIn


class OutcomeIn(In):
    outcome: ParticipantOutcome
    guidance: str = F("", max_length=8000)


class ParticipantOut(BaseModel):
    application_id: int
    person: ExpertPersonOut
    attended: bool | None
    subject: str | None
    outcome: ParticipantOutcome | None
    assessments: list[dict[str, int | str]]


class WorkshopOutcomeOut(BaseModel):
    workshop_id: int
    field: Field
    required_cofacilitations: int
    pledge_weeks: int
    pledge_years: int
    assessor_ids: list[int]
    subjects: list[str]
    draw_seed: str | None
    participants: list[ParticipantOut]


class MissionIn(In):
    title: str = F(min_length=1, max_length=300)
    host_administration_id: Id
    field: Field
    starts_on: Day
    ends_on: Day
    language: str = F("en", max_length=8)
    experts_needed: int = F(1, ge=1, le=20)


class InterestIn(In):
    expert_id: Id | None = None


class ProposalIn(In):
    expert_id: Id
    role: MissionRole = MissionRole.CO_FACILITATOR


class HeldIn(In):
    people_trained: int = F(ge=0, le=10000)
    report: str = F("", max_length=8000)


class ReleaseIn(In):
    decision: Literal["release", "refuse"]
    reason: str = F("", max_length=2000)


class ResultIn(In):
    days_given: int = F(ge=1, le=91)
    evaluation: Evaluation
    note: str = F("", max_length=4000)


class TrainingIn(In):
    held_on: Day
    field: Field
    audience: Audience
    participants: Count
    women: Count | None = None
    men: Count | None = None
    place: str = F(min_length=1, max_length=200)
    language: str = F("en", max_length=8)
    confirm: bool = False


class UploadOut(BaseModel):
    added: int
    already_recorded: int


class ValidationIn(In):
    decision: Literal["validate", "reject"]
    reason: str = F("", max_length=2000)


class ReportQuery(In):
    start: Day | None = F(None, description="first day (default: the current half-year's)")
    end: Day | None = F(None, description="last day (default: the current half-year's)")
    region: Region | None = None
    administration_id: Id | None = None
    field: Field | None = None


class PeriodOut(BaseModel):
    label: str
    figures: dict[str, int]


class ProgrammeReportOut(BaseModel):
    start: date
    end: date
    scope: str
    totals: dict[str, int]
    labels: dict[str, str]
    pledged_days: int
    pledge_used_days: int
    experts_current: int
    periods: list[PeriodOut]


class LanguagesIn(In):
    languages: list[str] = F(min_length=1, max_length=6)
