"""Users, roles, member administrations and regions, sign-in, API tokens, access requests, audit."""
from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """The account pages, and the accounts as the users of sign-in sessions."""
    from . import language as _language_pages  # noqa: F401  (routes on blueprint)
    from .designations import views as _designation_pages  # noqa: F401  (routes on blueprint)
    from .people import views as _people_pages  # noqa: F401
    from .sessions import init_sessions
    from .views import blueprint

    init_sessions()
    app.register_blueprint(blueprint)
