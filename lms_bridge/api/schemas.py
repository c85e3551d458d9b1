"""Request and response bodies of the accounts API."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..accounts.models import AccessStatus, Region, Role
from ..converters import LAST_PAGE


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class In(BaseModel):
    """A request body. Every constraint the server checks on a field belongs here, so that the
    OpenAPI document (generated from these models) refuses what the server refuses."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        """PostgreSQL cannot store a NUL character in text: refused on its field (422)."""
        if has_nul(value):
            raise ValueError("contains a NUL character, which cannot be stored")
        return value


def has_nul(value: Any) -> bool:
    """Whether a string, or any string inside lists and objects, holds a NUL character."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, (list, tuple)):
        return any(has_nul(item) for item in value)
    if isinstance(value, dict):
        return any(has_nul(key) or has_nul(item) for key, item in value.items())
    return False


class AdministrationOut(Out):
    id: int
    name: str
    country_code: str
    region: Region


class UserOut(Out):
    id: int
    email: str
    display_name: str
    roles: list[Role]
    administration: AdministrationOut | None
    access_status: AccessStatus
    active: bool
    preferred_language: str


class AccessRequestOut(Out):
    id: int
    user: UserOut
    administration: AdministrationOut
    job_title: str
    message: str
    status: AccessStatus
    created_at: datetime
    decided_at: datetime | None
    reason: str


class DecisionIn(In):
    decision: Literal["approve", "reject"]
    reason: str = Field(min_length=1, max_length=2000)


class StatusQuery(In):
    status: AccessStatus | Literal["all"] = AccessStatus.PENDING


class PageQuery(In):
    page: int = Field(default=1, ge=1, le=LAST_PAGE)
    q: str = Field(default="", max_length=200)


class AuditEventOut(Out):
    id: int
    at: datetime
    actor_id: int | None
    action: str
    target_type: str
    target_id: str
    summary: str
    reason: str
    details: dict


class AuditPage(Out):
    total: int
    page: int
    items: list[AuditEventOut]


class TokenIn(In):
    name: str = Field(min_length=1, max_length=100)


class TokenOut(Out):
    id: int
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreated(TokenOut):
    token: str = Field(description="The token itself: shown this once, never again.")
