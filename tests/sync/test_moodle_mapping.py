"""The recorded Moodle responses map to the outcomes the shared README describes."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from sync.moodle_mapping import (CourseContext, activity_record, best_outcome, combine_activity,
                                 course_record, from_unix, grade_scaled, outcome_from_tracks,
                                 person_from_user)
from sync.records import CompletionStatus

P, F, C, I = (CompletionStatus.PASSED, CompletionStatus.FAILED, CompletionStatus.COMPLETED,
              CompletionStatus.INCOMPLETE)
FETCHED = datetime(2026, 11, 22, tzinfo=timezone.utc)


def load(moodle_ws, name):
    return json.loads((moodle_ws / f"{name}.json").read_text())


@pytest.mark.parametrize("name, status, score", [
    ("mod_scorm_get_scorm_sco_tracks", P, 0.92),
    ("mod_scorm_get_scorm_sco_tracks__hsclass_learner3_attempt1", F, 0.45),
    ("mod_scorm_get_scorm_sco_tracks__hsclass_learner3_attempt2", P, 0.81),
    ("mod_scorm_get_scorm_sco_tracks__hsclass_learner4_incomplete", I, None),
    ("mod_scorm_get_scorm_sco_tracks__custval_learner4_scorm2004", P, 1.0),
    ("mod_scorm_get_scorm_sco_tracks__custval_learner2_failed", F, 0.55),
])
def test_sco_tracks_give_status_and_score(moodle_ws, name, status, score):
    outcome = outcome_from_tracks(load(moodle_ws, name)["data"])
    assert (outcome.status, outcome.score_scaled) == (status, score)
    assert outcome.modified_at is not None and outcome.modified_at.year == 2026


def test_best_attempt_wins_over_a_failed_one(moodle_ws):
    first, second = (outcome_from_tracks(load(moodle_ws, n)["data"]) for n in (
        "mod_scorm_get_scorm_sco_tracks__hsclass_learner3_attempt1",
        "mod_scorm_get_scorm_sco_tracks__hsclass_learner3_attempt2"))
    assert best_outcome([second, first]) is second
    assert best_outcome([]) is None


def _ctx(moodle_ws, user_id):
    users = load(moodle_ws, "core_enrol_get_enrolled_users")
    user = next(u for u in users if u["id"] == user_id)
    return CourseContext("HSCLASS-PRE", 2, user, FETCHED)


HS_ACTIVITIES = "core_completion_get_activities_completion_status"


@pytest.mark.parametrize("suffix, tracks, scorm_status, page_status", [
    ("", "mod_scorm_get_scorm_sco_tracks", P, C),
    ("__hsclass_learner3", "mod_scorm_get_scorm_sco_tracks__hsclass_learner3_attempt2", P, C),
    ("__hsclass_learner4", "mod_scorm_get_scorm_sco_tracks__hsclass_learner4_incomplete", I, I),
    ("__hsclass_learner5", None, I, I),
    ("__custval_learner2", "mod_scorm_get_scorm_sco_tracks__custval_learner2_failed", F, I),
    ("__custval_learner5", None, I, C),
])
def test_activity_states_combine_with_scorm_tracks(moodle_ws, suffix, tracks, scorm_status,
                                                   page_status):
    scorm_entry, page_entry = load(moodle_ws, HS_ACTIVITIES + suffix)["statuses"]
    scorm = outcome_from_tracks(load(moodle_ws, tracks)["data"]) if tracks else None
    assert combine_activity(scorm_entry, scorm) is scorm_status
    assert combine_activity(page_entry, None) is page_status


def test_failed_scorm_attempt_is_state_0_but_maps_to_failed(moodle_ws):
    """README: a failed attempt shows as activity state 0, not 3."""
    entry = load(moodle_ws, HS_ACTIVITIES + "__custval_learner2")["statuses"][0]
    assert entry["state"] == 0
    tracks = load(moodle_ws, "mod_scorm_get_scorm_sco_tracks__custval_learner2_failed")
    record = activity_record(_ctx(moodle_ws, 5), entry, scorm=outcome_from_tracks(tracks["data"]),
                             grade_item=None)
    assert (record.status, record.score_scaled, record.activity_key) == (F, 0.55, "cmid:3")
    assert record.completed_at == from_unix(1795339928)
    json.dumps(record.provenance.raw)  # JSON-able


def test_overridden_page_keeps_moodle_state(moodle_ws):
    entry = load(moodle_ws, HS_ACTIVITIES + "__custval_learner5")["statuses"][1]
    assert entry["overrideby"] == 3
    record = activity_record(_ctx(moodle_ws, 8), entry, scorm=None, grade_item=None)
    assert record.status is C and record.completed_at == from_unix(1795339963)


@pytest.mark.parametrize("name, status, completed_at", [
    ("core_completion_get_course_completion_status", C, 1795339963),
    ("core_completion_get_course_completion_status__hsclass_learner1_before", I, None),
    ("core_completion_get_course_completion_status__hsclass_learner2", I, None),
    ("core_completion_get_course_completion_status__custval_learner4", C, 1795339928),
])
def test_course_completion(moodle_ws, name, status, completed_at):
    grades = load(moodle_ws, "gradereport_user_get_grade_items")["usergrades"][0]["gradeitems"]
    record = course_record(_ctx(moodle_ws, 4), load(moodle_ws, name), grades[1])
    assert record.status is status and record.activity_key is None
    assert record.completed_at == from_unix(completed_at)
    assert record.score_scaled == (0.92 if status is C else None)


@pytest.mark.parametrize("user_id, scaled", [(4, 0.92), (6, 0.81), (8, None), (7, 0.0)])
def test_grade_items_scale_over_their_range(moodle_ws, user_id, scaled):
    usergrades = load(moodle_ws, "gradereport_user_get_grade_items")["usergrades"]
    items = next(g for g in usergrades if g["userid"] == user_id)["gradeitems"]
    assert grade_scaled(items[0]) == scaled


@pytest.mark.parametrize("name", ["core_user_get_users_by_field",
                                  "core_user_get_users_by_field__idnumber",
                                  "core_enrol_get_enrolled_users"])
def test_people_from_user_records(moodle_ws, name):
    people = [person_from_user(u) for u in load(moodle_ws, name)]
    first = people[0]
    assert (first.email, first.idnumber, first.username, first.remote_user_id) == (
        "learner1@example.com", "EMP-001", "learner1", "4")
    assert first.full_name == "Amina Diallo"


@pytest.mark.parametrize("value, expected", [(0, None), (None, None), ("", None),
                                             ("1795339927", datetime(2026, 11, 22, 9, 32, 7,
                                                                     tzinfo=timezone.utc))])
def test_unix_times(value, expected):
    assert from_unix(value) == expected
