"""The application factory."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask, Response, send_from_directory

from . import __version__
from .config import instance_path_from_env, load_settings
from .converters import init_converters
from .db import db
from .errors import register_error_handlers
from .i18n import init_app as init_i18n
from .menu import init_menu
from .ops import init_app as init_ops
from .security import init_security


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Create the app; ``config`` overrides settings (tests pass a database URL and paths)."""
    config = dict(config or {})
    instance_path = Path(config.pop("INSTANCE_PATH", None) or instance_path_from_env())
    instance_path.mkdir(parents=True, exist_ok=True)
    app = Flask(__name__, instance_path=str(instance_path), instance_relative_config=True)
    settings = load_settings(instance_path)
    settings.update(config)
    app.config.update(settings)
    app.config.update(
        MAX_CONTENT_LENGTH=app.config["MAX_REQUEST_BYTES"],
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=app.config["SESSION_COOKIE_SECURE"],
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,
        LMS_BRIDGE_VERSION=__version__,
    )
    logging.getLogger("lms_bridge").setLevel(app.config["LOG_LEVEL"])
    init_converters(app)
    init_i18n(app)
    db.init_app(app)
    init_security(app)
    register_error_handlers(app)
    init_menu(app)
    app.add_url_rule("/favicon.ico", "favicon", _favicon)
    for domain in _domains():
        domain.init_app(app)
    init_ops(app)  # last: its middleware wraps everything, the commit entrance included
    return app


def _favicon() -> Response:
    """The site icon where browsers look for it by default (pages also link it, as SVG)."""
    return send_from_directory(Path(__file__).parent / "static", "favicon.svg",
                               mimetype="image/svg+xml", max_age=86400)


def _domains() -> tuple:
    """The packages that make up the app, each with its ``init_app(app)`` (blueprints, hooks).

    Imported here, not at the top, because each imports the models and the models need the
    ``db`` object this module's callers configure first.
    """
    from . import (accounts, api, catalog, eligibility, experts, passwords, player, privacy, reports,
                   syncing)

    return (accounts, api, eligibility, syncing, catalog, player, experts, passwords, reports,
            privacy)
