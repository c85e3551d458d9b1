"""Remote completion sources configured in the app: sources, mappings, runs, people to link."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def init_app(app: Flask) -> None:
    """The sync pages (sources, runs, people to link, CSV uploads)."""
    from . import upload_views  # noqa: F401  (adds the CSV report upload routes to the blueprint)
    from .views import blueprint

    app.register_blueprint(blueprint)
