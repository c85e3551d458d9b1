"""Experts page forms (Flask-WTF: every one carries a CSRF token)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (BooleanField, DateField, IntegerField, RadioField, SelectChoice, SelectField,
                     SelectMultipleField, StringField, TextAreaField)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..accounts.forms import LANGUAGES
from .labels import LABELS
from .states import AccreditationStatus
from .vocabulary import SCALE, Audience, Criterion, Evaluation, Field, MissionRole, ParticipantOutcome


def _choices(enum_cls) -> list[SelectChoice]:
    """The members as choices: the name is sent, the label (in the reader's language) shown."""
    return [SelectChoice(member.name, LABELS[member]) for member in enum_cls]


class SetupForm(FlaskForm):
    field = SelectField(_l("Field the workshop accredits in"), choices=_choices(Field))
    required_cofacilitations = IntegerField(
        _l("Missions as co-facilitator needed before full accreditation"), default=2,
        validators=[DataRequired(), NumberRange(1, 10)])
    pledge_weeks = IntegerField(_l("Weeks of availability asked"), default=12,
                                validators=[DataRequired(), NumberRange(1, 52)])
    pledge_years = IntegerField(_l("Over how many years"), default=3,
                                validators=[DataRequired(), NumberRange(1, 10)])
    assessors = SelectMultipleField(_l("Resource persons who assess"), coerce=int)


class SubjectsForm(FlaskForm):
    subjects = TextAreaField(_l("Lesson subjects, one per line"),
                             validators=[DataRequired(), Length(max=20000)])


class DrawForm(FlaskForm):
    seed = StringField(_l("Seed (leave empty for a random one; it is recorded)"),
                       validators=[Length(max=64)])


class AttendanceForm(FlaskForm):
    attended = RadioField(_l("Attendance"), choices=[SelectChoice("yes", _l("present")),
                                                     SelectChoice("no", _l("absent"))],
                          validators=[DataRequired()])


SCORES = [SelectChoice(str(n), str(n)) for n in SCALE]


class AssessmentForm(FlaskForm):
    technical = RadioField(LABELS[Criterion.TECHNICAL], choices=SCORES,
                           validators=[DataRequired()])
    technical_note = TextAreaField(_l("Notes"), validators=[Length(max=4000)])
    training = RadioField(LABELS[Criterion.TRAINING], choices=SCORES, validators=[DataRequired()])
    training_note = TextAreaField(_l("Notes"), validators=[Length(max=4000)])
    international = RadioField(LABELS[Criterion.INTERNATIONAL], choices=SCORES,
                               validators=[DataRequired()])
    international_note = TextAreaField(_l("Notes"), validators=[Length(max=4000)])


class OutcomeForm(FlaskForm):
    outcome = RadioField(_l("Outcome"), choices=_choices(ParticipantOutcome),
                         validators=[DataRequired()])
    guidance = TextAreaField(_l("Guidance note (sent to the person and their national "
                                "coordinator when not successful)"), validators=[Length(max=8000)])


class AccreditationForm(FlaskForm):
    status = SelectField(_l("New status"), choices=_choices(AccreditationStatus))
    reason = TextAreaField(_l("Why"), validators=[DataRequired(), Length(max=2000)])


class MissionForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    host = SelectField(_l("Host administration"), coerce=int)
    field = SelectField(_l("Field"), choices=_choices(Field))
    starts_on = DateField(_l("First day"), validators=[DataRequired()])
    ends_on = DateField(_l("Last day"), validators=[DataRequired()])
    language = SelectField(_l("Language"), choices=LANGUAGES, default="en")
    experts_needed = IntegerField(_l("Experts needed"), default=2,
                                  validators=[DataRequired(), NumberRange(1, 20)])


class InterestForm(FlaskForm):
    expert = SelectField(_l("For"), coerce=int)


class ProposalForm(FlaskForm):
    # The operation checks the person (accreditation, overlap, pledge) and says what is wrong.
    expert = SelectField(_l("Expert"), coerce=int, validate_choice=False)
    role = SelectField(_l("Role"), choices=_choices(MissionRole))


class ReleaseForm(FlaskForm):
    decision = RadioField(_l("Decision"), choices=[SelectChoice("release", _l("release")),
                                               SelectChoice("refuse", _l("do not release"))],
                          validators=[DataRequired()])
    reason = TextAreaField(_l("Reason (needed when not released)"), validators=[Length(max=2000)])


class HeldForm(FlaskForm):
    people_trained = IntegerField(_l("People trained"), validators=[NumberRange(0, 10000)])
    report = TextAreaField(_l("Short report"), validators=[Length(max=8000)])


class ResultForm(FlaskForm):
    days_given = IntegerField(_l("Days given"), validators=[DataRequired(), NumberRange(1, 91)])
    evaluation = RadioField(_l("Evaluation"), choices=_choices(Evaluation),
                            validators=[DataRequired()])
    note = TextAreaField(_l("Evaluation notes"), validators=[Length(max=4000)])


class TrainingForm(FlaskForm):
    held_on = DateField(_l("Date"), validators=[DataRequired()])
    field = SelectField(_l("Field"), choices=_choices(Field))
    audience = SelectField(_l("Audience"), choices=_choices(Audience))
    participants = IntegerField(_l("Participants"), validators=[DataRequired()])
    women = IntegerField(_l("of whom women (if known)"), validators=[Optional()])
    men = IntegerField(_l("of whom men (if known)"), validators=[Optional()])
    place = StringField(_l("Place"), validators=[DataRequired(), Length(max=200)])
    language = SelectField(_l("Language"), choices=LANGUAGES, default="en")
    confirm = BooleanField(_l("Yes, this many participants is right"))


class UploadForm(FlaskForm):
    sheet = FileField(_l("Monitoring sheet (CSV)"), validators=[FileRequired()])
    confirm = BooleanField(_l("Large sessions in this file are right"))


class ValidationForm(FlaskForm):
    decision = RadioField(_l("Decision"), choices=[SelectChoice("validate", _l("validate")),
                                               SelectChoice("reject", _l("reject"))],
                          validators=[DataRequired()])
    reason = TextAreaField(_l("Reason (needed to reject)"), validators=[Length(max=2000)])


class LanguagesForm(FlaskForm):
    languages = SelectMultipleField(_l("Working languages"), choices=LANGUAGES,
                                    validators=[DataRequired(message=_l("Choose a language."))])
