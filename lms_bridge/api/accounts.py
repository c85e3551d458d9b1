"""Accounts API: who am I, administrations, access decisions, users, audit, tokens."""
from __future__ import annotations

from flask import current_app, g

from ..accounts import operations, queries
from ..accounts.models import AccessStatus
from ..accounts.permissions import Action, require
from .blueprint import blueprint
from .schemas import (AccessRequestOut, AdministrationOut, AuditPage, DecisionIn, PageQuery,
                      StatusQuery, TokenCreated, TokenIn, TokenOut, UserOut)
from .spec import endpoint, parse_body, parse_query


def _dump(model, obj, status: int = 200):
    return model.model_validate(obj).model_dump(mode="json"), status


def _dump_list(model, rows):
    return [model.model_validate(row).model_dump(mode="json") for row in rows]


@blueprint.get("/me")
@endpoint("The account behind the token", response=UserOut)
def me():
    return _dump(UserOut, g.api_user)


@blueprint.get("/administrations")
@endpoint("Member administrations with their WCO region", response=[AdministrationOut])
def administrations():
    return _dump_list(AdministrationOut, queries.administrations())


@blueprint.get("/access-requests")
@endpoint("Access requests the caller decides (own administration; admins: all)",
          query=StatusQuery, response=[AccessRequestOut],
          roles="national_coordinator, admin")
def access_requests():
    require(g.api_user, Action.LIST_ACCESS_REQUESTS)
    query = parse_query(StatusQuery)
    status = None if query.status == "all" else AccessStatus(query.status)
    return _dump_list(AccessRequestOut, queries.access_requests_for(g.api_user, status))


@blueprint.post("/access-requests/<int:request_id>/decision")
@endpoint("Approve or reject an access request, with a reason", body=DecisionIn,
          response=AccessRequestOut, roles="national_coordinator (own administration), admin")
def decide_access_request(request_id: int):
    body = parse_body(DecisionIn)
    result = operations.decide_access_request(g.api_user, request_id,
                                              body.decision == "approve", body.reason)
    return _dump(AccessRequestOut, result)


@blueprint.get("/audit-events")
@endpoint("The audit log, newest first, 50 a page", query=PageQuery, response=AuditPage,
          roles="admin")
def audit_events():
    require(g.api_user, Action.VIEW_AUDIT_LOG)
    query = parse_query(PageQuery)
    rows, total = queries.audit_events(page=query.page)
    return _dump(AuditPage, {"total": total, "page": query.page, "items": rows})


@blueprint.get("/tokens")
@endpoint("The caller's API tokens (never the secrets)", response=[TokenOut])
def tokens():
    require(g.api_user, Action.MANAGE_OWN_TOKENS)
    return _dump_list(TokenOut, queries.tokens_of(g.api_user))


@blueprint.post("/tokens")
@endpoint("Create a token; its value is in this answer only", body=TokenIn,
          response=TokenCreated, status=201)
def create_token():
    body = parse_body(TokenIn)
    plain, token = operations.create_api_token(g.api_user, body.name,
                                               current_app.config["API_TOKEN_DAYS"])
    data = TokenOut.model_validate(token).model_dump(mode="json")
    return {**data, "token": plain}, 201


@blueprint.delete("/tokens/<int:token_id>")
@endpoint("Revoke one of the caller's tokens", response=TokenOut)
def revoke_token(token_id: int):
    return _dump(TokenOut, operations.revoke_api_token(g.api_user, token_id))
