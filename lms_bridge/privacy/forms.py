"""The erasure form: a reason is required (it goes into the audit trail)."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length


class EraseForm(FlaskForm):
    reason = TextAreaField("Reason for the erasure (the person's request, its date and reference)",
                           validators=[DataRequired(message="Give a reason for the erasure."),
                                       Length(max=2000)])
