"""Pre-selection: weighted 0-100 scores from 0-4 ratings, and competition ranking."""
from __future__ import annotations

import pytest

from lms_bridge.eligibility.errors import InvalidScoring
from lms_bridge.eligibility.scoring import (Criterion, RankedCandidate, rank_by_score,
                                            weighted_score)

EXPERTISE, INSTRUMENTS, TRAINING, MANAGEMENT, INTERNATIONAL, LANGUAGES = Criterion
ALL_FOUR = {criterion: 4 for criterion in Criterion}
ALL_ZERO = {criterion: 0 for criterion in Criterion}
MIXED = {EXPERTISE: 4, INSTRUMENTS: 3, TRAINING: 2, MANAGEMENT: 1, INTERNATIONAL: 0,
         LANGUAGES: 2}


@pytest.mark.parametrize("ratings, weights, score", [
    (ALL_FOUR, None, 100.0),
    (ALL_ZERO, None, 0.0),
    (MIXED, None, 50.0),                                            # 12 of 24
    (MIXED, {EXPERTISE: 3, TRAINING: 1}, 87.5),                     # (12 + 2) / 16
    (MIXED, {EXPERTISE: 0.5, INSTRUMENTS: 0.5}, 87.5),              # (2 + 1.5) / 4
    ({EXPERTISE: 1}, {EXPERTISE: 1, LANGUAGES: 0}, 25.0),           # zero weight, unrated
    ({EXPERTISE: 1, INSTRUMENTS: 2, TRAINING: 2}, {EXPERTISE: 1, INSTRUMENTS: 1, TRAINING: 1},
     41.67),                                                        # 5 / 12, two decimals
], ids=["all top", "all zero", "equal weights", "integer weights", "fractional weights",
        "zero weight may be unrated", "rounded"])
def test_weighted_score(ratings, weights, score):
    result = weighted_score(ratings) if weights is None else weighted_score(ratings, weights)
    assert result == score


@pytest.mark.parametrize("ratings, weights, fragment", [
    ({**MIXED, EXPERTISE: 5}, None, "rating 5 for 'expertise in the subject'"),
    ({**MIXED, EXPERTISE: -1}, None, "rating -1"),
    ({**MIXED, EXPERTISE: 2.5}, None, "rating 2.5"),
    ({**MIXED, EXPERTISE: True}, None, "rating True"),
    ({"languages": 3}, {LANGUAGES: 1}, "rating key 'languages' is not a Criterion"),
    (MIXED, {EXPERTISE: -1}, "weight -1 for 'expertise in the subject'"),
    (MIXED, {EXPERTISE: float("nan")}, "weight nan"),
    (MIXED, {EXPERTISE: float("inf")}, "weight inf"),
    (MIXED, {"languages": 1}, "weight key 'languages' is not a Criterion"),
    (MIXED, {EXPERTISE: 0, LANGUAGES: 0}, "every criterion weighs 0"),
    ({EXPERTISE: 3}, {EXPERTISE: 1, LANGUAGES: 2},
     "criterion 'languages' has weight 2 but no rating"),
])
def test_unusable_ratings_or_weights_are_refused(ratings, weights, fragment):
    with pytest.raises(InvalidScoring, match=fragment):
        weighted_score(ratings) if weights is None else weighted_score(ratings, weights)


def test_rank_by_score_uses_competition_ranks_and_keeps_ties_in_order():
    ranking = rank_by_score({"ana": 70.0, "ben": 85.5, "chi": 70.0, "dan": 40.0})
    assert ranking == [RankedCandidate(1, "ben", 85.5), RankedCandidate(2, "ana", 70.0),
                       RankedCandidate(2, "chi", 70.0), RankedCandidate(4, "dan", 40.0)]


def test_rank_by_score_of_nobody_is_empty():
    assert rank_by_score({}) == []
