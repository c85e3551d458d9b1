"""apply_commit, finish_session, export_rules, time arithmetic and status rules."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import scorm.runtime
from scorm.runtime import (
    CompletionStatus,
    Credit,
    DurationFormatError,
    Entry,
    Failure,
    LaunchContext,
    LessonStatus,
    Mode,
    ScormVersion,
    SharedDataMap,
    SuccessStatus,
    apply_commit,
    commit_order,
    export_rules,
    finish_session,
)
from scorm.runtime import status, timing


def test_commit_applies_unordered_writes_in_record_order():
    changes = {
        "cmi.interactions.1.result": "correct",
        "cmi.interactions.0.learner_response": "true",
        "cmi.interactions.10.id": "q11",
        "cmi.interactions.0.type": "true-false",
        "cmi.interactions.0.id": "q1",
        "cmi.interactions.1.id": "q2",
        **{f"cmi.interactions.{i}.id": f"q{i + 1}" for i in range(2, 10)},
        "cmi.objectives.0.score.raw": "7",
        "cmi.objectives.0.id": "obj",
    }
    result = apply_commit("2004", {}, changes)
    assert result.is_accepted, result.rejection
    assert result.state["cmi.interactions.10.id"] == "q11"
    assert list(result.applied)[:3] == [
        "cmi.interactions.0.id", "cmi.interactions.0.type", "cmi.interactions.0.learner_response"
    ]


@pytest.mark.parametrize(
    ("version", "state", "changes", "code", "element"),
    [
        ("2004", {}, {"cmi.total_time": "PT99H"}, "404", "cmi.total_time"),
        ("2004", {}, {"cmi.score.scaled": "2"}, "407", "cmi.score.scaled"),
        ("2004", {}, {"cmi.objectives.1.id": "b"}, "351", "cmi.objectives.1.id"),
        ("2004", {"cmi.objectives.0.id": "a"}, {"cmi.objectives.0.id": "b"}, "351",
         "cmi.objectives.0.id"),
        ("2004", {}, {"cmi.location": "ok", "cmi.exit": "bye"}, "406", "cmi.exit"),
        ("1.2", {}, {"cmi.core.lesson_status": "not attempted"}, "405", "cmi.core.lesson_status"),
        ("1.2", {}, {"cmi.core.student_name": "Someone Else"}, "403", "cmi.core.student_name"),
    ],
)
def test_commit_refuses_what_set_value_refuses(version, state, changes, code, element):
    result = apply_commit(version, state, changes)
    assert not result.is_accepted
    assert (result.rejection.code, result.rejection.element) == (code, element)
    assert result.state == state and result.applied == {}


def test_commit_does_not_touch_the_input_state():
    state = {"cmi.location": "p1"}
    result = apply_commit("2004", state, {"cmi.location": "p2"})
    assert state == {"cmi.location": "p1"} and result.state == {"cmi.location": "p2"}


def test_commit_checks_shared_data_permissions():
    launch = LaunchContext(shared_data=(SharedDataMap("t", writable=False),))
    result = apply_commit("2004", {}, {"adl.data.0.store": "x"}, launch=launch)
    assert result.rejection.failure is Failure.READ_ONLY


def test_commit_order_sorts_indices_numerically():
    assert commit_order(["a.10.x", "a.2.x", "a.2.id"]) == ["a.2.id", "a.2.x", "a.10.x"]


def test_finish_12_applies_mastery_and_adds_time():
    state = {"cmi.core.score.raw": "79", "cmi.core.session_time": "0001:30:00",
             "cmi.core.total_time": "0000:45:00.25", "cmi.core.exit": "suspend"}
    outcome = finish_session(ScormVersion.SCORM_12, state, LaunchContext(mastery_score=80.0))
    assert outcome.state == {"cmi.core.score.raw": "79", "cmi.core.total_time": "0002:15:00.25",
                             "cmi.core.lesson_status": "failed"}
    assert (outcome.next_entry, outcome.ends_attempt) == (Entry.RESUME, False)


def test_finish_2004_stores_evaluated_status_and_shared_data():
    launch = LaunchContext(scaled_passing_score=0.7, shared_data=(SharedDataMap("glob"),))
    state = {"cmi.score.scaled": "0.9", "cmi.exit": "normal", "adl.data.0.store": "v",
             "adl.nav.request": "continue"}
    outcome = finish_session(ScormVersion.SCORM_2004, state, launch)
    assert outcome.state["cmi.success_status"] == "passed"
    assert outcome.shared_data == {"glob": "v"}
    assert "adl.data.0.store" not in outcome.state
    assert (outcome.nav_request, outcome.next_entry, outcome.ends_attempt) == (
        "continue", Entry.AB_INITIO, True)


@pytest.mark.parametrize(
    ("lesson", "mode", "credit", "mastery", "raw", "expected"),
    [("not attempted", Mode.NORMAL, Credit.CREDIT, None, None, "completed"),
     ("not attempted", Mode.BROWSE, Credit.CREDIT, None, None, "browsed"),
     ("incomplete", Mode.NORMAL, Credit.CREDIT, 80.0, 80.0, "passed"),
     ("completed", Mode.NORMAL, Credit.NO_CREDIT, 80.0, 10.0, "completed"),
     ("incomplete", Mode.NORMAL, Credit.CREDIT, 80.0, None, "incomplete")],
)
def test_lesson_status_at_finish(lesson, mode, credit, mastery, raw, expected):
    result = status.finish_lesson_status(
        LessonStatus(lesson), mode=mode, credit=credit, mastery_score=mastery, raw_score=raw
    )
    assert result is LessonStatus(expected)


def test_completion_and_success_evaluation():
    assert status.evaluate_completion(None, None, 0.9) is CompletionStatus.UNKNOWN
    assert status.evaluate_completion(CompletionStatus.COMPLETED, 0.5, None) is CompletionStatus.UNKNOWN
    assert status.evaluate_success(SuccessStatus.FAILED, None, 1.0) is SuccessStatus.FAILED
    assert status.evaluate_success(None, -0.5, -0.5) is SuccessStatus.PASSED


@pytest.mark.parametrize(
    ("total", "session", "expected"),
    [("", "PT1H", "PT1H0M0S"), ("PT59M59.99S", "PT0.01S", "PT1H0M0S"),
     ("P1DT1H", "PT30M", "PT25H30M0S"), ("PT0S", "PT1.5S", "PT0H0M1.5S")],
)
def test_add_durations(total, session, expected):
    assert timing.add_durations(total, session) == expected


@pytest.mark.parametrize(
    ("total", "session", "expected"),
    [("", "00:01:00", "0000:01:00.00"), ("9999:59:59.99", "01:00:00", "9999:59:59.99"),
     ("0010:30:00", "0001:45:30.5", "0012:15:30.50")],
)
def test_add_timespans(total, session, expected):
    assert timing.add_timespans(total, session) == expected


@pytest.mark.parametrize("bad", ["P", "PT", "1H", "PT1.234S", "P-1D"])
def test_bad_durations_raise(bad):
    with pytest.raises(DurationFormatError, match=repr(bad)):
        timing.parse_duration(bad)


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_export_rules_round_trips_through_json(version):
    exported = export_rules(version)
    assert json.loads(json.dumps(exported)) == exported
    assert exported["version"] == version


def test_export_rules_carries_what_the_browser_needs():
    rules = export_rules("2004")
    assert rules["elements"]["cmi.score.scaled"] == {
        "access": "rw", "type": "real(10,7)", "minimum": -1, "maximum": 1
    }
    assert rules["collections"]["cmi.objectives"]["key"] == "id"
    assert rules["errors"]["dependency"] == "408"
    assert "eng" in rules["languages"]["iso_639_2"]
    assert export_rules("1.2")["elements"]["cmi.core.exit"]["access"] == "wo"


def test_every_exported_type_has_a_checker():
    from scorm.runtime.datatypes import CHECKERS

    for version in ("1.2", "2004"):
        types = {rule["type"] for rule in export_rules(version)["elements"].values()}
        assert types <= set(CHECKERS)


@pytest.mark.parametrize("version, element, value, code", [
    ("1.2", "cmi.objectives.0.id", "obj\x001", "405"),
    ("1.2", "cmi.objectives.0.id", "obj\x7f", "405"),
    ("1.2", "cmi.objectives.0.id", "\x1b[31m", "405"),
    ("1.2", "cmi.interactions.0.id", "q\x85", "405"),
    ("2004", "cmi.objectives.0.id", "urn:x:obj\x00", "406"),
    ("2004", "cmi.objectives.0.id", "obj\x7f", "406"),
    ("2004", "cmi.interactions.0.id", "q\x9f", "406"),
])
def test_identifiers_with_control_characters_are_refused(version, element, value, code):
    result = apply_commit(version, {}, {element: value})
    assert not result.is_accepted and result.rejection.code == code
    assert result.state == {}


def _interactions(count: int) -> dict[str, str]:
    return {f"cmi.interactions.{i}.id": f"q{i}" for i in range(count)}


@pytest.mark.parametrize("version, changes", [
    ("2004", {"cmi.suspend_data": "x" * 64000}),
    ("2004", {**_interactions(250),
              **{f"cmi.objectives.{i}.id": f"o{i}" for i in range(100)},
              **{f"cmi.comments_from_learner.{i}.comment": "c" * 4000 for i in range(250)}}),
    ("1.2", {"cmi.suspend_data": "x" * 4096, **_interactions(250),
             **{f"cmi.objectives.{i}.id": f"o{i}" for i in range(100)}}),
])
def test_the_smallest_permitted_maximums_are_accepted(version, changes):
    assert apply_commit(version, {}, changes).is_accepted


@pytest.mark.parametrize("version, code", [("2004", "351"), ("1.2", "201")])
def test_a_record_past_the_collection_cap_is_a_set_failure(version, code):
    from scorm.runtime.datatypes import MAX_RECORDS

    state = _interactions(MAX_RECORDS)
    result = apply_commit(version, state, {f"cmi.interactions.{MAX_RECORDS}.id": "one-more"})
    assert not result.is_accepted and result.rejection.code == code
    assert "at most" in result.rejection.diagnostic and result.state == state


def test_a_commit_past_the_state_cap_is_refused_whole():
    from scorm.runtime.commit import state_size
    from scorm.runtime.datatypes import MAX_STATE_CHARS

    state = {f"cmi.interactions.{i}.id": f"q{i}" for i in range(3)}
    state["cmi.suspend_data"] = "s" * (MAX_STATE_CHARS - state_size(state) - 100)
    changes = {"cmi.location": "page-2", "cmi.interactions.3.id": "q" * 200}
    result = apply_commit("2004", state, changes)
    assert not result.is_accepted and result.rejection.code == "351"
    assert result.rejection.element == "cmi.interactions.3.id" and result.state == state
    assert apply_commit("2004", state, {"cmi.location": "page-2"}).is_accepted


def test_a_state_already_past_the_cap_may_shrink_but_not_grow():
    from scorm.runtime.datatypes import MAX_STATE_CHARS

    state = {"cmi.suspend_data": "s" * 200_000,
             **{f"cmi.comments_from_learner.{i}.comment": "c" * 9_000 for i in range(210)}}
    assert apply_commit("2004", state, {"cmi.suspend_data": "short"}).is_accepted
    assert apply_commit("2004", state, {"cmi.location": "p"}).rejection.code == "351"
    assert sum(len(k) + len(v) for k, v in state.items()) > MAX_STATE_CHARS
