"""What a commit asks for and what storing it will write, decided before anything is written.

``CommitRequest.parse`` reads the body the adapter sends; ``plan_commit`` takes the commit and
the facts read about its SCO (``CommitTarget``) and decides, without touching the database:
whether it is a replay, a stale commit, a refusal or a change to apply; the SCO's new state;
whether the attempt must be regraded; and, once the regrade's summary is known
(``CommitPlan.with_summary``), whether a step needs the ORM session (ending a session, which
may drive the sequencer, or recording a completion). ``operations`` then carries the plan out
in one short write transaction.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from scorm.runtime import LaunchContext, apply_commit
from scorm.runtime.commit import CommitRejection
from scorm.source import CompletionRule

from ...catalog.models import GradingMethod
from ...errors import InvalidInput, UnsupportedMedia
from ..grading import AttemptSummary, satisfies
from ..models import AttemptState, CommitOutcome

# What fetch() sends as JSON, and what navigator.sendBeacon sends for a string body.
RUNTIME_MEDIA_TYPES = ("application/json", "text/plain")
# The highest sequence number: what the INTEGER columns ``last_seq`` and ``seq`` hold on
# PostgreSQL (32-bit signed), far beyond the commits of any attempt.
MAX_SEQ = 2**31 - 1
# Elements whose change regrades the attempt in the middle of a session.
_GRADED = ("cmi.core.lesson_status", "cmi.core.score", "cmi.completion_status",
           "cmi.success_status", "cmi.score")


def runtime_body(data: bytes, mimetype: str) -> dict[str, Any]:
    """The JSON object a runtime call sends; raises UnsupportedMedia or InvalidInput."""
    if mimetype not in RUNTIME_MEDIA_TYPES:
        raise UnsupportedMedia("Send the commit as application/json or text/plain.")
    try:
        body = json.loads(data or b"null")
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput("The body is not JSON.") from None
    except RecursionError:  # the parser's depth limit: a commit is two levels deep
        raise InvalidInput("The body nests arrays or objects too deeply to be a commit.") from None
    if not isinstance(body, dict):
        raise InvalidInput("The body must be a JSON object.")
    return body


@dataclass(frozen=True)
class CommitRequest:
    seq: int
    changes: dict[str, str]
    finish: bool

    @classmethod
    def parse(cls, body: dict[str, Any]) -> CommitRequest:
        """The commit in ``body``; raises InvalidInput naming each malformed field."""
        seq, changes, finish = body.get("seq"), body.get("changes", {}), body.get("finish", False)
        problems = []
        if not isinstance(seq, int) or isinstance(seq, bool) or not 1 <= seq <= MAX_SEQ:
            problems.append({"field": "seq",
                             "problem": f"must be a whole number from 1 to {MAX_SEQ}"})
        if not isinstance(changes, dict) or not all(
                isinstance(k, str) and isinstance(v, str | int | float) for k, v in changes.items()):
            problems.append({"field": "changes", "problem": "must map element names to strings"})
        if not isinstance(finish, bool):
            problems.append({"field": "finish", "problem": "must be true or false"})
        if problems:
            raise InvalidInput("The commit is malformed.", problems)
        return cls(seq, {k: str(v) for k, v in changes.items()}, finish)

    def log_payload(self) -> dict[str, Any]:
        """What the commit log keeps of the commit."""
        return {"changes": self.changes, "finish": self.finish}


@dataclass(frozen=True)
class CommitReply:
    seq: int
    outcome: CommitOutcome | None  # None: review/browse, nothing stored
    attempt_open: bool
    is_sequenced: bool = False  # a stored commit of a sequenced (SCORM 2004) attempt

    def to_json(self) -> dict[str, Any]:
        return {"ok": True, "seq": self.seq,
                "outcome": self.outcome.value if self.outcome else "not_stored",
                "attempt_open": self.attempt_open}


@dataclass(frozen=True)
class CommitTarget:
    """What one commit needs to know about its SCO state, attempt, version and module."""

    sco_id: int
    state: dict[str, str]
    last_seq: int
    attempt_id: int
    user_id: int
    attempt_state: AttemptState
    attempt_number: int
    is_learner_active: bool  # False: the account was deactivated (nothing more is recorded)
    module_id: int
    package_version_id: int
    is_available: bool
    scorm_version: str  # "1.2" or "2004"
    summary: AttemptSummary
    grading_method: GradingMethod
    min_score: float | None
    completion_rule: CompletionRule


@dataclass(frozen=True)
class CommitPlan:
    """What storing one commit writes; ``outcome`` says which kind of commit it is."""

    outcome: CommitOutcome
    note: str = ""  # the log's note (a refusal: "element: code")
    rejection: CommitRejection | None = None  # what SetValue refused
    state: Mapping[str, str] | None = None  # the SCO's new state (applied)
    applied: Mapping[str, str] | None = None  # the writes as applied (adl.data goes elsewhere)
    finishes: bool = False  # ends the SCO's session (ORM: session time, sequencer, grading)
    regrades: bool = False  # a status or score changed: the attempt's summary is recomputed
    summary: AttemptSummary | None = None  # the new summary, when it differs from the stored
    records_completion: bool = False  # the new summary satisfies the module's rule (ORM)

    @property
    def needs_orm(self) -> bool:
        return self.finishes or self.records_completion

    def with_summary(self, summary: AttemptSummary, target: CommitTarget) -> CommitPlan:
        """The plan once the regrade's summary is known (it is written only when it changed)."""
        if summary == target.summary:
            return replace(self, summary=None, records_completion=False)
        return replace(self, summary=summary,
                       records_completion=satisfies(target.completion_rule, summary))


def plan_commit(target: CommitTarget, request: CommitRequest,
                launch: LaunchContext | None) -> CommitPlan:
    """Decide what storing ``request`` on ``target`` writes (pure: reads and writes nothing)."""
    if request.seq <= target.last_seq:
        return CommitPlan(CommitOutcome.REPLAY if request.seq == target.last_seq
                          else CommitOutcome.STALE)
    result = apply_commit(target.scorm_version, target.state, request.changes, launch=launch)
    if not result.is_accepted:
        rejection = result.rejection
        return CommitPlan(CommitOutcome.REJECTED, f"{rejection.element}: {rejection.code}",
                          rejection)
    return CommitPlan(
        CommitOutcome.APPLIED, state=result.state, applied=result.applied,
        finishes=request.finish,
        regrades=not request.finish and changes_grading(target.state, result.state))


def changes_grading(before: Mapping[str, str], after: Mapping[str, str]) -> bool:
    """Whether a status or score element changed (only then is the attempt regraded)."""
    return any(before.get(key) != value for key, value in after.items()
               if key.startswith(_GRADED))
