"""Passwords: a one-time reset link sent by e-mail, and a signed-in change.

Its own package, not part of accounts, because the reset link is mailed through the outbox
(``eligibility.notifications``), which sits above accounts.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def init_app(app: Flask) -> None:
    """The forgot-password, reset and change-password pages."""
    from .views import blueprint

    app.register_blueprint(blueprint)
