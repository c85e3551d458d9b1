"""Designation forms: the designee by e-mail, the letter's reference and date, a reason to end."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..forms import EMAIL, _strip


def _designee_fields(cls):
    cls.email = StringField(_l("The person's e-mail"), filters=[_strip], validators=[
        DataRequired(message=_l("Give the e-mail of the person's account.")), Length(max=254),
        EMAIL])
    cls.reference = StringField(_l("Reference of the letter or note"), filters=[_strip],
                                validators=[DataRequired(message=_l(
                                    "Give the reference of the designation letter or note.")),
                                    Length(max=200)])
    cls.letter_date = DateField(_l("Date of the letter"), validators=[
        DataRequired(message=_l("Give the letter's date (for example 2026-03-02)."))])
    return cls


@_designee_fields
class DesignateForm(FlaskForm):
    administration = SelectField(_l("Administration"), coerce=int, validators=[
        DataRequired(message=_l("Choose the administration."))])


class EndForm(FlaskForm):
    reason = TextAreaField(_l("Reason"), description=_l("Kept in the history and the audit log."),
                           validators=[DataRequired(message=_l("Give a reason for ending it.")),
                                       Length(max=2000)])


@_designee_fields
class ReplaceForm(FlaskForm):
    reason = TextAreaField(_l("Reason for the replacement"), validators=[
        DataRequired(message=_l("Give a reason for the replacement.")), Length(max=2000)])
