"""Catalog page forms (Flask-WTF: every one carries a CSRF token)."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Regexp, URL

SLUG_RULE = Regexp(r"^[a-z0-9][a-z0-9-]{0,98}[a-z0-9]$",
                   message="Use 2 to 100 lower-case letters, digits and hyphens.")


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class ImportForm(FlaskForm):
    module = StringField("Module (slug, e.g. hs-classification)", filters=[_strip],
                         validators=[DataRequired(), Length(max=100), SLUG_RULE])
    # The file is checked by the import itself (a clear 400 when missing, 422 when refused).
    package = FileField("SCORM package (.zip)")


class UrlImportForm(FlaskForm):
    module = StringField("Module (slug)", filters=[_strip],
                         validators=[DataRequired(), Length(max=100), SLUG_RULE])
    url = StringField("Package URL", filters=[_strip],
                      validators=[DataRequired(), Length(max=2000), URL(require_tld=False)])
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
