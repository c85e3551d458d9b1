"""Value checks for every type name used in the rule tables.

Each checker takes the value, its :class:`ElementRule` and the interaction type (for the
types that depend on it) and returns ``None`` when the value is acceptable or the
:class:`Failure` to report (type mismatch or out of range).
"""
from __future__ import annotations

from collections.abc import Callable

from scorm.runtime import patterns, timing
from scorm.runtime.codes import Failure
from scorm.runtime.lexical import (
    TARGETED_NAV_REQUEST,
    is_cmi_identifier,
    is_decimal,
    is_integer,
    is_language,
    is_localized_string,
    is_long_identifier,
)
from scorm.runtime.rules import ElementRule

#: Hard ceiling on any stored value: 2004 accepts values past their SPM, but not without end.
#: ADL's DMI test stores a performance learner_response of about 126,000 characters.
MAX_STORED_LENGTH = 262144
#: Records one collection may hold (``cmi.interactions``, ``cmi.objectives``, comments, an
#: interaction's objectives and correct responses): four times the largest SCORM 2004 smallest
#: permitted maximum (250 interactions and 250 learner comments). A new record past it is a
#: General Set Failure (2004 351, 1.2 201), as for any record the LMS cannot store.
MAX_RECORDS = 1000
#: Characters (element names and values) one SCO's stored state may hold: room for the SPMs a
#: real SCO fills at once (250 learner comments of 4,000 characters are 1,000,000 alone, plus
#: 64,000 of suspend_data, 250 interactions, 100 objectives), while one learner cannot make
#: every commit slow (a 9.9 MB state took 0.9 s per commit and slowed everyone's). A write
#: that would pass it is a General Set Failure (2004 351, 1.2 201).
MAX_STATE_CHARS = 2_000_000

NAV_REQUESTS = (
    "continue", "previous", "exit", "exitAll", "abandon", "abandonAll", "suspendAll", "_none_",
)

Checker = Callable[[str, ElementRule, "str | None"], "Failure | None"]


def _in_range(number: float, rule: ElementRule) -> bool:
    return (rule.minimum is None or number >= rule.minimum) and (
        rule.maximum is None or number <= rule.maximum
    )


def _check_number(value: str, rule: ElementRule, is_number: Callable[[str], bool]) -> Failure | None:
    if rule.empty_ok and value == "":
        return None
    if not is_number(value):
        return Failure.TYPE_MISMATCH
    return None if _in_range(float(value), rule) else Failure.OUT_OF_RANGE


def _mismatch_unless(condition: bool) -> Failure | None:
    return None if condition else Failure.TYPE_MISMATCH


def _check_string(value: str, rule: ElementRule, _type: str | None) -> Failure | None:
    return _mismatch_unless(rule.spm is None or len(value) <= rule.spm)


def _check_free_text(value: str, rule: ElementRule, _type: str | None) -> Failure | None:
    return None  # 2004 characterstring: anything, SPM only guarantees a minimum capacity


def _check_cmi_identifier(value: str, rule: ElementRule, _type: str | None) -> Failure | None:
    return _mismatch_unless(len(value) <= (rule.spm or 255) and is_cmi_identifier(value))


def _check_vocab(value: str, rule: ElementRule, _type: str | None) -> Failure | None:
    return _mismatch_unless(value in rule.vocab)


def _check_result(value: str, rule: ElementRule, _type: str | None) -> Failure | None:
    return _mismatch_unless(value in rule.vocab or is_decimal(value))


def _check_nav_request(value: str, rule: ElementRule, _type: str | None) -> Failure | None:
    return _mismatch_unless(value in NAV_REQUESTS or TARGETED_NAV_REQUEST.fullmatch(value) is not None)


def _check_language(value: str, rule: ElementRule, _type: str | None) -> Failure | None:
    return _mismatch_unless((rule.empty_ok and value == "") or is_language(value))


CHECKERS: dict[str, Checker] = {
    # SCORM 1.2
    "CMIString255": _check_string,
    "CMIString4096": _check_string,
    "CMIIdentifier": _check_cmi_identifier,
    "CMIDecimal": lambda v, r, t: _check_number(v, r, is_decimal),
    "CMISInteger": lambda v, r, t: _check_number(v, r, is_integer),
    "CMITimespan": lambda v, r, t: _mismatch_unless(timing.is_timespan(v)),
    "CMITime": lambda v, r, t: _mismatch_unless(timing.is_time_of_day(v)),
    "CMIVocabulary": _check_vocab,
    "CMIResult": _check_result,
    "CMIFeedback": lambda v, r, t: _mismatch_unless(patterns.is_feedback_12(v, t)),
    # SCORM 2004
    "characterstring": _check_free_text,
    "localized_string": lambda v, r, t: _mismatch_unless(is_localized_string(v)),
    "language": _check_language,
    "long_identifier": lambda v, r, t: _mismatch_unless(is_long_identifier(v)),
    "real(10,7)": lambda v, r, t: _check_number(v, r, is_decimal),
    "time": lambda v, r, t: _mismatch_unless(timing.is_timestamp(v)),
    "time_interval": lambda v, r, t: _mismatch_unless(timing.is_duration(v)),
    "state": _check_vocab,
    "interaction_result": _check_result,
    "nav_request": _check_nav_request,
    "correct_response": lambda v, r, t: _mismatch_unless(patterns.is_correct_response(v, t)),
    "learner_response": lambda v, r, t: _mismatch_unless(patterns.is_learner_response(v, t)),
}


def check_value(value: str, rule: ElementRule, interaction_type: str | None = None) -> Failure | None:
    """Return why ``value`` cannot be stored in an element of ``rule``, or None if it can."""
    if len(value) > MAX_STORED_LENGTH:
        return Failure.TYPE_MISMATCH
    return CHECKERS[rule.type](value, rule, interaction_type)
