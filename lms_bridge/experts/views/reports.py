"""The programme report: figures for a period and scope, their trend, a chart, CSV, print."""
from __future__ import annotations

from datetime import date

from flask import Response, render_template, request
from flask_login import login_required

from ...converters import query_id
from ...accounts import queries as account_queries
from ...accounts.models import Region
from ...accounts.permissions import Action, require
from ...errors import InvalidInput
from ...security import signed_in_user
from ..chart import trend_chart
from ..export import report_csv
from ..report import FIGURES, LABELS, Scope, half_year_of, programme_report
from ..vocabulary import Field
from . import blueprint


def _day(name: str, default: date) -> date:
    text = request.args.get(name) or ""
    if not text:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{name}: '{text}' is not a date like 2026-01-01",
                           [{"field": name, "problem": "not a date"}]) from None


def _report():
    require(signed_in_user(), Action.VIEW_PROGRAMME_REPORT)
    default_start, default_end = half_year_of(date.today())
    start, end = _day("from", default_start), _day("to", default_end)
    if end < start:
        raise InvalidInput("The period ends before it starts.",
                           [{"field": "to", "problem": "before from"}])
    args = request.args
    scope = Scope(region=Region[args["region"]] if args.get("region") in Region.__members__
                  else None,
                  administration_id=query_id("administration"),
                  field=Field[args["field"]] if args.get("field") in Field.__members__ else None)
    return programme_report(start, end, scope)


@blueprint.get("/reports/programme")
@login_required
def programme_report_page():
    report = _report()
    return render_template("experts/report.html", report=report, labels=LABELS,
                           keys=[k for k, _ in FIGURES], chart=trend_chart(report),
                           regions=list(Region), fields=list(Field),
                           administrations=account_queries.administrations())


@blueprint.get("/reports/programme.csv")
@login_required
def programme_report_csv():
    report = _report()
    return Response(report_csv(report), mimetype="text/csv", headers={
        "Content-Disposition":
            f'attachment; filename="programme-{report.start}-{report.end}.csv"'})
