"""Catalog page forms (Flask-WTF: every one carries a CSRF token)."""
from __future__ import annotations

import re
import unicodedata

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (BooleanField, DecimalField, IntegerField, SelectChoice, SelectField,
                     StringField, TextAreaField)
from wtforms.validators import (URL, DataRequired, Length, NumberRange, Optional,
                                StopValidation, ValidationError)

from .editions import normalise_edition
from .settings import MAX_ATTEMPTS
from .url_import import url_problem

def _strip(value):
    return value.strip() if isinstance(value, str) else value


NEW_MODULE = "+new"  # the module choice that asks for a new module (never a slug: '+')


def slug_from_title(title: str) -> str:
    """The address of a new module titled ``title``: ASCII lower-case words joined by hyphens
    ("Valuation: the basics" -> "valuation-the-basics"), at most 100 characters."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:100].rstrip("-")


class ModuleChoiceForm(FlaskForm):
    """An existing module picked from the list, or a new one named by its title and confirmed:
    a typo can no longer create a module. The view fills ``module.choices`` (``with_modules``)."""
    module = SelectField(_l("Module"), validators=[DataRequired(message=_l("Choose a module."))])
    new_title = StringField(_l("Title of the new module"), filters=[_strip],
                            validators=[Length(max=300)])
    confirm_new = BooleanField(_l("Yes, create this new module"))
    id_prefix = ""  # two of these forms share the import page: their element ids must differ

    def with_modules(self, modules) -> "ModuleChoiceForm":
        for field in (self.module, self.new_title, self.confirm_new):
            field.id = self.id_prefix + field.name
        self.module.choices = [SelectChoice("", _("Choose a module…"))] + [
            SelectChoice(m.slug, f"{m.title} ({m.slug})") for m in modules] + [
            SelectChoice(NEW_MODULE, _("A new module (give its title below)"))]
        return self

    @property
    def new_slug(self) -> str:
        return slug_from_title(self.new_title.data or "")

    @property
    def chosen_slug(self) -> str:
        return self.new_slug if self.module.data == NEW_MODULE else self.module.data

    def validate_new_title(self, field) -> None:
        if self.module.data != NEW_MODULE:
            return
        if len(self.new_slug) < 2:
            raise StopValidation(_("Give the new module a title (at least two letters or digits)."))
        if any(choice.value == self.new_slug for choice in self.module.choices):
            raise StopValidation(_("A module with the address '%(slug)s' exists already: pick "
                                   "it in the list.", slug=self.new_slug))

    def validate_confirm_new(self, field) -> None:
        if self.module.data == NEW_MODULE and len(self.new_slug) >= 2 and not field.data:
            raise StopValidation(_("The new module's address will be '%(slug)s': tick this "
                                   "box to create it.", slug=self.new_slug))


def _edition_code(form, field) -> None:
    if field.data and normalise_edition(field.data) is None:
        raise ValidationError(_l("Give a language such as en or fr, or a national variant such "
                                 "as en-KE (the language, a hyphen and the country code)."))


class ImportForm(ModuleChoiceForm):
    # The file is checked by the import itself (a clear 400 when missing, 422 when refused).
    package = FileField(_l("SCORM package (.zip)"))
    # Empty: the language the package's manifest declares, else the module's.
    language = StringField(_l("Edition (en, fr, or a national variant such as en-KE; empty: "
                              "the package's language, else the module's)"),
                           filters=[_strip], validators=[_edition_code])


def _usable_package_url(form, field) -> None:
    # The same rule as the import itself, so that the page says exactly what is wrong (port,
    # [IPv6] host) where WTForms' URL() says only "Invalid URL.", shown after this one.
    problem = url_problem(field.data or "")
    if problem is not None:
        raise ValidationError(_("This URL cannot be used: %(problem)s.", problem=problem))


class UrlImportForm(ModuleChoiceForm):
    id_prefix = "url-"
    url = StringField(_l("Package URL"), filters=[_strip],
                      validators=[DataRequired(), Length(max=2000), _usable_package_url,
                                  URL(require_tld=False)])
    recheck = BooleanField(_l("Re-check this URL regularly and import new versions as drafts"),
                           default=True)


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class RetireForm(FlaskForm):
    reason = TextAreaField(_l("Reason (kept in the audit log)"), validators=[Length(max=2000)])


class ExportForm(FlaskForm):
    class Meta:
        csrf = False  # a GET download changes nothing

    scorm = SelectField(_l("SCORM version"), choices=[SelectChoice("2004", _l("SCORM 2004 4th Edition")),
                                                  SelectChoice("1.2", "SCORM 1.2")],
                        default="2004")
    lang = SelectField(_l("Language"))
    units = SelectField(_l("Build"), choices=[
        SelectChoice("single", _l("Single unit: the whole module as one SCO (recommended; Moodle)")),
        SelectChoice("per-lesson", _l("One SCO per lesson (for players that sequence SCOs)"))],
        default="single")


def _choices(pairs):
    return [SelectChoice(value, label) for value, label in pairs]


RULE_CHOICES = _choices([
    ("Completed", _l("Completed: the learner finishes every part")),
    ("Passed", _l("Passed: the learner passes the assessment")),
    ("CompletedAndPassed", _l("Completed and passed: both")),
    ("CompletedOrPassed", _l("Completed or passed: either one")),
    ("NotApplicable", _l("Not applicable: launching the module is enough"))])
FORCE_CHOICES = _choices([
    ("never", _l("Never: a launch continues the open attempt")),
    ("when_completed", _l("When the previous attempt is completed")),
    ("always", _l("Always: every launch starts a new attempt"))])
GRADING_CHOICES = _choices([
    ("learning_objects", _l("Learning objects: share of parts completed or passed")),
    ("highest", _l("Highest score of the attempt's parts")),
    ("average", _l("Average score of the attempt's parts")),
    ("sum", _l("Sum of the scores of the attempt's parts"))])
COUNT_CHOICES = _choices([
    ("highest", _l("Highest attempt")), ("average", _l("Average of all attempts")),
    ("first", _l("First attempt")), ("last_completed", _l("Last completed attempt"))])


def _empty_to_none(value):
    return None if value in ("", None) else value


def _finite(form, field) -> None:
    # Decimal parses "NaN", "sNaN" and "Infinity"; NumberRange cannot compare a signalling NaN
    # (a 500), so these stop here with the range's own message.
    if field.data is not None and not field.data.is_finite():
        raise StopValidation(_("Enter a percentage from 0 to 100."))


class ModuleSettingsForm(FlaskForm):
    """Completion rule and attempt settings; cross-field rules are checked by the operation."""

    completion_rule = SelectField(_l("Completion rule"), choices=RULE_CHOICES)
    min_score = DecimalField(_l("Minimum score (%)"), places=None, filters=[_empty_to_none],
                             validators=[Optional(), _finite, NumberRange(min=0, max=100,
                                         message=_l("Enter a percentage from 0 to 100."))])
    max_attempts = IntegerField(_l("Maximum attempts"), filters=[_empty_to_none],
                                validators=[Optional(), NumberRange(
                                    min=1, max=MAX_ATTEMPTS, message=_l(
                                        "Enter 1 or more (at most %(most)d), or leave empty.",
                                        most=MAX_ATTEMPTS))])
    force_new_attempt = SelectField(_l("Start a new attempt"), choices=FORCE_CHOICES)
    lock_after_final = BooleanField(_l("Lock the module after the final attempt"))
    grading_method = SelectField(_l("Grading method (one attempt)"), choices=GRADING_CHOICES)
    attempts_count = SelectField(_l("Attempts count (which attempt is the module's grade)"),
                                 choices=COUNT_CHOICES)
    auto_continue = BooleanField(_l("Auto-continue to the next part (SCORM 1.2 only)"))
