"""A small experts world built inside the test: a past accreditation workshop, its selected
participants, a resource person, and helpers to take someone to pre-accreditation."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select

from lms_bridge.accounts.models import Region, User
from lms_bridge.db import db
from lms_bridge.eligibility.models import Application, Workshop, WorkshopKind
from lms_bridge.eligibility.states import ApplicationStatus
from lms_bridge.experts import operations
from lms_bridge.experts.models import Accreditation
from lms_bridge.experts.vocabulary import Field, ParticipantOutcome

GOOD = operations.Scores(4, 4, 4, "clear", "engaging", "represents well")


def user(user_id: int) -> User:
    return db.session.get(User, user_id)


def past_workshop(title: str = "HS accreditation workshop", days_ago: int = 30) -> int:
    start = datetime.now(timezone.utc) - timedelta(days=days_ago)
    workshop = Workshop(title=title, kind=WorkshopKind.ACCREDITATION_WORKSHOP,
                        region=Region.ASIA_PACIFIC, capacity=20, starts_at=start,
                        ends_at=start + timedelta(days=4),
                        applications_open_at=start - timedelta(days=90),
                        applications_close_at=start - timedelta(days=30), venue="Seoul")
    db.session.add(workshop)
    db.session.commit()
    return workshop.id


def participant(user_id: int, workshop_id: int,
                status: ApplicationStatus = ApplicationStatus.SELECTED) -> int:
    person = user(user_id)
    application = Application(workshop_id=workshop_id, user_id=user_id,
                              administration_id=person.administration_id, status=status)
    db.session.add(application)
    db.session.commit()
    return application.id


def set_up(coordinator_id: int, workshop_id: int, assessor_ids: list[int], required: int = 2):
    return operations.setup_outcome(user(coordinator_id), workshop_id, Field.HS_CLASSIFICATION,
                                    required_cofacilitations=required, assessor_ids=assessor_ids)


def pre_accredit(coordinator_id: int, assessor_id: int, application_id: int) -> Accreditation:
    operations.assess(user(assessor_id), application_id, GOOD)
    operations.decide_outcome(user(coordinator_id), application_id, ParticipantOutcome.SUCCESSFUL)
    application = db.session.get(Application, application_id)
    return db.session.scalars(
        select(Accreditation).where(Accreditation.user_id == application.user_id)).one()


def mission(coordinator_id: int, host_id: int, first: date, days: int = 5, title: str = "Mission"):
    return operations.create_mission(user(coordinator_id), operations.MissionSpec(
        title, host_id, Field.HS_CLASSIFICATION, first, first + timedelta(days=days - 1))).id


def everything(app, make_user, administrations, *, coordinator=None, nc=None) -> dict[str, int]:
    """A pre-accredited KR expert, a released proposal on a planned mission, a held mission,
    a selected participant still to assess, and a submitted training session; returns ids."""
    from lms_bridge.experts.sheets import Session
    from lms_bridge.experts.vocabulary import Audience

    coordinator = coordinator or make_user("coordinator", email="world-coordinator@example.org")
    assessor = make_user("resource_person", email="world-assessor@example.org")
    nc = nc or make_user("national_coordinator", country="KR", email="world-nc@example.org")
    person = make_user("learner", country="KR", email="world-expert@example.org",
                       name="Hye-jin Choi")
    waiting = make_user("learner", country="KR", email="world-waiting@example.org")
    with app.app_context():
        workshop_id = past_workshop(days_ago=90)
        set_up(coordinator, workshop_id, [assessor])
        accreditation = pre_accredit(coordinator, assessor, participant(person, workshop_id))
        pending = participant(waiting, workshop_id)
        today = date.today()
        held = mission(coordinator, administrations["TH"], today - timedelta(days=20),
                       title="Held mission")
        planned = mission(coordinator, administrations["TH"], today + timedelta(days=20),
                          title="Planned mission")
        done = operations.propose_expert(user(coordinator), held, person)
        operations.release_expert(user(nc), done.id, True, "")
        operations.mark_held(user(coordinator), held, 40)
        operations.record_result(user(coordinator), done.id, 5, operations.missions.Evaluation.POSITIVE)
        proposal = operations.propose_expert(user(coordinator), planned, person)
        training = operations.record_training(user(person), Session(
            today - timedelta(days=3), Field.HS_CLASSIFICATION, Audience.CUSTOMS, 30, 12, 18,
            "Seoul", "en"))
        return {"workshop_id": workshop_id, "accreditation_id": accreditation.id,
                "expert_id": person, "pending_application_id": pending,
                "mission_id": planned, "held_mission_id": held, "assignment_id": proposal.id,
                "record_id": training.id, "assessor_id": assessor, "coordinator_id": coordinator}
