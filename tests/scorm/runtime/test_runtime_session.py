"""The API state machine, error strings and diagnostics, commit hooks and changed elements."""
from __future__ import annotations

import pytest

from scorm.runtime import (
    Entry,
    LaunchContext,
    RuntimeSession,
    SessionStatus,
    UnsupportedVersionError,
)


def run(session: RuntimeSession, call: str, *args: str) -> tuple[str, str]:
    result = getattr(session, call)(*args)
    return result, session.get_last_error()


STATE_MACHINE = [
    # version, calls before (method, args), the call, expected (result, code)
    ("2004", [], ("get_value", "cmi.location"), ("", "122")),
    ("2004", [], ("set_value", "cmi.location", "x"), ("false", "132")),
    ("2004", [], ("commit", ""), ("false", "142")),
    ("2004", [], ("terminate", ""), ("false", "112")),
    ("2004", [], ("initialize", "x"), ("false", "201")),
    ("2004", [("initialize",)], ("initialize", ""), ("false", "103")),
    ("2004", [("initialize",)], ("commit", "x"), ("false", "201")),
    ("2004", [("initialize",)], ("terminate", "x"), ("false", "201")),
    ("2004", [("initialize",)], ("commit", ""), ("true", "0")),
    ("2004", [("initialize",), ("terminate",)], ("initialize", ""), ("false", "104")),
    ("2004", [("initialize",), ("terminate",)], ("get_value", "cmi.mode"), ("", "123")),
    ("2004", [("initialize",), ("terminate",)], ("set_value", "cmi.location", "x"), ("false", "133")),
    ("2004", [("initialize",), ("terminate",)], ("commit", ""), ("false", "143")),
    ("2004", [("initialize",), ("terminate",)], ("terminate", ""), ("false", "113")),
    ("1.2", [], ("get_value", "cmi.core.lesson_status"), ("", "301")),
    ("1.2", [], ("set_value", "cmi.core.lesson_status", "passed"), ("false", "301")),
    ("1.2", [], ("commit", ""), ("false", "301")),
    ("1.2", [], ("terminate", ""), ("false", "301")),
    ("1.2", [], ("initialize", "x"), ("false", "201")),
    ("1.2", [("initialize",)], ("initialize", ""), ("false", "101")),
    ("1.2", [("initialize",), ("terminate",)], ("get_value", "cmi.core.lesson_mode"), ("", "101")),
    ("1.2", [("initialize",), ("terminate",)], ("initialize", ""), ("false", "101")),
]


@pytest.mark.parametrize(("version", "before", "call", "expected"), STATE_MACHINE)
def test_state_machine(version, before, call, expected):
    session = RuntimeSession(version)
    for method, *args in before:
        assert getattr(session, method)(*args) == "true"
    assert run(session, *call) == expected


def test_status_follows_the_calls():
    session = RuntimeSession("2004")
    assert session.status is SessionStatus.NOT_INITIALIZED
    session.initialize()
    assert session.status is SessionStatus.RUNNING
    session.terminate()
    assert session.status is SessionStatus.TERMINATED


@pytest.mark.parametrize(
    ("version", "code", "text"),
    [("2004", "0", "No Error"), ("2004", "403", "Data Model Element Value Not Initialized"),
     ("2004", "391", "General Commit Failure"), ("2004", "001", ""), ("2004", "1444", ""),
     ("2004", "", ""), ("1.2", "202", "Element cannot have children"), ("1.2", "406", "")],
)
def test_error_strings(version, code, text):
    assert RuntimeSession(version).get_error_string(code) == text


def test_error_queries_do_not_change_the_last_error():
    session = RuntimeSession("2004")
    session.initialize("illegal")
    assert session.get_last_error() == "201"
    session.get_error_string("")
    session.get_diagnostic("")
    assert session.get_last_error() == "201"
    assert 0 < len(session.get_diagnostic("")) < 255


def test_diagnostic_names_the_element():
    session = RuntimeSession("2004")
    session.initialize()
    session.set_value("cmi.score.scaled", "7")
    assert "cmi.score.scaled" in session.get_diagnostic("407")
    assert session.get_diagnostic("401") == "Undefined Data Model Element"


def test_a_successful_call_resets_the_error():
    session = RuntimeSession("2004")
    session.initialize()
    session.get_value("cmi.location")
    assert session.get_last_error() == "403"
    session.get_value("cmi.mode")
    assert session.get_last_error() == "0"


def test_changed_elements_since_last_commit_and_the_commit_hook():
    received: list[dict[str, str]] = []
    session = RuntimeSession("2004", on_commit=lambda changes: received.append(changes) or True)
    session.initialize()
    session.set_value("cmi.location", "p1")
    session.set_value("cmi.location", "p2")
    assert session.changed_elements() == {"cmi.location": "p2"}
    assert session.commit() == "true"
    assert session.changed_elements() == {}
    session.set_value("cmi.exit", "suspend")
    session.terminate()
    assert received == [{"cmi.location": "p2"}, {"cmi.exit": "suspend"}]


@pytest.mark.parametrize(("version", "commit_code", "terminate_code"),
                         [("2004", "391", "111"), ("1.2", "101", "101")])
def test_a_refused_commit_is_a_commit_failure(version, commit_code, terminate_code):
    session = RuntimeSession(version, on_commit=lambda changes: False)
    session.initialize()
    assert run(session, "commit", "") == ("false", commit_code)
    assert run(session, "terminate", "") == ("false", terminate_code)
    assert session.status is SessionStatus.RUNNING


def test_terminate_finishes_the_session_and_resume_reads_it_back():
    first = RuntimeSession("2004")
    first.initialize()
    first.set_value("cmi.suspend_data", "page=4")
    first.set_value("cmi.session_time", "PT10M")
    first.set_value("cmi.exit", "suspend")
    first.terminate()
    assert first.outcome.next_entry is Entry.RESUME
    assert "cmi.exit" not in first.state and "cmi.session_time" not in first.state
    second = RuntimeSession("2004", first.state, launch=LaunchContext(entry=first.outcome.next_entry))
    second.initialize()
    assert second.get_value("cmi.entry") == "resume"
    assert second.get_value("cmi.suspend_data") == "page=4"
    assert second.get_value("cmi.total_time") == "PT0H10M0S"


@pytest.mark.parametrize(("calls", "kept"), [
    ({}, {}),  # never reported: left unset, so the LMS applies its own defaults
    ({"cmi.completion_status": "unknown"}, {"cmi.completion_status": "unknown"}),
    ({"cmi.success_status": "unknown"}, {"cmi.success_status": "unknown"}),
    ({"cmi.completion_status": "completed", "cmi.success_status": "failed"},
     {"cmi.completion_status": "completed", "cmi.success_status": "failed"}),
])
def test_terminate_keeps_a_status_only_when_reported(calls, kept):
    session = RuntimeSession("2004")
    session.initialize()
    for element, value in calls.items():
        session.set_value(element, value)
    session.terminate()
    statuses = {key: value for key, value in session.outcome.state.items()
                if key in ("cmi.completion_status", "cmi.success_status")}
    assert statuses == kept


def test_terminate_keeps_a_status_evaluated_from_the_threshold():
    session = RuntimeSession("2004", launch=LaunchContext(completion_threshold=0.5))
    session.initialize()
    session.set_value("cmi.progress_measure", "0.7")
    session.terminate()
    assert session.outcome.state["cmi.completion_status"] == "completed"


def test_initial_state_records_are_counted():
    state = {"cmi.objectives.0.id": "a", "cmi.objectives.1.id": "b", "cmi.interactions.0.id": "q"}
    session = RuntimeSession("2004", state)
    session.initialize()
    assert session.get_value("cmi.objectives._count") == "2"
    assert session.set_value("cmi.objectives.2.id", "a") == "false"
    assert session.get_last_error() == "351"


def test_unknown_version_is_refused():
    with pytest.raises(UnsupportedVersionError, match="'1.3'"):
        RuntimeSession("1.3")
