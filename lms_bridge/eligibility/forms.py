"""Eligibility page forms (Flask-WTF: every one carries a CSRF token)."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, FloatField, IntegerField, RadioField, SelectChoice,
                     SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..accounts.forms import LANGUAGES
from ..accounts.models import Region
from ..tracking.vocabulary import SourceKind
from .models import WorkshopKind
from .scoring import Criterion
from .vocabulary import PREREQUISITE_RULES


def _choices(members) -> list[SelectChoice]:
    return [SelectChoice(member.name, member.value) for member in members]


class WorkshopForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=300)])
    topic = StringField("Topic", validators=[Length(max=200)])
    kind = SelectField("Kind", choices=_choices(WorkshopKind))
    region = SelectField("Region", choices=_choices(Region))
    venue = StringField("Venue", validators=[Length(max=300)])
    host = StringField("Hosting regional office or training centre",
                       validators=[Length(max=300)])
    language = SelectField("Language", choices=LANGUAGES, default="en")
    capacity = IntegerField("Capacity (places)", validators=[DataRequired(), NumberRange(1, 10000)])
    starts_on = DateField("First day", validators=[DataRequired()])
    ends_on = DateField("Last day", validators=[DataRequired()])
    applications_open_on = DateField("Applications open on", validators=[DataRequired()])
    applications_close_on = DateField("Applications close on (prerequisites due)",
                                      validators=[DataRequired()])
    availability_commitment = TextAreaField("Availability commitment asked of candidates",
                                            validators=[Length(max=2000)])


class PrerequisiteForm(FlaskForm):
    label = StringField("Name of the prerequisite", validators=[DataRequired(), Length(max=300)])
    modules = SelectMultipleField("Module(s): any one of them will do",
                                  validators=[DataRequired(message="Choose a module.")])
    rule = SelectField("Rule (cmi5)", choices=_choices(PREREQUISITE_RULES))
    min_score = FloatField("Minimum score (%)", validators=[Optional(), NumberRange(0, 100)])
    recency_days = IntegerField("Completed within this many days before the start",
                                validators=[Optional(), NumberRange(1, 3650)])
    source_kinds = SelectMultipleField("Only these kinds of source count (none: all)",
                                       choices=_choices(SourceKind))
    source_labels = StringField("…or only these sources, by name (comma-separated)",
                                validators=[Length(max=500)])


class ApplicationFormBase(FlaskForm):
    motivation = TextAreaField("Why you apply", validators=[Length(max=5000)])
    availability = BooleanField("I commit to be available as stated")
    good_health = RadioField("I am in good health", choices=[SelectChoice("yes", "Yes"),
                                                             SelectChoice("no", "No")],
                             validators=[Optional()])
    save = SubmitField("Save the draft")
    submit = SubmitField("Submit the application")


# The only answers the good-health self-declaration stores (no field for details exists).
GOOD_HEALTH_ANSWERS = {"yes": True, "no": False}

RATINGS = [SelectChoice(str(n), label) for n, label in
           enumerate(["0 — none", "1 — basic", "2 — working", "3 — strong", "4 — expert"])]


def application_form_class() -> type[ApplicationFormBase]:
    """The form with one rating and one note per vocational criterion."""
    fields = {}
    for criterion in Criterion:
        label = criterion.value[0].upper() + criterion.value[1:]
        fields[f"rating_{criterion.name}"] = SelectField(f"{label}: your level", choices=RATINGS,
                                                         default="0")
        fields[f"note_{criterion.name}"] = TextAreaField(f"{label}: details",
                                                         validators=[Length(max=2000)])
    return type("ApplicationForm", (ApplicationFormBase,), fields)


class NominationForm(FlaskForm):
    decision = RadioField("Decision", choices=[SelectChoice("nominate", "Nominate"),
                                               SelectChoice("decline", "Do not nominate")],
                          validators=[DataRequired(message="Choose nominate or do not nominate.")])
    reason = TextAreaField("Reason", validators=[DataRequired(message="Give a reason."),
                                                 Length(max=2000)])


class SelectionForm(FlaskForm):
    decision = SelectField("Selection", choices=[SelectChoice("SELECTED", "selected"),
                                                 SelectChoice("WAITLISTED", "waitlisted"),
                                                 SelectChoice("NOT_SELECTED", "not selected")])
    reason = TextAreaField("Reason", validators=[DataRequired(message="Give a reason."),
                                                 Length(max=2000)])


class WithdrawForm(FlaskForm):
    reason = TextAreaField("Why you withdraw (optional)", validators=[Length(max=2000)])
    withdraw = SubmitField("Withdraw my application")
