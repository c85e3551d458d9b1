"""Demo eligibility data: the HS classification accreditation workshop and its candidates.

Everything goes through the real operations (applications, nominations, completions from
several sources, selection, withdrawal), so the histories, verdicts and outbox are what users
would see. A second, regional workshop has passed its deadline, for ineligible candidates.
Idempotent: a workshop that already exists is left alone.
"""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from ..accounts import operations as accounts
from ..accounts.models import Region, Role, User
from ..catalog.models import Module
from ..db import db, utcnow
from ..tracking.operations import Observation
from ..tracking.vocabulary import CompletionRule, CompletionStatus, SourceKind
from . import history_words, operations
from .completions import record_and_reevaluate
from .evaluation import evaluate_workshop
from .models import Workshop, WorkshopKind
from .scoring import Criterion
from .states import ApplicationStatus as S

TITLE = "Accreditation workshop for expert trainers on HS classification (Asia/Pacific)"
MODULES = {
    "hs-classification": "HS classification: structure of the nomenclature and the General "
                         "Interpretative Rules",
    "customs-valuation": "Customs valuation under the WTO Valuation Agreement",
    "blended-prerequisites": "Before the workshop: what a blended expert trainers' workshop "
                             "expects of you",
    "clikc-hs-basics": "HS basics (remote course on CLiKC!)",
}
# Where the demo's records come from: (kind, Completion.source_key, label). The remote ones are
# the demo's sync sources (``lms_bridge.syncing.demo``), passed in with their keys, so that the
# Sync page lists every source a record cites.
Sources = dict[str, tuple[SourceKind, str, str]]
LOCAL_SOURCE: Sources = {"local": (SourceKind.LOCAL, "local", "LMS Bridge")}
# name, country, what to record [(slug, status, score, source)], what happens to the application
P, C = CompletionStatus.PASSED, CompletionStatus.COMPLETED
FULL = [("blended-prerequisites", C, None, "local"), ("hs-classification", P, 0.86, "clikc"),
        ("customs-valuation", P, 0.78, "local")]
CANDIDATES = [
    ("Hye-jin Choi", "KR", FULL, "selected"),
    ("Somchai Srisuk", "TH", [("blended-prerequisites", C, None, "csv"),
                              ("hs-classification", P, 0.91, "lrs"),
                              ("clikc-hs-basics", P, 0.8, "clikc"),
                              ("customs-valuation", P, 0.74, "csv")], "waitlisted"),
    ("Dong-hyun Kang", "KR", FULL, "not selected"),
    ("Nattaya Wongsa", "TH", FULL, "eligible"),
    ("Jae-won Yoon", "KR", [("blended-prerequisites", C, None, "local"),
                            ("hs-classification", CompletionStatus.FAILED, 0.55, "clikc")],
     "nominated"),
    ("Grace Wanjiku", "KE", [("hs-classification", P, 0.72, "csv")], "nominated"),
    ("Pierre Martin", "FR", [("blended-prerequisites", C, None, "lrs")], "not nominated"),
    ("Ana Souza", "BR", [], "awaiting nomination"),
    ("Kwame Mensah", "KE", [], "draft"),
    ("Fatou Diop", "SN", FULL, "withdrawn"),
    ("Lucas Peeters", "BE", [("blended-prerequisites", C, None, "local")], "withdrawn"),
]

# A second workshop whose applications have closed: whoever still lacks a prerequisite is
# ineligible (the engine's verdict once the deadline has passed).
CLOSED_TITLE = "Regional workshop on customs valuation (East and Southern Africa)"
CLOSED_CANDIDATES = [
    ("Thabo Nkosi", "ZA", [("customs-valuation", P, 0.81, "csv")], "nominated"),
    ("Grace Wanjiku", "KE", [], "nominated"),
    ("Amina Odhiambo", "KE", [("customs-valuation", CompletionStatus.FAILED, 0.52, "clikc")],
     "nominated"),
    ("Sipho Dlamini", "ZA", [("customs-valuation", CompletionStatus.INCOMPLETE, None, "lrs")],
     "nominated"),
    ("Mariam Haddad", "JO", [], "withdrawn"),
]


def _module_ids() -> dict[str, int]:
    existing = {m.slug: m for m in db.session.scalars(select(Module))}
    for slug, title in MODULES.items():
        if slug not in existing:
            existing[slug] = Module(slug=slug, title=title)
            db.session.add(existing[slug])
    db.session.flush()
    return {slug: module.id for slug, module in existing.items()}


def _next_january(now: datetime) -> datetime:
    # The brief's session is 19-23 January 2026; once that is past, the next January's.
    year = now.year if now < datetime(now.year, 1, 5, tzinfo=timezone.utc) else now.year + 1
    return datetime(year, 1, 19, tzinfo=timezone.utc)


def _workshop(coordinator: User) -> Workshop:
    start = _next_january(utcnow())
    spec = operations.WorkshopSpec(
        title=TITLE, kind=WorkshopKind.ACCREDITATION_WORKSHOP, region=Region.ASIA_PACIFIC,
        capacity=2, starts_at=start, ends_at=start + timedelta(days=4, hours=23),
        applications_open_at=utcnow() - timedelta(days=30),
        applications_close_at=start - timedelta(days=14), topic="HS classification",
        venue="Seoul, Korea", host="Regional Training Centre, Korea Customs Service",
        availability_commitment="Up to 12 weeks over three years to deliver WCO missions "
                                "as an accredited expert trainer.")
    workshop = operations.create_workshop(coordinator, spec)
    for spec in (
        operations.PrerequisiteSpec("Blended pre-learning", ("blended-prerequisites",),
                                    CompletionRule.COMPLETED),
        operations.PrerequisiteSpec("HS classification", ("hs-classification", "clikc-hs-basics"),
                                    CompletionRule.PASSED, recency_days=730),
        operations.PrerequisiteSpec("Customs valuation", ("customs-valuation",),
                                    CompletionRule.PASSED, min_score=70)):
        operations.add_prerequisite(coordinator, workshop.id, spec)
    return workshop


def _learner(name: str, country: str, administrations: dict[str, int]) -> User:
    email = name.lower().replace(" ", ".").replace("-", "") + "@demo.lms-bridge.example"
    user = db.session.scalar(select(User).where(User.email == email))
    return user or accounts.create_user(email, name, secrets.token_urlsafe(16), {Role.LEARNER},
                                        administration_id=administrations[country])


def _record(user: User, modules: dict[str, int], records: list, sources: Sources) -> None:
    for slug, status, score, source in records:
        kind, key, label = sources[source]
        record_and_reevaluate(Observation(user.id, modules[slug], kind, key, label, status, score,
                                      utcnow() - timedelta(days=20)))
    db.session.commit()


def load_eligibility_demo(administrations: dict[str, int], remote_sources: Sources) -> None:
    """Create the demo workshops with candidates in every state, unless they exist;
    ``remote_sources``: the sync sources "clikc", "lrs" and "csv" the records cite."""
    sources = LOCAL_SOURCE | remote_sources
    admin = db.session.scalar(select(User).join(User.role_rows).where(
        User.email == "admin@demo.lms-bridge.example"))
    modules = _module_ids()
    if _workshop_id(TITLE) is None:
        workshop = _workshop(admin)
        candidates = CANDIDATES + [("Ji-woo Kim", "KR",
                                    [("blended-prerequisites", C, None, "local")], "nominated")]
        for candidate in candidates:
            _candidate(admin, workshop, modules, administrations, sources, *candidate)
    if _workshop_id(CLOSED_TITLE) is None:
        _closed_workshop(admin, modules, administrations, sources)


def _workshop_id(title: str) -> int | None:
    return db.session.scalar(select(Workshop.id).where(Workshop.title == title))


def _candidate(admin: User, workshop: Workshop, modules: dict[str, int],
               administrations: dict[str, int], sources: Sources, name: str, country: str,
               records: list, target: str) -> None:
    """Apply, record completions, then take the application where ``target`` says."""
    user = db.session.scalar(select(User).where(User.display_name == name)) \
        or _learner(name, country, administrations)
    db.session.commit()
    rated = {c.name: {"rating": 2 + (i % 3), "note": ""} for i, c in enumerate(Criterion)}
    form = operations.ApplicationForm(rated, "Trainer in my administration's academy.", True)
    application = operations.save_application(user, workshop.id, form, submit=target != "draft")
    _record(user, modules, records, sources)
    if target in ("draft", "awaiting nomination"):
        return
    operations.decide_nomination(admin, application.id, target != "not nominated",
                                 "Demo: decided by the national coordinator")
    if target in ("selected", "waitlisted", "not selected"):
        operations.decide_selection(admin, application.id, S(target),
                                    "Demo: pre-selection on the weighted criteria")
    elif target == "withdrawn":
        operations.withdraw_application(user, application.id,
                                        "Demo: my administration needs me during the workshop")


def _closed_workshop(admin: User, modules: dict[str, int],
                     administrations: dict[str, int], sources: Sources) -> None:
    now = utcnow()
    spec = operations.WorkshopSpec(
        title=CLOSED_TITLE, kind=WorkshopKind.REGIONAL_WORKSHOP,
        region=Region.EAST_SOUTHERN_AFRICA, capacity=20, starts_at=now + timedelta(days=21),
        ends_at=now + timedelta(days=25), applications_open_at=now - timedelta(days=60),
        applications_close_at=now + timedelta(days=1), topic="Customs valuation",
        venue="Nairobi, Kenya", host="Regional Training Centre, Kenya Revenue Authority")
    workshop = operations.create_workshop(admin, spec)
    operations.add_prerequisite(admin, workshop.id, operations.PrerequisiteSpec(
        "Customs valuation", ("customs-valuation",), CompletionRule.PASSED, min_score=70))
    for candidate in CLOSED_CANDIDATES:
        _candidate(admin, workshop, modules, administrations, sources, *candidate)
    # Applications can only be submitted before the deadline and the demo cannot wait for it:
    # it moves the deadline into the past, as time would, then re-evaluates the workshop.
    workshop.applications_close_at = now - timedelta(days=1)
    evaluate_workshop(workshop, history_words.DEADLINE_PASSED)
    db.session.commit()
