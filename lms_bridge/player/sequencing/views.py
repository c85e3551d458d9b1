"""The player's pages and replies for a sequenced (SCORM 2004) attempt: what the sequencer
delivers, where the browser goes after a navigation, and the navigation part of a runtime reply.
"""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ..bridge import content_bridge, lesson_src, with_bridge_policy
from ..models import Attempt, AttemptState
from ..package import PackageLayout
from ..tokens import LaunchGrant, issue_launch_token
from .moves import Move, MoveKind
from .operations import open_delivery
from .queries import last_move, player_view, runtime_view
from .runs import has_run


def play_sequenced(attempt: Attempt, layout: PackageLayout, asked: str | None, user,
                   edition=None):
    """The page of a sequenced attempt: what the sequencer delivers; a ``?sco=`` it would not
    deliver by choice is refused with a message (the current delivery is shown instead)."""
    move, refused = open_delivery(attempt, layout, asked)
    if refused is not None:
        flash(_("%(part)s can not be chosen now: the module's sequencing does not allow it "
                "(%(code)s).", part=asked, code=refused.exception))
    if move.kind not in (MoveKind.DELIVER, MoveKind.STAY) or (asked and asked != move.activity):
        return redirect(move_url(attempt, move) or url_for("player.play", attempt_id=attempt.id))
    view = player_view(attempt)
    current = layout.item(view.current) if view.current else None
    token = content = bridge = None
    if current is not None:
        token = issue_launch_token(LaunchGrant(attempt.user_id, attempt.id, current.identifier,
                                               "normal"))
        bridge = content_bridge(user, attempt.package_version_id)
        content = lesson_src(attempt.package_version_id, current.launch_url, bridge)
    page = render_template("player/play_sequenced.html", attempt=attempt, current=current,
                           view=view, token=token, content_url=content, bridge=bridge,
                           edition=edition)
    return with_bridge_policy(page, bridge)


def move_url(attempt: Attempt, move: Move) -> str | None:
    """Where the browser goes after a navigation (None: it stays)."""
    if move.kind is MoveKind.DELIVER:
        return url_for("player.play", attempt_id=attempt.id, sco=move.activity)
    if move.kind is MoveKind.SUSPEND:
        return url_for("player.my_prelearning")
    if move.kind is MoveKind.END:
        return url_for("player.results", attempt_id=attempt.id)
    return None


def runtime_navigation(attempt: Attempt, grant: LaunchGrant, *, finished: bool) -> dict | None:
    """For a sequenced attempt: the controls, choosable activities and request_valid answers
    now; after a final commit also where the browser goes next (``url``, None: it stays)."""
    if not has_run(attempt):
        return None
    if not finished:
        view = runtime_view(attempt, grant.item_identifier)
        return view.to_json() if view is not None else None
    move = last_move(attempt)
    reply = player_view(attempt).to_json() if attempt.state is AttemptState.OPEN else {}
    reply.update(move=move.to_json(), url=move_url(attempt, move))
    return reply
