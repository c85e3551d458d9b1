"""Changing and removing workshops and their prerequisites (training coordinators); every
change re-evaluates the workshop's candidates and is audited (``operations``)."""
from __future__ import annotations

from functools import partial

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ..accounts.permissions import Action, require
from ..errors import InvalidInput, keep_form
from ..security import signed_in_user
from . import operations
from .forms import PrerequisiteForm, RemoveForm, WorkshopForm
from .views import PREREQUISITE_FIELDS, prerequisite_form

blueprint = Blueprint("workshop_editing", __name__, template_folder="templates")

# The operations' field names that differ from the forms'.
_WORKSHOP_FIELDS = {"ends_at": "ends_on", "applications_close_at": "applications_close_on"}


def _coordinator():
    user = signed_in_user()
    require(user, Action.MANAGE_WORKSHOPS)
    return user


def _back_to(workshop_id: int):
    return redirect(url_for("eligibility.workshop", workshop_id=workshop_id))


@blueprint.route("/workshops/<int:workshop_id>/edit", methods=["GET", "POST"])
@login_required
def edit_workshop(workshop_id: int):
    user, workshop = _coordinator(), operations.get_workshop(workshop_id)
    form = WorkshopForm(data=WorkshopForm.data_of(workshop))
    page = partial(render_template, "eligibility/workshop_form.html", form=form,
                   workshop=workshop, remove_form=RemoveForm())
    keep_form(form, page, _WORKSHOP_FIELDS)
    if form.validate_on_submit():
        operations.update_workshop(user, workshop_id, form.spec())
        flash(_("Workshop changed; every candidate was re-evaluated."))
        return _back_to(workshop_id)
    return page(), 400 if form.errors else 200


@blueprint.post("/workshops/<int:workshop_id>/remove")
@login_required
def remove_workshop(workshop_id: int):
    user = _coordinator()
    if not RemoveForm().validate_on_submit():
        raise InvalidInput(_("The form expired; reload the page and try again."))
    title = operations.remove_workshop(user, workshop_id)
    flash(_("Workshop '%(title)s' removed.", title=title))
    return redirect(url_for("eligibility.workshops"))


@blueprint.route("/workshops/<int:workshop_id>/prerequisites/<int:prerequisite_id>/edit",
                 methods=["GET", "POST"])
@login_required
def edit_prerequisite(workshop_id: int, prerequisite_id: int):
    user = _coordinator()
    row = operations.get_prerequisite(workshop_id, prerequisite_id)
    form: PrerequisiteForm = prerequisite_form(data=PrerequisiteForm.data_of(row))
    page = partial(render_template, "eligibility/prerequisite_form.html", form=form,
                   workshop=row.workshop, prerequisite=row, remove_form=RemoveForm())
    keep_form(form, page, PREREQUISITE_FIELDS)
    if form.validate_on_submit():
        operations.update_prerequisite(user, workshop_id, prerequisite_id, form.spec())
        flash(_("Prerequisite '%(label)s' changed; every candidate was re-evaluated.",
                label=form.label.data))
        return _back_to(workshop_id)
    return page(), 400 if form.errors else 200


@blueprint.post("/workshops/<int:workshop_id>/prerequisites/<int:prerequisite_id>/remove")
@login_required
def remove_prerequisite(workshop_id: int, prerequisite_id: int):
    user = _coordinator()
    if not RemoveForm().validate_on_submit():
        raise InvalidInput(_("The form expired; reload the page and try again."))
    label = operations.remove_prerequisite(user, workshop_id, prerequisite_id)
    flash(_("Prerequisite '%(label)s' removed; every candidate was re-evaluated.",
            label=label))
    return _back_to(workshop_id)
