"""Experts: from selected candidate to accredited expert (issue 15).

Workshop outcome (lesson subjects drawn by lot, assessment on three criteria, pre-accreditation
or guidance), the accreditation register, missions of the experts' requirement matrix released
by national coordinators, the availability pledge, monitoring sheets of training delivered,
and the programme report.
"""
from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the experts pages and their menu entries."""
    from ..accounts.permissions import Action
    from ..navigation import NAV_LINKS
    from .views import blueprint

    app.register_blueprint(blueprint)
    entries = [("Workshop outcomes", "experts.workshop_outcomes", Action.LIST_WORKSHOP_OUTCOMES),
               ("Experts", "experts.register", Action.SEARCH_EXPERTS),
               ("Missions", "experts.missions", Action.LIST_MISSIONS),
               ("Releases", "experts.releases", Action.LIST_RELEASES),
               ("Sheets to validate", "experts.validation_queue", Action.LIST_TRAINING_TO_VALIDATE),
               ("My expert record", "experts.my_record", Action.RECORD_TRAINING),
               ("Training delivered", "experts.monitoring", Action.RECORD_TRAINING),
               ("Programme report", "experts.programme_report_page", Action.VIEW_PROGRAMME_REPORT)]
    for entry in entries:
        if entry not in NAV_LINKS:
            NAV_LINKS.append(entry)
