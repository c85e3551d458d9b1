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
from lms_bridge.experts.vocabulary import Field, Outcome

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
    operations.decide_outcome(user(coordinator_id), application_id, Outcome.SUCCESSFUL)
    application = db.session.get(Application, application_id)
    return db.session.scalars(
        select(Accreditation).where(Accreditation.user_id == application.user_id)).one()


def mission(coordinator_id: int, host_id: int, first: date, days: int = 5, title: str = "Mission"):
    return operations.create_mission(user(coordinator_id), operations.MissionSpec(
        title, host_id, Field.HS_CLASSIFICATION, first, first + timedelta(days=days - 1))).id
