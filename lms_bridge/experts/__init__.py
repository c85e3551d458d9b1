"""Experts: from selected candidate to accredited expert (issue 15).

Workshop outcome (lesson subjects drawn by lot, assessment on three criteria, pre-accreditation
or guidance), the accreditation register, missions of the experts' requirement matrix released
by national coordinators, the availability pledge, monitoring sheets of training delivered,
and the programme report.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def init_app(app: Flask) -> None:
    """Register the experts pages (their menu entries are in ``lms_bridge.menu``)."""
    from .views import blueprint

    app.register_blueprint(blueprint)
