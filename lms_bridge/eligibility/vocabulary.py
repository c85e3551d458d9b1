"""The words of the eligibility engine: statuses, sources, rules, outcomes, shortfalls.

``CompletionStatus`` is the single status a unified ``Completion`` record carries. The engine
reads it through one table (see ``CompletionRule.accepts``):

=============  ===================  ================
status         counts as completed  counts as passed
=============  ===================  ================
passed         yes                  yes
completed      yes                  no
failed         yes                  no
incomplete     no                   no
=============  ===================  ================

``failed`` means *finished and not passed* (SCORM 1.2 ``lesson_status=failed``, Moodle's
"complete, fail"); an unfinished failed attempt must reach the engine as ``incomplete``.
``passed`` implies finished, so with one status per record ``CompletedAndPassed`` is
satisfied exactly like ``Passed`` and ``CompletedOrPassed`` exactly like ``Completed``. The
four cmi5 words are kept so that prerequisites written in cmi5 terms are quoted as written.
"""
from __future__ import annotations

import enum


class CompletionStatus(enum.Enum):
    """Status of one completion record, whatever its source."""

    COMPLETED = "completed"
    PASSED = "passed"
    FAILED = "failed"
    INCOMPLETE = "incomplete"


_COMPLETED_LIKE = frozenset(
    {CompletionStatus.COMPLETED, CompletionStatus.PASSED, CompletionStatus.FAILED})
_PASSED_LIKE = frozenset({CompletionStatus.PASSED})


class SourceKind(enum.Enum):
    """Where a completion record came from."""

    LOCAL = "local"
    MOODLE = "moodle"
    XAPI = "xapi"
    CSV = "csv"


class CompletionRule(enum.Enum):
    """What a record must show, in cmi5's ``moveOn`` vocabulary."""

    COMPLETED = "Completed"
    PASSED = "Passed"
    COMPLETED_AND_PASSED = "CompletedAndPassed"
    COMPLETED_OR_PASSED = "CompletedOrPassed"

    @property
    def accepts(self) -> frozenset[CompletionStatus]:
        """The record statuses that satisfy this rule (see the module table)."""
        if self in (CompletionRule.PASSED, CompletionRule.COMPLETED_AND_PASSED):
            return _PASSED_LIKE
        return _COMPLETED_LIKE

    @property
    def label(self) -> str:
        """The rule as a coordinator reads it: "Completed and Passed"."""
        return _RULE_LABELS[self]


_RULE_LABELS = {
    CompletionRule.COMPLETED: "Completed",
    CompletionRule.PASSED: "Passed",
    CompletionRule.COMPLETED_AND_PASSED: "Completed and Passed",
    CompletionRule.COMPLETED_OR_PASSED: "Completed or Passed",
}


class NominationState(enum.Enum):
    """The national coordinator's answer on a candidate's nomination."""

    PENDING = "pending"
    NOMINATED = "nominated"
    NOT_NOMINATED = "not nominated"


class Outcome(enum.Enum):
    """The engine's verdict on one candidate for one workshop."""

    ELIGIBLE = "eligible"
    NOT_YET = "not yet eligible"
    INELIGIBLE = "ineligible"


class Shortfall(enum.Flag):
    """Why a record does not count for a prerequisite (several may apply at once)."""

    STATUS = enum.auto()          # its status does not satisfy the rule
    SCORE_BELOW = enum.auto()     # its score is below the minimum
    NO_SCORE = enum.auto()        # a minimum applies and the record has no score
    BEFORE_WINDOW = enum.auto()   # completed before the recency window opened
    AFTER_DEADLINE = enum.auto()  # completed after the deadline
    SOURCE = enum.auto()          # its source does not count for this prerequisite
