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

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the reports pages and their menu entry."""
    from ..accounts.permissions import Action
    from ..menu import MENU_LINKS
    from .views import blueprint

    app.register_blueprint(blueprint)
    entry = ("Results", "reports.modules", Action.VIEW_MODULE_RESULTS)
    if entry not in MENU_LINKS:
        MENU_LINKS.append(entry)
