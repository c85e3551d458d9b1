"""Ten years of an experts' network, inserted in bulk (Core ``insert`` with parameter lists).

Sizes at scale 1: 200 workshops, 5,000 experts, 20,000 missions (two experts each), 200,000
monitoring rows, over 2016-2025, across 60 administrations in the six regions. Every random
choice comes from one seeded ``random.Random``, so two runs build the same network.
"""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import insert, select

from lms_bridge.accounts.models import Administration, Region, User
from lms_bridge.db import db
from lms_bridge.eligibility.models import Workshop, WorkshopKind
from lms_bridge.experts.models import (Accreditation, AccreditationEvent, Assignment, Expert,
                                       Mission, TrainingRecord, WorkshopSetup)
from lms_bridge.experts.states import (AccreditationStatus, AssignmentStatus, MissionStatus,
                                       TrainingStatus)
from lms_bridge.experts.vocabulary import Audience, Evaluation, Field, MissionRole

FIRST_DAY = date(2016, 1, 1)
DAYS = 3652  # ten years
FIELDS, AUDIENCES, REGIONS = list(Field), list(Audience), list(Region)


def _day(rng: random.Random) -> date:
    return FIRST_DAY + timedelta(days=rng.randrange(DAYS))


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=timezone.utc)


def seed(rng: random.Random, scale: float = 1.0) -> dict[str, int]:
    sizes = {"workshops": max(2, int(200 * scale)), "experts": max(10, int(5_000 * scale)),
             "missions": max(10, int(20_000 * scale)), "rows": max(20, int(200_000 * scale))}
    session = db.session
    session.execute(insert(Administration), [
        {"name": f"Administration {i}", "country_code": f"{i:02d}", "region": REGIONS[i % 6]}
        for i in range(60)])
    admin_ids = list(session.scalars(select(Administration.id).order_by(Administration.id)))
    session.execute(insert(User), [
        {"email": f"e{i}@bench.example", "display_name": f"Expert {i}", "password_hash": "x",
         "administration_id": admin_ids[i % 60]} for i in range(sizes["experts"])])
    user_ids = list(session.scalars(select(User.id).order_by(User.id)))
    workshops = _workshops(rng, sizes["workshops"])
    _experts(rng, user_ids, workshops)
    _missions(rng, sizes["missions"], admin_ids, user_ids)
    _training(rng, sizes["rows"], user_ids)
    session.commit()
    return sizes


def _workshops(rng, count: int) -> list[tuple[int, date, Field]]:
    rows = []
    for i in range(count):
        start = _day(rng)
        rows.append({"title": f"Workshop {i}", "kind": WorkshopKind.ACCREDITATION_WORKSHOP,
                     "region": REGIONS[i % 6], "capacity": 30, "starts_at": _at(start),
                     "ends_at": _at(start + timedelta(days=4)),
                     "applications_open_at": _at(start - timedelta(days=90)),
                     "applications_close_at": _at(start - timedelta(days=30)),
                     "criteria_weights": {}})
    db.session.execute(insert(Workshop), rows)
    ids = list(db.session.scalars(select(Workshop.id).order_by(Workshop.id)))
    fields = [FIELDS[i % len(FIELDS)] for i in range(count)]
    db.session.execute(insert(WorkshopSetup), [
        {"workshop_id": wid, "field": fields[i], "required_cofacilitations": 2,
         "pledge_weeks": 12, "pledge_years": 3} for i, wid in enumerate(ids)])
    return [(wid, rows[i]["ends_at"].date(), fields[i]) for i, wid in enumerate(ids)]


def _experts(rng, user_ids: list[int], workshops) -> None:
    accreditations, pledges = [], []
    for user_id in user_ids:
        workshop_id, ended, field = rng.choice(workshops)
        accredited = rng.random() < 0.4
        accreditations.append({"user_id": user_id, "field": field, "workshop_id": workshop_id,
                               "status": AccreditationStatus.ACCREDITED if accredited
                               else AccreditationStatus.PRE_ACCREDITED, "updated_at": _at(ended)})
        pledges.append({"user_id": user_id, "pledge_weeks": 12,
                        "pledge_starts_on": ended + timedelta(days=1),
                        "pledge_ends_on": ended + timedelta(days=3 * 365), "languages": "en"})
    db.session.execute(insert(Accreditation), accreditations)
    db.session.execute(insert(Expert), pledges)
    events = []
    for acc_id, status, at in db.session.execute(select(
            Accreditation.id, Accreditation.status, Accreditation.updated_at)):
        events.append({"accreditation_id": acc_id, "at": at, "from_status": None,
                       "to_status": AccreditationStatus.PRE_ACCREDITED, "reason": "workshop"})
        if status is AccreditationStatus.ACCREDITED:
            events.append({"accreditation_id": acc_id,
                           "at": at + timedelta(days=rng.randrange(60, 700)),
                           "from_status": AccreditationStatus.PRE_ACCREDITED,
                           "to_status": AccreditationStatus.ACCREDITED, "reason": "missions"})
    db.session.execute(insert(AccreditationEvent), events)


def _missions(rng, count: int, admin_ids: list[int], user_ids: list[int]) -> None:
    rows = []
    for i in range(count):
        start = _day(rng)
        held = rng.random() < 0.9
        rows.append({"title": f"Mission {i}", "host_administration_id": rng.choice(admin_ids),
                     "field": rng.choice(FIELDS), "starts_on": start,
                     "ends_on": start + timedelta(days=4), "language": "en", "experts_needed": 2,
                     "status": MissionStatus.HELD if held else MissionStatus.CANCELLED,
                     "people_trained": rng.randrange(10, 60) if held else None, "report": ""})
    db.session.execute(insert(Mission), rows)
    assignments = []
    for mission_id, status in db.session.execute(select(Mission.id, Mission.status)):
        for user_id in rng.sample(user_ids, 2):
            done = status is MissionStatus.HELD
            assignments.append({
                "mission_id": mission_id, "user_id": user_id, "role": MissionRole.CO_FACILITATOR,
                "status": AssignmentStatus.COMPLETED if done else AssignmentStatus.WITHDRAWN,
                "days_given": rng.randrange(3, 6) if done else None,
                "evaluation": Evaluation.POSITIVE if done else None, "evaluation_note": "",
                "reason": ""})
    db.session.execute(insert(Assignment), assignments)


def _training(rng, count: int, user_ids: list[int]) -> None:
    batch = []
    for i in range(count):
        participants = rng.randrange(5, 80)
        women = rng.randrange(0, participants) if rng.random() < 0.7 else None
        batch.append({"trainer_id": rng.choice(user_ids), "held_on": _day(rng),
                      "field": rng.choice(FIELDS), "audience": rng.choice(AUDIENCES),
                      "participants": participants, "women": women,
                      "men": participants - women if women is not None else None,
                      "place": "Training centre", "language": "en", "fingerprint": f"b{i}",
                      "status": TrainingStatus.VALIDATED if rng.random() < 0.8
                      else TrainingStatus.SUBMITTED, "reason": ""})
        if len(batch) == 20_000:
            db.session.execute(insert(TrainingRecord), batch)
            batch = []
    if batch:
        db.session.execute(insert(TrainingRecord), batch)
