"""Account tables: who people are, what they may do, and who decided it."""
from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, UtcDateTime, enum_type, utcnow


class Role(enum.Enum):
    LEARNER = "learner"
    NATIONAL_COORDINATOR = "national_coordinator"
    COORDINATOR = "coordinator"
    ADMIN = "admin"
    RESOURCE_PERSON = "resource_person"

    @property
    def label(self) -> str:
        """The role's name in the language of the request."""
        return str(ROLE_LABELS[self])


class Region(enum.Enum):
    """The six WCO regions."""

    EAST_SOUTHERN_AFRICA = "East and Southern Africa"
    WEST_CENTRAL_AFRICA = "West and Central Africa"
    NORTH_AFRICA_NEAR_MIDDLE_EAST = "North of Africa, Near and Middle East"
    EUROPE = "Europe"
    ASIA_PACIFIC = "Asia/Pacific"
    AMERICAS_CARIBBEAN = "Americas and Caribbean"

    @property
    def label(self) -> str:
        """The region's name in the language of the request (the value is the stored English)."""
        return str(REGION_LABELS[self])


class AccessStatus(enum.Enum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return str(ACCESS_STATUS_LABELS[self])


# What people read for each value (translated when read: the values stay as stored).
ROLE_LABELS = {Role.LEARNER: _l("Learner"), Role.NATIONAL_COORDINATOR: _l("National coordinator"),
               Role.COORDINATOR: _l("Training coordinator"), Role.ADMIN: _l("Administrator"),
               Role.RESOURCE_PERSON: _l("Resource person")}
REGION_LABELS = {
    Region.EAST_SOUTHERN_AFRICA: _l("East and Southern Africa"),
    Region.WEST_CENTRAL_AFRICA: _l("West and Central Africa"),
    Region.NORTH_AFRICA_NEAR_MIDDLE_EAST: _l("North of Africa, Near and Middle East"),
    Region.EUROPE: _l("Europe"),
    Region.ASIA_PACIFIC: _l("Asia/Pacific"),
    Region.AMERICAS_CARIBBEAN: _l("Americas and Caribbean"),
}
ACCESS_STATUS_LABELS = {AccessStatus.PENDING: _l("waiting for a decision"),
                        AccessStatus.APPROVED: _l("approved"),
                        AccessStatus.REJECTED: _l("rejected")}


class Administration(Base):
    """A member administration (a national customs administration)."""

    __tablename__ = "administration"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    country_code: Mapped[str] = mapped_column(String(2), unique=True)
    region: Mapped[Region] = mapped_column(enum_type(Region))


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    preferred_language: Mapped[str] = mapped_column(String(8), default="en")
    access_status: Mapped[AccessStatus] = mapped_column(enum_type(AccessStatus),
                                                        default=AccessStatus.APPROVED)
    administration_id: Mapped[int | None] = mapped_column(ForeignKey("administration.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """Part of every sign-in cookie; incremented to end all of the account's sessions
    (``accounts.sessions``)."""

    administration: Mapped[Administration | None] = relationship(lazy="joined")
    role_rows: Mapped[list["UserRole"]] = relationship(cascade="all, delete-orphan",
                                                       lazy="selectin")

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(row.role for row in self.role_rows)

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    @property
    def can_sign_in(self) -> bool:
        return self.active and self.access_status is AccessStatus.APPROVED

    # Flask-Login protocol
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.can_sign_in

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        """What the session cookie stores (Flask-Login's alternative token): the id and the
        session version, so that ending the sessions refuses every cookie saved before."""
        return f"{self.id}.{self.session_version}"

    # An administration's people, in the people list's order, without sorting them all.
    __table_args__ = (Index("ix_user_account_administration_email", "administration_id", "email"),)


class UserRole(Base):
    __tablename__ = "user_role"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         primary_key=True)
    role: Mapped[Role] = mapped_column(enum_type(Role), primary_key=True)

    # The people list filters by role: without it a role filter reads every row of the table.
    __table_args__ = (Index("ix_user_role_role_user_id", "role", "user_id"),)


class AccessRequest(Base):
    """A self-registered person asking for access, decided by their national coordinator."""

    __tablename__ = "access_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    administration_id: Mapped[int] = mapped_column(ForeignKey("administration.id"))
    job_title: Mapped[str] = mapped_column(String(200), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[AccessStatus] = mapped_column(enum_type(AccessStatus),
                                                 default=AccessStatus.PENDING)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    reason: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")
    administration: Mapped[Administration] = relationship(lazy="joined")
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])


class ApiToken(Base):
    """A personal API token; only its SHA-256 is stored, the token itself is shown once."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    user: Mapped[User] = relationship(lazy="joined")


class LoginThrottle(Base):
    """Failed sign-ins counted per key (an e-mail or a client address)."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    first_failure_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime())


class AuditEvent(Base):
    """Who did what, to what, when and why. Written once, never updated."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    action: Mapped[str] = mapped_column(String(80))
    target_type: Mapped[str] = mapped_column(String(40))
    target_id: Mapped[str] = mapped_column(String(80))
    summary: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    # A person's page lists the recent events about them.
    __table_args__ = (Index("ix_audit_event_target", "target_type", "target_id"),)

    actor: Mapped[User | None] = relationship(lazy="joined")
