"""Privacy API: everything held about a person (a zip) and erasure on request (admins)."""
from __future__ import annotations

from flask import Response, g
from pydantic import BaseModel

from ..accounts.models import User
from ..accounts.permissions import Action, require
from ..db import db
from ..errors import NotFound
from ..privacy.operations import erase
from ..privacy.queries import export_zip
from .blueprint import blueprint
from .schemas_people import ReasonIn
from .spec import endpoint, parse_body

ADMINS = "admin"


class ErasureOut(BaseModel):
    user_id: int
    pseudonym: str
    erased_at: str


@blueprint.get("/users/<int:user_id>/export")
@endpoint("Everything held about a person: a zip of JSON and CSV files (application/zip)",
          roles=ADMINS)
def export_person(user_id: int):
    require(g.api_user, Action.MANAGE_PEOPLE)
    if db.session.get(User, user_id) is None:
        raise NotFound(f"There is no person {user_id}.")
    return Response(export_zip(user_id), mimetype="application/zip", headers={
        "Content-Disposition": f'attachment; filename="person-{user_id}.zip"'})


@blueprint.post("/users/<int:user_id>/erase")
@endpoint("Erase a person on request, with a reason (409: the last active admin, an open "
          "attempt, or already erased)", body=ReasonIn, response=ErasureOut, roles=ADMINS)
def erase_person(user_id: int):
    require(g.api_user, Action.MANAGE_PEOPLE)
    body = parse_body(ReasonIn)
    erasure = erase(g.api_user, user_id, body.reason)
    return {"user_id": erasure.user_id, "pseudonym": erasure.pseudonym,
            "erased_at": erasure.erased_at.isoformat()}
