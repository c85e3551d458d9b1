"""The API blueprint: personal-token authentication before every route, and the OpenAPI document.

The route modules (``accounts``, ``catalog``...) add their routes to ``blueprint``;
``lms_bridge.api.init_app`` registers it once they are all imported.
"""
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
