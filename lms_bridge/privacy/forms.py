"""The erasure form: a reason is required (it goes into the audit trail)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length


class EraseForm(FlaskForm):
    reason = TextAreaField(_l("Reason for the erasure (the person's request, its date and "
                              "reference)"),
                           validators=[DataRequired(message=_l("Give a reason for the erasure.")),
                                       Length(max=2000)])
