"""Request and response bodies of the people and designations API."""
from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field, field_validator

from ..accounts.models import AccessStatus, Region, Role
from ..accounts.operations import MIN_PASSWORD_LENGTH
from ..accounts.people.queries import AccountState
from ..converters import LAST_PAGE, LARGEST_ID
from .schemas import AdministrationOut, AuditEventOut, In, Out, UserOut

COUNTRY_CODE = r"^[A-Za-z]{2}$"
REASON = Field(min_length=1, max_length=2000, description="Why (kept in the audit log).")


class PeopleQuery(In):
    page: int = Field(default=1, ge=1, le=LAST_PAGE)
    q: str = Field(default="", max_length=200, description="Part of the name or e-mail.")
    role: Role | None = None
    administration: str | None = Field(default=None, pattern=COUNTRY_CODE,
                                       description="ISO country code; ignored for a national "
                                                   "coordinator (always their own).")
    region: Region | None = None
    state: AccountState | None = None


class PersonOut(UserOut):
    state: AccountState
    created_at: datetime


class PeoplePage(Out):
    total: int
    page: int
    per_page: int
    items: list[PersonOut]


class DesignationOut(Out):
    id: int
    user: UserOut
    administration: AdministrationOut
    reference: str
    letter_date: date
    recorded_at: datetime
    recorded_by_id: int | None
    ended_at: datetime | None
    ended_by_id: int | None
    end_reason: str
    is_active: bool


class PersonRequestOut(Out):
    id: int
    administration: AdministrationOut
    status: AccessStatus
    created_at: datetime
    decided_at: datetime | None
    decided_by_id: int | None
    reason: str


class PersonDetailOut(PersonOut):
    designations: list[DesignationOut]
    access_requests: list[PersonRequestOut]
    recent_events: list[AuditEventOut]


class ReasonIn(In):
    reason: str = REASON


class RolesIn(In):
    roles: list[Role] = Field(min_length=1, max_length=len(Role))
    reason: str = REASON


class AdministrationIn(In):
    administration: str | None = Field(pattern=COUNTRY_CODE,
                                       description="ISO country code, or null for none.")
    reason: str = REASON


class PasswordChangeIn(In):
    model_config = In.model_config | {"str_strip_whitespace": False}

    current_password: str = Field(min_length=1, max_length=200)
    new_password: str = Field(min_length=MIN_PASSWORD_LENGTH, max_length=200)


class DesignationsQuery(In):
    administration: str | None = Field(default=None, pattern=COUNTRY_CODE)
    state: Literal["active", "ended", "all"] = "active"


def _not_in_future(value: date) -> date:
    if value > date.today():
        raise ValueError("the letter's date cannot be in the future")
    return value


class DesigneeIn(In):
    user_id: int = Field(ge=1, le=LARGEST_ID)
    reference: str = Field(min_length=1, max_length=200,
                           description="Reference of the designation letter or note.")
    letter_date: date = Field(description="Date of the letter (not in the future).")

    _past = field_validator("letter_date")(_not_in_future)


class DesignationIn(DesigneeIn):
    administration: str = Field(pattern=COUNTRY_CODE, description="ISO country code.")


class ReplacementIn(DesigneeIn):
    reason: str = REASON


class EndedOut(Out):
    designation: DesignationOut
    role_removed: bool = Field(description="True when it was the person's last designation: "
                                           "they are no longer a national coordinator.")


class CoordinatorOut(Out):
    display_name: str
    email: str
    administration: AdministrationOut
