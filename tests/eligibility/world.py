"""A small eligibility world built inside the test: modules, a workshop, candidates."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from lms_bridge.accounts.models import Region, User
from lms_bridge.catalog.models import Module
from lms_bridge.db import db, utcnow
from lms_bridge.eligibility import operations
from lms_bridge.eligibility.models import Application, WorkshopKind
from lms_bridge.eligibility.scoring import Criterion
from lms_bridge.tracking.vocabulary import CompletionRule, CompletionStatus, SourceKind
from lms_bridge.eligibility.completions import record_and_reevaluate
from lms_bridge.tracking.operations import Observation

SLUGS = ("hs-classification", "customs-valuation", "blended-prerequisites")
RATED = {c.name: {"rating": 3, "note": ""} for c in Criterion}


def modules() -> dict[str, int]:
    ids = {}
    for slug in SLUGS:
        module = Module(slug=slug, title=slug.replace("-", " ").capitalize())
        db.session.add(module)
        db.session.flush()
        ids[slug] = module.id
    db.session.commit()
    return ids


def workshop(coordinator_id: int, *, title: str = "HS workshop", close_in_days: int = 30,
             prerequisites: bool = True) -> int:
    """A workshop open now, with 'Passed HS >= 70' and 'Completed valuation or blended'."""
    actor = db.session.get(User, coordinator_id)
    now = utcnow()
    spec = operations.WorkshopSpec(
        title=title, kind=WorkshopKind.ACCREDITATION_WORKSHOP, region=Region.ASIA_PACIFIC,
        capacity=2, starts_at=now + timedelta(days=close_in_days + 10),
        ends_at=now + timedelta(days=close_in_days + 14),
        applications_open_at=now - timedelta(days=1),
        applications_close_at=now + timedelta(days=close_in_days), venue="Seoul")
    created = operations.create_workshop(actor, spec)
    if not prerequisites:
        return created.id
    operations.add_prerequisite(actor, created.id, operations.PrerequisiteSpec(
        "HS classification", ("hs-classification",), CompletionRule.PASSED,
        min_score=70))
    operations.add_prerequisite(actor, created.id, operations.PrerequisiteSpec(
        "Valuation or blended", ("customs-valuation", "blended-prerequisites"), CompletionRule.COMPLETED))
    return created.id


def apply(user_id: int, workshop_id: int, *, submit: bool = True) -> int:
    user = db.session.get(User, user_id)
    form = operations.ApplicationForm(RATED, "motivated", availability_committed=True)
    return operations.save_application(user, workshop_id, form, submit=submit).id


def nominate(coordinator_id: int, application_id: int, yes: bool = True) -> None:
    operations.decide_nomination(db.session.get(User, coordinator_id), application_id, yes,
                                 "known official")


def complete(user_id: int, module_id: int, status: CompletionStatus = CompletionStatus.PASSED,
             score: float | None = 0.9, source: SourceKind = SourceKind.LOCAL,
             label: str = "LMS Bridge", key: str = "local"):
    return record_and_reevaluate(Observation(
        user_id=user_id, module_id=module_id, source_kind=source, source_key=key,
        source_label=label, status=status, score_scaled=score,
        completed_at=datetime.now(timezone.utc) - timedelta(days=1)))


def status_of(application_id: int):
    db.session.expire_all()
    return db.session.get(Application, application_id).status
