"""Experts pages: thin handlers (parse, call one operation or query, render)."""
from __future__ import annotations

from flask import Blueprint

from ...errors import InvalidInput

blueprint = Blueprint("experts", __name__, template_folder="../templates",
                      static_folder="../static", static_url_path="/experts/static")


def first_error(form) -> InvalidInput:
    """The form's first problem as a 400 naming the field."""
    if not form.errors:
        return InvalidInput("The form expired; reload the page and try again.")
    name, problems = next(iter(form.errors.items()))
    label = getattr(form, name).label.text if hasattr(form, name) else name
    return InvalidInput(f"{label}: {problems[0]}", [{"field": name, "problem": problems[0]}])


from . import missions, monitoring, people, reports, workshop  # noqa: E402,F401
