"""Reports: module results for coordinators (per learner, per question), with CSV and charts.

Layout::

    reports/
      queries.py     reads: learners' results per module, per-question figures, who sees what
      questions.py   per-question aggregation of recorded answers (no database)
      chart.py       the per-question chart's geometry (server-side SVG, drawn by a template)
      export.py      the results as CSV, formula cells neutralised
      views.py       thin pages; templates/reports/

Who sees what: coordinators and admins every learner; a national coordinator only their own
administration's learners (a filter for another administration is refused with 403).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def init_app(app: Flask) -> None:
    """Register the reports pages (their menu entry is in ``lms_bridge.menu``)."""
    from .views import blueprint

    app.register_blueprint(blueprint)
