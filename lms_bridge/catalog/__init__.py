"""Modules, their package versions, the content store; import, publish, export; module
sources for customisation (``sources``)."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def init_app(app: Flask) -> None:
    """The catalog's pages, the content routes (and those of a separate content origin)."""
    from .content import blueprint as content
    from .editions import edition_name
    from .content_origin import blueprint as content_origin
    from .labels import catalog_label
    from .sources import init_app as init_sources
    from .views import blueprint as catalog

    app.register_blueprint(catalog)
    app.register_blueprint(content)
    app.register_blueprint(content_origin)
    init_sources(app)
    app.add_template_filter(catalog_label, "catalog_label")
    app.jinja_env.filters["edition_name"] = edition_name
