"""Pre-selection scoring: vocational criteria rated 0-4, weighted into a 0-100 score.

The score is ``100 * sum(weight * rating) / (MAX_RATING * sum(weight))``, rounded to two
decimals (finer differences mean nothing on this scale and would only hide real ties). A
criterion absent from the weights weighs 0; every criterion with a positive weight must be
rated. Ranking uses standard competition ranks (1, 2, 2, 4), ties kept in the caller's order.

Raises ``InvalidScoring`` (an ``EligibilityError``; tree in ``errors``).
"""
from __future__ import annotations

import enum
import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from .errors import InvalidScoring

MAX_RATING = 4


class Criterion(enum.Enum):
    """A vocational criterion of the application form."""

    SUBJECT_EXPERTISE = "expertise in the subject"
    INTERNATIONAL_INSTRUMENTS = "knowledge of the international instruments"
    TRAINING_EXPERIENCE = "training experience"
    MANAGEMENT_EXPERIENCE = "management experience"
    INTERNATIONAL_EXPERIENCE = "international experience"
    LANGUAGES = "languages"


EQUAL_WEIGHTS: Mapping[Criterion, float] = {criterion: 1.0 for criterion in Criterion}


def weighted_score(ratings: Mapping[Criterion, int],
                   weights: Mapping[Criterion, float] = EQUAL_WEIGHTS) -> float:
    """Combine 0-4 ratings under the coordinator's weights into a 0-100 score.

    Raises ``InvalidScoring`` for a rating that is not a whole number in 0-4, a negative or
    non-numeric weight, weights that are all zero, or a weighted criterion left unrated.
    """
    _check_ratings(ratings)
    total_weight = _check_weights(weights)
    earned = 0.0
    for criterion, weight in weights.items():
        if weight == 0:
            continue
        if criterion not in ratings:
            raise InvalidScoring(
                f"criterion '{criterion.value}' has weight {weight:g} but no rating")
        earned += weight * ratings[criterion]
    return round(min(100.0, 100.0 * earned / (MAX_RATING * total_weight)), 2)


def _check_ratings(ratings: Mapping[Criterion, int]) -> None:
    for criterion, rating in ratings.items():
        if not isinstance(criterion, Criterion):
            raise InvalidScoring(f"rating key {criterion!r} is not a Criterion")
        if isinstance(rating, bool) or not isinstance(rating, int) \
                or not 0 <= rating <= MAX_RATING:
            raise InvalidScoring(f"rating {rating!r} for '{criterion.value}' is not a whole "
                                 f"number from 0 to {MAX_RATING}")


def _check_weights(weights: Mapping[Criterion, float]) -> float:
    total = 0.0
    for criterion, weight in weights.items():
        if not isinstance(criterion, Criterion):
            raise InvalidScoring(f"weight key {criterion!r} is not a Criterion")
        if not _is_usable_weight(weight):
            raise InvalidScoring(
                f"weight {weight!r} for '{criterion.value}' is not a finite number >= 0")
        total += weight
    if total <= 0:
        raise InvalidScoring("every criterion weighs 0, so no score can be computed")
    return total


def _is_usable_weight(weight: object) -> bool:
    if isinstance(weight, bool) or not isinstance(weight, int | float):
        return False
    return math.isfinite(weight) and weight >= 0


K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class RankedCandidate(Generic[K]):
    """One line of the pre-selection ranking."""

    rank: int
    key: K
    score: float


def rank_by_score(scores: Mapping[K, float]) -> list[RankedCandidate[K]]:
    """Order candidates by score, best first, with competition ranks; raises nothing."""
    ordered = sorted(scores.items(), key=lambda item: -item[1])
    ranking: list[RankedCandidate[K]] = []
    for position, (key, score) in enumerate(ordered, start=1):
        tied = ranking and ranking[-1].score == score
        ranking.append(RankedCandidate(ranking[-1].rank if tied else position, key, score))
    return ranking
