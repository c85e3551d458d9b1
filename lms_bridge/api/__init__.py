"""The JSON API under /api/v1: personal-token authentication, one error shape, OpenAPI.

``blueprint.py`` holds the blueprint and its authentication; each module below adds the routes
of one domain to it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import (accounts, catalog, catalog_sources, eligibility, experts, people, privacy, reports,
               sync_reports, syncing)
from .blueprint import blueprint

if TYPE_CHECKING:
    from flask import Flask

ROUTE_MODULES = (accounts, catalog, catalog_sources, eligibility, experts, people, privacy, reports,
                 sync_reports, syncing)


def init_app(app: Flask) -> None:
    """Register the API (every route module above is imported, so every route is on it)."""
    app.register_blueprint(blueprint, url_prefix="/api/v1")
