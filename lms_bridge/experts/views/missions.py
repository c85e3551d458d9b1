"""The experts' requirement matrix: missions, interest, proposals, releases, results."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _, lazy_gettext as _l, ngettext
from flask_login import login_required
from wtforms import SelectChoice

from ...accounts import queries as account_queries
from ...accounts.models import Role
from ...accounts.permissions import Action, can, require
from ...security import signed_in_user
from .. import operations, queries
from ..forms import HeldForm, InterestForm, MissionForm, ProposalForm, ReleaseForm, ResultForm
from ..labels import label
from ..models import Mission
from ..operations.common import get_or_404
from ..pledge import weeks, working_days
from ..states import ASSIGNMENT, AssignmentStatus, MissionStatus
from ..vocabulary import Evaluation, Field, MissionRole
from . import blueprint, first_error


def _mission_form() -> MissionForm:
    form = MissionForm()
    form.host.choices = [SelectChoice(a.id, a.name) for a in account_queries.administrations()]
    return form


@blueprint.get("/missions")
@login_required
def missions():
    user = signed_in_user()
    require(user, Action.LIST_MISSIONS)
    return render_template("experts/missions.html", missions=queries.missions(),
                           manage=can(user, Action.MANAGE_MISSIONS), working_days=working_days)


@blueprint.route("/missions/new", methods=["GET", "POST"])
@login_required
def new_mission():
    user = signed_in_user()
    require(user, Action.MANAGE_MISSIONS)
    form = _mission_form()
    if form.validate_on_submit():
        mission = operations.create_mission(user, operations.MissionSpec(
            form.title.data, form.host.data, Field[form.field.data], form.starts_on.data,
            form.ends_on.data, form.language.data, form.experts_needed.data))
        flash(_("Mission '%(title)s' added to the requirement matrix.", title=mission.title))
        return redirect(url_for("experts.mission", mission_id=mission.id))
    return render_template("experts/mission_form.html", form=form), 400 if form.errors else 200


def _candidates(mission: Mission):
    """Current accreditations in the mission's field, with each expert's pledge balance."""
    user = signed_in_user()
    return queries.register(user, queries.RegisterFilter(field=mission.field)) \
        if can(user, Action.SEARCH_EXPERTS) else []


def _interest_form(user, mission: Mission) -> InterestForm:
    form = InterestForm()
    own = [SelectChoice(user.id, _("myself (%(name)s)", name=user.display_name))] \
        if queries.current_accreditation(user.id, mission.field) else []
    others = [SelectChoice(r.accreditation.user_id, r.accreditation.user.display_name)
              for r in _candidates(mission) if r.accreditation.user_id != user.id
              and can(user, Action.ACT_FOR_EXPERT, r.accreditation.user)
              and not user.has_role(Role.ADMIN)]
    form.expert.choices = own + others
    return form


@blueprint.get("/missions/<int:mission_id>")
@login_required
def mission(mission_id: int):
    user = signed_in_user()
    require(user, Action.LIST_MISSIONS)
    row = get_or_404(Mission, mission_id, _l("Mission"))
    proposal = ProposalForm()
    candidates = _candidates(row)
    proposal.expert.choices = [SelectChoice(r.accreditation.user_id, _(
        "%(name)s (%(status)s)", name=r.accreditation.user.display_name,
        status=label(r.accreditation.status))) for r in candidates]
    return render_template(
        "experts/mission.html", mission=row, manage=can(user, Action.MANAGE_MISSIONS),
        interest_form=_interest_form(user, row), proposal_form=proposal, held_form=HeldForm(),
        result_form=ResultForm(), release_form=ReleaseForm(), candidates=candidates,
        may_release=lambda a: can(user, Action.RELEASE_EXPERT, a.user), weeks=weeks,
        can_move=ASSIGNMENT.can, A=AssignmentStatus, Evaluation=Evaluation,
        planned=row.status is MissionStatus.PLANNED,
        days=working_days(row.starts_on, row.ends_on))


@blueprint.post("/missions/<int:mission_id>/interest")
@login_required
def interest(mission_id: int):
    user = signed_in_user()
    form = _interest_form(user, get_or_404(Mission, mission_id, _l("Mission")))
    if not form.validate_on_submit():
        raise first_error(form)
    row = operations.indicate_interest(user, mission_id, form.expert.data)
    flash(_("Interest recorded for %(name)s.", name=row.user.display_name))
    return redirect(url_for("experts.mission", mission_id=mission_id))


@blueprint.post("/missions/<int:mission_id>/proposals")
@login_required
def propose(mission_id: int):
    form = ProposalForm()
    if not form.validate_on_submit():
        raise first_error(form)
    row = operations.propose_expert(signed_in_user(), mission_id, form.expert.data,
                                    MissionRole[form.role.data])
    flash(_("%(name)s proposed; their national coordinator is asked to release them.",
            name=row.user.display_name))
    return redirect(url_for("experts.mission", mission_id=mission_id))


@blueprint.post("/missions/<int:mission_id>/held")
@login_required
def held(mission_id: int):
    form = HeldForm()
    if not form.validate_on_submit():
        raise first_error(form)
    operations.mark_held(signed_in_user(), mission_id, form.people_trained.data or 0,
                         form.report.data or "")
    flash(_("Mission marked as held; record each expert's days and evaluation."))
    return redirect(url_for("experts.mission", mission_id=mission_id))


@blueprint.post("/missions/assignments/<int:assignment_id>/release")
@login_required
def release(assignment_id: int):
    form = ReleaseForm()
    if not form.validate_on_submit():
        raise first_error(form)
    row = operations.release_expert(signed_in_user(), assignment_id,
                                    form.decision.data == "release", form.reason.data or "")
    flash(_("%(name)s: %(status)s.", name=row.user.display_name, status=label(row.status)))
    return redirect(url_for("experts.releases"))


@blueprint.post("/missions/assignments/<int:assignment_id>/result")
@login_required
def result(assignment_id: int):
    form = ResultForm()
    if not form.validate_on_submit():
        raise first_error(form)
    row = operations.record_result(signed_in_user(), assignment_id, form.days_given.data,
                                   Evaluation[form.evaluation.data], form.note.data or "")
    flash(ngettext("%(name)s: %(num)d day(s), %(evaluation)s.",
                   "%(name)s: %(num)d day(s), %(evaluation)s.", row.days_given,
                   name=row.user.display_name, evaluation=label(row.evaluation)))
    return redirect(url_for("experts.mission", mission_id=row.mission_id))


@blueprint.get("/releases")
@login_required
def releases():
    user = signed_in_user()
    require(user, Action.LIST_RELEASES)
    return render_template("experts/releases.html", assignments=queries.release_queue(user),
                           form=ReleaseForm(), working_days=working_days)


