"""Sign-in sessions, CSRF protection and response headers for the pages."""
from __future__ import annotations

from flask import Flask, Request, g
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFProtect

from .accounts.models import User
from .db import db

login_manager = LoginManager()
csrf = CSRFProtect()

# Paths authenticated by a token in the body, never by the sign-in cookie.
SESSIONLESS_PATHS = ("/player/runtime/",)


class PageSessionInterface(SecureCookieSessionInterface):
    """Cookie sessions for the pages; the runtime calls get a null session: their cookie is
    neither read nor written (they are the hot path, and need no sign-in)."""

    def open_session(self, app: Flask, request: Request) -> SessionMixin | None:
        if request.path.startswith(SESSIONLESS_PATHS):
            return self.make_null_session(app)
        return super().open_session(app, request)


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    return user if user is not None and user.can_sign_in else None


def signed_in_user() -> User | None:
    """The person behind this request: the API's token user, or the page session's user."""
    api_user = g.get("api_user")
    if api_user is not None:
        return api_user
    return current_user if current_user.is_authenticated else None


def init_security(app: Flask) -> None:
    app.session_interface = PageSessionInterface()
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = "Sign in to see this page."
    login_manager.session_protection = "strong"
    csrf.init_app(app)

    @app.after_request
    def _headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if response.mimetype == "text/html":
            response.headers.setdefault(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                "script-src 'self'; frame-ancestors 'self'; form-action 'self'")
        return response
