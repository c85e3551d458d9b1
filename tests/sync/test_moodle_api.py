"""Moodle's HTTP-200 error bodies are classified into what to do about them."""
from __future__ import annotations

import json

import pytest

from sync.errors import (MissingCapability, RemoteCallError, RemoteRecordMissing,
                         SourceNeedsAttention, UserNotEnrolled)
from sync.moodle_api import classify_moodle_error, flatten_params


@pytest.mark.parametrize("name, function, expected", [
    ("errors_bad_token", "core_webservice_get_site_info", SourceNeedsAttention),
    ("errors_missing_token", "core_webservice_get_site_info", SourceNeedsAttention),
    ("errors_function_not_in_service", "core_user_create_users", SourceNeedsAttention),
    ("errors_no_permission_learner_reads_other_user",
     "core_completion_get_course_completion_status", MissingCapability),
    ("errors_user_not_enrolled", "core_completion_get_course_completion_status", UserNotEnrolled),
    ("errors_unknown_user", "core_completion_get_course_completion_status", RemoteRecordMissing),
    ("errors_unknown_course", "core_completion_get_activities_completion_status",
     RemoteRecordMissing),
    ("errors_unknown_scorm", "mod_scorm_get_scorm_attempt_count", RemoteRecordMissing),
    ("errors_missing_param", "core_completion_get_course_completion_status", RemoteCallError),
    ("errors_invalid_param_type", "core_completion_get_course_completion_status",
     RemoteCallError),
    ("errors_missing_wsfunction", "", RemoteCallError),
    ("errors_invalid_users_by_field", "core_user_get_users_by_field", RemoteCallError),
    ("errors_bad_function", "core_this_function_does_not_exist", RemoteRecordMissing),
    ("core_completion_mark_course_self_completed__not_enabled",
     "core_completion_mark_course_self_completed", RemoteCallError),
])
def test_every_recorded_error_body_is_classified(moodle_ws, name, function, expected):
    body = json.loads((moodle_ws / f"{name}.json").read_text())
    error = classify_moodle_error(function, body, "course HSCLASS-PRE")
    assert type(error) is expected
    assert body["errorcode"] in str(error) or isinstance(error, UserNotEnrolled)
    assert function in str(error) and "course HSCLASS-PRE" in str(error)


def test_missing_capability_names_the_capability(moodle_ws):
    body = json.loads((moodle_ws / "errors_no_permission_learner_reads_other_user.json").read_text())
    error = classify_moodle_error("core_completion_get_course_completion_status", body, "")
    assert error.capability == "report/completion:view"
    assert "report/completion:view" in str(error)


def test_function_not_in_service_says_what_to_do(moodle_ws):
    body = json.loads((moodle_ws / "errors_function_not_in_service.json").read_text())
    assert "add this function to the external service" in str(
        classify_moodle_error("core_user_create_users", body, ""))


@pytest.mark.parametrize("params, form", [
    ({"courseid": 2}, {"courseid": "2"}),
    ({"courseids": [2, 3]}, {"courseids[0]": "2", "courseids[1]": "3"}),
    ({"options": {"ids": [2]}, "flag": True}, {"options[ids][0]": "2", "flag": "1"}),
    ({"criteria": [{"key": "idnumber", "value": "EMP-003"}]},
     {"criteria[0][key]": "idnumber", "criteria[0][value]": "EMP-003"}),
])
def test_params_are_flattened_like_moodle_forms(params, form):
    assert flatten_params(params) == form


def test_remote_text_in_errors_and_warnings_is_one_printable_line(caplog):
    from sync.moodle_api import read_warnings

    forged = "bad\r\n2026-01-01 INFO forged\x1b[31m\u2028"
    error = classify_moodle_error("core_x", {"exception": "e", "errorcode": "x\ny",
                                             "message": forged}, "")
    assert str(error) == ("Moodle core_x: x\\ny: bad\\r\\n2026-01-01 INFO forged"
                          "\\x1b[31m\\u2028")
    caplog.set_level("WARNING", logger="sync.moodle_api")
    payload = {"warnings": [{"warningcode": "w\n", "message": forged}, "just text\n", 7]}
    lines = read_warnings("core_x", payload, "course C")
    assert lines == [
        "Moodle core_x (course C): warning w\\n: bad\\r\\n2026-01-01 INFO forged\\x1b[31m\\u2028",
        "Moodle core_x (course C): warning : just text\\n",
        "Moodle core_x (course C): warning : 7"]
    assert [record.getMessage() for record in caplog.records] == lines
