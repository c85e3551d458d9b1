"""The accreditation register, a person's expert record, and accreditation decisions."""
from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ...converters import query_id
from ...accounts import queries as account_queries
from ...accounts.models import Region
from ...accounts.permissions import Action, can, require
from ...security import signed_in_user
from .. import operations, queries
from ..export import register_csv
from ..forms import AccreditationForm, LanguagesForm
from ..labels import label
from ..operations.common import get_user
from ..pledge import weeks
from ..states import ACCREDITATION, AccreditationStatus
from ..vocabulary import Field
from . import blueprint, first_error


def _member(enum_cls, text: str | None):
    return enum_cls[text] if text in enum_cls.__members__ else None


def register_filters() -> queries.RegisterFilter:
    args = request.args
    return queries.RegisterFilter(
        field=_member(Field, args.get("field")), language=args.get("language") or None,
        region=_member(Region, args.get("region")),
        administration_id=query_id("administration"),
        min_weeks_left=args.get("weeks_left", type=float),
        status=_member(AccreditationStatus, args.get("status")))


@blueprint.get("/experts")
@login_required
def register():
    user = signed_in_user()
    require(user, Action.SEARCH_EXPERTS)
    return render_template("experts/register.html", rows=queries.register(user, register_filters()),
                           fields=list(Field), regions=list(Region),
                           statuses=list(AccreditationStatus), weeks=weeks,
                           administrations=account_queries.administrations())


@blueprint.get("/experts.csv")
@login_required
def register_export():
    user = signed_in_user()
    require(user, Action.SEARCH_EXPERTS)
    return Response(register_csv(queries.register(user, register_filters())), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="experts.csv"'})


@blueprint.get("/experts/<int:user_id>")
@login_required
def record(user_id: int):
    user, person = signed_in_user(), get_user(user_id)
    if not queries.may_see_record(user, person):
        require(user, Action.VIEW_EXPERT, person)
    record = queries.expert_record(person)
    return render_template("experts/record.html", record=record,
                           weeks=weeks, form=AccreditationForm(),
                           may_decide=can(user, Action.DECIDE_ACCREDITATION),
                           allowed=ACCREDITATION.allowed,
                           languages_form=LanguagesForm(data={"languages": (
                               record.expert.languages.split(",") if record.expert else [])}),
                           may_edit_languages=user.id == person.id
                           or can(user, Action.DECIDE_ACCREDITATION),
                           positive=queries.positive_missions)


@blueprint.get("/my/expert")
@login_required
def my_record():
    return redirect(url_for("experts.record", user_id=signed_in_user().id))


@blueprint.post("/experts/accreditations/<int:accreditation_id>/status")
@login_required
def change_accreditation(accreditation_id: int):
    form = AccreditationForm()
    if not form.validate_on_submit():
        raise first_error(form)
    row = operations.change_accreditation(signed_in_user(), accreditation_id,
                                          AccreditationStatus[form.status.data], form.reason.data)
    flash(_("%(name)s, %(field)s: %(status)s.", name=row.user.display_name,
            field=label(row.field), status=label(row.status)))
    return redirect(url_for("experts.record", user_id=row.user_id))


@blueprint.post("/experts/<int:user_id>/languages")
@login_required
def set_languages(user_id: int):
    form = LanguagesForm()
    if not form.validate_on_submit():
        raise first_error(form)
    expert = operations.set_languages(signed_in_user(), user_id, form.languages.data)
    flash(_("Working languages: %(codes)s.", codes=expert.languages))
    return redirect(url_for("experts.record", user_id=user_id))
