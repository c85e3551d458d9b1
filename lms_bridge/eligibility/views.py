"""Eligibility pages: workshops, applications, nominations, the matrix, candidates, outbox."""
from __future__ import annotations

from functools import partial

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ..accounts import queries as account_queries
from ..accounts.models import Region
from ..accounts.permissions import Action, administration_scope, can, require
from ..converters import page_number, query_id
from ..errors import InvalidInput, keep_form
from ..security import signed_in_user
from . import operations, queries
from .chart import progress_chart
from .evaluation import reasons_for
from .export import matrix_csv
from .forms import (GOOD_HEALTH_ANSWERS, NominationForm, PrerequisiteForm, SelectionForm,
                    WithdrawForm, WorkshopForm, application_form_class)
from .history_words import recorded
from .labels import (completion_day, criterion_name, label, source_name, status_label,
                     words)
from .models import WorkshopKind
from .scoring import Criterion
from .states import ApplicationStatus, can_transition
from .vocabulary import rule_label

blueprint = Blueprint("eligibility", __name__, template_folder="templates")
# Enum values as words in the reader's language: ``{{ status|eligibility_label }}``; a
# completion status stored as its value: ``{{ cell.status|completion_status }}``.
blueprint.add_app_template_filter(label, "eligibility_label")
blueprint.add_app_template_filter(status_label, "completion_status")
blueprint.add_app_template_filter(source_name, "source_name")
blueprint.add_app_template_filter(criterion_name, "criterion_name")
blueprint.add_app_template_filter(completion_day, "completion_day")
blueprint.add_app_template_filter(recorded, "recorded_words")


def _first_error(form) -> InvalidInput:
    if not form.errors:
        return InvalidInput(_("The form expired; reload the page and try again."))
    field, problems = next(iter(form.errors.items()))
    name = getattr(form, field).label.text if hasattr(form, field) else field
    problem = str(problems[0])  # a validator's message may be a lazy string
    return InvalidInput(_("%(field)s: %(problem)s", field=name, problem=problem),
                        [{"field": field, "problem": problem}])


def _may(user) -> dict[str, bool]:
    return {"manage": can(user, Action.MANAGE_WORKSHOPS), "matrix": can(user, Action.VIEW_MATRIX),
            "apply": can(user, Action.APPLY_TO_WORKSHOP)}


@blueprint.get("/workshops")
@login_required
def workshops():
    user = signed_in_user()
    require(user, Action.LIST_WORKSHOPS)
    return render_template("eligibility/workshops.html", workshops=queries.workshops(),
                           may=_may(user))


@blueprint.route("/workshops/new", methods=["GET", "POST"])
@login_required
def new_workshop():
    user = signed_in_user()
    require(user, Action.MANAGE_WORKSHOPS)
    form = WorkshopForm()
    if form.validate_on_submit():
        workshop = operations.create_workshop(user, form.spec())
        flash(_("Workshop '%(title)s' created. Add its prerequisites below.",
                title=workshop.title))
        return redirect(url_for("eligibility.workshop", workshop_id=workshop.id))
    return render_template("eligibility/workshop_form.html", form=form), 400 if form.errors else 200


def prerequisite_form(**data) -> PrerequisiteForm:
    return PrerequisiteForm(**data).with_modules(queries.modules())


@blueprint.get("/workshops/<int:workshop_id>")
@login_required
def workshop(workshop_id: int):
    user = signed_in_user()
    require(user, Action.LIST_WORKSHOPS)
    return workshop_page(user, workshop_id, prerequisite_form())


def workshop_page(user, workshop_id: int, form: PrerequisiteForm) -> str:
    return render_template("eligibility/workshop.html", workshop=operations.get_workshop(workshop_id),
                           form=form, own=queries.application_of(user, workshop_id),
                           may=_may(user), rule_label=partial(rule_label, gettext=_))


@blueprint.post("/workshops/<int:workshop_id>/prerequisites")
@login_required
def add_prerequisite(workshop_id: int):
    user = signed_in_user()
    require(user, Action.MANAGE_WORKSHOPS)
    form = prerequisite_form()
    keep_form(form, partial(workshop_page, user, workshop_id, form), PREREQUISITE_FIELDS)
    if not form.validate_on_submit():
        raise _first_error(form)
    row = operations.add_prerequisite(user, workshop_id, form.spec())
    flash(_("Prerequisite '%(label)s' added; every candidate was re-evaluated.",
            label=row.label))
    return redirect(url_for("eligibility.workshop", workshop_id=workshop_id))


# The operations' field names that differ from the prerequisite form's.
PREREQUISITE_FIELDS = {"module_slugs": "modules", "prerequisite": "label"}


@blueprint.route("/workshops/<int:workshop_id>/apply", methods=["GET", "POST"])
@login_required
def apply(workshop_id: int):
    user = signed_in_user()
    require(user, Action.APPLY_TO_WORKSHOP)
    workshop = operations.get_workshop(workshop_id)
    existing = queries.application_of(user, workshop_id)
    form = application_form_class()(data=_form_data(existing) if existing else None)
    page = partial(render_template, "eligibility/apply.html", form=form, workshop=workshop,
                   application=existing, criteria=list(Criterion))
    keep_form(form, page, {"availability_committed": "availability"})
    if form.validate_on_submit():
        criteria = {c.name: {"rating": int(form[f"rating_{c.name}"].data),
                             "note": form[f"note_{c.name}"].data or ""} for c in Criterion}
        application = operations.save_application(
            user, workshop_id, operations.ApplicationForm(
                criteria, form.motivation.data or "", bool(form.availability.data),
                GOOD_HEALTH_ANSWERS.get(form.good_health.data)),
            submit=bool(form.submit.data))
        flash(_("Application %(status)s.", status=label(application.status)))
        return redirect(url_for("eligibility.my_applications"))
    return page(), 400 if form.errors else 200


def _form_data(application) -> dict:
    data = {"motivation": application.motivation,
            "availability": application.availability_committed,
            "good_health": {True: "yes", False: "no"}.get(application.good_health)}
    for name, entry in application.criteria.items():
        data[f"rating_{name}"] = str(entry.get("rating", 0))
        data[f"note_{name}"] = entry.get("note", "")
    return data


def _matrix_filters(scope: int | None = None) -> queries.MatrixFilter:
    """The matrix filters asked for; ``scope`` (a national coordinator's administration,
    ``permissions.administration_scope``) overrides the administration asked for."""
    args = request.args
    region = args.get("region", "")
    status = args.get("status", "")
    return queries.MatrixFilter(
        administration_id=scope or query_id("administration"),
        region=Region[region] if region in Region.__members__ else None,
        status=ApplicationStatus[status] if status in ApplicationStatus.__members__ else None,
        sort=args.get("sort", "name") if args.get("sort") in queries.SORTS else "name",
        descending=args.get("order") == "desc")


@blueprint.get("/workshops/<int:workshop_id>/matrix")
@login_required
def matrix(workshop_id: int):
    user = signed_in_user()
    require(user, Action.VIEW_MATRIX)
    workshop = operations.get_workshop(workshop_id)
    scope = administration_scope(user, Action.VIEW_MATRIX)
    filters = _matrix_filters(scope)
    shown = [a for a in account_queries.administrations() if scope in (None, a.id)]
    rows = queries.matrix(workshop, filters)
    return render_template(
        "eligibility/matrix.html", workshop=workshop, rows=rows,
        filters=filters, administrations=shown,
        regions=list(Region), statuses=list(ApplicationStatus), sorts=list(queries.SORTS),
        chart=progress_chart(queries.progress_by_administration(
            rows, len(workshop.prerequisites))))


@blueprint.get("/workshops/<int:workshop_id>/matrix.csv")
@login_required
def matrix_export(workshop_id: int):
    user = signed_in_user()
    require(user, Action.VIEW_MATRIX)
    workshop = operations.get_workshop(workshop_id)
    scope = administration_scope(user, Action.VIEW_MATRIX)
    body = matrix_csv(workshop, queries.matrix(workshop, _matrix_filters(scope)))
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="workshop-{workshop.id}-matrix.csv"'})


@blueprint.get("/applications/<int:application_id>")
@login_required
def candidate(application_id: int):
    user = signed_in_user()
    application = operations.get_application(application_id)
    require(user, Action.VIEW_CANDIDATE, application)
    return _candidate_page(application)


def _candidate_page(application, selection_form: SelectionForm | None = None) -> str:
    return render_template("eligibility/candidate.html", application=application,
                           history=queries.history(application),
                           score=queries.preselection_score(application),
                           reasons=reasons_for(application, words()),
                           nomination_form=NominationForm(),
                           selection_form=selection_form or SelectionForm())


@blueprint.post("/applications/<int:application_id>/nomination")
@login_required
def nominate(application_id: int):
    form = NominationForm()
    if not form.validate_on_submit():
        raise _first_error(form)
    application = operations.decide_nomination(signed_in_user(), application_id,
                                               form.decision.data == "nominate", form.reason.data)
    flash(_("%(name)s: %(status)s.", name=application.user.display_name,
            status=label(application.status)))
    return redirect(url_for("eligibility.nominations"))


@blueprint.post("/applications/<int:application_id>/selection")
@login_required
def selection(application_id: int):
    form = SelectionForm()
    keep_form(form, partial(_candidate_page, operations.get_application(application_id),
                            selection_form=form))
    if not form.validate_on_submit():
        raise _first_error(form)
    application = operations.decide_selection(signed_in_user(), application_id,
                                              ApplicationStatus[form.decision.data],
                                              form.reason.data)
    flash(_("%(name)s: %(status)s.", name=application.user.display_name,
            status=label(application.status)))
    return redirect(url_for("eligibility.candidate", application_id=application_id))


@blueprint.get("/nominations")
@login_required
def nominations():
    user = signed_in_user()
    require(user, Action.LIST_NOMINATIONS)
    return render_template("eligibility/nominations.html",
                           applications=queries.nomination_queue(user))


@blueprint.get("/my/applications")
@login_required
def my_applications():
    user = signed_in_user()
    require(user, Action.APPLY_TO_WORKSHOP)
    return render_template("eligibility/my_applications.html",
                           applications=queries.applications_of(user),
                           missing=queries.missing_modules, launchable=queries.launchable_module_ids(),
                           withdraw_form=WithdrawForm(), can_withdraw=_can_withdraw,
                           reasons=partial(reasons_for, words=words()))


def _can_withdraw(application) -> bool:
    return can_transition(application.status, ApplicationStatus.WITHDRAWN)


@blueprint.post("/my/applications/<int:application_id>/withdraw")
@login_required
def withdraw(application_id: int):
    form = WithdrawForm()
    if not form.validate_on_submit():
        raise _first_error(form)
    application = operations.withdraw_application(signed_in_user(), application_id,
                                                  form.reason.data or "")
    flash(_("%(workshop)s: %(status)s.", workshop=application.workshop.title,
            status=label(application.status)))
    return redirect(url_for("eligibility.my_applications"))


@blueprint.get("/admin/outbox")
@login_required
def outbox():
    require(signed_in_user(), Action.VIEW_OUTBOX)
    page = page_number()
    rows, total = queries.outbox(page=page)
    return render_template("eligibility/outbox.html", notifications=rows, total=total, page=page)
