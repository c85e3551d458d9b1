"""People pages: the list (admins: everyone; national coordinators: their administration's),
a person's page, and the admins' changes to an account, each with a reason."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from wtforms import SelectChoice

from ...converters import page_number
from ...errors import InvalidInput, LmsBridgeError
from ...security import signed_in_user
from ..designations.queries import active_designations_of
from ..models import Region, Role
from ..permissions import Action, administration_scope, can, require
from ..queries import administrations
from ..blueprint import blueprint
from . import operations, queries
from ..forms import administration_choice
from .forms import AdministrationForm, ReasonForm, RolesForm, SearchForm
from .queries import AccountState, PeopleFilter


def _choices(form: SearchForm, scoped: bool) -> None:
    form.role.choices = [SelectChoice("", _("Any role"))] + [
        SelectChoice(r.value, r.label) for r in Role]
    form.administration.choices = [SelectChoice("", _("Any administration"))] + [
        SelectChoice(a.country_code, a.name) for a in administrations()]
    form.region.choices = [SelectChoice("", _("Any region"))] + [
        SelectChoice(r.name, r.label) for r in Region]
    form.state.choices = [SelectChoice("", _("Any state"))] + [
        SelectChoice(s.value, s.label) for s in AccountState]
    if scoped:  # a national coordinator's list is their administration's already
        del form.administration, form.region


def _filters() -> PeopleFilter:
    """The filters from the query string; an unknown value filters nothing (it is a link)."""
    args = request.args
    codes = {a.country_code: a.id for a in administrations()}
    return PeopleFilter(
        search=(args.get("q") or "").strip()[:200],
        role=Role(args["role"]) if args.get("role") in {r.value for r in Role} else None,
        administration_id=codes.get(args.get("administration", "")),
        region=Region[args["region"]] if args.get("region") in Region.__members__ else None,
        state=AccountState(args["state"]) if args.get("state") in {
            s.value for s in AccountState} else None)


@blueprint.get("/admin/users")
@login_required
def users():
    user = signed_in_user()
    require(user, Action.LIST_USERS)
    form = SearchForm(request.args)
    scoped = administration_scope(user, Action.LIST_USERS) is not None
    _choices(form, scoped)
    page = page_number()
    rows, total = queries.people(user, _filters(), page=page)
    return render_template("accounts/people.html", form=form, users=rows, total=total, page=page,
                           scoped=scoped,
                           pages=max(1, -(-total // queries.PAGE_SIZE)), state_of=queries.state_of)


def _person_page(user_id: int, status: int = 200, **forms):
    actor = signed_in_user()
    person = operations.get_person(actor, user_id)
    manage = can(actor, Action.MANAGE_PEOPLE)
    roles_form = forms.get("roles") or RolesForm(formdata=None,
                                                 roles=[r.value for r in person.roles])
    administration_form = forms.get("administration") or AdministrationForm(
        formdata=None, administration=person.administration_id or 0)
    administration_form.administration.choices = [SelectChoice(0, _("No administration"))] + [
        SelectChoice(a.id, administration_choice(a)) for a in administrations()]
    page = render_template(
        "accounts/person.html", person=person, state=queries.state_of(person), manage=manage,
        events=queries.events_about(person), requests=queries.access_requests_of(person),
        designations=active_designations_of(person.id), roles_form=roles_form,
        administration_form=administration_form,
        status_form=forms.get("activation") or ReasonForm(formdata=None))
    return page, status


@blueprint.get("/admin/users/<int:user_id>")
@login_required
def person(user_id: int):
    return _person_page(user_id)


def _refused(user_id: int, key: str, form, exc: LmsBridgeError):
    """The person's page again, with what was typed and the message beside its field."""
    fields = [d.get("field") for d in exc.details if isinstance(d, dict)] if isinstance(
        exc.details, list) else []
    target = next((getattr(form, f) for f in fields if f and hasattr(form, f)), None)
    if target is None:
        target = form.reason
    target.errors = list(target.errors or []) + [exc.message]
    return _person_page(user_id, exc.status, **{key: form})


def _submitted(form) -> None:
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:
            raise InvalidInput(_("The form expired; reload the page and try again."))
        raise _FormInvalid()


class _FormInvalid(Exception):
    """The form's own validators refused it; the errors are on its fields."""


def _change(user_id: int, key: str, form, apply, done: str):
    require(signed_in_user(), Action.MANAGE_PEOPLE)
    try:
        _submitted(form)
        apply(form)
    except _FormInvalid:
        return _person_page(user_id, 400, **{key: form})
    except LmsBridgeError as exc:
        if exc.status in (401, 403, 404):
            raise
        return _refused(user_id, key, form, exc)
    flash(done)
    return redirect(url_for("accounts.person", user_id=user_id))


@blueprint.post("/admin/users/<int:user_id>/deactivate")
@login_required
def deactivate(user_id: int):
    return _change(user_id, "activation", ReasonForm(), lambda f: operations.deactivate(
        signed_in_user(), user_id, f.reason.data), _("Deactivated: every session and token of "
                                                     "this account stopped working."))


@blueprint.post("/admin/users/<int:user_id>/reactivate")
@login_required
def reactivate(user_id: int):
    return _change(user_id, "activation", ReasonForm(), lambda f: operations.reactivate(
        signed_in_user(), user_id, f.reason.data), _("Reactivated: the person can sign in again "
                                                     "with their password (their old API tokens "
                                                     "stay revoked)."))


@blueprint.post("/admin/users/<int:user_id>/roles")
@login_required
def set_roles(user_id: int):
    form = RolesForm()
    return _change(user_id, "roles", form, lambda f: operations.set_roles(
        signed_in_user(), user_id, [Role(v) for v in f.roles.data], f.reason.data),
        _("Roles changed."))


@blueprint.post("/admin/users/<int:user_id>/administration")
@login_required
def set_administration(user_id: int):
    form = AdministrationForm()
    form.administration.choices = [SelectChoice(0, _("No administration"))] + [
        SelectChoice(a.id, a.name) for a in administrations()]
    return _change(user_id, "administration", form, lambda f: operations.set_administration(
        signed_in_user(), user_id, f.administration.data or None, f.reason.data),
        _("Administration changed."))
