"""People and designations API: the list and a person (admins; national coordinators: their own
administration, read-only), account changes with a reason, designations, password change."""
from __future__ import annotations

from flask import g
from sqlalchemy import select

from ..accounts.designations import operations as designation_ops
from ..accounts.designations import queries as designation_queries
from ..accounts.models import Administration, User
from ..passwords.operations import change_password
from ..accounts.people import operations as people_ops
from ..accounts.people import queries as people_queries
from ..accounts.permissions import Action, require
from ..db import db
from ..errors import InvalidInput
from .blueprint import blueprint
from .schemas import AuditEventOut, UserOut
from .schemas_people import (AdministrationIn, CoordinatorOut, DesignationIn, DesignationOut,
                             DesignationsQuery, EndedOut, PasswordChangeIn, PeoplePage,
                             PeopleQuery, PersonDetailOut, PersonOut, PersonRequestOut, ReasonIn,
                             ReplacementIn, RolesIn)
from .spec import endpoint, parse_body, parse_query

MANAGERS = "admin"
READERS = "admin, national_coordinator (own administration, read-only)"


def _administration_id(code: str | None, field: str = "administration") -> int | None:
    if code is None:
        return None
    found = db.session.scalar(select(Administration.id).where(
        Administration.country_code == code.upper()))
    if found is None:
        raise InvalidInput(f"No administration has the country code {code!r}.",
                           [{"field": field, "problem": "not found"}])
    return found


def _person(user: User) -> dict:
    data = UserOut.model_validate(user).model_dump()
    return PersonOut.model_validate({**data, "state": people_queries.state_of(user),
                                     "created_at": user.created_at}).model_dump(mode="json")


@blueprint.get("/users")
@endpoint("People, 50 a page by e-mail: search by name or e-mail, filter by role, "
          "administration, region and state", query=PeopleQuery, response=PeoplePage,
          roles=READERS)
def users():
    require(g.api_user, Action.LIST_USERS)
    query = parse_query(PeopleQuery)
    filters = people_queries.PeopleFilter(
        search=query.q, role=query.role, administration_id=_administration_id(query.administration),
        region=query.region, state=query.state)
    rows, total = people_queries.people(g.api_user, filters, page=query.page)
    return {"total": total, "page": query.page, "per_page": people_queries.PAGE_SIZE,
            "items": [_person(row) for row in rows]}


@blueprint.get("/users/<int:user_id>")
@endpoint("A person: roles, administration, state, designations, access requests and the "
          "recent audit events about them", response=PersonDetailOut, roles=READERS)
def person(user_id: int):
    user = people_ops.get_person(g.api_user, user_id)
    dump = lambda model, rows: [model.model_validate(r).model_dump(mode="json") for r in rows]  # noqa: E731
    return {**_person(user),
            "designations": dump(DesignationOut, designation_queries.active_designations_of(user.id)),
            "access_requests": dump(PersonRequestOut, people_queries.access_requests_of(user)),
            "recent_events": dump(AuditEventOut, people_queries.events_about(user))}


@blueprint.post("/users/<int:user_id>/deactivate")
@endpoint("Deactivate an account: its sessions, API tokens and launch tokens are refused at "
          "once (409 for the last active admin)", body=ReasonIn, response=PersonOut,
          roles=MANAGERS)
def deactivate(user_id: int):
    require(g.api_user, Action.MANAGE_PEOPLE)
    body = parse_body(ReasonIn)
    return _person(people_ops.deactivate(g.api_user, user_id, body.reason))


@blueprint.post("/users/<int:user_id>/reactivate")
@endpoint("Reactivate an account (its old API tokens stay revoked)", body=ReasonIn,
          response=PersonOut, roles=MANAGERS)
def reactivate(user_id: int):
    require(g.api_user, Action.MANAGE_PEOPLE)
    body = parse_body(ReasonIn)
    return _person(people_ops.reactivate(g.api_user, user_id, body.reason))


@blueprint.put("/users/<int:user_id>/roles")
@endpoint("Set an account's roles (409 when it would remove the last active admin or a "
          "designated coordinator's role)", body=RolesIn, response=PersonOut, roles=MANAGERS)
def set_roles(user_id: int):
    require(g.api_user, Action.MANAGE_PEOPLE)
    body = parse_body(RolesIn)
    return _person(people_ops.set_roles(g.api_user, user_id, body.roles, body.reason))


@blueprint.put("/users/<int:user_id>/administration")
@endpoint("Move an account to another administration (or none)", body=AdministrationIn,
          response=PersonOut, roles=MANAGERS)
def set_administration(user_id: int):
    require(g.api_user, Action.MANAGE_PEOPLE)
    body = parse_body(AdministrationIn)
    return _person(people_ops.set_administration(
        g.api_user, user_id, _administration_id(body.administration), body.reason))


@blueprint.put("/me/password")
@endpoint("Change the caller's password (the current one is required); every sign-in session "
          "ends", body=PasswordChangeIn, status=204)
def password():
    require(g.api_user, Action.CHANGE_OWN_PASSWORD)
    body = parse_body(PasswordChangeIn)
    change_password(g.api_user, body.current_password, body.new_password)
    return "", 204


@blueprint.get("/me/coordinators")
@endpoint("The designated national coordinators of the caller's administration",
          response=[CoordinatorOut])
def my_coordinators():
    rows = designation_queries.coordinators_of(g.api_user.administration_id)
    return [CoordinatorOut.model_validate({"display_name": d.user.display_name,
                                           "email": d.user.email,
                                           "administration": d.administration}).model_dump(mode="json")
            for d in rows]


def _designation(designation) -> dict:
    return DesignationOut.model_validate(designation).model_dump(mode="json")


@blueprint.get("/designations")
@endpoint("Designations of national coordinators (active by default; the history with "
          "state=all)", query=DesignationsQuery, response=[DesignationOut], roles=MANAGERS)
def designations():
    require(g.api_user, Action.MANAGE_DESIGNATIONS)
    query = parse_query(DesignationsQuery)
    rows = designation_queries.designations(_administration_id(query.administration),
                                            active_only=query.state == "active")
    if query.state == "ended":
        rows = [row for row in rows if not row.is_active]
    return [_designation(row) for row in rows]


@blueprint.post("/designations")
@endpoint("Designate a national coordinator of an administration (gives the role)",
          body=DesignationIn, response=DesignationOut, status=201, roles=MANAGERS)
def designate():
    require(g.api_user, Action.MANAGE_DESIGNATIONS)
    body = parse_body(DesignationIn)
    created = designation_ops.designate(g.api_user, body.user_id,
                                        _administration_id(body.administration), body.reference,
                                        body.letter_date)
    return _designation(created), 201


@blueprint.post("/designations/<int:designation_id>/end")
@endpoint("End a designation; ending a person's last one removes their national coordinator "
          "role", body=ReasonIn, response=EndedOut, roles=MANAGERS)
def end_designation(designation_id: int):
    require(g.api_user, Action.MANAGE_DESIGNATIONS)
    body = parse_body(ReasonIn)
    last = designation_ops.end_designation(g.api_user, designation_id, body.reason)
    ended = designation_queries.designation(designation_id)
    return {"designation": _designation(ended), "role_removed": last}


@blueprint.post("/designations/<int:designation_id>/replace")
@endpoint("End a designation and designate someone else for the same administration",
          body=ReplacementIn, response=DesignationOut, status=201, roles=MANAGERS)
def replace_designation(designation_id: int):
    require(g.api_user, Action.MANAGE_DESIGNATIONS)
    body = parse_body(ReplacementIn)
    created = designation_ops.replace_designation(g.api_user, designation_id, body.user_id,
                                                  body.reference, body.letter_date, body.reason)
    return _designation(created), 201
