"""Privacy pages: the public notice, and a person's export and erasure (admins)."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ..accounts.models import User
from ..accounts.permissions import Action, require
from ..db import db
from ..errors import LmsBridgeError, NotFound
from ..security import signed_in_user
from .forms import EraseForm
from .models import Erasure
from .operations import erase
from .queries import export_zip

blueprint = Blueprint("privacy", __name__, template_folder="templates")


@blueprint.get("/privacy")
def notice():
    return render_template("privacy/notice.html",
                           retention_years=current_app.config["RETENTION_YEARS"])


def _person(user_id: int) -> User:
    require(signed_in_user(), Action.MANAGE_PEOPLE)
    person = db.session.get(User, user_id)
    if person is None:
        raise NotFound(_("There is no person %(id)s.", id=user_id))
    return person


@blueprint.get("/admin/users/<int:user_id>/export")
@login_required
def export(user_id: int):
    person = _person(user_id)
    return Response(export_zip(person.id), mimetype="application/zip", headers={
        "Content-Disposition": f'attachment; filename="person-{person.id}.zip"'})


@blueprint.route("/admin/users/<int:user_id>/erase", methods=["GET", "POST"])
@login_required
def erase_person(user_id: int):
    person = _person(user_id)
    form = EraseForm()
    erasure = db.session.get(Erasure, person.id)
    error, status = None, 200
    if erasure is None and form.validate_on_submit():
        try:
            erase(signed_in_user(), person.id, form.reason.data)
        except LmsBridgeError as exc:
            db.session.rollback()
            error, status = exc.message, exc.status
        else:
            flash(_("The person was erased. Their account stays, deactivated, under a "
                    "pseudonym."))
            return redirect(url_for("accounts.person", user_id=person.id))
    elif form.errors:
        status = 400
    return render_template("privacy/erase.html", person=person, form=form, erasure=erasure,
                           error=error), status
