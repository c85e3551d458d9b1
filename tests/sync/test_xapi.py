"""The xAPI connector against a real LRS (Ralph) on loopback, and its statement mapping."""
from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

import pytest
from conftest import TEST_OPTIONS
from ralph_lrs import PASSWORD, USERNAME
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
