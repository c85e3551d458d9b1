"""An attempt's results in plain words, and the answers (``cmi.interactions``) its SCOs stored.

The same reading serves the learner's own results page, a coordinator's view of a learner's
attempt (``/attempts/<id>/results``) and the per-question report (``lms_bridge.reports``).

Interactions are read from the SCO states: ``cmi.interactions.n.id``, ``type``, the learner's
answer (``learner_response`` in SCORM 2004, ``student_response`` in 1.2), ``result`` and
``correct_responses.k.pattern``. SCORM 1.2 content often journals, writing a new record each
time a question is answered again; the last record of a question id is its answer.

Which try a page shows: an ``Attempt`` keeps one stored state per SCO. With SCORM 2004
sequencing a SCO may be tried again inside the same attempt (a retry rule, or the learner
choosing it again), and its new try starts from fresh data; the page says how many tries a
SCO had and that the figures are those of its latest try.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select

from ..db import db
from .attempts import attempts_of
from .grading import sco_result
from .models import Attempt
from .package import package_layout
from .queries import collection_records, sco_states
from .sequencing.models import SequencingSession

_RIGHT = {"correct"}
_WRONG = {"incorrect", "wrong"}  # 2004 says incorrect, 1.2 says wrong


@dataclass(frozen=True)
class Answer:
    """One question as a SCO recorded it."""

    question: str
    kind: str
    response: str
    result: str
    correct_responses: tuple[str, ...]

    @property
    def is_answered(self) -> bool:
        return bool(self.response or self.result)

    @property
    def is_correct(self) -> bool | None:
        """True/False when the SCO judged it (or the correct answer says so); None: unknown."""
        if self.result in _RIGHT:
            return True
        if self.result in _WRONG:
            return False
        if self.response and self.correct_responses:
            return self.response in self.correct_responses
        return None


def answers_in(state: Mapping[str, str]) -> list[Answer]:
    """The questions of one SCO state, the last record of each id, in first-seen order."""
    latest: dict[str, Answer] = {}
    for record in collection_records(dict(state), "interactions"):
        question = record.get("id", "").strip()
        if not question:
            continue
        patterns = tuple(value for key, value in sorted(record.items())
                         if key.startswith("correct_responses.") and key.endswith(".pattern"))
        latest[question] = Answer(
            question, record.get("type", ""),
            record.get("learner_response") or record.get("student_response") or "",
            record.get("result", ""), patterns)
    return list(latest.values())


@dataclass(frozen=True)
class PartResult:
    """One SCO of the attempt, as its latest try left it."""

    title: str
    status: str  # "not started", "incomplete", "completed", "passed", "failed"
    score: float | None
    seconds: float
    tries: int
    answers: list[Answer]
    raw: dict[str, str]


@dataclass(frozen=True)
class AttemptResults:
    attempt: Attempt
    attempts: list[Attempt]  # every attempt of the learner on the module, by number
    parts: list[PartResult]

    @property
    def answers(self) -> list[Answer]:
        return [answer for part in self.parts for answer in part.answers]

    @property
    def right(self) -> int:
        return sum(1 for answer in self.answers if answer.is_correct)


def _status(version: str, state: Mapping[str, str]) -> str:
    if not state:
        return "not started"
    result = sco_result(version, state)
    if result.is_passed is not None:
        return "passed" if result.is_passed else "failed"
    return "completed" if result.is_completed else "incomplete"


def _tries(attempt: Attempt) -> dict[str, int]:
    """SCO tries counted by the attempt's sequencer (empty when it is not sequenced)."""
    tree = db.session.scalar(select(SequencingSession.tree).where(
        SequencingSession.attempt_id == attempt.id)) or {}
    activities = tree.get("activities", {}) if isinstance(tree, dict) else {}
    return {name: int(state.get("attempt_count", 0)) for name, state in activities.items()
            if isinstance(state, dict)}


def attempt_results(attempt: Attempt) -> AttemptResults:
    """The attempt read for people: each SCO's status, score, time, answers and raw data."""
    layout = package_layout(attempt.package_version)
    states, tries = sco_states(attempt), _tries(attempt)
    parts = []
    for item in layout.scos:
        sco = states.get(item.identifier)
        state = dict(sco.state) if sco is not None else {}
        result = sco_result(layout.scorm_version, state) if state else None
        parts.append(PartResult(
            item.title, _status(layout.scorm_version, state), result.score if result else None,
            (sco.total_centis / 100) if sco is not None else 0.0,
            tries.get(item.identifier, 1 if sco is not None else 0), answers_in(state), state))
    return AttemptResults(attempt, attempts_of(attempt.user_id, attempt.module_id), parts)
