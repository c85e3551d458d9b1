"""Designation pages (admins): the current coordinators and the history, designate, end, replace."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from wtforms import SelectChoice

from ...errors import InvalidInput, LmsBridgeError
from ...security import signed_in_user
from ..queries import find_by_email
from ..permissions import Action, require
from ..queries import administrations
from ..blueprint import blueprint
from . import operations, queries
from ..forms import administration_choice
from .forms import DesignateForm, EndForm, ReplaceForm


def _keep_typed(form, exc: LmsBridgeError) -> None:
    """Put the refusal beside the field it names (the e-mail when it names the person)."""
    named = [d.get("field") for d in exc.details if isinstance(d, dict)] if isinstance(
        exc.details, list) else []
    field = next((f for f in named if f and hasattr(form, f)),
                 "email" if hasattr(form, "email") else "reason")
    getattr(form, field).errors = list(getattr(form, field).errors or []) + [exc.message]


def _checked(form) -> bool:
    if form.validate_on_submit():
        return True
    if "csrf_token" in form.errors:
        raise InvalidInput(_("The form expired; reload the page and try again."))
    return False


@blueprint.route("/admin/designations", methods=["GET", "POST"])
@login_required
def designations():
    actor = signed_in_user()
    require(actor, Action.MANAGE_DESIGNATIONS)
    form = DesignateForm()
    form.administration.choices = [SelectChoice(0, _("— choose —"))] + [
        SelectChoice(a.id, administration_choice(a)) for a in administrations()]
    status = 400 if request.method == "POST" else 200
    if _checked(form):
        try:
            designation = operations.designate(actor, find_by_email(form.email.data).id,
                                               form.administration.data, form.reference.data,
                                               form.letter_date.data)
        except LmsBridgeError as exc:
            if exc.status in (401, 403):
                raise
            _keep_typed(form, exc)
            status = exc.status
        else:
            flash(_("%(name)s is now a national coordinator of %(administration)s.",
                    name=designation.user.display_name,
                    administration=designation.administration.name))
            return redirect(url_for("accounts.designations"))
    return render_template("accounts/designations.html", form=form,
                           rows=queries.designations()), status


def _designation_page(designation_id: int, status: int = 200, end_form=None, replace_form=None):
    require(signed_in_user(), Action.MANAGE_DESIGNATIONS)
    designation = queries.designation(designation_id)
    others = [d for d in queries.active_designations_of(designation.user_id) if d.id != designation.id]
    return render_template("accounts/designation.html", designation=designation,
                           last=not others, end_form=end_form or EndForm(formdata=None),
                           replace_form=replace_form or ReplaceForm(formdata=None),
                           history=queries.designations(designation.administration_id)), status


@blueprint.get("/admin/designations/<int:designation_id>")
@login_required
def designation(designation_id: int):
    return _designation_page(designation_id)


@blueprint.post("/admin/designations/<int:designation_id>/end")
@login_required
def end_designation(designation_id: int):
    actor = signed_in_user()
    require(actor, Action.MANAGE_DESIGNATIONS)
    queries.designation(designation_id)
    form = EndForm()
    if not _checked(form):
        return _designation_page(designation_id, 400, end_form=form)
    try:
        last = operations.end_designation(actor, designation_id, form.reason.data)
    except LmsBridgeError as exc:
        if exc.status in (401, 403):
            raise
        _keep_typed(form, exc)
        return _designation_page(designation_id, exc.status, end_form=form)
    flash(_("Designation ended. The person is no longer a national coordinator.") if last
          else _("Designation ended. The person still holds another designation."))
    return redirect(url_for("accounts.designation", designation_id=designation_id))


@blueprint.post("/admin/designations/<int:designation_id>/replace")
@login_required
def replace_designation(designation_id: int):
    actor = signed_in_user()
    require(actor, Action.MANAGE_DESIGNATIONS)
    queries.designation(designation_id)
    form = ReplaceForm()
    if not _checked(form):
        return _designation_page(designation_id, 400, replace_form=form)
    try:
        new = operations.replace_designation(actor, designation_id,
                                             find_by_email(form.email.data).id,
                                             form.reference.data, form.letter_date.data,
                                             form.reason.data)
    except LmsBridgeError as exc:
        if exc.status in (401, 403):
            raise
        _keep_typed(form, exc)
        return _designation_page(designation_id, exc.status, replace_form=form)
    flash(_("%(name)s now holds the designation.", name=new.user.display_name))
    return redirect(url_for("accounts.designation", designation_id=new.id))
