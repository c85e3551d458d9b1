"""Uploaded CSV completion reports (the sync pages and the API): checked whole, then run.

A report is read completely before anything is stored (:func:`sync.csv.parse_completion_report`):
one bad row refuses the whole report with :class:`ReportRefused` (422) listing every problem by
row (file line, header = 1) and column; no run is recorded, no mapping is saved. An accepted
report becomes one run of its CSV source (trigger ``import``, full): the records go through the
one upsert rule, so uploading the same report again creates and changes nothing. Cells are
data, never formulas: ``=1+1`` in a score is refused as not a number, and a formula-looking
identifier is kept as plain text (it matches nobody and waits as an unmatched person).

Uploads use ``MAX_UPLOAD_BYTES`` (the app-wide body limit is smaller); the file is saved into
a temporary folder removed whatever happens.
"""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Iterable

from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from sync.csv import parse_completion_report, read_report_text
from sync.csv_shapes import TEMPLATE_COLUMNS, ReportOptions
from sync.errors import CsvReportError
from sync.records import SourceKind

from ..accounts.models import User
from ..accounts.operations import record_audit
from ..db import db
from ..errors import Conflict, InvalidInput, LmsBridgeError
from . import operations
from .labels import label
from .models import MatchBy, RunTrigger, SyncRun, SyncSource

TEMPLATE_FILENAME = "completion-report-template.csv"
TEMPLATE_ROWS = (
    TEMPLATE_COLUMNS,
    ("ana.silva@customs.example.org", "", "", "customs-valuation", "passed", "85%",
     "2026-11-02T14:30:00+01:00"),
    ("", "KR-2291", "", "hs-classification", "completed", "", "2026-11-03"),
    ("", "", "jdoe", "hs-classification", "failed", "0.42", "2026-11-04"),
)


class ReportRefused(LmsBridgeError):
    """The report has problems; nothing of it was recorded. Details: one per row and column."""

    status, code = 422, "report_refused"


def template_csv() -> str:
    """The documented template: its header and three example rows."""
    return "".join(",".join(row) + "\r\n" for row in TEMPLATE_ROWS)


def _refusal(exc: CsvReportError) -> ReportRefused:
    details = [{"field": "report", "row": row, "column": column, "problem": message}
               for row, column, message in exc.problems]
    return ReportRefused(_("The report was refused; nothing was recorded. %(problems)s",
                           problems=str(exc)), details)


def report_options(current: dict[str, Any] | None, course_key: str | None = None,
                   pass_threshold: float | None = None) -> dict[str, Any]:
    """A source's report options with the given ones replacing them."""
    options = dict(current or {})
    if course_key and course_key.strip():
        options["course_key"] = course_key.strip()
    if pass_threshold is not None:
        options["pass_threshold"] = pass_threshold
    return options


def check_report(path: Path, source_name: str, options: dict[str, Any]) -> int:
    """How many records the report holds; raises ReportRefused listing its problems."""
    try:
        records = parse_completion_report(read_report_text(path.read_bytes()), ReportOptions(
            course_key=options.get("course_key"), pass_threshold=options.get("pass_threshold"),
            source_name=source_name))
    except CsvReportError as exc:
        raise _refusal(exc) from None
    return len(records)


def _csv_source(source: SyncSource | str) -> SyncSource | None:
    """The source itself, the CSV source of that name, or None when the name is new."""
    if isinstance(source, str):
        found = db.session.scalar(select(SyncSource).where(SyncSource.name == source.strip()))
        if found is None:
            return None
        source = found
    if source.kind is not SourceKind.CSV:
        raise InvalidInput(_("%(name)s is a %(kind)s source, not a CSV one.", name=source.name,
                             kind=label(source.kind)),
                           [{"field": "name", "problem": _("not a CSV source")}])
    return source


def _uploaded(upload: FileStorage | None, folder: str) -> tuple[Path, str]:
    if upload is None or not upload.filename:
        raise InvalidInput(_("Choose a CSV report to upload."),
                           [{"field": "report", "problem": _("missing")}])
    path = Path(folder) / "report.csv"
    upload.save(path)
    return path, Path(upload.filename.replace("\\", "/")).name[:100]


def import_report(actor: User | None, source: SyncSource | str, upload: FileStorage | None, *,
                  match_by: MatchBy = MatchBy.EMAIL, course_key: str | None = None,
                  pass_threshold: float | None = None,
                  mappings: Iterable[tuple[str, str]] = ()) -> SyncRun:
    """Check an uploaded report whole, then save its options and mappings and run it; commits.

    ``source`` is a CSV source or the name of one, created (uploads only, matching people by
    ``match_by``) once the report is accepted. Raises InvalidInput (no file, not a CSV source,
    bad name or mapping), ReportRefused, Conflict (a run holds the source).
    """
    from .jobs import run_sync

    existing = _csv_source(source)
    name = existing.name if existing else str(source).strip()
    with tempfile.TemporaryDirectory(prefix="lms-bridge-report-") as folder:
        path, filename = _uploaded(upload, folder)
        options = report_options(existing.options if existing else None, course_key,
                                 pass_threshold)
        count = check_report(path, name, options)
        if existing is None:  # a bad mapping refuses the new source too
            target = operations.create_source(actor, name, SourceKind.CSV, "", match_by=match_by,
                                              options=options, mappings=mappings)
        else:
            target, target.options = existing, options
            for remote_key, slug in mappings:
                operations.map_course(actor, target, remote_key, slug)
        record_audit(actor, "sync.report_uploaded", "sync_source", target.id,
                     f"{target.name}: uploaded {filename} ({count} records)")
        db.session.commit()
        run = run_sync(target.id, trigger=RunTrigger.IMPORT, full=True, csv_path=path)
    if run is None:
        raise Conflict(_("%(name)s is being synced right now; upload the report again later.",
                         name=name))
    return run
