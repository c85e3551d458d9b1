"""What a sequenced attempt's summary takes from the rolled-up root of its activity tree.

Mid-session (a commit changed a status or score) the rollup is tried on a throwaway copy of the
sequencer (``LookAhead``): only the sequencer itself rolls up for good, when the SCO terminates.
"""
from __future__ import annotations

from sqlalchemy import select

from scorm.sequencing.lookahead import LookAhead
from scorm.sequencing.objectives import read_primary
from scorm.sequencing.rollup import overall_rollup_process

from ...db import db
from ..grading import AttemptSummary, record_local_completion
from ..models import Attempt, ScoState
from .runs import SequencingRun, has_run, open_run


def _root_status(run: SequencingRun) -> tuple[bool, bool | None, float | None]:
    """(completed, passed or None, measure or None) of the root with what the current SCO
    reported rolled up (on a copy: the sequencer itself rolls up when the attempt ends)."""
    sequencer = run.sequencer
    if sequencer.current is None:
        return _read_root(run)
    with LookAhead(sequencer):
        overall_rollup_process(sequencer.current, sequencer.context.store)
        return _read_root(run)


def _read_root(run: SequencingRun) -> tuple[bool, bool | None, float | None]:
    root = run.sequencer.tree.root
    view = read_primary(root, run.sequencer.context.store)
    completed = root.state.attempt_progress_status and root.state.attempt_completion_status
    return (completed, view.satisfied_status if view.progress_status else None,
            max(view.normalized_measure, 0.0) if view.measure_status else None)


def _summary(run: SequencingRun, summary: AttemptSummary) -> AttemptSummary:
    """The summary a sequenced attempt reports: completion and success are the root's rolled-up
    status; the score is the module's grading method's, else the root's measure."""
    completed, passed, measure = _root_status(run)
    grade, scaled = summary.grade, summary.score_scaled
    if grade is None and measure is not None:
        grade, scaled = measure * 100, measure
    return AttemptSummary(completed, passed, grade, scaled)


def apply_rollup(run: SequencingRun) -> None:
    """Write the attempt's summary from the rolled-up root, and the local Completion."""
    attempt = run.attempt
    before = AttemptSummary.of(attempt)
    after = _summary(run, before)
    attempt.is_completed, attempt.is_passed = after.is_completed, after.is_passed
    attempt.grade, attempt.score_scaled = after.grade, after.score_scaled
    if after != before:
        record_local_completion(attempt.module, attempt)


def run_at_sco(attempt: Attempt, identifier: str,
               state: dict[str, str] | None = None) -> SequencingRun | None:
    """The attempt's sequencer with the running SCO's data (``state``, else what it stored)
    recorded, as at its Terminate (nothing is saved); None when the attempt is not sequenced
    or ``identifier`` is not its current, active delivery."""
    if not has_run(attempt):
        return None
    run = open_run(attempt)
    current = run.sequencer.current
    if current is None or current.identifier != identifier or not current.state.is_active:
        return None
    if state is None:
        state = db.session.scalar(select(ScoState.state).where(
            ScoState.attempt_id == attempt.id, ScoState.item_identifier == identifier)) or {}
    run.sequencer.record_runtime_data(dict(state))
    return run


def rolled_up_summary(attempt_id: int, sco_state_id: int, state: dict[str, str],
                      summary: AttemptSummary) -> AttemptSummary:
    """Mid-session (a commit changed a status or score): the summary of a sequenced attempt
    with the running SCO at ``state``; ``summary`` (from the SCOs) when it is not sequenced."""
    attempt = db.session.get(Attempt, attempt_id)
    identifier = db.session.scalar(select(ScoState.item_identifier).where(
        ScoState.id == sco_state_id))
    run = run_at_sco(attempt, identifier, state) if attempt is not None else None
    return summary if run is None else _summary(run, summary)
