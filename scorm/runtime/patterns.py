"""Interaction response formats: SCORM 2004 correct-response patterns and learner responses
for each of the ten interaction types, and SCORM 1.2 ``CMIFeedback``.

2004 delimiters: ``[,]`` separates list items, ``[.]`` a source from a target (matching) or a
step name from its answer (performance), ``[:]`` the bounds of a numeric range. A pattern may
start with ``{case_matters=true|false}`` (fill-in, long-fill-in) and ``{order_matters=true|false}``
(fill-in, performance); strings may start with ``{lang=xx}``.

SCORM 1.2 content in the wild writes free text into most CMIFeedback fields, so only the
types with an unambiguous format (true-false, numeric) are checked beyond the 255-character
limit; the server must not throw away learner data over a formatting quirk.
"""
from __future__ import annotations

import re

from scorm.runtime.lexical import is_decimal as _is_real
from scorm.runtime.lexical import is_localized_string as _is_localized
from scorm.runtime.lexical import is_long_identifier as _is_identifier

INTERACTION_TYPES_2004 = (
    "true-false", "choice", "fill-in", "long-fill-in", "likert", "matching", "performance",
    "sequencing", "numeric", "other",
)
INTERACTION_TYPES_12 = (
    "true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert", "numeric",
)
_FLAG = re.compile(r"^\{(case_matters|order_matters)=([^}]*)\}")


def _strip_flags(value: str, allowed: tuple[str, ...]) -> str | None:
    """Remove leading ``{case_matters=..}``/``{order_matters=..}``; None if one is invalid."""
    seen: set[str] = set()
    while match := _FLAG.match(value):
        name, flag = match.groups()
        if name not in allowed or name in seen:
            # An unexpected flag is plain text for types that do not take it.
            return value if name not in allowed else None
        if flag not in ("true", "false"):
            return None
        seen.add(name)
        value = value[match.end():]
    return value


def _is_identifier_list(value: str, *, unique: bool) -> bool:
    items = value.split("[,]")
    if not all(_is_identifier(item) for item in items):
        return False
    return not unique or len(set(items)) == len(items)


def _is_pair(value: str) -> bool:
    parts = value.split("[.]")
    return len(parts) == 2 and all(_is_identifier(part) for part in parts)


def _is_numeric_range(value: str) -> bool:
    parts = value.split("[:]")
    if len(parts) != 2 or not all(part == "" or _is_real(part) for part in parts):
        return False
    low, high = parts
    return low == "" or high == "" or float(low) <= float(high)


def _is_step(value: str, *, allow_range: bool) -> bool:
    parts = value.split("[.]")
    if len(parts) != 2 or parts == ["", ""]:
        return False
    name, answer = parts
    if name and not _is_identifier(name):
        return False
    return not (allow_range and "[:]" in answer) or _is_numeric_range(answer)


def _is_choice(value: str) -> bool:
    return value == "" or _is_identifier_list(value, unique=True)


def _is_fill_in_pattern(value: str) -> bool:
    rest = _strip_flags(value, ("case_matters", "order_matters"))
    return rest is not None and all(_is_localized(item) for item in rest.split("[,]"))


def _is_long_fill_in_pattern(value: str) -> bool:
    rest = _strip_flags(value, ("case_matters",))
    return rest is not None and _is_localized(rest)


def _is_performance_pattern(value: str) -> bool:
    rest = _strip_flags(value, ("order_matters",))
    return rest is not None and all(_is_step(s, allow_range=True) for s in rest.split("[,]"))


_CORRECT = {
    "true-false": lambda v: v in ("true", "false"),
    "choice": _is_choice,
    "fill-in": _is_fill_in_pattern,
    "long-fill-in": _is_long_fill_in_pattern,
    "likert": _is_identifier,
    "matching": lambda v: all(_is_pair(p) for p in v.split("[,]")),
    "performance": _is_performance_pattern,
    "sequencing": lambda v: _is_identifier_list(v, unique=False),
    "numeric": _is_numeric_range,
    "other": lambda v: True,
}

_RESPONSE = {
    "true-false": lambda v: v in ("true", "false"),
    "choice": _is_choice,
    "fill-in": lambda v: all(_is_localized(item) for item in v.split("[,]")),
    "long-fill-in": _is_localized,
    "likert": _is_identifier,
    "matching": lambda v: all(_is_pair(p) for p in v.split("[,]")),
    "performance": lambda v: all(_is_step(s, allow_range=False) for s in v.split("[,]")),
    "sequencing": lambda v: _is_identifier_list(v, unique=False),
    "numeric": _is_real,
    "other": lambda v: True,
}


def is_correct_response(value: str, interaction_type: str | None) -> bool:
    """Return whether ``value`` is a valid 2004 correct-response pattern for the type."""
    check = _CORRECT.get(interaction_type or "")
    return check is not None and check(value)


def is_learner_response(value: str, interaction_type: str | None) -> bool:
    """Return whether ``value`` is a valid 2004 learner response for the type."""
    check = _RESPONSE.get(interaction_type or "")
    return check is not None and check(value)


def is_feedback_12(value: str, interaction_type: str | None) -> bool:
    """Return whether ``value`` is acceptable as SCORM 1.2 CMIFeedback for the type."""
    if len(value) > 255:
        return False
    if interaction_type == "true-false":
        return value in ("0", "1", "t", "f", "true", "false")
    if interaction_type == "numeric":
        return _is_real(value)
    return True
