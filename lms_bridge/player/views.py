"""Player pages and the runtime endpoints of the browser adapter.

The runtime endpoints (``/player/runtime/start``, ``/player/runtime/commit``) authenticate by
the launch token in the body, not by the session cookie: they are CSRF-exempt and accept
``application/json`` and ``text/plain`` (what ``navigator.sendBeacon`` sends). Their errors are
always JSON.
"""
from __future__ import annotations

import json
from urllib.parse import urlsplit

from flask import Blueprint, jsonify, redirect, render_template, request, url_for
from flask_login import login_required

from ..accounts.permissions import Action, require
from ..catalog.queries import module_by_slug
from ..catalog.content import content_url
from ..db import db
from ..errors import InvalidInput, LmsBridgeError, UnsupportedMedia
from ..security import csrf, signed_in_user
from . import queries
from .attempts import choose_attempt
from .bridge import ContentBridge, content_bridge, with_bridge_policy
from .commits import CommitRequest, receive_commit
from .package import package_layout
from .sessions import rules_json, start_session
from .tokens import LaunchGrant, issue_launch_token, read_launch_token

blueprint = Blueprint("player", __name__, template_folder="templates", static_folder="static",
                      static_url_path="/player/static")

_MODES = ("normal", "review", "browse")


@blueprint.get("/modules/<slug>/launch")
@login_required
def launch(slug: str):
    user = signed_in_user()
    module = module_by_slug(slug)
    require(user, Action.LAUNCH_MODULE, module)
    choice = choose_attempt(user, module, new_attempt=request.args.get("new") == "1")
    db.session.commit()
    mode = "browse" if request.args.get("mode") == "browse" else choice.mode
    return redirect(url_for("player.play", attempt_id=choice.attempt.id, mode=mode))


@blueprint.get("/attempts/<int:attempt_id>/play")
@login_required
def play(attempt_id: int):
    user = signed_in_user()
    attempt = queries.attempt_for(user, attempt_id)
    require(user, Action.LAUNCH_MODULE, attempt.module)
    mode = request.args.get("mode", "normal")
    if mode not in _MODES or (attempt.user_id != user.id and mode == "normal"):
        mode = "review"
    if attempt.state.value == "closed" and mode == "normal":
        mode = "review"
    layout = package_layout(attempt.package_version)
    current = layout.item(request.args.get("sco") or _resume_point(attempt, layout))
    token = issue_launch_token(LaunchGrant(attempt.user_id, attempt.id, current.identifier, mode))
    bridge = content_bridge(user, attempt.package_version_id)
    page = render_template(
        "player/play.html", attempt=attempt, layout=layout, current=current, mode=mode,
        token=token, toc=queries.table_of_contents(attempt, layout, current.identifier),
        previous=layout.neighbour(current.identifier, -1),
        next=layout.neighbour(current.identifier, 1), bridge=bridge,
        content_url=_content_src(attempt.package_version_id, current.launch_url, bridge))
    return with_bridge_policy(page, bridge)


def _content_src(version_id: int, launch_url: str, bridge: ContentBridge | None) -> str:
    """The lesson's address: the file through the content route, its parameters kept (a path
    on the content origin when the bridge loads it there)."""
    parts = urlsplit(launch_url)
    src = content_url(version_id, parts.path, bridge.grant if bridge else None)
    if bridge is not None:
        src = src[len(bridge.origin):]
    return src + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def _resume_point(attempt, layout) -> str:
    """Where a launch without a chosen SCO opens: the SCO the learner last left unfinished
    (suspended, or a session never ended, e.g. a closed tab), else the first SCO not finished."""
    left = queries.last_suspended_sco(attempt)
    if left is not None and left in {item.identifier for item in layout.items}:
        return left
    return _first_unfinished(attempt, layout)


def _first_unfinished(attempt, layout) -> str:
    for entry in queries.table_of_contents(attempt, layout, ""):
        if entry.status in ("not attempted", "incomplete"):
            return entry.identifier
    return layout.items[0].identifier


def _runtime_body() -> dict:
    if request.mimetype not in ("application/json", "text/plain"):
        raise UnsupportedMedia("Send the commit as application/json or text/plain.")
    try:
        body = json.loads(request.get_data(cache=False) or b"null")
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput("The body is not JSON.") from None
    if not isinstance(body, dict):
        raise InvalidInput("The body must be a JSON object.")
    return body


def _json_errors(handler):
    def wrapped():
        try:
            return handler()
        except LmsBridgeError as exc:
            db.session.rollback()
            response = jsonify(error={"code": exc.code, "message": exc.message,
                                      "details": exc.details})
            return response, exc.status, exc.headers
    wrapped.__name__ = handler.__name__
    return wrapped


@blueprint.post("/player/runtime/start")
@csrf.exempt
@_json_errors
def runtime_start():
    grant = read_launch_token(_runtime_body().get("token"))
    attempt = queries.attempt_for_grant(grant)
    started = start_session(attempt, grant.item_identifier, attempt.user, grant.mode)
    db.session.commit()
    return jsonify(version=started.version, state=started.state, base=started.base,
                   next_seq=started.next_seq, entry=started.entry, mode=grant.mode,
                   rules=rules_json(started.version), shared_data=started.shared_data)


@blueprint.post("/player/runtime/commit")
@csrf.exempt
@_json_errors
def runtime_commit():
    body = _runtime_body()
    grant = read_launch_token(body.get("token"))
    return jsonify(receive_commit(grant, CommitRequest.parse(body)).to_json())


@blueprint.get("/my/pre-learning")
@login_required
def my_prelearning():
    user = signed_in_user()
    require(user, Action.VIEW_OWN_LEARNING)
    return render_template("player/my_prelearning.html", rows=queries.my_modules(user))


@blueprint.get("/attempts/<int:attempt_id>/results")
@login_required
def results(attempt_id: int):
    user = signed_in_user()
    require(user, Action.VIEW_OWN_LEARNING)
    attempt = queries.attempt_for(user, attempt_id)
    layout, reports = queries.attempt_report(attempt)
    return render_template("player/results.html", attempt=attempt, layout=layout, reports=reports)

