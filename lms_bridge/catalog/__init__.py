"""Modules, their package versions, the content store; import, publish, export."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def init_app(app: Flask) -> None:
    """The catalog's pages, the content routes (and those of a separate content origin)."""
    from .content import blueprint as content
    from .editions import edition_name
    from .content_origin import blueprint as content_origin
    from .views import blueprint as catalog

    app.register_blueprint(catalog)
    app.register_blueprint(content)
    app.register_blueprint(content_origin)
    app.jinja_env.filters["edition_name"] = edition_name
