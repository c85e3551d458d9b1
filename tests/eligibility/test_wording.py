"""Dates and scores as a coordinator reads them."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from lms_bridge.eligibility.vocabulary import rule_label
from lms_bridge.tracking.vocabulary import CompletionRule
from lms_bridge.eligibility.wording import format_date, format_score


@pytest.mark.parametrize("moment, zone, text", [
    (datetime(2026, 11, 2, 10, tzinfo=timezone.utc), None, "2 November 2026"),
    (datetime(2026, 1, 31, 23, tzinfo=timezone.utc), timezone(timedelta(hours=3)),
     "1 February 2026"),
    (datetime(2027, 1, 1, 1, tzinfo=timezone.utc), timezone(timedelta(hours=-5)),
     "31 December 2026"),
])
def test_format_date(moment, zone, text):
    assert format_date(moment, zone) == text


@pytest.mark.parametrize("score, text", [
    (None, "no score"), (0.0, "0"), (0.55, "55"), (0.7, "70"), (0.725, "72.5"), (1.0, "100"),
    (0.29, "29"), (0.3333, "33.3"),
])
def test_format_score(score, text):
    assert format_score(score) == text


@pytest.mark.parametrize("rule, label", [
    (CompletionRule.COMPLETED, "Completed"), (CompletionRule.PASSED, "Passed"),
    (CompletionRule.COMPLETED_AND_PASSED, "Completed and passed"),
    (CompletionRule.COMPLETED_OR_PASSED, "Completed or passed"),
])
def test_rule_labels(rule, label):
    assert rule_label(rule) == label
