"""The programme report's trend chart: people trained per half-year, as server-side SVG.

Geometry only (the template draws it, so labels go through autoescaping). The SVG scales to
its box (``viewBox`` with ``width: 100%``), so it never makes a narrow screen scroll sideways.
"""
from __future__ import annotations

from dataclasses import dataclass

from .report import ProgrammeReport

BAR_AREA = 200
BAR_WIDTH = 36
GAP = 18
SERIES = (("trained_at_home", "#0b4f8a", "trained at home"),
          ("trained_on_missions", "#1b5e20", "trained on missions"))


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    height: float
    colour: str
    value: int
    label: str


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, str], ...]
    legend: tuple[tuple[str, str], ...]


def trend_chart(report: ProgrammeReport) -> TrendChart:
    """Two bars per half-year (trained at home, trained on missions) on a common scale."""
    largest = max((p.figures[key] for p in report.periods for key, _, _ in SERIES), default=0) or 1
    bars, ticks = [], []
    for index, period in enumerate(report.periods):
        left = 40 + index * (2 * BAR_WIDTH + GAP)
        for offset, (key, colour, label) in enumerate(SERIES):
            value = period.figures[key]
            height = round(BAR_AREA * value / largest, 1)
            bars.append(Bar(left + offset * BAR_WIDTH, 20 + BAR_AREA - height, height, colour,
                            value, f"{period.label}: {value} {label}"))
        ticks.append((left + BAR_WIDTH, period.label))
    width = 40 + len(report.periods) * (2 * BAR_WIDTH + GAP) + 20
    return TrendChart(max(width, 300), BAR_AREA + 60, tuple(bars), tuple(ticks),
                      tuple((colour, label) for _, colour, label in SERIES))
