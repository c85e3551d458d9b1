"""Player pages and the runtime start endpoint of the browser adapter.

The runtime endpoints (``/player/runtime/start`` here, ``/player/runtime/commit`` answered by
``runtime.entrance``) authenticate by the launch token in the body, not by the session cookie:
they are CSRF-exempt and accept ``application/json`` and ``text/plain`` (what
``navigator.sendBeacon`` sends). Their errors are always JSON (``init_app`` declares the prefix
to ``lms_bridge.errors``).
"""
from __future__ import annotations

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ..accounts.permissions import Action, require
from ..catalog.operations import check_edition
from ..catalog.queries import module_by_slug
from ..catalog.settings import module_settings
from ..errors import Forbidden, InvalidInput
from ..security import csrf, signed_in_user
from . import queries
from .attempts import open_attempt_elsewhere, published_edition
from .bridge import content_bridge, lesson_src, with_bridge_policy
from .editions import edition_notice
from .forms import NavigationForm, NewAttemptForm
from .models import AttemptState
from .sequencing.moves import MoveKind
from .operations import launch_attempt, start_runtime_session
from .package import package_layout
from .results import attempt_results
from .runtime.planning import runtime_body
from .sequencing.operations import request_navigation
from .sequencing.runs import is_sequenced
from .sequencing.views import move_url, play_sequenced, runtime_navigation
from .sessions import rules_json
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
    edition = _asked_edition(request.args.get("edition"))
    if edition is not None:
        published_edition(module, edition)  # refused before asking to close an open attempt
    open_elsewhere = open_attempt_elsewhere(user, module, edition)
    if request.args.get("new") == "1" or open_elsewhere is not None:
        # a GET changes nothing: starting a new attempt is the confirmation page's POST
        return render_template("player/new_attempt.html", module=module, edition=edition,
                               open_attempt=open_elsewhere,
                               form=NewAttemptForm(formdata=None, edition=edition or ""))
    choice = launch_attempt(user, module, edition=edition)
    mode = "browse" if request.args.get("mode") == "browse" else choice.mode
    return redirect(url_for("player.play", attempt_id=choice.attempt.id, mode=mode))


def _asked_edition(text: str | None) -> str | None:
    """The edition a learner picked (``?edition=`` or the new-attempt form), or None."""
    return check_edition(text) if text else None


@blueprint.post("/modules/<slug>/attempts")
@login_required
def new_attempt(slug: str):
    """Close the open attempt (if any) and start the next one (CSRF-protected)."""
    user = signed_in_user()
    module = module_by_slug(slug)
    require(user, Action.LAUNCH_MODULE, module)
    form = NewAttemptForm()
    if not form.validate_on_submit():
        raise InvalidInput(_("The request to start a new attempt is not valid."),
                           [{"field": k, "problem": "; ".join(map(str, v))} for k, v in form.errors.items()])
    choice = launch_attempt(user, module, new_attempt=True,
                            edition=_asked_edition(form.edition.data))
    return redirect(url_for("player.play", attempt_id=choice.attempt.id, mode=choice.mode))


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
    edition = edition_notice(user, attempt) if attempt.user_id == user.id else None
    if is_sequenced(layout, mode):
        return play_sequenced(attempt, layout, request.args.get("sco"), user, edition)
    current = layout.item(request.args.get("sco") or _resume_point(attempt, layout))
    token = issue_launch_token(LaunchGrant(attempt.user_id, attempt.id, current.identifier, mode))
    bridge = content_bridge(user, attempt.package_version_id)
    page = render_template(
        "player/play.html", attempt=attempt, layout=layout, current=current, mode=mode,
        token=token, edition=edition, toc=queries.table_of_contents(attempt, layout, current.identifier),
        previous=layout.neighbour(current.identifier, -1),
        next=layout.neighbour(current.identifier, 1), bridge=bridge,
        auto_continue=layout.scorm_version == "1.2" and module_settings(attempt.module_id).auto_continue,
        content_url=lesson_src(attempt.package_version_id, current.launch_url, bridge))
    return with_bridge_policy(page, bridge)


@blueprint.post("/attempts/<int:attempt_id>/navigate")
@login_required
def navigate(attempt_id: int):
    """A navigation request from the player while no SCO session is open in the browser."""
    user = signed_in_user()
    attempt = queries.attempt_for(user, attempt_id)
    require(user, Action.LAUNCH_MODULE, attempt.module)
    if attempt.user_id != user.id:
        raise Forbidden(_("Only the learner navigates their own attempt."))
    form = NavigationForm()
    if not form.validate_on_submit():
        raise InvalidInput(_("The navigation request is not valid."),
                           [{"field": k, "problem": "; ".join(map(str, v))} for k, v in form.errors.items()])
    if attempt.state is AttemptState.CLOSED:
        return redirect(url_for("player.results", attempt_id=attempt.id))
    move = request_navigation(attempt, package_layout(attempt.package_version), form.request.data)
    if move.kind is MoveKind.REFUSED:
        flash(_("That is not allowed now: the module's sequencing refused it (%(code)s).",
                code=move.exception))
    if move.kind is MoveKind.STAY:
        flash(_("Choose what to do next: Continue, Previous or an entry of the contents."))
    return redirect(move_url(attempt, move) or url_for("player.play", attempt_id=attempt.id))


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


@blueprint.post("/player/runtime/start")
@csrf.exempt
def runtime_start():
    body = runtime_body(request.get_data(cache=False), request.mimetype)
    grant = read_launch_token(body.get("token"))
    attempt = queries.attempt_for_grant(grant)
    start = start_runtime_session(attempt, grant)
    started = start.started
    navigation = (runtime_navigation(attempt, grant, finished=False)
                  if start.is_sequenced_delivery else None)
    return jsonify(version=started.version, state=started.state, base=started.base,
                   next_seq=started.next_seq, entry=started.entry, mode=grant.mode,
                   rules=rules_json(started.version), shared_data=started.shared_data,
                   navigation=navigation)


@blueprint.get("/my/pre-learning")
@login_required
def my_prelearning():
    user = signed_in_user()
    require(user, Action.VIEW_OWN_LEARNING)
    return render_template("player/my_prelearning.html", rows=queries.my_modules(user),
                           new_attempt_form=NewAttemptForm())


@blueprint.get("/attempts/<int:attempt_id>/results")
@login_required
def results(attempt_id: int):
    """An attempt's results: the learner's own, or a learner's seen by the people who may."""
    user = signed_in_user()
    attempt = queries.attempt_to_read(user, attempt_id)
    return render_template("player/results.html", results=attempt_results(attempt),
                           is_own=attempt.user_id == user.id)
