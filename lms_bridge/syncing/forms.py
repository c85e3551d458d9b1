"""Sync admin forms. Credential fields are write-only: never pre-filled, never shown back."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (BooleanField, FloatField, IntegerField, PasswordField, SelectChoice,
                     SelectField, StringField, TextAreaField)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from .labels import LABELS
from .models import MatchBy


class SourceForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=[SelectChoice("moodle", _l("Moodle web services")),
                                        SelectChoice("xapi", _l("xAPI LRS"))])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=100)])
    url = StringField(_l("Address (https://…)"), validators=[DataRequired(), Length(max=500)])
    username = StringField(_l("LRS user (xAPI only)"), validators=[Length(max=200)])
    secret = PasswordField(_l("Token or password (never shown again)"),
                           validators=[DataRequired(), Length(max=500)])
    allow_private = BooleanField(_l("Allow a private or intranet address"))
    match_by = SelectField(_l("Recognise people by"),
                           choices=[SelectChoice(m.value, LABELS[m]) for m in MatchBy])
    schedule_minutes = IntegerField(_l("Sync every (minutes; empty: only on demand)"),
                                    validators=[Optional(), NumberRange(min=5, max=10080)])
    mappings = TextAreaField(_l("Courses: one REMOTE=module-slug per line"),
                             validators=[DataRequired(), Length(max=20000)])


class CredentialForm(FlaskForm):
    secret = PasswordField(_l("New token or password"), validators=[DataRequired(), Length(max=500)])


class LinkForm(FlaskForm):
    email = StringField(_l("Local person's e-mail"), validators=[DataRequired(), Length(max=254)])


class ReportUploadForm(FlaskForm):
    """A CSV completion report for a CSV source (created, uploads only, when the name is new)."""

    name = StringField(_l("Report source (an existing CSV source, or a new name)"),
                       validators=[DataRequired(), Length(max=100)])
    report = FileField(_l("CSV report (the template, or a Moodle completion or grades export)"))
    course_key = StringField(_l("Course the Moodle export is of (Moodle exports only)"),
                             validators=[Optional(), Length(max=200)])
    pass_threshold = FloatField(_l("Pass at this scaled grade, 0 to 1 (Moodle grades export only)"),
                                validators=[Optional(), NumberRange(min=0, max=1)])
    match_by = SelectField(_l("Recognise people by (new source)"),
                           choices=[SelectChoice(m.value, LABELS[m]) for m in MatchBy])
    mappings = TextAreaField(_l("Mappings if needed: one REMOTE=module-slug per line (a "
                                "template row naming a module slug needs none)"),
                             validators=[Optional(), Length(max=20000)])


class SyncNowForm(FlaskForm):
    full = BooleanField(_l("Full (re-read everything)"))


class BadMappingLine(ValueError):
    """A mapping line that is not REMOTE=slug; ``line`` is its number, for pages to word it."""

    def __init__(self, line: int) -> None:
        super().__init__(f"line {line}: write REMOTE=module-slug")
        self.line = line


def parse_mappings(text: str) -> list[tuple[str, str]]:
    """``REMOTE=slug`` lines -> pairs; raises BadMappingLine (a ValueError) naming the bad line."""
    pairs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        remote, sep, slug = line.rpartition("=")
        if not sep or not remote.strip() or not slug.strip():
            raise BadMappingLine(number)
        pairs.append((remote.strip(), slug.strip()))
    return pairs
