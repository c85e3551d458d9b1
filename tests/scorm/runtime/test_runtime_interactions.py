"""The ten SCORM 2004 interaction types: correct-response patterns and learner responses,
valid and invalid, through SetValue; plus the per-type limits on correct responses."""
from __future__ import annotations

import pytest

from scorm.runtime import RuntimeSession

PATTERNS = [
    # type, role ("pattern" | "response"), value, valid
    ("true-false", "pattern", "true", True),
    ("true-false", "pattern", "True", False),
    ("true-false", "response", "false", True),
    ("true-false", "response", "1", False),
    ("choice", "pattern", "a[,]b[,]c", True),
    ("choice", "pattern", "", True),
    ("choice", "pattern", "a[,]a", False),
    ("choice", "response", "urn:q:opt-1", True),
    ("choice", "response", "a b", False),
    ("fill-in", "pattern", "{case_matters=true}{order_matters=false}red[,]{lang=fr}rouge", True),
    ("fill-in", "pattern", "{case_matters=yes}red", False),
    ("fill-in", "pattern", "{lang=xx}red", False),
    ("fill-in", "response", "red[,]blue", True),
    ("fill-in", "response", "{lang=qq}red", False),
    ("long-fill-in", "pattern", "{case_matters=false}{lang=en-GB}A long answer", True),
    ("long-fill-in", "pattern", "{lang=frl}texte", False),
    ("long-fill-in", "response", "An essay, with [,] inside.", True),
    ("likert", "pattern", "agree", True),
    ("likert", "response", "strongly agree", False),
    ("matching", "pattern", "a[.]1[,]b[.]2", True),
    ("matching", "pattern", "a[.]1[,]b", False),
    ("matching", "response", "a[.]1[.]2", False),
    ("performance", "pattern", "{order_matters=false}step1[.]10[:]20[,][.]open", True),
    ("performance", "pattern", "step1[.]20[:]10", False),
    ("performance", "pattern", "[.]", False),
    ("performance", "response", "step1[.]15", True),
    ("performance", "response", "step 1[.]15", False),
    ("sequencing", "pattern", "a[,]b[,]a", True),
    ("sequencing", "pattern", "a[,][,]b", False),
    ("sequencing", "response", "c[,]b[,]a", True),
    ("numeric", "pattern", "1.5[:]3", True),
    ("numeric", "pattern", "[:]3", True),
    ("numeric", "pattern", "3[:]1.5", False),
    ("numeric", "pattern", "3", False),
    ("numeric", "response", "-2.25", True),
    ("numeric", "response", "two", False),
    ("other", "pattern", "anything at all {}", True),
    ("other", "response", "anything at all []", True),
]


def interaction(kind: str) -> RuntimeSession:
    session = RuntimeSession("2004")
    session.initialize()
    assert session.set_value("cmi.interactions.0.id", "q1") == "true"
    assert session.set_value("cmi.interactions.0.type", kind) == "true"
    return session


@pytest.mark.parametrize(("kind", "role", "value", "valid"), PATTERNS)
def test_interaction_formats(kind, role, value, valid):
    session = interaction(kind)
    element = (
        "cmi.interactions.0.correct_responses.0.pattern" if role == "pattern"
        else "cmi.interactions.0.learner_response"
    )
    assert session.set_value(element, value) == ("true" if valid else "false")
    assert session.get_last_error() == ("0" if valid else "406")
    if valid:
        assert session.get_value(element) == value


@pytest.mark.parametrize(
    ("kind", "first", "second", "code"),
    [("true-false", "true", "false", "351"), ("numeric", "1[:]2", "3[:]4", "351"),
     ("likert", "a", "b", "351"), ("other", "x", "y", "351"), ("choice", "a", "a", "351"),
     ("choice", "a", "b", "0"), ("fill-in", "x", "x", "0"), ("sequencing", "a[,]b", "b[,]a", "0")],
)
def test_number_and_uniqueness_of_correct_responses(kind, first, second, code):
    session = interaction(kind)
    assert session.set_value("cmi.interactions.0.correct_responses.0.pattern", first) == "true"
    session.set_value("cmi.interactions.0.correct_responses.1.pattern", second)
    assert session.get_last_error() == code
    expected_count = "2" if code == "0" else "1"
    assert session.get_value("cmi.interactions.0.correct_responses._count") == expected_count


def test_interaction_ids_may_repeat_but_objective_ids_inside_one_may_not():
    session = interaction("choice")
    assert session.set_value("cmi.interactions.1.id", "q1") == "true"
    assert session.set_value("cmi.interactions.0.objectives.0.id", "o1") == "true"
    assert session.set_value("cmi.interactions.0.objectives.0.id", "o2") == "true"
    assert session.set_value("cmi.interactions.0.objectives.1.id", "o2") == "false"
    assert session.get_last_error() == "351"


@pytest.mark.parametrize(
    ("kind", "value", "valid"),
    [("true-false", "t", True), ("true-false", "maybe", False), ("numeric", "3.5", True),
     ("numeric", "3,5", False), ("choice", "a,b,c", True), ("fill-in", "x" * 256, False)],
)
def test_feedback_12(kind, value, valid):
    session = RuntimeSession("1.2")
    session.initialize()
    session.set_value("cmi.interactions.0.type", kind)
    assert session.set_value("cmi.interactions.0.student_response", value) == (
        "true" if valid else "false"
    )
    assert session.get_last_error() == ("0" if valid else "405")
