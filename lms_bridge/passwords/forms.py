"""Password forms: ask for a reset link, set a new password from it, change a password."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from ..accounts.forms import EMAIL, _strip
from ..accounts.operations import MIN_PASSWORD_LENGTH


def _new_password() -> PasswordField:
    return PasswordField(_l("New password"), validators=[
        DataRequired(message=_l("Choose a new password.")),
        Length(min=MIN_PASSWORD_LENGTH, max=200,
               message=_l("Use at least %(count)d characters.", count=MIN_PASSWORD_LENGTH))])


def _confirm() -> PasswordField:
    return PasswordField(_l("Repeat the new password"), validators=[
        DataRequired(message=_l("Repeat the new password.")),
        EqualTo("new_password", message=_l("The two passwords differ."))])


class ForgotForm(FlaskForm):
    email = StringField(_l("Your e-mail"), filters=[_strip],
                        validators=[DataRequired(message=_l("Give your e-mail.")),
                                    Length(max=254), EMAIL])


class ResetForm(FlaskForm):
    new_password = _new_password()
    confirm = _confirm()


class ChangeForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[
        DataRequired(message=_l("Give your current password.")), Length(max=200)])
    new_password = _new_password()
    confirm = _confirm()
