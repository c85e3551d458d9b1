"""Sync admin pages: sources with health, sync now with live progress, runs, unmatched people."""
from __future__ import annotations

from functools import partial

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from sync.records import SourceKind

from ..accounts.permissions import Action, require
from ..converters import page_number, query_id
from ..errors import InvalidInput, keep_form
from ..security import signed_in_user
from . import operations, queries
from .forms import (BadMappingLine, CredentialForm, LinkForm, SourceForm, SyncNowForm,
                    parse_mappings)
from .labels import health_detail, label, progress_words, run_summary
from .models import MatchBy, RunTrigger

blueprint = Blueprint("syncing", __name__, template_folder="templates")
# Enum values as words in the reader's language: ``{{ run.status|sync_label }}``.
blueprint.add_app_template_filter(label, "sync_label")
blueprint.add_app_template_filter(run_summary, "run_summary")
blueprint.add_app_template_global(health_detail, "sync_health_detail")


def _admin():
    user = signed_in_user()
    require(user, Action.MANAGE_SYNC)
    return user


def _checked(form) -> None:
    if not form.validate_on_submit():
        if not form.errors:
            raise InvalidInput(_("The form expired; reload the page and try again."))
        field, problems = next(iter(form.errors.items()))
        name = getattr(form, field).label.text if hasattr(form, field) else field
        problem = str(problems[0])  # a validator's message may be a lazy string
        raise InvalidInput(_("%(field)s: %(problem)s", field=name, problem=problem),
                           [{"field": field, "problem": problem}])


@blueprint.get("/admin/sync")
@login_required
def sources():
    _admin()
    return render_template("syncing/sources.html", rows=queries.sources(), form=SyncNowForm())


@blueprint.route("/admin/sync/new", methods=["GET", "POST"])
@login_required
def new_source():
    actor, form = _admin(), SourceForm()
    page = partial(render_template, "syncing/new.html", form=form)
    keep_form(form, page, _FORM_FIELD)  # a refusal shows beside its field, what was typed kept
    if form.validate_on_submit():
        try:
            mappings = parse_mappings(form.mappings.data)
        except BadMappingLine as exc:
            problem = _("line %(line)d: write REMOTE=module-slug", line=exc.line)
            raise InvalidInput(problem, [{"field": "mappings", "problem": problem}]) from None
        source = operations.create_source(
            actor, form.name.data, SourceKind(form.kind.data), form.url.data,
            secret=form.secret.data, username=form.username.data or "",
            allow_private=form.allow_private.data, match_by=MatchBy(form.match_by.data),
            schedule_minutes=form.schedule_minutes.data, mappings=mappings)
        flash(_("Source %(name)s added.", name=source.name))
        return redirect(url_for("syncing.source", source_id=source.id))
    return page(), 400 if form.errors else 200


# The operations' field names that differ from the form's.
_FORM_FIELD = {"token": "secret", "course": "mappings", "module": "mappings"}


def _after() -> int | None:
    # Set by "sync now": the latest run before it (0: none), so the progress script waits for a
    # later one; anything else is ignored.
    return 0 if request.args.get("after") == "0" else query_id("after")


@blueprint.get("/admin/sync/<int:source_id>")
@login_required
def source(source_id: int):
    _admin()
    rows, total = queries.runs(source_id, page=page_number())
    return render_template("syncing/source.html", source=queries.source(source_id), runs=rows,
                           total=total, next_run_at=queries.next_run_at(source_id),
                           unmatched=queries.unmatched_people(source_id),
                           form=SyncNowForm(), credential_form=CredentialForm(),
                           after=_after(), progress_words=progress_words())


@blueprint.post("/admin/sync/<int:source_id>/credential")
@login_required
def replace_credential(source_id: int):
    actor, form = _admin(), CredentialForm()
    _checked(form)
    operations.update_source(actor, queries.source(source_id), secret=form.secret.data)
    flash(_("Credential replaced."))
    return redirect(url_for("syncing.source", source_id=source_id))


@blueprint.post("/admin/sync/<int:source_id>/run")
@login_required
def sync_now(source_id: int):
    _admin()
    form = SyncNowForm()
    _checked(form)
    from .jobs import start_in_background

    latest = queries.last_run(queries.source(source_id).id)
    start_in_background(current_app._get_current_object(), source_id, trigger=RunTrigger.MANUAL,
                        full=bool(form.full.data))
    flash(_("Sync started; its progress shows below."))
    return redirect(url_for("syncing.source", source_id=source_id, after=latest.id if latest else 0))


@blueprint.get("/admin/sync/<int:source_id>/progress")
@login_required
def progress(source_id: int):
    _admin()
    queries.source(source_id)
    progress = queries.progress(source_id)
    latest = queries.last_run(source_id) if progress["run_id"] is not None else None
    # What the run did, worded for the reader (``message`` stays the stored English summary).
    progress["summary"] = run_summary(latest) if latest is not None else ""
    return jsonify(progress)


@blueprint.get("/admin/sync/runs/<int:run_id>")
@login_required
def run(run_id: int):
    _admin()
    return render_template("syncing/run.html", run=queries.run(run_id))


@blueprint.get("/admin/sync/unmatched")
@login_required
def unmatched():
    _admin()
    return render_template("syncing/unmatched.html", people=queries.unmatched_people(),
                           form=LinkForm())


@blueprint.post("/admin/sync/unmatched/<int:person_id>/link")
@login_required
def link(person_id: int):
    actor, form = _admin(), LinkForm()
    _checked(form)
    link = operations.link_person(actor, person_id, form.email.data)
    flash(_("Linked to %(email)s; their waiting records are recorded.", email=link.user.email))
    return redirect(url_for("syncing.unmatched"))

