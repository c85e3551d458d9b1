"""People reads: the filtered, paginated list and what a person's page shows.

The list stays fast at tens of thousands of accounts: it is ordered by e-mail (a unique index,
so a page is read in index order and never sorted as a whole), the role, administration and
region filters have indexes (migration ``people``), and the offset is bounded by
``converters.LAST_PAGE``. ``tests/accounts/test_people_list.py`` reads the plan at 20,000.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, replace

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select

from ...db import db
from ..models import AccessRequest, AccessStatus, Administration, AuditEvent, Region, Role, User
from ..permissions import Action, administration_scope

PAGE_SIZE = 50


class AccountState(enum.Enum):
    ACTIVE = "active"
    DEACTIVATED = "deactivated"
    PENDING = "pending"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return str(ACCOUNT_STATE_LABELS[self])


ACCOUNT_STATE_LABELS = {AccountState.ACTIVE: _l("Active"),
                        AccountState.DEACTIVATED: _l("Deactivated"),
                        AccountState.PENDING: _l("Waiting for approval"),
                        AccountState.REJECTED: _l("Not approved")}


def state_of(user: User) -> AccountState:
    if not user.active:
        return AccountState.DEACTIVATED
    return {AccessStatus.PENDING: AccountState.PENDING,
            AccessStatus.REJECTED: AccountState.REJECTED}.get(user.access_status,
                                                              AccountState.ACTIVE)


@dataclass(frozen=True)
class PeopleFilter:
    search: str = ""
    role: Role | None = None
    administration_id: int | None = None
    region: Region | None = None
    state: AccountState | None = None


def _state_condition(state: AccountState):
    if state is AccountState.DEACTIVATED:
        return User.active.is_(False)
    status = {AccountState.ACTIVE: AccessStatus.APPROVED, AccountState.PENDING: AccessStatus.PENDING,
              AccountState.REJECTED: AccessStatus.REJECTED}[state]
    return User.active.is_(True) & (User.access_status == status)


def people_query(filters: PeopleFilter, scope: int | None = None) -> Select:
    """The accounts matching ``filters``, within the administration ``scope`` when one is given
    (``permissions.administration_scope``: a national coordinator's own)."""
    query = select(User)
    if scope is not None:
        query = query.where(User.administration_id == scope)
    if filters.search.strip():
        like = "%" + filters.search.strip().lower().replace("\\", "\\\\").replace(
            "%", "\\%").replace("_", "\\_") + "%"
        query = query.where(func.lower(User.email).like(like, escape="\\")
                            | func.lower(User.display_name).like(like, escape="\\"))
    if filters.role is not None:
        query = query.where(User.role_rows.any(role=filters.role))
    if filters.administration_id is not None:
        query = query.where(User.administration_id == filters.administration_id)
    if filters.region is not None:
        query = query.where(User.administration.has(Administration.region == filters.region))
    if filters.state is not None:
        query = query.where(_state_condition(filters.state))
    return query


def people(actor: User, filters: PeopleFilter, page: int = 1,
           per_page: int = PAGE_SIZE) -> tuple[list[User], int]:
    """One page of what ``actor`` may list, ordered by e-mail, and how many match in all.
    A list scoped to one administration ignores the administration and region asked for."""
    scope = administration_scope(actor, Action.LIST_USERS)
    if scope is not None:
        filters = replace(filters, administration_id=None, region=None)
    query = people_query(filters, scope)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.session.scalars(query.order_by(User.email).limit(per_page)
                              .offset((page - 1) * per_page))
    return list(rows), total


def events_about(person: User, limit: int = 20) -> list[AuditEvent]:
    return list(db.session.scalars(
        select(AuditEvent).where(AuditEvent.target_type == "user",
                                 AuditEvent.target_id == str(person.id))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)))


def access_requests_of(person: User) -> list[AccessRequest]:
    return list(db.session.scalars(select(AccessRequest).where(AccessRequest.user_id == person.id)
                                   .order_by(AccessRequest.created_at.desc())))


def decided_requests(actor: User, limit: int = 100) -> list[AccessRequest]:
    """Access requests already decided: a national coordinator's own decisions, or all of them
    for an administrator, newest first, with their reasons."""
    query = select(AccessRequest).where(AccessRequest.status != AccessStatus.PENDING)
    if not actor.has_role(Role.ADMIN):
        query = query.where(AccessRequest.decided_by_id == actor.id)
    return list(db.session.scalars(query.order_by(AccessRequest.decided_at.desc()).limit(limit)))
