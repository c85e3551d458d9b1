"""Demo data for `make run`: regions' administrations and a user of every role."""
from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select

from .accounts import operations
from .accounts.models import Administration, Region, Role, User
from .catalog.builds import publish_all_sources
from .db import db
from .eligibility.demo import load_eligibility_demo
from .syncing.demo import load_sync_demo
from .tracking.vocabulary import SourceKind
from .experts.demo import load_experts_demo

ADMINISTRATIONS = [
    ("Kenya", "KE", Region.EAST_SOUTHERN_AFRICA),
    ("South Africa", "ZA", Region.EAST_SOUTHERN_AFRICA),
    ("Senegal", "SN", Region.WEST_CENTRAL_AFRICA),
    ("Côte d'Ivoire", "CI", Region.WEST_CENTRAL_AFRICA),
    ("Morocco", "MA", Region.NORTH_AFRICA_NEAR_MIDDLE_EAST),
    ("Jordan", "JO", Region.NORTH_AFRICA_NEAR_MIDDLE_EAST),
    ("France", "FR", Region.EUROPE),
    ("Belgium", "BE", Region.EUROPE),
    ("Korea, Republic of", "KR", Region.ASIA_PACIFIC),
    ("Thailand", "TH", Region.ASIA_PACIFIC),
    ("Brazil", "BR", Region.AMERICAS_CARIBBEAN),
    ("Jamaica", "JM", Region.AMERICAS_CARIBBEAN),
]

DOMAIN = "demo.lms-bridge.example"


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str
    roles: tuple[Role, ...]
    country: str | None


DEMO_USERS = [
    DemoUser(f"admin@{DOMAIN}", "Ada Admin", (Role.ADMIN,), None),
    DemoUser(f"coordinator@{DOMAIN}", "Tomás Training-Coordinator", (Role.COORDINATOR,), None),
    DemoUser(f"nc.kr@{DOMAIN}", "Min-jun Park", (Role.NATIONAL_COORDINATOR,), "KR"),
    DemoUser(f"nc.ke@{DOMAIN}", "Wanjiru Otieno", (Role.NATIONAL_COORDINATOR,), "KE"),
    DemoUser(f"learner@{DOMAIN}", "Ji-woo Kim", (Role.LEARNER,), "KR"),
    DemoUser(f"resource.person@{DOMAIN}", "Hiroshi Sato", (Role.RESOURCE_PERSON,), None),
]

PENDING = [
    (f"applicant.kr@{DOMAIN}", "Seo-yeon Lee", "KR", "HS classification officer, Seoul"),
    (f"applicant.ke@{DOMAIN}", "Brian Kamau", "KE", "Valuation officer, Mombasa"),
]


def _administration_ids() -> dict[str, int]:
    existing = {a.country_code: a for a in db.session.scalars(select(Administration))}
    for name, code, region in ADMINISTRATIONS:
        if code not in existing:
            existing[code] = Administration(name=name, country_code=code, region=region)
            db.session.add(existing[code])
    db.session.flush()
    return {code: a.id for code, a in existing.items()}


def load_demo(reset_passwords: bool = False) -> list[tuple[str, str, str]]:
    """Create what is missing; return (e-mail, roles, password) for accounts given a password now."""
    ids = _administration_ids()
    shown: list[tuple[str, str, str]] = []
    for spec in DEMO_USERS:
        user = db.session.scalar(select(User).where(User.email == spec.email))
        password = secrets.token_urlsafe(12)
        if user is None:
            operations.create_user(spec.email, spec.name, password, spec.roles,
                                   administration_id=ids.get(spec.country))
        elif reset_passwords:
            operations.set_password(user, password)
        else:
            continue
        shown.append((spec.email, ", ".join(r.value for r in spec.roles), password))
    db.session.commit()
    for email, name, code, title in PENDING:
        if db.session.scalar(select(User.id).where(User.email == email)) is None:
            operations.register(email, name, secrets.token_urlsafe(16), ids[code], job_title=title,
                                message="Nominated for the HS classification accreditation workshop.")
    db.session.commit()
    publish_all_sources()
    cited = {short: (SourceKind(kind), key, name)
             for short, (kind, key, name) in load_sync_demo().items()}
    load_eligibility_demo(ids, cited)
    load_experts_demo(ids)
    return shown
