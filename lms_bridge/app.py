"""The application factory."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask

from . import __version__
from .config import instance_path_from_env, load_settings
from .converters import init_converters
from .db import db
from .errors import register_error_handlers
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
    db.init_app(app)
    init_security(app)
    register_error_handlers(app)
    init_menu(app)
    _register_blueprints(app)
    init_ops(app)  # last: its middleware wraps everything, the commit entrance included
    return app


def _register_blueprints(app: Flask) -> None:
    from . import accounts
    from .api import blueprint as api

    accounts.init_app(app)
    app.register_blueprint(api, url_prefix="/api/v1")
    from .eligibility.views import blueprint as eligibility
    app.register_blueprint(eligibility)
    from .syncing.views import blueprint as syncing
    app.register_blueprint(syncing)
    from .catalog.content import blueprint as content
    from .catalog.views import blueprint as catalog

    app.register_blueprint(catalog)
    app.register_blueprint(content)
    from .catalog.content_origin import blueprint as content_origin
    from .player import init_app as init_player

    app.register_blueprint(content_origin)
    init_player(app)
