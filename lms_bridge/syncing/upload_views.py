"""The CSV report upload page and the template download (on the sync blueprint)."""
from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select

from sync.records import SourceKind

from ..catalog.uploads import UPLOAD_ENDPOINTS
from ..converters import query_id
from ..db import db
from ..errors import LmsBridgeError
from . import uploads
from .forms import BadMappingLine, ReportUploadForm, parse_mappings
from .labels import label, run_summary
from .models import MatchBy, SyncSource
from .views import _admin, blueprint

UPLOAD_ENDPOINTS.add("syncing.upload_report")


def _csv_source_names() -> list[str]:
    return list(db.session.scalars(select(SyncSource.name).where(
        SyncSource.kind == SourceKind.CSV).order_by(SyncSource.name)))


def _page(form: ReportUploadForm, status: int = 200, refusal: LmsBridgeError | None = None):
    form.name.render_kw = {"list": "csv-sources"}
    return render_template("syncing/upload.html", form=form, refusal=refusal,
                           names=_csv_source_names()), status


@blueprint.route("/admin/sync/upload", methods=["GET", "POST"])
@login_required
def upload_report():
    actor, form = _admin(), ReportUploadForm()
    preset_id = query_id("source")
    preset = db.session.get(SyncSource, preset_id) if preset_id else None
    if request.method == "GET" and preset is not None:
        form.name.data = preset.name
    if not form.validate_on_submit():
        return _page(form, 400 if form.errors else 200)
    try:
        mappings = parse_mappings(form.mappings.data or "")
    except BadMappingLine as exc:
        form.mappings.errors = [_("line %(line)d: write REMOTE=module-slug", line=exc.line)]
        return _page(form, 400)
    try:
        run = uploads.import_report(actor, form.name.data, request.files.get(form.report.name),
                                    match_by=MatchBy(form.match_by.data),
                                    course_key=form.course_key.data,
                                    pass_threshold=form.pass_threshold.data, mappings=mappings)
    except LmsBridgeError as exc:
        db.session.rollback()
        return _page(form, exc.status, exc)
    flash(_("Report recorded in %(source)s: %(status)s. %(summary)s", source=run.source.name,
            status=label(run.status), summary=run_summary(run)))
    return redirect(url_for("syncing.run", run_id=run.id))


@blueprint.get("/admin/sync/upload/template.csv")
@login_required
def report_template():
    _admin()
    return Response(uploads.template_csv(), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{uploads.TEMPLATE_FILENAME}"'})
