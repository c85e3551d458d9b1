"""Account pages: sign-in, registration, approval queue, users, audit log, API tokens."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required, login_user, logout_user
from wtforms import SelectChoice

from ..converters import page_number
from ..errors import InvalidInput, LmsBridgeError
from ..security import signed_in_user
from . import operations, queries
from .blueprint import blueprint
from .designations.queries import coordinators_of
from .forms import (ConfirmForm, DecisionForm, LoginForm, RegisterForm, TokenForm,
                    administration_choice)
from .models import AccessStatus, Role
from .people.queries import decided_requests
from .permissions import Action, require


@blueprint.get("/")
def home():
    user = signed_in_user()
    if user is None:
        return redirect(url_for("accounts.login"))
    require(user, Action.VIEW_DASHBOARD)
    return render_template("accounts/home.html", user=user,
                           coordinators=coordinators_of(user.administration_id))


@blueprint.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = operations.authenticate(
                form.email.data, form.password.data, request.remote_addr,
                max_failures=current_app.config["LOGIN_MAX_FAILURES"],
                lockout_seconds=current_app.config["LOGIN_LOCKOUT_SECONDS"])
        except LmsBridgeError as exc:
            page = render_template("accounts/login.html", form=form, error=exc.message)
            return page, exc.status, exc.headers
        login_user(user)
        return redirect(url_for("accounts.home"))
    status = 400 if form.errors else 200
    return render_template("accounts/login.html", form=form), status


@blueprint.post("/logout")
@login_required
def logout():
    operations.sign_out(signed_in_user())
    logout_user()
    flash(_("You are signed out."))
    return redirect(url_for("accounts.login"))


@blueprint.route("/register", methods=["GET", "POST"])
def register():
    form = RegisterForm()
    form.administration.choices = [SelectChoice(0, _("— choose —"))] + [
        SelectChoice(a.id, administration_choice(a)) for a in queries.administrations()]
    if form.validate_on_submit():
        try:
            operations.register(form.email.data, form.display_name.data, form.password.data,
                                form.administration.data, job_title=form.job_title.data or "",
                                message=form.message.data or "", language=form.language.data)
        except LmsBridgeError as exc:
            return render_template("accounts/register.html", form=form, error=exc.message), exc.status
        return render_template("accounts/registered.html")
    return render_template("accounts/register.html", form=form), 400 if form.errors else 200


@blueprint.get("/approvals")
@login_required
def approvals():
    user = signed_in_user()
    require(user, Action.LIST_ACCESS_REQUESTS)
    return render_template("accounts/approvals.html", requests=queries.access_requests_for(user),
                           form=DecisionForm(), decided=decided_requests(user),
                           all_decisions=user.has_role(Role.ADMIN))


@blueprint.post("/approvals/<int:request_id>")
@login_required
def decide(request_id: int):
    user = signed_in_user()
    form = DecisionForm()
    if not form.validate_on_submit():
        first = next(iter(form.errors.values()))[0]
        raise InvalidInput(first)
    result = operations.decide_access_request(user, request_id, form.decision.data == "approve",
                                              form.reason.data)
    if result.status is AccessStatus.APPROVED:
        flash(_("%(name)s: access approved.", name=result.user.display_name))
    else:
        flash(_("%(name)s: access rejected.", name=result.user.display_name))
    return redirect(url_for("accounts.approvals"))


@blueprint.get("/admin/audit")
@login_required
def audit():
    require(signed_in_user(), Action.VIEW_AUDIT_LOG)
    page = page_number()
    events, total = queries.audit_events(page=page)
    return render_template("accounts/audit.html", events=events, total=total, page=page)


@blueprint.route("/account/tokens", methods=["GET", "POST"])
@login_required
def tokens():
    user = signed_in_user()
    require(user, Action.MANAGE_OWN_TOKENS)
    form, created = TokenForm(), None
    if form.validate_on_submit():
        created, _token = operations.create_api_token(user, form.name.data,
                                                 current_app.config["API_TOKEN_DAYS"])
    return render_template("accounts/tokens.html", form=form, created=created,
                           tokens=queries.tokens_of(user), revoke_form=ConfirmForm())


@blueprint.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    if not ConfirmForm().validate_on_submit():
        raise InvalidInput(_("The form expired; reload the page and try again."))
    token = operations.revoke_api_token(signed_in_user(), token_id)
    flash(_("Token '%(name)s' revoked.", name=token.name))
    return redirect(url_for("accounts.tokens"))
