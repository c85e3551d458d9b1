"""Sync API: upload a CSV completion report to a CSV source (multipart) -> a finished run.

The body is ``multipart/form-data`` with the file in the field ``report`` and, optionally,
``course_key`` and ``pass_threshold`` (Moodle exports) and ``mapping`` fields
(``REMOTE=module-slug``, repeatable). The report is checked whole first: 422
``report_refused`` with one detail per problem (``row``, ``column``, ``problem``) and nothing
recorded; else 201 with the run (same report again: a run with everything unchanged).
"""
from __future__ import annotations

from flask import g, request

from ..accounts.permissions import Action, require
from ..catalog.uploads import UPLOAD_ENDPOINTS
from ..errors import InvalidInput
from ..syncing import queries, uploads
from ..syncing.forms import parse_mappings
from .blueprint import blueprint
from .spec import endpoint, file_field, form_field
from .syncing import RunOut, _dump

UPLOAD_ENDPOINTS.add("api.upload_sync_report")
REPORT_FORM = (
    file_field("report", "The CSV report: the documented template, or a Moodle completion or "
               "grades export", media_type="text/csv"),
    form_field("course_key", "Moodle exports: the course the export is of"),
    form_field("pass_threshold", "Moodle grades exports: pass at this scaled grade, a number "
               "from 0 to 1 (sent as text, like every form field)"),
    form_field("mapping", "REMOTE=module-slug: maps a remote course to a module",
               repeated=True),
)


def _threshold() -> float | None:
    text = (request.form.get("pass_threshold") or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise InvalidInput("pass_threshold: a number from 0 to 1.",
                           [{"field": "pass_threshold", "problem": "a number from 0 to 1"}])
    return value


def _mappings() -> list[tuple[str, str]]:
    try:
        return parse_mappings("\n".join(request.form.getlist("mapping")))
    except ValueError as exc:
        raise InvalidInput(f"mapping: {exc}", [{"field": "mapping", "problem": str(exc)}]) from None


@blueprint.post("/sync/sources/<int:source_id>/reports")
@endpoint("Upload a CSV completion report (multipart/form-data, field `report`; optional "
          "`course_key`, `pass_threshold`, repeatable `mapping` REMOTE=slug) to a CSV source: "
          "201 with the run, 422 refused whole with each problem's row and column",
          form=REPORT_FORM, response=RunOut, status=201, roles="admin")
def upload_sync_report(source_id: int):
    require(g.api_user, Action.MANAGE_SYNC)
    source = queries.source(source_id)
    run = uploads.import_report(g.api_user, source, request.files.get("report"),
                                course_key=request.form.get("course_key"),
                                pass_threshold=_threshold(), mappings=_mappings())
    return _dump(RunOut, run), 201
