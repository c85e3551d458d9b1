"""Malformed completion records and prerequisites are refused where they are built."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from lms_bridge.eligibility.errors import EligibilityError, InvalidEvidence, InvalidPrerequisite
from lms_bridge.eligibility.inputs import CompletionEvidence, Prerequisite
from lms_bridge.tracking.vocabulary import CompletionRule, CompletionStatus, SourceKind

GOOD_RECORD = dict(record_id=7, module_key="cv", source_kind=SourceKind.MOODLE,
                   source_label="CLiKC!", status=CompletionStatus.PASSED, score_scaled=0.8,
                   completed_at=datetime(2026, 11, 2, tzinfo=timezone.utc))
GOOD_PREREQUISITE = dict(id=1, label="Customs valuation", module_keys={"cv"},
                         rule=CompletionRule.PASSED)


@pytest.mark.parametrize("change, fragment", [
    ({"completed_at": datetime(2026, 11, 2)}, "has no time zone"),
    ({"score_scaled": 1.01}, "outside 0..1"),
    ({"score_scaled": -0.2}, "outside 0..1"),
    ({"score_scaled": True}, "outside 0..1"),
    ({"status": "passed"}, "is not a CompletionStatus"),
    ({"source_kind": "moodle"}, "is not a SourceKind"),
])
def test_malformed_evidence_is_refused_naming_the_record(change, fragment):
    with pytest.raises(InvalidEvidence, match=re.escape(fragment)) as raised:
        CompletionEvidence(**{**GOOD_RECORD, **change})
    assert "completion record 7 (cv)" in str(raised.value)
    assert isinstance(raised.value, EligibilityError)


@pytest.mark.parametrize("score", [None, 0.0, 1.0, 0.5])
def test_scores_in_range_or_missing_are_accepted(score):
    assert CompletionEvidence(**{**GOOD_RECORD, "score_scaled": score}).score_scaled == score


@pytest.mark.parametrize("change, fragment", [
    ({"module_keys": "cv"}, "not the single string 'cv'"),
    ({"module_keys": []}, "module_keys is empty"),
    ({"rule": "Passed"}, "is not a prerequisite's CompletionRule"),
    ({"rule": CompletionRule.NOT_APPLICABLE}, "is not a prerequisite's CompletionRule"),
    ({"min_score": 101}, "outside 0-100"),
    ({"min_score": -1}, "outside 0-100"),
    ({"min_score": "70"}, "is not a number"),
    ({"min_score": True}, "is not a number"),
    ({"recency_days": 0}, "not a positive whole number"),
    ({"recency_days": 1.5}, "not a positive whole number"),
    ({"allowed_sources": set()}, "allowed_sources is empty"),
])
def test_malformed_prerequisite_is_refused_naming_it(change, fragment):
    with pytest.raises(InvalidPrerequisite, match=re.escape(fragment)) as raised:
        Prerequisite(**{**GOOD_PREREQUISITE, **change})
    assert "prerequisite 1 (Customs valuation)" in str(raised.value)


def test_prerequisite_normalises_collections_and_scales_the_minimum():
    prerequisite = Prerequisite(**GOOD_PREREQUISITE, min_score=29,
                                allowed_sources=[SourceKind.LOCAL, "CLiKC!"])
    assert prerequisite.module_keys == frozenset({"cv"})
    assert prerequisite.allowed_sources == frozenset({SourceKind.LOCAL, "CLiKC!"})
    assert prerequisite.min_scaled == 0.29
    assert Prerequisite(**GOOD_PREREQUISITE).min_scaled is None


def test_a_trusted_record_is_an_ordinary_equal_frozen_record():
    from dataclasses import FrozenInstanceError

    from lms_bridge.eligibility.inputs import trusted_evidence

    trusted = trusted_evidence(**GOOD_RECORD)
    checked = CompletionEvidence(**GOOD_RECORD)
    assert type(trusted) is CompletionEvidence
    assert (trusted, hash(trusted), repr(trusted)) == (checked, hash(checked), repr(checked))
    with pytest.raises(FrozenInstanceError):
        trusted.score_scaled = 0.1
