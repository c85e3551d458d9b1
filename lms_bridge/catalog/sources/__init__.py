"""Module sources for customisation: download a module's source (module.yaml, lessons,
assessment, images) as a zip, upload it back edited as a new language edition or a national
variant, see what it changes, publish it.

Shape: ``models`` (the uploads kept), ``storage`` (where their files live), ``operations``
(checking and keeping an upload), ``queries``, ``forms``, ``views`` and ``templates``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def init_app(app: Flask) -> None:
    """Register the pages of module sources."""
    from .views import blueprint

    app.register_blueprint(blueprint)
