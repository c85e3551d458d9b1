"""The words of the eligibility engine: which statuses a rule accepts, outcomes, shortfalls.

The statuses and source kinds are tracking's (``lms_bridge.tracking.vocabulary``) and the
rule is the module rule of ``scorm``'s source model; this module says how the engine reads
them. A prerequisite's rule is one of ``PREREQUISITE_RULES`` (``NotApplicable`` asks nothing
of a record, so it cannot be a prerequisite). The engine reads a record's status through one
table (``accepted_statuses``):

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
from collections.abc import Callable

from ..tracking.vocabulary import CompletionRule, CompletionStatus

PREREQUISITE_RULES = (CompletionRule.COMPLETED, CompletionRule.PASSED,
                      CompletionRule.COMPLETED_AND_PASSED, CompletionRule.COMPLETED_OR_PASSED)

_COMPLETED_LIKE = frozenset(
    {CompletionStatus.COMPLETED, CompletionStatus.PASSED, CompletionStatus.FAILED})
_PASSED_LIKE = frozenset({CompletionStatus.PASSED})


def accepted_statuses(rule: CompletionRule) -> frozenset[CompletionStatus]:
    """The record statuses that satisfy a prerequisite's rule (see the module table)."""
    if rule in (CompletionRule.PASSED, CompletionRule.COMPLETED_AND_PASSED):
        return _PASSED_LIKE
    return _COMPLETED_LIKE


def _english(message: str, **values: object) -> str:
    # gettext without a catalog (``wording.plain_gettext``, which imports this module).
    return message % values if values else message


def rule_label(rule: CompletionRule, gettext: Callable[..., str] = _english) -> str:
    """The rule as a coordinator reads it: "Completed and passed"."""
    return {
        CompletionRule.COMPLETED: gettext("Completed"),
        CompletionRule.PASSED: gettext("Passed"),
        CompletionRule.COMPLETED_AND_PASSED: gettext("Completed and passed"),
        CompletionRule.COMPLETED_OR_PASSED: gettext("Completed or passed"),
        CompletionRule.NOT_APPLICABLE: gettext("Not applicable"),
    }[rule]


def rule_explanation(rule: CompletionRule, gettext: Callable[..., str] = _english) -> str:
    """One line saying which records a prerequisite's rule accepts (see the module table)."""
    return {
        CompletionRule.COMPLETED: gettext("The candidate finished the module, whatever the "
                                          "result (a failed test counts)."),
        CompletionRule.PASSED: gettext("The candidate passed the module's test."),
        CompletionRule.COMPLETED_AND_PASSED: gettext("The candidate finished the module and "
                                                     "passed its test (here the same as "
                                                     "Passed)."),
        CompletionRule.COMPLETED_OR_PASSED: gettext("The candidate finished the module or "
                                                    "passed its test (here the same as "
                                                    "Completed)."),
        CompletionRule.NOT_APPLICABLE: gettext("Nothing is asked."),
    }[rule]


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


class Obstacle(enum.Enum):
    """What stands in a candidate's way besides prerequisites (``wording`` says it)."""

    NOMINATION_PENDING = "nomination pending"
    NOT_NOMINATED = "not nominated"
    AVAILABILITY = "availability not confirmed"
    DEADLINE_PASSED = "deadline passed"
