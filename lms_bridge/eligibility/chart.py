"""The progress chart: one stacked bar per administration, drawn as server-side SVG.

Only geometry is computed here; ``templates/eligibility/_progress_chart.html`` draws it, so
every administration name goes through the template's autoescaping.
"""
from __future__ import annotations

from dataclasses import dataclass

from .labels import LABELS
from .queries import AdministrationProgress
from .vocabulary import Outcome

ROW_HEIGHT = 28
LABEL_WIDTH = 220
BAR_WIDTH = 440
# Outcome, fill colour and label (a lazy string: worded in the reader's language when drawn);
# colours keep 4.5:1 against the white text drawn on them.
SEGMENTS = ((Outcome.ELIGIBLE, "#1b5e20", LABELS[Outcome.ELIGIBLE]),
            (Outcome.NOT_YET, "#8a4b00", LABELS[Outcome.NOT_YET]),
            (Outcome.INELIGIBLE, "#a4161a", LABELS[Outcome.INELIGIBLE]))


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    colour: str
    label: object
    count: int


@dataclass(frozen=True)
class Bar:
    y: int
    name: str
    candidates: int
    share_met: float
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    legend: tuple[tuple[str, object], ...]


def progress_chart(progress: list[AdministrationProgress]) -> Chart:
    """Bars of candidates per administration, split by verdict, on a common scale."""
    largest = max((p.candidates for p in progress), default=1) or 1
    bars = []
    for index, entry in enumerate(progress):
        x, segments = float(LABEL_WIDTH), []
        for outcome, colour, label in SEGMENTS:
            count = entry.outcomes.get(outcome, 0)
            width = BAR_WIDTH * count / largest
            if count:
                segments.append(Segment(round(x, 1), round(width, 1), colour, label, count))
            x += width
        bars.append(Bar(index * ROW_HEIGHT + 30, entry.name, entry.candidates,
                        entry.share_met, tuple(segments)))
    return Chart(LABEL_WIDTH + BAR_WIDTH + 120, len(bars) * ROW_HEIGHT + 40, tuple(bars),
                 tuple((colour, label) for _, colour, label in SEGMENTS))
