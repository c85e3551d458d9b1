"""Results pages: the modules, a module's learners (filters, pages, CSV), its questions."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import login_required

from ..converters import page_number, query_id
from ..accounts import queries as account_queries
from ..accounts.permissions import Action, require
from ..catalog.models import VersionState
from ..catalog.queries import module_by_slug
from ..errors import InvalidInput
from ..player.wording import status_label
from ..security import signed_in_user
from . import queries
from .chart import question_chart
from .export import results_csv

blueprint = Blueprint("reports", __name__, template_folder="templates")

# What the filters show for a package version's state (the catalog's ``VersionState``).
VERSION_STATE_WORDS = {VersionState.DRAFT: _l("draft"), VersionState.PUBLISHED: _l("published"),
                       VersionState.RETIRED: _l("retired")}
# The filters' words for the dates they take (as on the form).
DATE_WORDS = {"since": _l("Last activity from"), "until": _l("to")}
# What the questions page shows for a SCORM interaction type (cmi.interactions.n.type); a type
# the content made up is shown as it is.
INTERACTION_WORDS = {"true-false": _l("true-false"), "choice": _l("choice"),
                     "fill-in": _l("fill-in"), "long-fill-in": _l("long-fill-in"),
                     "likert": _l("likert"), "matching": _l("matching"),
                     "performance": _l("performance"), "sequencing": _l("sequencing"),
                     "numeric": _l("numeric"), "other": _l("other")}


@blueprint.context_processor
def _words():
    return {"status_label": status_label, "version_state_words": VERSION_STATE_WORDS,
            "interaction_words": INTERACTION_WORDS}


def _date(name: str) -> date | None:
    text = request.args.get(name, "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(_("%(field)s: a date such as 2026-03-31, not %(text)s.",
                             field=DATE_WORDS.get(name, name), text=repr(text[:40])),
                           [{"field": name, "problem": _("a date YYYY-MM-DD")}]) from None


def parse_filters() -> queries.ResultsFilter:
    """The report's filters from the query string; an unknown status or a bad date is a 400."""
    status = request.args.get("status", "").strip() or None
    if status is not None and status not in queries.STATUSES:
        raise InvalidInput(_("Status: one of %(statuses)s.", statuses=", ".join(
                               status_label(s) for s in queries.STATUSES)),
                           [{"field": "status", "problem": _("unknown status")}])
    return queries.ResultsFilter(
        administration_id=query_id("administration"), status=status,
        since=_date("since"), until=_date("until"),
        version_id=query_id("version"))


def _administrations(viewer):
    """The administrations the viewer may filter on."""
    scope = queries.visible_administration(viewer, None)
    return [a for a in account_queries.administrations() if scope is None or a.id == scope]


@blueprint.get("/reports/modules")
@login_required
def modules():
    require(signed_in_user(), Action.VIEW_MODULE_RESULTS)
    return render_template("reports/modules.html", modules=queries.modules_with_attempts())


@blueprint.get("/reports/modules/<slug>")
@login_required
def module_results(slug: str):
    viewer = signed_in_user()
    require(viewer, Action.VIEW_MODULE_RESULTS)
    module = module_by_slug(slug)
    filters = parse_filters()
    page = queries.results_page(viewer, module, filters, page_number())
    return render_template("reports/module_results.html", module=module, page=page,
                           filters=filters, statuses=queries.STATUSES,
                           administrations=_administrations(viewer),
                           versions=queries.versions_of(module))


@blueprint.get("/reports/modules/<slug>/results.csv")
@login_required
def module_results_csv(slug: str):
    viewer = signed_in_user()
    require(viewer, Action.VIEW_MODULE_RESULTS)
    module = module_by_slug(slug)
    body = results_csv(queries.learner_results(viewer, module, parse_filters()))
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{module.slug}-results.csv"'})


@blueprint.get("/reports/modules/<slug>/questions")
@login_required
def module_questions(slug: str):
    viewer = signed_in_user()
    require(viewer, Action.VIEW_MODULE_RESULTS)
    module = module_by_slug(slug)
    counted_only = request.args.get("attempts", "counted") != "all"
    filters = parse_filters()
    report = queries.question_report(viewer, module, filters, counted_only)
    return render_template("reports/questions.html", module=module, report=report,
                           chart=question_chart(report.questions), filters=filters,
                           administrations=_administrations(viewer),
                           versions=queries.versions_of(module))
