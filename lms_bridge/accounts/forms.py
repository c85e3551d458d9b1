"""Page forms (Flask-WTF: every one carries a CSRF token)."""
from __future__ import annotations

from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, EqualTo, Length, Regexp

from ..i18n import LANGUAGES as INTERFACE_LANGUAGES, current_language
from .operations import MIN_PASSWORD_LENGTH


def _strip(value):
    return value.strip() if isinstance(value, str) else value


EMAIL = Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
               message=_l("Enter an e-mail address like name@customs.example."))
LANGUAGES = [SelectChoice(code, name) for code, name in INTERFACE_LANGUAGES.items()]


def administration_choice(administration) -> str:
    """How an administration is offered in a list: its name and its region, translated."""
    return _("%(administration)s (%(region)s)", administration=administration.name,
             region=administration.region.label)


class LoginForm(FlaskForm):
    email = StringField(_l("E-mail"), validators=[DataRequired(), Length(max=254), EMAIL],
                        filters=[_strip])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


class RegisterForm(FlaskForm):
    display_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)],
                               filters=[_strip])
    email = StringField(_l("Work e-mail"), validators=[DataRequired(), Length(max=254), EMAIL],
                        filters=[_strip])
    administration = SelectField(_l("Your administration"), coerce=int, validators=[
        DataRequired(message=_l("Choose your administration."))])
    job_title = StringField(_l("Position"), validators=[Length(max=200)])
    message = TextAreaField(_l("Note for your national coordinator"),
                            validators=[Length(max=2000)])
    # Offered in the language the page is shown in: the person is reading it.
    language = SelectField(_l("Preferred language"), choices=LANGUAGES, default=current_language)
    password = PasswordField(_l("Password"), validators=[
        DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200, message=_l(
            "Use at least %(count)d characters.", count=MIN_PASSWORD_LENGTH))])
    confirm = PasswordField(_l("Repeat the password"), validators=[
        DataRequired(), EqualTo("password", message=_l("The two passwords differ."))])


class DecisionForm(FlaskForm):
    decision = RadioField(_l("Decision"), choices=[SelectChoice("approve", _l("Approve")),
                                                       SelectChoice("reject", _l("Reject"))],
                          validators=[DataRequired(message=_l("Choose approve or reject."))])
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(message=_l("Give a reason.")),
                                                 Length(max=2000)])


class TokenForm(FlaskForm):
    name = StringField(_l("Token name"), validators=[DataRequired(), Length(max=100)])


class ConfirmForm(FlaskForm):
    """A bare form for one-button actions: it only carries the CSRF token."""
