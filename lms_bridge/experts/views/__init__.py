"""Experts pages: thin handlers (parse, call one operation or query, render)."""
from __future__ import annotations

from flask import Blueprint
from flask_babel import gettext as _

from ...errors import InvalidInput
from ..labels import label

blueprint = Blueprint("experts", __name__, template_folder="../templates",
                      static_folder="../static", static_url_path="/experts/static")


@blueprint.context_processor
def _words():
    """``label(value)``: an enum value in the reader's language (see ``experts.labels``)."""
    return {"label": label}


def first_error(form) -> InvalidInput:
    """The form's first problem as a 400 naming the field."""
    if not form.errors:
        return InvalidInput(_("The form expired; reload the page and try again."))
    name, problems = next(iter(form.errors.items()))
    label_text = getattr(form, name).label.text if hasattr(form, name) else name
    return InvalidInput(_("%(field)s: %(problem)s", field=label_text, problem=problems[0]),
                        [{"field": name, "problem": str(problems[0])}])


from . import missions, monitoring, people, reports, workshop  # noqa: E402,F401
