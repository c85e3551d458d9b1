"""Monitoring sheets: training delivered at home, by page or CSV, and their validation."""
from __future__ import annotations

from flask import Response, flash, redirect, render_template, url_for
from flask_babel import format_date, gettext as _, ngettext
from flask_login import login_required

from ...accounts.permissions import Action, require
from ...security import signed_in_user
from .. import operations, queries
from ..export import training_csv
from ..forms import TrainingForm, UploadForm, ValidationForm
from ..labels import label
from ..sheets import COLUMNS, CONFIRM_ABOVE, Session
from ..vocabulary import Audience, Field
from . import blueprint, first_error


def _page(form: TrainingForm, upload: UploadForm, status: int = 200):
    user = signed_in_user()
    return render_template("experts/monitoring.html", form=form, upload=upload,
                           records=queries.training_of(user.id), confirm_above=CONFIRM_ABOVE,
                           columns=COLUMNS), status


@blueprint.get("/monitoring")
@login_required
def monitoring():
    require(signed_in_user(), Action.RECORD_TRAINING)
    return _page(TrainingForm(), UploadForm())


@blueprint.post("/monitoring")
@login_required
def record_training():
    user = signed_in_user()
    require(user, Action.RECORD_TRAINING)
    form = TrainingForm()
    if not form.validate_on_submit():
        return _page(form, UploadForm(), 400)
    session = Session(form.held_on.data, Field[form.field.data], Audience[form.audience.data],
                      form.participants.data, form.women.data, form.men.data,
                      form.place.data.strip(), form.language.data)
    operations.record_training(user, session, confirmed=bool(form.confirm.data))
    flash(_("Session of %(day)s recorded; your national coordinator will validate it.",
            day=format_date(session.held_on)))
    return redirect(url_for("experts.monitoring"))


@blueprint.post("/monitoring/upload")
@login_required
def upload_training():
    form = UploadForm()
    if not form.validate_on_submit():
        raise first_error(form)
    added, known = operations.upload_training(signed_in_user(), form.sheet.data.read(),
                                              bool(form.confirm.data))
    flash(ngettext("%(num)d session(s) added, %(known)d already recorded.",
                   "%(num)d session(s) added, %(known)d already recorded.", added, known=known))
    return redirect(url_for("experts.monitoring"))


@blueprint.get("/monitoring/template.csv")
@login_required
def monitoring_template():
    require(signed_in_user(), Action.RECORD_TRAINING)
    body = ",".join(COLUMNS) + "\r\n2026-03-02,HS classification,customs,25,12,13,Seoul,en\r\n"
    return Response(body, mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="monitoring-sheet.csv"'})


@blueprint.get("/monitoring.csv")
@login_required
def monitoring_export():
    user = signed_in_user()
    require(user, Action.RECORD_TRAINING)
    return Response(training_csv(queries.training_of(user.id)), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="my-training.csv"'})


@blueprint.get("/monitoring/validation")
@login_required
def validation_queue():
    user = signed_in_user()
    require(user, Action.LIST_TRAINING_TO_VALIDATE)
    return render_template("experts/validation.html", records=queries.validation_queue(user),
                           form=ValidationForm())


@blueprint.post("/monitoring/<int:record_id>/validation")
@login_required
def validate(record_id: int):
    form = ValidationForm()
    if not form.validate_on_submit():
        raise first_error(form)
    row = operations.validate_training(signed_in_user(), record_id,
                                       form.decision.data == "validate", form.reason.data or "")
    flash(_("%(name)s, %(day)s: %(status)s.", name=row.trainer.display_name,
            day=format_date(row.held_on), status=label(row.status)))
    return redirect(url_for("experts.validation_queue"))
