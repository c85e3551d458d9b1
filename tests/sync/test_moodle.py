"""The Moodle connector against a loopback Moodle answering in the recorded shapes."""
from __future__ import annotations

import json
import logging
import socket
from datetime import datetime, timedelta, timezone

import pytest
from source_options import TEST_OPTIONS
from moodle_server import TOKEN, Fault, FakeMoodle
from moodle_site import Attempt, generated_site

from sync.base import CompletionSource
from sync.errors import MissingCapability, SourceNeedsAttention, SourceUnavailable
from sync.records import CompletionStatus

P, F, C, I = "passed", "failed", "completed", "incomplete"
# shared/moodle-ws/README.md, learner -> (HS SCORM, HS page, HS course, Val SCORM, Val page, Val course)
README_TABLE = {
    "learner1": ((P, 0.92), C, C, (P, 0.88), C, C),
    "learner2": ((P, 0.78), I, I, (F, 0.55), I, I),
    "learner3": ((P, 0.81), C, C, (I, None), C, I),
    "learner4": ((I, None), I, I, (P, 1.0), C, C),
    "learner5": ((I, None), I, I, (I, None), C, I),
}
KEYS = ("HSCLASS-PRE/cmid:1", "HSCLASS-PRE/cmid:2", "HSCLASS-PRE",
        "CUSTVAL-PRE/cmid:3", "CUSTVAL-PRE/cmid:4", "CUSTVAL-PRE")


def outcomes(result):
    return {(r.person.username, r.remote_key): (r.status.value, r.score_scaled)
            for r in result.records}


def per_course_calls(result, courses=2):
    return result.counters.calls / courses


def test_source_implements_the_protocol(moodle, make_source):
    assert isinstance(make_source(moodle), CompletionSource)


def test_check_reports_site_identity(moodle, make_source):
    health = make_source(moodle).check()
    assert health.is_healthy and health.site_name == "Harness Moodle (loopback)"
    assert health.account == "ws_sync" and health.missing_functions == ()


def test_full_pull_matches_the_readme_table(moodle, make_source):
    result = make_source(moodle).pull_completions(None)
    got = outcomes(result)
    for learner, row in README_TABLE.items():
        for key, expected in zip(KEYS, row):
            status, score = expected if isinstance(expected, tuple) else (expected, None)
            assert got[(learner, key)][0] == status, (learner, key)
            if key.count("/"):
                assert got[(learner, key)][1] == score, (learner, key)
    assert not result.errors and result.counters.records == 30
    json.dumps(result.state)


def test_second_pull_with_state_pulls_nothing_and_costs_at_most_3_calls_per_course(
        moodle, make_source):
    source = make_source(moodle)
    first = source.pull_completions(None)
    second = source.pull_completions(json.loads(json.dumps(first.state)))
    assert second.records == [] and second.counters.people_unchanged == 10
    assert per_course_calls(second) <= 3
    assert set(second.counters.calls_by_endpoint) == {"core_enrol_get_enrolled_users",
                                                      "gradereport_user_get_grade_items"}


def test_a_change_repulls_only_that_learner(moodle, make_source):
    source = make_source(moodle)
    state = source.pull_completions(None).state
    moodle.site.enrolments[(2, 7)].attempts.append(Attempt("passed", 95, 1795340000))
    result = source.pull_completions(state)
    assert {r.person.username for r in result.records} == {"learner4"}
    assert outcomes(result)[("learner4", "HSCLASS-PRE/cmid:1")] == (P, 0.95)
    assert result.counters.people_checked == 1 and result.counters.people_unchanged == 9


def test_access_time_change_repulls_the_learner(moodle, make_source):
    source = make_source(moodle)
    state = source.pull_completions(None).state
    moodle.site.learners[8].lastcourseaccess = 1795341000
    result = source.pull_completions(state)
    assert {r.person.username for r in result.records} == {"learner5"}


def test_full_pull_ignores_the_state(moodle, make_source):
    source = make_source(moodle)
    state = source.pull_completions(None).state
    assert source.pull_completions(state, full=True).counters.records == 30


def test_stale_learners_are_rechecked(moodle, make_source):
    clock = [datetime(2026, 11, 22, tzinfo=timezone.utc)]
    source = make_source(moodle, now=lambda: clock[0], recheck_after=timedelta(hours=24))
    state = source.pull_completions(None).state
    clock[0] += timedelta(hours=25)
    assert source.pull_completions(state).counters.people_checked == 10


def test_generated_population_stays_cheap_when_nothing_changed(moodle_ws, make_source):
    site = generated_site(n_courses=3, n_learners=25)
    with FakeMoodle(moodle_ws, site) as server:
        source = make_source(server, courses=[c.shortname for c in site.courses])
        first = source.pull_completions(None)
        assert first.counters.records == 3 * 25 * 3 and not first.errors
        statuses = {r.status for r in first.records}
        assert statuses == set(CompletionStatus)
        second = source.pull_completions(first.state)
    assert second.records == [] and per_course_calls(second, 3) <= 3


def test_refused_connection_is_unavailable(make_source, moodle, sleeps):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    moodle.server_address = ("127.0.0.1", port)  # base_url now points at a closed port
    with pytest.raises(SourceUnavailable, match="ConnectionError after 3 attempts"):
        make_source(moodle).check()
    assert len(sleeps.delays) == 2


@pytest.mark.parametrize("fault", [
    Fault("status", "core_enrol_get_enrolled_users", status=500),
    Fault("status", "core_enrol_get_enrolled_users", status=503, retry_after="7"),
    Fault("status", "core_enrol_get_enrolled_users", status=429, retry_after="1"),
    Fault("drop", "core_enrol_get_enrolled_users"),
    Fault("timeout", "core_enrol_get_enrolled_users", delay=1.2),
])
def test_transient_faults_are_retried(moodle, make_source, sleeps, fault):
    options = TEST_OPTIONS.__class__(**{**TEST_OPTIONS.__dict__, "read_timeout": 0.5})
    moodle.faults.append(fault)
    result = make_source(moodle, options=options).pull_completions(None)
    assert not result.errors and result.counters.retries == 1 and result.counters.records == 30
    if fault.retry_after:
        assert sleeps.delays == [float(fault.retry_after)]


def test_retry_after_beyond_the_cap_gives_up_at_once(moodle, make_source, sleeps):
    moodle.faults.append(Fault("status", "core_webservice_get_site_info", status=503,
                               retry_after="3600"))
    with pytest.raises(SourceUnavailable, match="retry after 3600s"):
        make_source(moodle).check()
    assert sleeps.delays == [] and moodle.count() == 1


def test_a_course_failing_after_retries_does_not_stop_the_others(moodle, make_source):
    moodle.faults.append(Fault("status", "gradereport_user_get_grade_items", status=502, times=3))
    result = make_source(moodle).pull_completions(None)
    assert [e.scope for e in result.errors] == ["course HSCLASS-PRE"]
    assert "HTTP 502 after 3 attempts" in result.errors[0].message
    assert {r.course_key for r in result.records} == {"CUSTVAL-PRE"}
    assert "HSCLASS-PRE" not in result.state["courses"]


def test_an_unreachable_site_raises_when_nothing_was_pulled(moodle, make_source):
    moodle.faults.append(Fault("status", None, status=503, times=100))
    with pytest.raises(SourceUnavailable):
        make_source(moodle).pull_completions(None)


def test_truncated_json_skips_one_learner(moodle, make_source):
    source = make_source(moodle)
    moodle.faults.append(Fault("truncated", "core_completion_get_course_completion_status",
                               body=json.dumps({"completionstatus": {"completed": True}})))
    result = source.pull_completions(None)
    assert len(result.errors) == 1 and "not valid JSON" in result.errors[0].message
    failed_user = result.errors[0].scope.rsplit(" ", 1)[1]
    assert failed_user not in result.state["courses"]["HSCLASS-PRE"]["users"]
    assert result.counters.records == 27
    assert source.pull_completions(result.state).counters.people_checked == 1  # tried again


LEARNER_CALL = "core_completion_get_activities_completion_status"


@pytest.mark.parametrize("name, effect", [
    ("errors_user_not_enrolled", "skipped"),
    ("errors_unknown_user", "skipped"),
    ("errors_invalid_param_type", "item_error"),
    ("errors_missing_param", "item_error"),
    ("errors_bad_function", "skipped"),
    ("errors_no_permission_learner_reads_other_user", "course_error"),
    ("errors_function_not_in_service", "raise"),
    ("errors_bad_token", "raise"),
    ("errors_missing_token", "raise"),
])
def test_error_bodies_mid_pull(moodle, make_source, moodle_ws, name, effect):
    body = (moodle_ws / f"{name}.json").read_text()
    moodle.faults.append(Fault("error_body", LEARNER_CALL, body=body))
    source = make_source(moodle, courses=["HSCLASS-PRE"])
    if effect == "raise":
        with pytest.raises(SourceNeedsAttention):
            source.pull_completions(None)
        return
    result = source.pull_completions(None)
    if effect == "skipped":
        assert result.counters.people_skipped == 1 and not result.errors
        assert len(result.state["courses"]["HSCLASS-PRE"]["users"]) == 4
    elif effect == "item_error":
        assert len(result.errors) == 1 and result.errors[0].scope.startswith("course HSCLASS-PRE, user")
    else:
        assert [e.error_type for e in result.errors] == [MissingCapability.__name__]
        assert "report/progress:view" in result.errors[0].message
        assert result.records == []


def test_token_revoked_mid_run_stops_without_a_retry_storm(moodle, make_source):
    revoke_after = 12
    original = moodle.record_call

    def record_and_revoke(function, params):
        original(function, params)
        if moodle.count() == revoke_after:
            moodle.token = "revoked"
    moodle.record_call = record_and_revoke
    with pytest.raises(SourceNeedsAttention, match="invalidtoken"):
        make_source(moodle).pull_completions(None)
    assert moodle.count() <= revoke_after + TEST_OPTIONS.max_workers + 1


def test_user_deleted_between_calls_is_skipped(moodle, make_source):
    moodle.after_call["core_enrol_get_enrolled_users"] = lambda: moodle.site.deleted.add(6)
    result = make_source(moodle, courses=["HSCLASS-PRE"]).pull_completions(None)
    assert result.counters.people_skipped == 1 and not result.errors
    assert "learner3" not in {r.person.username for r in result.records}
    assert "6" not in result.state["courses"]["HSCLASS-PRE"]["users"]


@pytest.mark.parametrize("function, body, scope", [
    ("gradereport_user_get_grade_items", "[]", "course HSCLASS-PRE"),
    ("core_enrol_get_enrolled_users", '{"users": 1}', "course HSCLASS-PRE"),
    (LEARNER_CALL, '{"statuses": [{"state": 1}]}', "course HSCLASS-PRE, user"),
])
def test_answers_of_an_unexpected_shape_are_item_errors(moodle, make_source, function, body,
                                                        scope):
    moodle.faults.append(Fault("error_body", function, body=body))
    result = make_source(moodle).pull_completions(None)
    assert len(result.errors) == 1 and result.errors[0].scope.startswith(scope)
    assert "unexpected shape" in result.errors[0].message
    assert {r.course_key for r in result.records} >= {"CUSTVAL-PRE"}


def test_unknown_course_is_an_item_error(moodle, make_source):
    result = make_source(moodle, courses=["NOPE", "HSCLASS-PRE"]).pull_completions(None)
    assert [e.scope for e in result.errors] == ["course NOPE"]
    assert "NOPE" in result.errors[0].message and result.counters.records == 15


def test_missing_functions_make_the_check_unhealthy(moodle, make_source, moodle_ws):
    info = json.loads((moodle_ws / "core_webservice_get_site_info.json").read_text())
    info["functions"] = [f for f in info["functions"]
                         if f["name"] != "gradereport_user_get_grade_items"]
    moodle.faults.append(Fault("error_body", "core_webservice_get_site_info",
                               body=json.dumps(info)))
    health = make_source(moodle).check()
    assert not health.is_healthy
    assert health.missing_functions == ("gradereport_user_get_grade_items",)


def test_protocol_disabled_403_needs_attention(moodle, make_source):
    moodle.faults.append(Fault("status", "core_webservice_get_site_info", status=403))
    with pytest.raises(SourceNeedsAttention, match="HTTP 403"):
        make_source(moodle).check()


def test_token_never_shows_in_logs_errors_or_reprs(moodle, make_source, caplog, moodle_ws):
    caplog.set_level(logging.DEBUG)
    source = make_source(moodle)
    moodle.faults += [Fault("status", None, status=500),
                      Fault("truncated", LEARNER_CALL, body='{"statuses": []}')]
    result = source.pull_completions(None)
    texts = [repr(source), str(source), repr(source.new_client()), caplog.text,
             json.dumps([e.__dict__ for e in result.errors])]
    moodle.token = "another"
    with pytest.raises(SourceNeedsAttention) as raised:
        source.pull_completions(None)
    texts += [str(raised.value), repr(raised.value)]
    assert caplog.text and result.errors
    for text in texts:
        assert TOKEN not in text
