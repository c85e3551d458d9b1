"""The programme report: figures for a period and scope, their trend, a chart, CSV, print."""
from __future__ import annotations

from datetime import date

from flask import Response, render_template, request
from flask_babel import gettext as _
from flask_login import login_required

from ...converters import query_id
from ...accounts import queries as account_queries
from ...accounts.models import Region
from ...accounts.permissions import Action, require
from ...errors import InvalidInput
from ...security import signed_in_user
from ..chart import trend_chart
from ..export import report_csv
from ..labels import label
from ..report import WORDS, Scope, half_year_name, half_year_of, programme_report
from ..vocabulary import Field
from . import blueprint


def _day(name: str, default: date) -> date:
    text = request.args.get(name) or ""
    if not text:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError:
        words = {"from": _("From"), "to": _("To")}
        raise InvalidInput(_("%(name)s: '%(text)s' is not a date like 2026-01-01",
                             name=words.get(name, name), text=text),
                           [{"field": name, "problem": _("not a date")}]) from None


def _report():
    require(signed_in_user(), Action.VIEW_PROGRAMME_REPORT)
    default_start, default_end = half_year_of(date.today())
    start, end = _day("from", default_start), _day("to", default_end)
    if end < start:
        raise InvalidInput(_("The period ends before it starts."),
                           [{"field": "to", "problem": _("before the first day")}])
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
    administrations = account_queries.administrations()
    return render_template("experts/report.html", report=report, labels=WORDS, keys=list(WORDS),
                           chart=trend_chart(report), regions=list(Region), fields=list(Field),
                           administrations=administrations, half_year_name=half_year_name,
                           scope_words=_scope_words(report.scope, administrations))


def _scope_words(scope: Scope, administrations) -> str:
    """The report's scope for its reader: region, administration (by name), field."""
    names = {a.id: a.name for a in administrations}
    parts = [label(scope.region) if scope.region else "",
             names.get(scope.administration_id, "") if scope.administration_id else "",
             label(scope.field) if scope.field else ""]
    return ", ".join(p for p in parts if p) or _("the whole network")


@blueprint.get("/reports/programme.csv")
@login_required
def programme_report_csv():
    report = _report()
    return Response(report_csv(report), mimetype="text/csv", headers={
        "Content-Disposition":
            f'attachment; filename="programme-{report.start}-{report.end}.csv"'})
