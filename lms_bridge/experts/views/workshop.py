"""A workshop's outcome page: set-up, subjects and draw, attendance, assessment, outcome."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _, lazy_gettext as _l, ngettext
from flask_login import login_required
from wtforms import SelectChoice

from ...accounts.models import Role
from ...accounts.permissions import Action, can, require
from ...eligibility.models import Application, Workshop
from ...errors import Forbidden
from ...security import signed_in_user
from .. import operations, queries
from ..forms import (AssessmentForm, AttendanceForm, DrawForm, OutcomeForm, SetupForm,
                     SubjectsForm)
from ..labels import label
from ..operations.common import get_or_404
from ..vocabulary import Criterion, Field, ParticipantOutcome
from . import blueprint, first_error


def _back(workshop_id: int):
    return redirect(url_for("experts.workshop_outcome", workshop_id=workshop_id))


def _is_assessor(user, workshop_id: int) -> bool:
    setup = queries.setup_of(workshop_id)
    return bool(setup and (user.id in {u.id for u in setup.assessors}
                           or user.has_role(Role.ADMIN)))


def _setup_form(setup) -> SetupForm:
    form = SetupForm(data={"field": setup.field.name, "assessors": [u.id for u in setup.assessors],
                           "required_cofacilitations": setup.required_cofacilitations,
                           "pledge_weeks": setup.pledge_weeks,
                           "pledge_years": setup.pledge_years} if setup else None)
    form.assessors.choices = [SelectChoice(u.id, u.display_name)
                              for u in queries.resource_persons()]
    return form


@blueprint.get("/experts/workshops")
@login_required
def workshop_outcomes():
    user = signed_in_user()
    require(user, Action.LIST_WORKSHOP_OUTCOMES)
    return render_template("experts/workshops.html", rows=queries.outcome_workshops(user))


@blueprint.get("/experts/workshops/<int:workshop_id>")
@login_required
def workshop_outcome(workshop_id: int):
    user = signed_in_user()
    workshop = get_or_404(Workshop, workshop_id, _l("Workshop"))
    runs = can(user, Action.RUN_WORKSHOP_OUTCOME)
    if not runs and not (can(user, Action.ASSESS_PARTICIPANT) and _is_assessor(user, workshop_id)):
        raise Forbidden(_("Only the workshop's coordinators and resource persons see its outcome."))
    setup = queries.setup_of(workshop_id)
    return render_template(
        "experts/workshop.html", workshop=workshop, setup=setup, runs=runs,
        assesses=_is_assessor(user, workshop_id) and can(user, Action.ASSESS_PARTICIPANT),
        rows=queries.outcome_sheet(workshop_id) if setup else [],
        setup_form=_setup_form(setup), subjects_form=SubjectsForm(), draw_form=DrawForm(),
        attendance_form=AttendanceForm(), outcome_form=OutcomeForm(), outcomes=list(ParticipantOutcome))


@blueprint.post("/experts/workshops/<int:workshop_id>/setup")
@login_required
def setup_outcome(workshop_id: int):
    require(signed_in_user(), Action.RUN_WORKSHOP_OUTCOME)
    form = _setup_form(queries.setup_of(workshop_id))
    if not form.validate_on_submit():
        raise first_error(form)
    operations.setup_outcome(signed_in_user(), workshop_id, Field[form.field.data],
                             form.required_cofacilitations.data, form.pledge_weeks.data,
                             form.pledge_years.data, form.assessors.data)
    flash(_("Outcome set-up saved."))
    return _back(workshop_id)


@blueprint.post("/experts/workshops/<int:workshop_id>/subjects")
@login_required
def set_subjects(workshop_id: int):
    form = SubjectsForm()
    if not form.validate_on_submit():
        raise first_error(form)
    setup = operations.set_subjects(signed_in_user(), workshop_id, form.subjects.data.splitlines())
    flash(ngettext("%(num)d lesson subject(s) saved.", "%(num)d lesson subject(s) saved.",
                   len(setup.subjects)))
    return _back(workshop_id)


@blueprint.post("/experts/workshops/<int:workshop_id>/draw")
@login_required
def draw(workshop_id: int):
    form = DrawForm()
    if not form.validate_on_submit():
        raise first_error(form)
    plan = operations.draw_subjects(signed_in_user(), workshop_id, form.seed.data or None)
    flash(ngettext("Subjects drawn for %(num)d participant(s).",
                   "Subjects drawn for %(num)d participant(s).", len(plan)))
    return _back(workshop_id)


@blueprint.post("/experts/participants/<int:application_id>/attendance")
@login_required
def attendance(application_id: int):
    form = AttendanceForm()
    if not form.validate_on_submit():
        raise first_error(form)
    row = operations.record_attendance(signed_in_user(), application_id, form.attended.data == "yes")
    return _back(row.application.workshop_id)


@blueprint.route("/experts/participants/<int:application_id>/assessment",
                 methods=["GET", "POST"])
@login_required
def assessment(application_id: int):
    user = signed_in_user()
    require(user, Action.ASSESS_PARTICIPANT)
    application = get_or_404(Application, application_id, _l("Application"))
    form = AssessmentForm()
    if form.validate_on_submit():
        operations.assess(user, application_id, operations.Scores(
            int(form.technical.data), int(form.training.data), int(form.international.data),
            form.technical_note.data or "", form.training_note.data or "",
            form.international_note.data or ""))
        flash(_("Assessment of %(name)s saved.", name=application.user.display_name))
        return _back(application.workshop_id)
    return (render_template("experts/assess.html", form=form, application=application,
                            criteria=list(Criterion)), 400 if form.errors else 200)


@blueprint.post("/experts/participants/<int:application_id>/outcome")
@login_required
def outcome(application_id: int):
    form = OutcomeForm()
    if not form.validate_on_submit():
        raise first_error(form)
    row = operations.decide_outcome(signed_in_user(), application_id, ParticipantOutcome[form.outcome.data],
                                    form.guidance.data or "")
    flash(_("%(name)s: %(outcome)s.", name=row.application.user.display_name,
            outcome=label(row.outcome)))
    return _back(row.application.workshop_id)
