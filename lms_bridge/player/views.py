"""Player pages and the runtime endpoints of the browser adapter.

The runtime endpoints (``/player/runtime/start``, ``/player/runtime/commit``) authenticate by
the launch token in the body, not by the session cookie: they are CSRF-exempt and accept
``application/json`` and ``text/plain`` (what ``navigator.sendBeacon`` sends). Their errors are
always JSON.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_login import login_required

from ..accounts.permissions import Action, require
from ..catalog.queries import module_by_slug
from ..catalog.content import content_url
from ..db import db
from ..errors import Forbidden, InvalidInput, LmsBridgeError
from ..security import csrf, signed_in_user
from . import queries
from .attempts import choose_attempt, module_settings
from .bridge import ContentBridge, content_bridge, with_bridge_policy
from .commits import CommitRequest, receive_commit
from .forms import NavigationForm
from .models import Attempt, AttemptState
from .navigation import Move, MoveKind, enter, navigate as navigate_attempt, prepare_launch
from .navigation_view import (
    changes_progress, last_move, player_view, runtime_view,
)
from .package import package_layout
from .runtime_wsgi import (
    error_json, install_runtime_commits, request_context_for_urls, runtime_body,
)
from .sequencing import has_run, is_sequenced
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
    if is_sequenced(layout, mode):
        return _play_sequenced(attempt, layout)
    current = layout.item(request.args.get("sco") or _resume_point(attempt, layout))
    token = issue_launch_token(LaunchGrant(attempt.user_id, attempt.id, current.identifier, mode))
    bridge = content_bridge(user, attempt.package_version_id)
    page = render_template(
        "player/play.html", attempt=attempt, layout=layout, current=current, mode=mode,
        token=token, toc=queries.table_of_contents(attempt, layout, current.identifier),
        previous=layout.neighbour(current.identifier, -1),
        next=layout.neighbour(current.identifier, 1), bridge=bridge,
        auto_continue=layout.scorm_version == "1.2" and module_settings(attempt.module_id).auto_continue,
        content_url=_content_src(attempt.package_version_id, current.launch_url, bridge))
    return with_bridge_policy(page, bridge)


def _play_sequenced(attempt, layout):
    """A SCORM 2004 attempt shows what the sequencer delivers; a ``?sco=`` it would not deliver
    by choice is refused with a message (the current delivery is shown instead)."""
    move = enter(attempt)
    asked = request.args.get("sco")
    if asked and asked != move.activity:
        chosen = navigate_attempt(attempt, layout, f"{{target={asked}}}choice")
        if chosen.kind is MoveKind.REFUSED:
            flash(f"{asked} can not be chosen now: the module's sequencing does not allow it "
                  f"({chosen.exception}).")
        else:
            move = chosen
    db.session.commit()
    if move.kind not in (MoveKind.DELIVER, MoveKind.STAY) or (asked and asked != move.activity):
        return redirect(_move_url(attempt, move) or url_for("player.play", attempt_id=attempt.id))
    view = player_view(attempt)
    current = layout.item(view.current) if view.current else None
    token = content = bridge = None
    if current is not None:
        token = issue_launch_token(LaunchGrant(attempt.user_id, attempt.id, current.identifier,
                                               "normal"))
        bridge = content_bridge(signed_in_user(), attempt.package_version_id)
        content = _content_src(attempt.package_version_id, current.launch_url, bridge)
    page = render_template("player/play_sequenced.html", attempt=attempt, current=current,
                           view=view, token=token, content_url=content, bridge=bridge)
    return with_bridge_policy(page, bridge)


def _move_url(attempt, move: Move) -> str | None:
    """Where the browser goes after a navigation (None: it stays)."""
    if move.kind is MoveKind.DELIVER:
        return url_for("player.play", attempt_id=attempt.id, sco=move.activity)
    if move.kind is MoveKind.SUSPEND:
        return url_for("player.my_prelearning")
    if move.kind is MoveKind.END:
        return url_for("player.results", attempt_id=attempt.id)
    return None


@blueprint.post("/attempts/<int:attempt_id>/navigate")
@login_required
def navigate(attempt_id: int):
    """A navigation request from the player while no SCO session is open in the browser."""
    user = signed_in_user()
    attempt = queries.attempt_for(user, attempt_id)
    require(user, Action.LAUNCH_MODULE, attempt.module)
    if attempt.user_id != user.id:
        raise Forbidden("Only the learner navigates their own attempt.")
    form = NavigationForm()
    if not form.validate_on_submit():
        raise InvalidInput("The navigation request is not valid.",
                           [{"field": k, "problem": "; ".join(v)} for k, v in form.errors.items()])
    if attempt.state is AttemptState.CLOSED:
        return redirect(url_for("player.results", attempt_id=attempt.id))
    move = navigate_attempt(attempt, package_layout(attempt.package_version), form.request.data)
    db.session.commit()
    if move.kind is MoveKind.REFUSED:
        flash(f"That is not allowed now: the module's sequencing refused it ({move.exception}).")
    if move.kind is MoveKind.STAY:
        flash("Choose what to do next: Continue, Previous or an entry of the contents.")
    return redirect(_move_url(attempt, move) or url_for("player.play", attempt_id=attempt.id))


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
    return runtime_body(request.get_data(cache=False), request.mimetype)


def _json_errors(handler):
    def wrapped():
        try:
            return handler()
        except LmsBridgeError as exc:
            db.session.rollback()
            return jsonify(error_json(exc)), exc.status, exc.headers
    wrapped.__name__ = handler.__name__
    return wrapped


@blueprint.post("/player/runtime/start")
@csrf.exempt
@_json_errors
def runtime_start():
    grant = read_launch_token(_runtime_body().get("token"))
    attempt = queries.attempt_for_grant(grant)
    sequenced = grant.is_stored and prepare_launch(attempt, grant.item_identifier)
    started = start_session(attempt, grant.item_identifier, attempt.user, grant.mode)
    db.session.commit()
    navigation = _runtime_navigation(attempt, grant, finished=False) if sequenced else None
    return jsonify(version=started.version, state=started.state, base=started.base,
                   next_seq=started.next_seq, entry=started.entry, mode=grant.mode,
                   rules=rules_json(started.version), shared_data=started.shared_data,
                   navigation=navigation)


def _runtime_navigation(attempt, grant, *, finished: bool) -> dict | None:
    """For a sequenced attempt: the controls, choosable activities and request_valid answers
    now; after a final commit also where the browser goes next (``url``, None: it stays)."""
    if not has_run(attempt):
        return None
    if not finished:
        view = runtime_view(attempt, grant.item_identifier)
        return view.to_json() if view is not None else None
    move = last_move(attempt)
    reply = player_view(attempt).to_json() if attempt.state is AttemptState.OPEN else {}
    reply.update(move=move.to_json(), url=_move_url(attempt, move))
    return reply


# Answered by runtime_wsgi.RuntimeCommits before Flask's dispatch (installed below); the route
# names the endpoint for url_for and serves an app mounted without that wrapper.
@blueprint.post("/player/runtime/commit")
@csrf.exempt
@_json_errors
def runtime_commit():
    return jsonify(commit_reply(request.get_data(cache=False), request.mimetype))


def commit_reply(data: bytes, mimetype: str) -> dict:
    """Receive one commit from its raw body; the JSON reply. Raises LmsBridgeError."""
    body = runtime_body(data, mimetype)
    grant = read_launch_token(body.get("token"))
    commit = CommitRequest.parse(body)
    received = receive_commit(grant, commit)
    reply = received.to_json()
    if received.is_sequenced and (commit.finish or changes_progress(commit.changes)):
        # SCORM 2004 sequencing: what navigation allows now, and where a final commit leads
        attempt = db.session.get(Attempt, grant.attempt_id)
        with request_context_for_urls():
            reply["navigation"] = _runtime_navigation(attempt, grant, finished=commit.finish)
    return reply


blueprint.record_once(lambda state: install_runtime_commits(state.app, commit_reply))


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

