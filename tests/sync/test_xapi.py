"""The xAPI connector against a real LRS (Ralph) on loopback, and its statement mapping."""
from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

import pytest
from source_options import TEST_OPTIONS
from ralph_lrs import PASSWORD, USERNAME
from static_lrs import static_lrs  # noqa: F401 (a fixture)
from xapi_statements import ACTIVITY_KEYS, VOIDED_ID

from sync.base import CompletionSource
from sync.errors import SourceNeedsAttention
from sync.xapi import XapiSource, parse_time, person_from_actor, scaled_score

P, F, C = "passed", "failed", "completed"


def make_xapi(session, endpoint, password=PASSWORD, **kwargs):
    return XapiSource(session, endpoint, USERNAME, password, options=TEST_OPTIONS, **kwargs)


def by_email(result):
    return {(r.person.email or r.person.username): (r.course_key, r.status.value, r.score_scaled)
            for r in result.records}


def test_xapi_source_implements_the_protocol(http_session):
    assert isinstance(make_xapi(http_session, "http://127.0.0.1:1/xAPI/"), CompletionSource)


def test_check_against_ralph(ralph_lrs, http_session):
    health = make_xapi(http_session, ralph_lrs.endpoint).check()
    assert health.is_healthy and health.account == USERNAME  # Ralph sends no version header


def test_pull_from_ralph_pages_maps_and_honours_voiding(ralph_lrs, http_session):
    source = make_xapi(http_session, ralph_lrs.endpoint, activity_keys=ACTIVITY_KEYS, page_size=4)
    result = source.pull_completions(None)
    got = by_email(result)
    assert got["learner1@example.com"] == ("HS-PRE", P, 0.81)
    assert got["learner8@example.com"] == ("VAL-PRE", F, 0.4)
    assert got["learner10@example.com"] == ("VAL-PRE", C, None)
    assert got["learner11@example.com"] == ("VAL-PRE", P, 0.9)
    assert got["EMP-018"] == ("HS-PRE", C, None)
    assert "learner16@example.com" not in got  # voided
    assert result.withdrawn == [f"xapi:statement={VOIDED_ID}"]
    assert len(result.records) == 12 and not result.errors
    assert result.counters.items_seen == 18 and result.counters.items_ignored == 4
    assert result.counters.calls >= 5  # 18 statements, 4 a page: followed `more`
    assert result.records[0].completed_at.tzinfo is not None
    json.dumps(result.state)
    json.dumps([r.provenance.raw for r in result.records])


def test_second_pull_from_ralph_brings_nothing_new(ralph_lrs, http_session):
    source = make_xapi(http_session, ralph_lrs.endpoint, activity_keys=ACTIVITY_KEYS)
    first = source.pull_completions(None)
    second = source.pull_completions(first.state)
    assert second.records == [] and second.withdrawn == []
    assert second.state["since"] == first.state["since"]
    assert source.pull_completions(first.state, full=True).counters.records == 12


def test_without_a_map_the_iri_is_the_key(ralph_lrs, http_session):
    result = make_xapi(http_session, ralph_lrs.endpoint).pull_completions(None)
    assert "https://training.example.org/activities/not-mapped" in {r.course_key for r in result.records}


def test_wrong_password_needs_attention_and_is_not_shown(ralph_lrs, http_session, caplog):
    caplog.set_level(logging.DEBUG)
    wrong = "not-the-password-123"
    source = make_xapi(http_session, ralph_lrs.endpoint, password=wrong)
    with pytest.raises(SourceNeedsAttention) as raised:
        source.check()
    for text in (str(raised.value), repr(raised.value), repr(source), caplog.text):
        assert wrong not in text


@pytest.mark.parametrize("score, expected", [
    (None, None), ({}, None), ({"scaled": 0.5}, 0.5), ({"scaled": 1}, 1.0),
    ({"raw": 30, "min": 0, "max": 40}, 0.75), ({"raw": 30}, None),
])
def test_scores(score, expected):
    assert scaled_score(score) == expected


@pytest.mark.parametrize("score", [{"scaled": -0.5}, {"scaled": 1.5}, {"raw": 5, "min": 5, "max": 5}])
def test_scores_outside_0_1_are_refused(score):
    with pytest.raises(ValueError):
        scaled_score(score)


def test_people_from_agents():
    person = person_from_actor({"mbox": "mailto:a@example.com", "name": "A"})
    assert (person.email, person.full_name) == ("a@example.com", "A")
    account = person_from_actor({"account": {"homePage": "https://x", "name": "u1"}})
    assert (account.username, account.remote_user_id, account.email) == ("u1", "u1", None)
    with pytest.raises(ValueError):
        person_from_actor({"name": "nobody"})


@pytest.mark.parametrize("text, expected", [
    ("2026-11-20T10:00:00Z", datetime(2026, 11, 20, 10, tzinfo=timezone.utc)),
    ("2026-11-20T10:00:00", datetime(2026, 11, 20, 10, tzinfo=timezone.utc)),
    (None, None),
])
def test_times(text, expected):
    assert parse_time(text) == expected


def voiding(target_id):
    return {"id": "00000000-0000-4000-8000-0000000000ff", "stored": "2026-11-22T10:00:00Z",
            "actor": {"mbox": "mailto:admin@example.com"},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
            "object": {"objectType": "StatementRef", "id": target_id}}


def test_voiding_in_a_later_pull_withdraws_the_earlier_record(static_lrs, http_session):
    lrs = static_lrs({"/xAPI/statements": {"statements": [voiding(VOIDED_ID)], "more": ""}})
    result = make_xapi(http_session, lrs.endpoint).pull_completions(
        {"format": 1, "since": "2026-11-21T00:00:00Z"})
    assert result.withdrawn == [f"xapi:statement={VOIDED_ID}"] and result.records == []
    assert result.state["since"] == "2026-11-22T10:00:00Z"
    assert "since=2026-11-21" in lrs.requests[0]


def test_more_link_to_another_host_is_refused(static_lrs, http_session):
    from sync.errors import UnsafeSourceURL
    lrs = static_lrs({"/xAPI/statements": {"statements": [], "more": "http://elsewhere.example/x"}})
    with pytest.raises(UnsafeSourceURL, match="another host"):
        make_xapi(http_session, lrs.endpoint).pull_completions(None)


@pytest.mark.parametrize("body", [b"<html>oops", b'{"statements": {}}'])
def test_unreadable_pages_stop_the_pull(static_lrs, http_session, body):
    from sync.errors import SourceResponseError
    lrs = static_lrs({"/xAPI/statements": body})
    with pytest.raises(SourceResponseError):
        make_xapi(http_session, lrs.endpoint).pull_completions(None)


def test_one_unreadable_statement_is_an_item_error(static_lrs, http_session):
    good = {"id": "s1", "stored": "2026-11-22T10:00:00Z", "actor": {"mbox": "mailto:a@x.org"},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"}, "object": {"id": "urn:a"},
            "result": {"score": {"scaled": 0.9}}}
    bad = dict(good, id="s2", result={"score": {"scaled": -0.2}})
    nobody = dict(good, id="s3", actor={"name": "no identifier"})
    group = dict(good, id="s4", actor={"objectType": "Group", "member": []})
    lrs = static_lrs({"/xAPI/statements": {"statements": [good, bad, nobody, group]}})
    result = make_xapi(http_session, lrs.endpoint).pull_completions(None)
    assert [r.provenance.record_id for r in result.records] == ["xapi:statement=s1"]
    assert [e.scope for e in result.errors] == ["statement s2", "statement s3"]
    assert result.counters.items_ignored == 1


@pytest.mark.parametrize("unreadable, scope", [
    ({"id": "s2", "stored": "yesterday at noon"}, "statement s2"),
    ({"id": "s2", "stored": 1732269600}, "statement s2"),
    ({"id": "s2", "timestamp": "22/11/2026"}, "statement s2"),
    ("not an object", "statement #2 of the page"),
    (["a", "list"], "statement #2 of the page"),
    (None, "statement #2 of the page"),
])
def test_a_statement_that_cannot_be_read_is_skipped_and_the_good_ones_kept(
        static_lrs, http_session, unreadable, scope):
    good = {"id": "s1", "stored": "2026-11-22T10:00:00Z", "actor": {"mbox": "mailto:a@x.org"},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"}, "object": {"id": "urn:a"}}
    bad = dict(good, **unreadable) if isinstance(unreadable, dict) else unreadable
    later = dict(good, id="s3", stored="2026-11-22T11:00:00Z")
    lrs = static_lrs({"/xAPI/statements": {"statements": [good, bad, later]}})
    result = make_xapi(http_session, lrs.endpoint).pull_completions(None)
    assert [r.provenance.record_id for r in result.records] == [
        "xapi:statement=s1", "xapi:statement=s3"]
    assert [e.scope for e in result.errors] == [scope]
    assert "unreadable statement" in result.errors[0].message
    assert result.state["since"] == "2026-11-22T11:00:00Z"


def test_an_answer_beyond_the_size_cap_is_refused_naming_the_limit(static_lrs, http_session):
    from sync.errors import SourceResponseError
    from sync.http import HttpOptions
    padding = "x" * 5000
    lrs = static_lrs({"/xAPI/statements": {"statements": [], "padding": padding}})
    source = XapiSource(http_session, lrs.endpoint, "user", "pw", options=HttpOptions(
        allow_private=True, max_response_bytes=4096))
    with pytest.raises(SourceResponseError, match="larger than the 4096-byte limit"):
        source.pull_completions(None)
