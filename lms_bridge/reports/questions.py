"""Per-question figures from recorded answers: how many answered, the share right, and the most
common wrong answers. Pure: takes ``player.results.Answer`` values, touches no database.

"Share right" is of the answers the content marked (``result`` correct/incorrect/wrong, or a
response compared with ``correct_responses``); answers it did not mark count as answered only.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..player.results import Answer

TOP_WRONG = 3


@dataclass(frozen=True)
class QuestionStats:
    part: str  # the SCO's title
    question: str
    kind: str
    answered: int
    marked: int
    right: int
    wrong_answers: tuple[tuple[str, int], ...]  # most common first

    @property
    def share_right(self) -> float | None:
        return self.right / self.marked if self.marked else None


def question_stats(answers: Iterable[tuple[str, Answer]],
                   top: int = TOP_WRONG) -> list[QuestionStats]:
    """One line per (part, question) in first-seen order, from (part title, answer) pairs."""
    groups: dict[tuple[str, str], list[Answer]] = {}
    for part, answer in answers:
        groups.setdefault((part, answer.question), []).append(answer)
    return [_stats(part, question, group, top) for (part, question), group in groups.items()]


def _stats(part: str, question: str, group: list[Answer], top: int) -> QuestionStats:
    answered = [a for a in group if a.is_answered]
    marked = [a for a in answered if a.is_correct is not None]
    wrong = Counter(a.response for a in marked if a.is_correct is False and a.response)
    # ties in alphabetical order, so that the ranking does not depend on reading order
    ranked = sorted(wrong.items(), key=lambda item: (-item[1], item[0]))[:top]
    kind = next((a.kind for a in group if a.kind), "")
    return QuestionStats(part, question, kind, len(answered), len(marked),
                         sum(1 for a in marked if a.is_correct), tuple(ranked))
