"""Designation forms: the designee by e-mail, the letter's reference and date, a reason to end."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..forms import EMAIL, _strip


def _designee_fields(cls):
    cls.email = StringField("The person's e-mail", filters=[_strip], validators=[
        DataRequired(message="Give the e-mail of the person's account."), Length(max=254), EMAIL])
    cls.reference = StringField("Reference of the letter or note", filters=[_strip], validators=[
        DataRequired(message="Give the reference of the designation letter or note."),
        Length(max=200)])
    cls.letter_date = DateField("Date of the letter", validators=[
        DataRequired(message="Give the letter's date (for example 2026-03-02).")])
    return cls


@_designee_fields
class DesignateForm(FlaskForm):
    administration = SelectField("Administration", coerce=int, validators=[
        DataRequired(message="Choose the administration.")])


class EndForm(FlaskForm):
    reason = TextAreaField("Reason", description="Kept in the history and the audit log.",
                           validators=[DataRequired(message="Give a reason for ending it."),
                                       Length(max=2000)])


@_designee_fields
class ReplaceForm(FlaskForm):
    reason = TextAreaField("Reason for the replacement", validators=[
        DataRequired(message="Give a reason for the replacement."), Length(max=2000)])
