"""Password pages: "forgot password", the reset link's page, and the signed-in change."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required, login_user

from ..errors import InvalidInput, LmsBridgeError
from ..security import signed_in_user
from ..accounts.permissions import Action, require
from . import operations
from .forms import ChangeForm, ForgotForm, ResetForm

blueprint = Blueprint("passwords", __name__, template_folder="templates")

_LONGEST_TOKEN = 100  # a real token has 43 characters; a longer one is refused unread


def _expired_form(form) -> bool:
    if "csrf_token" in form.errors:
        raise InvalidInput(_("The form expired; reload the page and try again."))
    return False


def _reset_link(token: str) -> str:
    """The link to send: on ``PUBLIC_URL`` when set, so that a forged Host header cannot send
    someone a link to another site (which would hand that site the token). The setting is not
    yet among ``config.SETTINGS`` (it needs its README line): pass it in the app's config."""
    public = current_app.config.get("PUBLIC_URL")
    if public:
        return public + url_for("passwords.reset_password", token=token)
    return url_for("passwords.reset_password", token=token, _external=True)


@blueprint.route("/password/forgot", methods=["GET", "POST"])
def forgot_password():
    form = ForgotForm()
    if form.validate_on_submit():
        operations.request_reset(form.email.data, _reset_link)
        # The same answer whether an account has this e-mail or not (no enumeration).
        return render_template("passwords/reset_sent.html", email=form.email.data)
    _expired_form(form)
    return render_template("passwords/forgot.html", form=form), 400 if form.errors else 200


@blueprint.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    if len(token) > _LONGEST_TOKEN:
        raise operations.ResetLinkInvalid()
    user = operations.check_reset_link(token)
    form = ResetForm()
    if form.validate_on_submit():
        operations.reset_password(token, form.new_password.data)
        flash(_("Your password is changed and every session signed in before has ended. "
                "Sign in with the new password."))
        return redirect(url_for("accounts.login"))
    _expired_form(form)
    page = render_template("passwords/reset.html", form=form, user=user)
    return page, 400 if form.errors else 200, {"Referrer-Policy": "no-referrer"}


@blueprint.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    user = signed_in_user()
    require(user, Action.CHANGE_OWN_PASSWORD)
    form = ChangeForm()
    if form.validate_on_submit():
        try:
            operations.change_password(user, form.current_password.data, form.new_password.data)
        except LmsBridgeError as exc:
            if not isinstance(exc, InvalidInput):
                raise
            field = exc.details[0]["field"] if exc.details else "current_password"
            getattr(form, field).errors = [exc.message]
            return render_template("passwords/password.html", form=form), 400
        login_user(user)  # this browser stays signed in, with the new session version
        flash(_("Your password is changed. Your other sessions have ended."))
        return redirect(url_for("accounts.home"))
    _expired_form(form)
    return render_template("passwords/password.html", form=form), 400 if form.errors else 200
