"""Experts page forms (Flask-WTF: every one carries a CSRF token)."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (BooleanField, DateField, IntegerField, RadioField, SelectChoice, SelectField,
                     SelectMultipleField, StringField, TextAreaField)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..accounts.forms import LANGUAGES
from .states import AccreditationStatus
from .vocabulary import SCALE, Audience, Criterion, Evaluation, Field, MissionRole, ParticipantOutcome


def _choices(enum_cls) -> list[SelectChoice]:
    return [SelectChoice(member.name, member.value) for member in enum_cls]


class SetupForm(FlaskForm):
    field = SelectField("Field the workshop accredits in", choices=_choices(Field))
    required_cofacilitations = IntegerField(
        "Missions as co-facilitator needed before full accreditation", default=2,
        validators=[DataRequired(), NumberRange(1, 10)])
    pledge_weeks = IntegerField("Weeks of availability asked", default=12,
                                validators=[DataRequired(), NumberRange(1, 52)])
    pledge_years = IntegerField("Over how many years", default=3,
                                validators=[DataRequired(), NumberRange(1, 10)])
    assessors = SelectMultipleField("Resource persons who assess", coerce=int)


class SubjectsForm(FlaskForm):
    subjects = TextAreaField("Lesson subjects, one per line",
                             validators=[DataRequired(), Length(max=20000)])


class DrawForm(FlaskForm):
    seed = StringField("Seed (leave empty for a random one; it is recorded)",
                       validators=[Length(max=64)])


class AttendanceForm(FlaskForm):
    attended = RadioField("Attendance",
                          choices=[SelectChoice("yes", "present"), SelectChoice("no", "absent")],
                          validators=[DataRequired()])


SCORES = [SelectChoice(str(n), str(n)) for n in SCALE]


class AssessmentForm(FlaskForm):
    technical = RadioField(Criterion.TECHNICAL.value, choices=SCORES, validators=[DataRequired()])
    technical_note = TextAreaField("Notes", validators=[Length(max=4000)])
    training = RadioField(Criterion.TRAINING.value, choices=SCORES, validators=[DataRequired()])
    training_note = TextAreaField("Notes", validators=[Length(max=4000)])
    international = RadioField(Criterion.INTERNATIONAL.value, choices=SCORES,
                               validators=[DataRequired()])
    international_note = TextAreaField("Notes", validators=[Length(max=4000)])


class OutcomeForm(FlaskForm):
    outcome = RadioField("ParticipantOutcome", choices=_choices(ParticipantOutcome), validators=[DataRequired()])
    guidance = TextAreaField("Guidance note (sent to the person and their national coordinator "
                             "when not successful)", validators=[Length(max=8000)])


class AccreditationForm(FlaskForm):
    status = SelectField("New status", choices=_choices(AccreditationStatus))
    reason = TextAreaField("Why", validators=[DataRequired(), Length(max=2000)])


class MissionForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=300)])
    host = SelectField("Host administration", coerce=int)
    field = SelectField("Field", choices=_choices(Field))
    starts_on = DateField("First day", validators=[DataRequired()])
    ends_on = DateField("Last day", validators=[DataRequired()])
    language = SelectField("Language", choices=LANGUAGES, default="en")
    experts_needed = IntegerField("Experts needed", default=2,
                                  validators=[DataRequired(), NumberRange(1, 20)])


class InterestForm(FlaskForm):
    expert = SelectField("For", coerce=int)


class ProposalForm(FlaskForm):
    # The operation checks the person (accreditation, overlap, pledge) and says what is wrong.
    expert = SelectField("Expert", coerce=int, validate_choice=False)
    role = SelectField("Role", choices=_choices(MissionRole))


class ReleaseForm(FlaskForm):
    decision = RadioField("Decision", choices=[SelectChoice("release", "release"),
                                               SelectChoice("refuse", "do not release")],
                          validators=[DataRequired()])
    reason = TextAreaField("Reason (needed when not released)", validators=[Length(max=2000)])


class HeldForm(FlaskForm):
    people_trained = IntegerField("People trained", validators=[NumberRange(0, 10000)])
    report = TextAreaField("Short report", validators=[Length(max=8000)])


class ResultForm(FlaskForm):
    days_given = IntegerField("Days given", validators=[DataRequired(), NumberRange(1, 91)])
    evaluation = RadioField("Evaluation", choices=_choices(Evaluation),
                            validators=[DataRequired()])
    note = TextAreaField("Evaluation notes", validators=[Length(max=4000)])


class TrainingForm(FlaskForm):
    held_on = DateField("Date", validators=[DataRequired()])
    field = SelectField("Field", choices=_choices(Field))
    audience = SelectField("Audience", choices=_choices(Audience))
    participants = IntegerField("Participants", validators=[DataRequired()])
    women = IntegerField("of whom women (if known)", validators=[Optional()])
    men = IntegerField("of whom men (if known)", validators=[Optional()])
    place = StringField("Place", validators=[DataRequired(), Length(max=200)])
    language = SelectField("Language", choices=LANGUAGES, default="en")
    confirm = BooleanField("Yes, this many participants is right")


class UploadForm(FlaskForm):
    sheet = FileField("Monitoring sheet (CSV)", validators=[FileRequired()])
    confirm = BooleanField("Large sessions in this file are right")


class ValidationForm(FlaskForm):
    decision = RadioField("Decision", choices=[SelectChoice("validate", "validate"),
                                               SelectChoice("reject", "reject")],
                          validators=[DataRequired()])
    reason = TextAreaField("Reason (needed to reject)", validators=[Length(max=2000)])


class LanguagesForm(FlaskForm):
    languages = SelectMultipleField("Working languages", choices=LANGUAGES,
                                    validators=[DataRequired(message="Choose a language.")])
