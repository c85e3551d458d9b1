"""The programme report's trend chart: people trained per half-year, as server-side SVG.

Geometry and words in the reader's language (the template draws it, so labels go through
autoescaping). The SVG scales to
its box (``viewBox`` with ``width: 100%``), so it never makes a narrow screen scroll sideways.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _, lazy_gettext as _l

from ..i18n import format_number
from .report import ProgrammeReport, half_year_name

BAR_AREA = 200
BAR_WIDTH = 36
GAP = 18
SERIES = (("trained_at_home", "#0b4f8a", _l("trained at home")),
          ("trained_on_missions", "#1b5e20", _l("trained on missions")))


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    height: float
    colour: str
    value: str  # the number as the reader's language writes it
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
    largest = max((p.figures[key] for p in report.periods for key, _colour, _words in SERIES),
                  default=0) or 1
    bars, ticks = [], []
    for index, period in enumerate(report.periods):
        left = 40 + index * (2 * BAR_WIDTH + GAP)
        name = half_year_name(period.starts_on)
        for offset, (key, colour, words) in enumerate(SERIES):
            value = period.figures[key]
            height = round(BAR_AREA * value / largest, 1)
            bars.append(Bar(left + offset * BAR_WIDTH, 20 + BAR_AREA - height, height, colour,
                            format_number(value), _("%(period)s: %(count)s %(series)s",
                                                    period=name, count=format_number(value),
                                                    series=words)))
        ticks.append((left + BAR_WIDTH, name))
    width = 40 + len(report.periods) * (2 * BAR_WIDTH + GAP) + 20
    return TrendChart(max(width, 300), BAR_AREA + 60, tuple(bars), tuple(ticks),
                      tuple((colour, str(words)) for _key, colour, words in SERIES))
