"""Workshops, prerequisites, applications and nominations; rules.py is the pure engine."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def init_app(app: Flask) -> None:
    """The eligibility pages (workshops, applications, nominations, the matrix, the outbox)."""
    from .views import blueprint
    from .workshop_views import blueprint as editing

    app.register_blueprint(blueprint)
    app.register_blueprint(editing)
