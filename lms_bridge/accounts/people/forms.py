"""Forms of the people pages. Every change carries a reason (kept in the audit log)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from ..models import ROLE_LABELS, Role

REASON_HELP = _l("Kept in the audit log with the change.")


def _reason_field() -> TextAreaField:
    return TextAreaField(_l("Reason"), description=REASON_HELP, validators=[
        DataRequired(message=_l("Give a reason for this change.")), Length(max=2000)])


class ReasonForm(FlaskForm):
    """Deactivate or reactivate: only a reason."""

    reason = _reason_field()


class RolesForm(FlaskForm):
    roles = SelectMultipleField(
        _l("Roles"), choices=[SelectChoice(role.value, ROLE_LABELS[role]) for role in Role],
        widget=ListWidget(prefix_label=False), option_widget=CheckboxInput(),
        validators=[DataRequired(message=_l("Keep at least one role."))])
    reason = _reason_field()


class AdministrationForm(FlaskForm):
    administration = SelectField(_l("Administration"), coerce=int)
    reason = _reason_field()


class SearchForm(FlaskForm):
    """The list's filters (a GET form: no CSRF token, nothing changes)."""

    class Meta:
        csrf = False

    q = StringField(_l("Name or e-mail"), validators=[Length(max=200)])
    role = SelectField(_l("Role"))
    administration = SelectField(_l("Administration"))
    region = SelectField(_l("Region"))
    state = SelectField(_l("State"))
