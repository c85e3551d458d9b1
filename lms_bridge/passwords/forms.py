"""Password forms: ask for a reset link, set a new password from it, change a password."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from ..accounts.forms import EMAIL, _strip
from ..accounts.operations import MIN_PASSWORD_LENGTH


def _new_password() -> PasswordField:
    return PasswordField("New password", validators=[
        DataRequired(message="Choose a new password."),
        Length(min=MIN_PASSWORD_LENGTH, max=200,
               message=f"Use at least {MIN_PASSWORD_LENGTH} characters.")])


def _confirm() -> PasswordField:
    return PasswordField("Repeat the new password", validators=[
        DataRequired(message="Repeat the new password."),
        EqualTo("new_password", message="The two passwords differ.")])


class ForgotForm(FlaskForm):
    email = StringField("Your e-mail", filters=[_strip],
                        validators=[DataRequired(message="Give your e-mail."), Length(max=254),
                                    EMAIL])


class ResetForm(FlaskForm):
    new_password = _new_password()
    confirm = _confirm()


class ChangeForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[
        DataRequired(message="Give your current password."), Length(max=200)])
    new_password = _new_password()
    confirm = _confirm()
