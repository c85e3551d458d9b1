"""Sign-in sessions, CSRF protection and response headers for the pages.

Infrastructure under the domains: it imports none of them. ``accounts`` registers the session
user loader (``accounts.sessions``) when the app is made.
"""
from __future__ import annotations

from typing import Any

from flask import Flask, Request, g, request
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFProtect

from .errors import InvalidInput

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


def signed_in_user() -> Any:
    """The person behind this request (an ``accounts`` User, whose loader ``accounts`` registers
    here: security is below the domains and imports none of them): the API's token user, or the
    page session's user; None when nobody is signed in."""
    api_user = g.get("api_user")
    if api_user is not None:
        return api_user
    # The User itself, not Flask-Login's proxy: handing the proxy to login_user() made it its
    # own target, and the next read of current_user recursed until the interpreter crashed.
    return current_user._get_current_object() if current_user.is_authenticated else None


def init_security(app: Flask) -> None:
    app.session_interface = PageSessionInterface()
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    # Flask-Login flashes login_message through localize_callback: str() of the lazy string
    # translates it in the request's language.
    login_manager.login_message = _l("Sign in to see this page.")
    login_manager.localize_callback = str
    login_manager.session_protection = "strong"
    csrf.init_app(app)

    @app.before_request
    def _refuse_nul():
        """A NUL character cannot be stored (PostgreSQL refuses it in text): a 400 naming the
        field, before any view sees it. Multipart uploads are left to their views' limits."""
        sources = [request.args]
        if request.mimetype == "application/x-www-form-urlencoded":
            sources.append(request.form)
        for source in sources:
            for name, value in source.items(multi=True):
                if "\x00" in value or "\x00" in name:
                    raise InvalidInput(_("The field %(name)s contains a NUL character, which "
                                         "cannot be stored.", name=repr(name)),
                                       [{"field": name, "problem": "NUL"}])

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
