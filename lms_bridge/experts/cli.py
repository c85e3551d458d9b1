"""`lms-bridge report programme` and `lms-bridge experts list` (the operator sees everything)."""
from __future__ import annotations

import json
from datetime import date

import click
from flask.cli import AppGroup, with_appcontext

from ..accounts.models import Region
from . import queries
from .export import register_csv, register_rows, report_csv
from .report import LABELS, Scope, half_year_of, programme_report
from .vocabulary import Field

report_group = AppGroup("report", help="Reports of the programme.")
experts_group = AppGroup("experts", help="The experts' register.")

FORMAT = click.option("--format", "output", type=click.Choice(["csv", "json"]), default="csv",
                      show_default=True)


def _enum(enum_cls, text: str | None, option: str):
    if not text:
        return None
    for member in enum_cls:
        if text.lower() in (member.name.lower(), member.value.lower()):
            return member
    raise click.BadParameter(f"{text!r} is not one of: "
                             + "; ".join(m.value for m in enum_cls), param_hint=option)


@report_group.command("programme")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]),
              help="First day (default: the current half-year's).")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]),
              help="Last day (default: the current half-year's).")
@click.option("--region", help="A WCO region, e.g. 'Asia/Pacific'.")
@click.option("--field", help="A field, e.g. 'HS classification'.")
@FORMAT
@with_appcontext
def programme(start, end, region, field, output):
    """The programme report: experts, missions, days, pledges and people trained."""
    first, last = half_year_of(date.today())
    start, end = start.date() if start else first, end.date() if end else last
    if end < start:
        raise click.BadParameter("the period ends before it starts", param_hint="--to")
    report = programme_report(start, end, Scope(_enum(Region, region, "--region"), None,
                                                _enum(Field, field, "--field")))
    if output == "csv":
        click.echo(report_csv(report), nl=False)
        return
    click.echo(json.dumps({
        "from": str(report.start), "to": str(report.end), "scope": report.scope.describe(),
        "totals": report.totals, "labels": LABELS, "pledged_days": report.pledged_days,
        "pledge_used_days": report.pledge_used_days, "experts_current": report.experts_current,
        "periods": [{"label": p.label, **p.figures} for p in report.periods]}, indent=2))


@experts_group.command("list")
@click.option("--field", help="Only this field, e.g. 'customs valuation'.")
@FORMAT
@with_appcontext
def list_experts(field, output):
    """Everyone pre-accredited or accredited, with the weeks left in their pledge."""
    rows = queries.register(None, queries.RegisterFilter(field=_enum(Field, field, "--field")))
    if output == "csv":
        click.echo(register_csv(rows), nl=False)
    else:
        click.echo(json.dumps(register_rows(rows), indent=2, ensure_ascii=False))
