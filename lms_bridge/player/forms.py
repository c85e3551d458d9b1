"""Player forms (Flask-WTF: every one carries a CSRF token)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import DataRequired, Length, Optional, Regexp

# The navigation requests a learner may make from the player (adl.nav.request syntax).
NAV_REQUEST = Regexp(
    r"^(continue|previous|exit|exitAll|abandon|abandonAll|suspendAll|\{target=[^{}]+\}choice)$",
    message=_l("Not a navigation request."))


class NavigationForm(FlaskForm):
    request = StringField(_l("Navigation"), validators=[DataRequired(), Length(max=1100), NAV_REQUEST])


class NewAttemptForm(FlaskForm):
    """"Start a new attempt": closes the open attempt and starts the next (a POST, so a link
    from another site cannot use up a learner's attempts)."""
    # the edition the new attempt takes (empty: the learner's own, by the edition rule)
    edition = HiddenField(validators=[Optional(), Length(max=16)])
