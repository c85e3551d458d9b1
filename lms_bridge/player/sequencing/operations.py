"""SCORM 2004 navigation in the player: what the sequencer delivers, the learner's and the
content's navigation requests.

Every function here works on one attempt's :class:`~.runs.SequencingRun` and stores it again.
``open_delivery`` and ``request_navigation`` (what the player's pages do) commit; the others
run inside an operation of the runtime that commits. A navigation request is processed in one
of two places:

- the SCO's final commit (``after_terminate``, called by the commit path after it ended the
  SCO's session and regraded the attempt): the adapter sends ``adl.nav.request`` (set by the
  content, or by a player button that unloaded the SCO first);
- ``request_navigation`` (the player's navigation route) when no SCO session is open in the
  browser.

The sequencing session ending closes the attempt (exit all, abandon all, continuing past the
last activity); suspend all keeps it open, and the next launch resumes the whole tree.
"""
from __future__ import annotations

from sqlalchemy import select

from scorm.sequencing import NavigationRequest, parse_navigation_request
from scorm.sequencing.lookahead import LookAhead
from scorm.sequencing.runtime_bridge import launch_values

from ...accounts.models import User
from ...db import db
from ..attempts import close_attempt
from ..models import Attempt, ScoState
from ..package import PackageLayout
from ..sessions import end_session, sco_state_for
from .moves import Move, MoveKind
from .runs import SequencingRun, has_run, open_run, save_run
from .summary import apply_rollup


def _move(run: SequencingRun, outcome) -> Move:
    """Record what an outcome means for the attempt; close it when the session ended."""
    sequencer = run.sequencer
    if outcome.delivered is not None:
        run.row.delivery += 1
        move = Move(MoveKind.DELIVER, outcome.delivered, resumed=outcome.resumed)
    elif outcome.exception is not None:
        move = Move(MoveKind.REFUSED, exception=outcome.exception)
    elif sequencer.suspended is not None and not sequencer.session_active:
        move = Move(MoveKind.SUSPEND)
    elif outcome.session_ended:
        move = Move(MoveKind.END)
    else:
        move = Move(MoveKind.STAY)
    if move.kind is not MoveKind.REFUSED:
        run.row.last_move = move.to_json()
    apply_rollup(run)
    if move.kind is MoveKind.END:
        close_attempt(run.attempt)
    return move


def _first_choosable_leaf(run: SequencingRun) -> str | None:
    for activity in run.sequencer.tree.preorder():
        if activity.is_leaf and run.sequencer.is_request_valid(NavigationRequest.CHOICE,
                                                               activity.identifier):
            return activity.identifier
    return None


def enter(attempt: Attempt) -> Move:
    """What a launch shows: the current delivery, else start (or resume all).

    A tree whose flow is off cannot start: the first activity a choice reaches is delivered
    instead, as the table of contents would do (what ADL's sample LMS does with one leaf).
    """
    run = open_run(attempt)
    sequencer = run.sequencer
    current = sequencer.current
    if current is not None:
        if run.is_new:
            save_run(run)
        return Move(MoveKind.DELIVER, current.identifier) if current.state.is_active \
            else Move(MoveKind.STAY)
    outcome = sequencer.navigate("resumeAll" if sequencer.suspended is not None else "start")
    if outcome.delivered is None and not outcome.session_ended:
        leaf = _first_choosable_leaf(run)
        if leaf is not None:
            outcome = sequencer.navigate(NavigationRequest.CHOICE, leaf)
    move = _move(run, outcome)
    save_run(run)
    # a tree that can neither start nor be chosen from shows its (empty) player page
    return Move(MoveKind.STAY) if move.kind is MoveKind.REFUSED else move


def _settle_open_session(run: SequencingRun, layout: PackageLayout, user: User) -> None:
    """A SCO whose session is still open (no final commit came) ends as abandoned, and what it
    stored goes to the sequencer, before a request from the player is processed."""
    current = run.sequencer.current
    if current is None or not current.state.is_active:
        return
    sco = db.session.scalar(select(ScoState).where(
        ScoState.attempt_id == run.attempt.id, ScoState.item_identifier == current.identifier))
    if sco is None or sco.session_started_at is None:
        return
    end_session(run.attempt, sco, layout, user, abandoned=True)
    run.sequencer.record_runtime_data(dict(sco.state), exit_value="suspend")


def _refusal(run: SequencingRun, request: str) -> Move | None:
    """The request tried first on a copy: a request the sequencer refuses must change nothing
    (processing it would end the current activity's attempt before the refusal)."""
    with LookAhead(run.sequencer):
        outcome = run.sequencer.navigate(request)
    return Move(MoveKind.REFUSED, exception=outcome.exception) if outcome.exception else None


def navigate(attempt: Attempt, layout: PackageLayout, request: str) -> Move:
    """Process a navigation request (``adl.nav.request`` syntax) from the player; raises
    nothing (a refusal is a Move)."""
    try:
        parse_navigation_request(request)
    except ValueError:
        return Move(MoveKind.REFUSED, exception="not a navigation request")
    run = open_run(attempt)
    refused = _refusal(run, request)
    if refused is not None:
        return refused
    _settle_open_session(run, layout, attempt.user)
    move = _move(run, run.sequencer.navigate(request))
    save_run(run)
    return move


def after_terminate(attempt: Attempt, sco: ScoState, stored: dict[str, str],
                    ended_by_exit: bool) -> None:
    """At a SCO's final commit, once its session ended and the attempt was regraded: give the
    SCO's data (``stored``: its state before the session ended) to the sequencer and process
    its navigation request (the root's rollup then decides the summary; the attempt closes
    when the sequencing session ended).

    A final commit of a SCO that is not the current delivery (an old page, a late beacon) only
    ended that SCO's session.
    """
    run = open_run(attempt)
    current = run.sequencer.current
    if current is None or current.identifier != sco.item_identifier or not current.state.is_active:
        return
    nav_request = stored.get("adl.nav.request", "_none_") or "_none_"
    run.sequencer.record_runtime_data(dict(sco.state), exit_value=stored.get("cmi.exit", ""),
                                      nav_request=nav_request)
    if nav_request != "_none_":
        run.row.last_move = (_refusal(run, nav_request) or Move(MoveKind.STAY)).to_json()
        if run.row.last_move["kind"] != MoveKind.REFUSED.value:
            _move(run, run.sequencer.navigate(nav_request))
    elif ended_by_exit:
        # the only SCO ended normally: nothing else can follow, the course is over
        _move(run, run.sequencer.navigate(NavigationRequest.EXIT_ALL))
    else:
        run.row.last_move = Move(MoveKind.STAY).to_json()
        apply_rollup(run)
    save_run(run)


def prepare_launch(attempt: Attempt, identifier: str) -> bool:
    """Before the SCO ``identifier`` starts a session: when it is a new delivery, its stored
    data becomes what the sequencer gives it (its suspended data when it resumes, else a new
    attempt with its objectives read through the global objectives). Returns whether the SCO
    is the sequencer's current delivery."""
    if not has_run(attempt):
        return False
    run = open_run(attempt)
    current = run.sequencer.current
    if current is None or current.identifier != identifier:
        return False
    if run.row.started_delivery == run.row.delivery:
        return True
    resumed = Move.from_json(run.row.last_move).resumed
    values = launch_values(current, run.objectives, resumed=resumed)
    sco = sco_state_for(attempt, identifier)
    if values.entry.value != "resume" or not sco.state:
        sco.state = dict(values.initial_state)
    sco.state = {k: v for k, v in sco.state.items() if k != "adl.nav.request"}
    sco.next_entry = values.entry.value
    sco.session_started_at = None
    run.row.started_delivery = run.row.delivery
    return True


def open_delivery(attempt: Attempt, layout: PackageLayout,
                  asked: str | None) -> tuple[Move, Move | None]:
    """A launch of a sequenced attempt: what it delivers (the current delivery, else start or
    resume all), or the activity ``asked`` for when the sequencer allows choosing it; commits.
    Returns the move and, when ``asked`` was refused, the refusal."""
    move, refused = enter(attempt), None
    if asked and asked != move.activity:
        chosen = navigate(attempt, layout, f"{{target={asked}}}choice")
        if chosen.kind is MoveKind.REFUSED:
            refused = chosen
        else:
            move = chosen
    db.session.commit()
    return move, refused


def request_navigation(attempt: Attempt, layout: PackageLayout, request: str) -> Move:
    """A navigation request from the player while no SCO session is open; commits."""
    move = navigate(attempt, layout, request)
    db.session.commit()
    return move
