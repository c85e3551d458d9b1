"""The loopback Moodle answers in exactly the key structure of the recorded responses."""
from __future__ import annotations

import csv
import json

import pytest
import requests
from moodle_server import TOKEN


def key_shape(value):
    if isinstance(value, dict):
        return {k: key_shape(v) for k, v in value.items()}
    if isinstance(value, list):
        shapes = [json.dumps(key_shape(v), sort_keys=True) for v in value]
        return sorted(set(shapes))
    return None


def recorded_calls(moodle_ws):
    with open(moodle_ws / "INDEX.tsv", newline="") as index:
        for row in csv.DictReader(index, delimiter="\t"):
            if row["token"] == "ws" and row["function"] and not row["file"].startswith("errors_"):
                params = dict(p.split("=", 1) for p in row["params"].split())
                yield row["file"], row["function"], params


def test_fake_answers_have_the_recorded_shapes(moodle, moodle_ws):
    compared = 0
    for name, function, params in recorded_calls(moodle_ws):
        if not hasattr(moodle, f"_{function}") or function.startswith("core_completion_override"):
            continue
        answer = requests.post(f"{moodle.base_url}/webservice/rest/server.php", timeout=5, data={
            "wstoken": TOKEN, "wsfunction": function, "moodlewsrestformat": "json", **params}).json()
        recorded = json.loads((moodle_ws / name).read_text())
        assert key_shape(answer) == key_shape(recorded), name
        compared += 1
    assert compared >= 35


@pytest.mark.parametrize("params, error", [
    ({"wstoken": "0123456789abcdef0123456789abcdef"}, "errors_bad_token"),
    ({"wsfunction": "core_this_function_does_not_exist"}, "errors_bad_function"),
    ({"wsfunction": "core_completion_get_course_completion_status", "courseid": "2"},
     "errors_missing_param"),
    ({"wsfunction": "core_completion_get_course_completion_status", "courseid": "2",
      "userid": "3"}, "errors_user_not_enrolled"),
    ({"wsfunction": "core_completion_get_course_completion_status", "courseid": "2",
      "userid": "999999"}, "errors_unknown_user"),
    ({"wsfunction": "core_completion_get_activities_completion_status", "courseid": "999999",
      "userid": "4"}, "errors_unknown_course"),
    ({"wsfunction": "mod_scorm_get_scorm_attempt_count", "scormid": "999999", "userid": "4"},
     "errors_unknown_scorm"),
])
def test_fake_answers_errors_with_the_recorded_bodies(moodle, moodle_ws, params, error):
    form = {"wstoken": TOKEN, "moodlewsrestformat": "json", **params}
    answer = requests.get(f"{moodle.base_url}/webservice/rest/server.php", params=form, timeout=5)
    assert answer.status_code == 200
    assert answer.json() == json.loads((moodle_ws / f"{error}.json").read_text())
