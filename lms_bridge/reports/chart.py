"""The per-question chart: one bar per question, the share of marked answers that were right,
drawn as server-side SVG by ``templates/reports/_question_chart.html`` (every question id
goes through the template's autoescaping; only geometry is computed here).
"""
from __future__ import annotations

from dataclasses import dataclass

from .questions import QuestionStats

ROW_HEIGHT = 26
LABEL_WIDTH = 130
BAR_WIDTH = 220  # with the labels, fits a phone's 390 px unscaled
RIGHT_COLOUR = "#1b5e20"  # 4.5:1 against the white figures drawn on it


@dataclass(frozen=True)
class QuestionBar:
    y: int
    label: str
    width: float
    percent: int | None  # None: no marked answer
    answered: int


@dataclass(frozen=True)
class QuestionChart:
    width: int
    height: int
    label_width: int
    bar_width: int
    colour: str
    bars: tuple[QuestionBar, ...]


def _label(stats: QuestionStats, max_chars: int = 16) -> str:
    text = stats.question
    return text if len(text) <= max_chars else text[:max_chars - 1] + "…"


def question_chart(questions: list[QuestionStats]) -> QuestionChart:
    """Bars of the share right per question on a 0-100 % scale."""
    bars = []
    for index, stats in enumerate(questions):
        share = stats.share_right
        bars.append(QuestionBar(
            index * ROW_HEIGHT + 10, _label(stats), round(BAR_WIDTH * (share or 0.0), 1),
            None if share is None else round(share * 100), stats.answered))
    return QuestionChart(LABEL_WIDTH + BAR_WIDTH + 45, len(bars) * ROW_HEIGHT + 20,
                         LABEL_WIDTH, BAR_WIDTH, RIGHT_COLOUR, tuple(bars))
