"""Catalog page forms (Flask-WTF: every one carries a CSRF token)."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (BooleanField, DecimalField, IntegerField, SelectChoice, SelectField,
                     StringField, TextAreaField)
from wtforms.validators import (URL, DataRequired, Length, NumberRange, Optional, Regexp,
                                StopValidation, ValidationError)

from .settings import MAX_ATTEMPTS
from .url_import import url_problem

SLUG_RULE = Regexp(r"^[a-z0-9][a-z0-9-]{0,98}[a-z0-9]$",
                   message="Use 2 to 100 lower-case letters, digits and hyphens.")


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class ImportForm(FlaskForm):
    module = StringField("Module (slug, e.g. hs-classification)", filters=[_strip],
                         validators=[DataRequired(), Length(max=100), SLUG_RULE])
    # The file is checked by the import itself (a clear 400 when missing, 422 when refused).
    package = FileField("SCORM package (.zip)")


def _usable_package_url(form, field) -> None:
    # The same rule as the import itself, so that the page says exactly what is wrong (port,
    # [IPv6] host) where WTForms' URL() says only "Invalid URL.", shown after this one.
    problem = url_problem(field.data or "")
    if problem is not None:
        raise ValidationError(f"This URL cannot be used: {problem}.")


class UrlImportForm(FlaskForm):
    module = StringField("Module (slug)", filters=[_strip],
                         validators=[DataRequired(), Length(max=100), SLUG_RULE])
    url = StringField("Package URL", filters=[_strip],
                      validators=[DataRequired(), Length(max=2000), _usable_package_url,
                                  URL(require_tld=False)])
    recheck = BooleanField("Re-check this URL regularly and import new versions as drafts",
                           default=True)


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class RetireForm(FlaskForm):
    reason = TextAreaField("Reason (kept in the audit log)", validators=[Length(max=2000)])


class ExportForm(FlaskForm):
    class Meta:
        csrf = False  # a GET download changes nothing

    scorm = SelectField("SCORM version", choices=[SelectChoice("2004", "SCORM 2004 4th Edition"),
                                                  SelectChoice("1.2", "SCORM 1.2")],
                        default="2004")
    lang = SelectField("Language")
    units = SelectField("Build", choices=[
        SelectChoice("single", "Single unit: the whole module as one SCO (recommended; Moodle)"),
        SelectChoice("per-lesson", "One SCO per lesson (for players that sequence SCOs)")],
        default="single")


def _choices(pairs):
    return [SelectChoice(value, label) for value, label in pairs]


RULE_CHOICES = _choices([
    ("Completed", "Completed: the learner finishes every part"),
    ("Passed", "Passed: the learner passes the assessment"),
    ("CompletedAndPassed", "Completed and passed: both"),
    ("CompletedOrPassed", "Completed or passed: either one"),
    ("NotApplicable", "Not applicable: launching the module is enough")])
FORCE_CHOICES = _choices([
    ("never", "Never: a launch continues the open attempt"),
    ("when_completed", "When the previous attempt is completed"),
    ("always", "Always: every launch starts a new attempt")])
GRADING_CHOICES = _choices([
    ("learning_objects", "Learning objects: share of parts completed or passed"),
    ("highest", "Highest score of the attempt's parts"),
    ("average", "Average score of the attempt's parts"),
    ("sum", "Sum of the scores of the attempt's parts")])
COUNT_CHOICES = _choices([
    ("highest", "Highest attempt"), ("average", "Average of all attempts"),
    ("first", "First attempt"), ("last_completed", "Last completed attempt")])


def _empty_to_none(value):
    return None if value in ("", None) else value


def _finite(form, field) -> None:
    # Decimal parses "NaN", "sNaN" and "Infinity"; NumberRange cannot compare a signalling NaN
    # (a 500), so these stop here with the range's own message.
    if field.data is not None and not field.data.is_finite():
        raise StopValidation("Enter a percentage from 0 to 100.")


class ModuleSettingsForm(FlaskForm):
    """Completion rule and attempt settings; cross-field rules are checked by the operation."""

    completion_rule = SelectField("Completion rule", choices=RULE_CHOICES)
    min_score = DecimalField("Minimum score (%)", places=None, filters=[_empty_to_none],
                             validators=[Optional(), _finite, NumberRange(min=0, max=100,
                                         message="Enter a percentage from 0 to 100.")])
    max_attempts = IntegerField("Maximum attempts", filters=[_empty_to_none],
                                validators=[Optional(), NumberRange(
                                    min=1, max=MAX_ATTEMPTS, message=(
                                        f"Enter 1 or more (at most {MAX_ATTEMPTS}), "
                                        "or leave empty."))])
    force_new_attempt = SelectField("Start a new attempt", choices=FORCE_CHOICES)
    lock_after_final = BooleanField("Lock the module after the final attempt")
    grading_method = SelectField("Grading method (one attempt)", choices=GRADING_CHOICES)
    attempts_count = SelectField("Attempts count (which attempt is the module's grade)",
                                 choices=COUNT_CHOICES)
    auto_continue = BooleanField("Auto-continue to the next part (SCORM 1.2 only)")
