"""The JSON API under /api/v1: personal-token authentication, one error shape, OpenAPI."""
from __future__ import annotations

from flask import Blueprint, current_app, g, jsonify, request

from ..accounts.operations import authenticate_token
from ..security import csrf
from .spec import build_document, endpoint, operation_of

blueprint = Blueprint("api", __name__)
# The API never reads the session cookie (it authenticates with Bearer tokens only), so
# cross-site request forgery has nothing to ride on and the form CSRF check does not apply.
csrf.exempt(blueprint)


@blueprint.before_request
def _authenticate():
    view = current_app.view_functions.get(request.endpoint or "")
    op = operation_of(view) if view else None
    g.api_user = None
    if op is not None and op.public:
        return
    g.api_user = authenticate_token(request.headers.get("Authorization"))


@blueprint.get("/openapi.json")
@endpoint("This document: every route of the API", public=True, roles="everyone")
def openapi():
    return jsonify(build_document(current_app))


from . import accounts  # noqa: E402,F401  (registers the routes on the blueprint)
from . import eligibility  # noqa: E402,F401
from . import syncing  # noqa: E402,F401
from . import catalog  # noqa: E402,F401  (catalog routes)
from . import sync_reports  # noqa: E402,F401  (CSV report uploads)
from . import people  # noqa: E402,F401  (people and designations)
