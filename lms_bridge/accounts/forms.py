"""Page forms (Flask-WTF: every one carries a CSRF token)."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, EqualTo, Length, Regexp

from ..i18n import LANGUAGES as INTERFACE_LANGUAGES
from .operations import MIN_PASSWORD_LENGTH

def _strip(value):
    return value.strip() if isinstance(value, str) else value


EMAIL = Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message="Enter an e-mail address like name@customs.example.")
LANGUAGES = [SelectChoice(code, name) for code, name in INTERFACE_LANGUAGES.items()]


class LoginForm(FlaskForm):
    email = StringField("E-mail", validators=[DataRequired(), Length(max=254), EMAIL],
                        filters=[_strip])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])


class RegisterForm(FlaskForm):
    display_name = StringField("Full name", validators=[DataRequired(), Length(max=200)],
                               filters=[_strip])
    email = StringField("Work e-mail", validators=[DataRequired(), Length(max=254), EMAIL],
                        filters=[_strip])
    administration = SelectField("Your administration", coerce=int,
                                 validators=[DataRequired(message="Choose your administration.")])
    job_title = StringField("Position", validators=[Length(max=200)])
    message = TextAreaField("Note for your national coordinator", validators=[Length(max=2000)])
    language = SelectField("Preferred language", choices=LANGUAGES, default="en")
    password = PasswordField("Password", validators=[
        DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200,
                               message=f"Use at least {MIN_PASSWORD_LENGTH} characters.")])
    confirm = PasswordField("Repeat the password", validators=[
        DataRequired(), EqualTo("password", message="The two passwords differ.")])


class DecisionForm(FlaskForm):
    decision = RadioField("Decision", choices=[SelectChoice("approve", "Approve"),
                                                    SelectChoice("reject", "Reject")],
                          validators=[DataRequired(message="Choose approve or reject.")])
    reason = TextAreaField("Reason", validators=[DataRequired(message="Give a reason."),
                                                 Length(max=2000)])


class TokenForm(FlaskForm):
    name = StringField("Token name", validators=[DataRequired(), Length(max=100)])


class ConfirmForm(FlaskForm):
    """A bare form for one-button actions: it only carries the CSRF token."""
