"""Demo experts data: the HS accreditation workshop of Korea, 19-23 January 2026, and after.

Six selected participants are assessed by a resource person: four are pre-accredited, two get
a guidance note. Then missions held (one expert reaches full accreditation, another is due for
it), missions planned (one waiting for a release, one with interest), and a master trainer's
monitoring sheet, part validated. Everything after the selection goes through the real
operations, so the histories, outbox and audit log are what users would see; the dates of
decisions are then set to when they happened. Idempotent: an existing workshop is left alone.
"""
from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select

from ..accounts import operations as accounts
from ..accounts.models import Region, Role, User
from ..db import db
from ..eligibility.models import Application, ApplicationEvent, Workshop, WorkshopKind
from ..eligibility.states import ApplicationStatus
from . import operations, queries
from .models import AccreditationEvent
from .sheets import Session
from .states import AccreditationStatus
from .vocabulary import Audience, Evaluation, Field, MissionRole, ParticipantOutcome

DOMAIN = "demo.lms-bridge.example"
TITLE = "HS classification accreditation workshop for expert trainers (Asia/Pacific, Korea)"
START = datetime(2026, 1, 19, 0, 0, tzinfo=timezone.utc)
SUBJECTS = ["GIR 1 and the section and chapter notes", "GIR 2 (a): incomplete articles",
            "GIR 3 (b): sets put up for retail sale", "Chapter 84: parts of machines",
            "Chapter 85: smartphones and their parts", "Advance classification rulings"]
# name, country, scores (technical, training, international), outcome
PARTICIPANTS = [
    ("Ji-woo Kim", "KR", (5, 4, 4), ParticipantOutcome.SUCCESSFUL),
    ("Arun Chaiyaporn", "TH", (4, 5, 4), ParticipantOutcome.SUCCESSFUL),
    ("Seo-jun Lim", "KR", (4, 4, 3), ParticipantOutcome.SUCCESSFUL),
    ("Kanya Boonmee", "TH", (4, 3, 4), ParticipantOutcome.SUCCESSFUL),
    ("Do-yun Jeong", "KR", (3, 2, 2), ParticipantOutcome.NOT_SUCCESSFUL),
    ("Pim Rattanakul", "TH", (2, 3, 2), ParticipantOutcome.NOT_SUCCESSFUL),
]
GUIDANCE = ("Build up your training practice at home first: co-teach two national HS courses "
            "with a master trainer and follow the WCO's e-learning on training design. You stay "
            "known to the Regional Office as a national expert and will hear of the next "
            "opportunities.")


def _person(name: str, country: str, administrations: dict[str, int]) -> User:
    if name == "Ji-woo Kim":  # the demo learner account: sign in to see an expert's record
        return db.session.scalar(select(User).where(User.email == f"learner@{DOMAIN}"))
    email = name.lower().replace(" ", ".").replace("-", "") + f"@{DOMAIN}"
    user = db.session.scalar(select(User).where(User.email == email))
    return user or accounts.create_user(email, name, secrets.token_urlsafe(16), {Role.LEARNER},
                                        administration_id=administrations[country])


def _by_email(local: str) -> User:
    return db.session.scalar(select(User).where(User.email == f"{local}@{DOMAIN}"))


def load_experts_demo(administrations: dict[str, int]) -> None:
    if db.session.scalar(select(Workshop.id).where(Workshop.title == TITLE)):
        return
    coordinator, admin = _by_email("coordinator"), _by_email("admin")
    assessor, nc_kr = _by_email("resource.person"), _by_email("nc.kr")
    workshop = _workshop(coordinator)
    people = [(_person(n, c, administrations), scores, outcome)
              for n, c, scores, outcome in PARTICIPANTS]
    applications = [_selected(workshop, person, coordinator) for person, _, _ in people]
    operations.setup_outcome(coordinator, workshop.id, Field.HS_CLASSIFICATION, 2, 12, 3,
                             [assessor.id])
    operations.set_subjects(coordinator, workshop.id, SUBJECTS)
    operations.draw_subjects(coordinator, workshop.id, seed="KR-HS-2026-01")
    queries.setup_of(workshop.id).drawn_at = START + timedelta(hours=9)  # on the first morning
    for application, (person, (t, c, i), outcome) in zip(applications, people):
        operations.record_attendance(coordinator, application.id, True)
        operations.assess(assessor, application.id, operations.Scores(
            t, c, i, "Sound use of the GIR", "Clear 20-minute lesson, good questions",
            "Worked well in a mixed team"))
        operations.decide_outcome(coordinator, application.id, outcome,
                                  GUIDANCE if outcome is ParticipantOutcome.NOT_SUCCESSFUL else "")
    _backdate_pre_accreditations(workshop.ends_at)
    experts = [person for person, _, outcome in people if outcome is ParticipantOutcome.SUCCESSFUL]
    _missions(coordinator, admin, nc_kr, experts, administrations)
    _monitoring_sheet(experts[0], nc_kr)


def _workshop(coordinator: User) -> Workshop:
    workshop = Workshop(
        title=TITLE, topic="HS classification", kind=WorkshopKind.ACCREDITATION_WORKSHOP,
        region=Region.ASIA_PACIFIC, venue="Seoul, Republic of Korea",
        host="WCO Regional Office for Capacity Building Asia/Pacific", language="en",
        capacity=12, starts_at=START, ends_at=START + timedelta(days=4, hours=17),
        applications_open_at=START - timedelta(days=120),
        applications_close_at=START - timedelta(days=30),
        availability_commitment="Up to 12 weeks over at least three years after the workshop.",
        criteria_weights={}, created_by_id=coordinator.id, created_at=START - timedelta(days=130))
    db.session.add(workshop)
    db.session.flush()
    return workshop


def _selected(workshop: Workshop, person: User, coordinator: User) -> Application:
    """The selection happened before this system: recorded as the participant list."""
    application = Application(workshop_id=workshop.id, user_id=person.id,
                              administration_id=person.administration_id,
                              status=ApplicationStatus.SELECTED, availability_committed=True,
                              created_at=START - timedelta(days=60))
    db.session.add(application)
    db.session.flush()
    db.session.add(ApplicationEvent(application_id=application.id, actor_id=coordinator.id,
                                    at=START - timedelta(days=20), from_status=None,
                                    to_status=ApplicationStatus.SELECTED,
                                    reason="Recorded from the workshop's participant list"))
    db.session.commit()
    return application


def _backdate_pre_accreditations(when: datetime) -> None:
    for event in db.session.scalars(select(AccreditationEvent)):
        event.at = when
    db.session.commit()


# title, host, first day, days, expert indexes with roles, held: (people trained, evaluations)
MISSIONS = [
    ("National HS classification workshop, Bangkok", "TH", date(2026, 4, 13), 5,
     [(0, MissionRole.CO_FACILITATOR), (1, MissionRole.LEAD)], (35, "++")),
    ("Classification of machinery for customs laboratories, Kenya", "KE", date(2026, 6, 8), 5,
     [(0, MissionRole.CO_FACILITATOR), (2, MissionRole.CO_FACILITATOR)], (28, "++")),
    ("HS 2022 amendments for front-line officers, Jamaica", "JM", date(2026, 9, 14), 5,
     [(2, MissionRole.CO_FACILITATOR)], (22, "+")),
    ("Advance rulings on classification, Senegal", "SN", date(2027, 3, 8), 5,
     [(2, MissionRole.CO_FACILITATOR)], None),
]


def _missions(coordinator: User, admin: User, nc_kr: User, experts: list[User],
              administrations: dict[str, int]) -> None:
    for title, host, first, days, team, held in MISSIONS:
        mission = operations.create_mission(coordinator, operations.MissionSpec(
            title, administrations[host], Field.HS_CLASSIFICATION, first,
            first + timedelta(days=days - 1), "en", len(team) + 1))
        is_held = held is not None and first <= date.today()
        for index, role in team:
            row = operations.propose_expert(coordinator, mission.id, experts[index].id, role)
            releaser = nc_kr if experts[index].administration_id == nc_kr.administration_id \
                else admin
            if is_held:
                operations.release_expert(releaser, row.id, True, "")
        if not is_held:
            operations.indicate_interest(experts[3], mission.id, experts[3].id)
            continue
        operations.mark_held(coordinator, mission.id, held[0],
                             "Delivered as planned; the participants' final test average was 78%.")
        for (index, _), mark in zip(team, held[1]):
            row = next(a for a in mission.assignments if a.user_id == experts[index].id)
            operations.record_result(coordinator, row.id, days,
                                     Evaluation.POSITIVE if mark == "+" else Evaluation.NEGATIVE,
                                     "Well prepared; good rapport with the participants.")
    _confirm_first_expert(coordinator, experts[0])


def _confirm_first_expert(coordinator: User, expert: User) -> None:
    accreditation = queries.current_accreditation(expert.id, Field.HS_CLASSIFICATION)
    if accreditation and accreditation.proposed_at is not None:
        operations.change_accreditation(coordinator, accreditation.id,
                                        AccreditationStatus.ACCREDITED,
                                        "Two co-facilitations with positive evaluations "
                                        "(Bangkok, Kenya).")
        accreditation.events[-1].at = datetime(2026, 6, 26, 10, tzinfo=timezone.utc)
        db.session.commit()


SESSIONS = [  # days after the workshop, audience, participants, women, men, place
    (40, Audience.CUSTOMS, 24, 11, 13, "Korea Customs Service Academy, Cheonan"),
    (75, Audience.CUSTOMS, 31, 14, 17, "Incheon Airport Customs"),
    (110, Audience.PRIVATE_SECTOR, 58, None, None, "Korea International Trade Association, Seoul"),
    (150, Audience.OTHER_AGENCIES, 17, 9, 8, "Ministry of Food and Drug Safety, Cheongju"),
    (200, Audience.CUSTOMS, 26, 10, 16, "Busan Main Customs"),
    (260, Audience.CUSTOMS, 29, 15, 14, "Korea Customs Service Academy, Cheonan"),
]


def _monitoring_sheet(trainer: User, nc: User) -> None:
    for index, (after, audience, total, women, men, place) in enumerate(SESSIONS):
        held_on = START.date() + timedelta(days=after)
        if held_on > date.today():
            continue
        row = operations.record_training(trainer, Session(
            held_on, Field.HS_CLASSIFICATION, audience, total, women, men, place, "en"))
        if index < 4:
            operations.validate_training(nc, row.id, True)
