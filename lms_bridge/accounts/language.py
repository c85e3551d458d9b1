"""The interface language: the switcher on every page and the preference on the account page."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import force_locale, gettext as _, lazy_gettext as _l, refresh
from flask_login import login_required
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField
from wtforms.validators import AnyOf

from ..db import db
from ..errors import InvalidInput
from ..i18n import LANGUAGES, SESSION_KEY
from ..security import signed_in_user
from .blueprint import blueprint
from .operations import record_audit


class LanguageForm(FlaskForm):
    language = SelectField(_l("Preferred language"), choices=[SelectChoice(code, name) for code, name in LANGUAGES.items()],
                           validators=[AnyOf(list(LANGUAGES))])


def _back_to(target: str | None) -> str:
    """``target`` when it is a path on this site, else the start page (no open redirect)."""
    parts = urlsplit(target or "")
    if target and not parts.scheme and not parts.netloc and target.startswith("/") \
            and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("accounts.home")


def _choose(code: str) -> None:
    """Serve this browser in ``code`` from now on; a signed-in person keeps it as preference."""
    session[SESSION_KEY] = code
    user = signed_in_user()
    if user is not None and user.preferred_language != code:
        record_audit(user, "account.language", "user", user.id,
                     f"Preferred language {user.preferred_language} -> {code}")
        user.preferred_language = code
        db.session.commit()
    refresh()


@blueprint.post("/language")
def choose_language():
    code = request.form.get("language", "")
    if code not in LANGUAGES:
        raise InvalidInput(_("Choose one of the languages offered: %(codes)s.",
                             codes=", ".join(LANGUAGES)),
                           [{"field": "language", "problem": "not offered"}])
    _choose(code)
    return redirect(_back_to(request.form.get("next")))


@blueprint.route("/account", methods=["GET", "POST"])
@login_required
def account():
    user = signed_in_user()
    form = LanguageForm(language=user.preferred_language)
    if form.validate_on_submit():
        _choose(form.language.data)
        with force_locale(form.language.data):
            flash(_("Your preferred language is saved."))
        return redirect(url_for("accounts.account"))
    status = 400 if form.errors else 200
    return render_template("accounts/account.html", user=user, form=form), status
