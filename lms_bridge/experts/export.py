"""Experts CSV files, safe to open in a spreadsheet (every text cell through ``neutralise``).

Column headers are in the language of the person downloading (English from the command line);
the values are data and stay as stored (a field is "customs valuation" in every language)."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from flask_babel import gettext as _, lazy_gettext as _l, pgettext

from ..spreadsheets import neutralise
from .models import TrainingRecord
from .pledge import weeks
from .queries import RegisterRow
from .report import WORDS, ProgrammeReport, half_year_name


def _csv(header: list[str], rows: Iterable[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()


def register_rows(rows: list[RegisterRow]) -> list[dict[str, object]]:
    return [{"name": r.accreditation.user.display_name, "email": r.accreditation.user.email,
             "administration": (r.accreditation.user.administration.name
                                if r.accreditation.user.administration else ""),
             "field": r.accreditation.field.value, "status": r.accreditation.status.value,
             "languages": r.languages,
             "weeks_left": weeks(r.balance.left_days) if r.balance else None}
            for r in rows]


REGISTER_COLUMNS = {"name": _l("name"), "email": _l("email"),
                    "administration": _l("administration"), "field": _l("field"),
                    "status": _l("status"), "languages": _l("languages"),
                    "weeks_left": _l("weeks_left")}
TRAINING_COLUMNS = (_l("date"), _l("field"), _l("audience"), _l("participants"), _l("women"),
                    _l("men"), _l("place"), _l("language"), _l("trainer"), _l("status"))


def register_csv(rows: list[RegisterRow]) -> str:
    dicts = register_rows(rows)
    keys = list(REGISTER_COLUMNS)
    return _csv([str(REGISTER_COLUMNS[k]) for k in keys],
                ([d[k] if d[k] is not None else "" for k in keys] for d in dicts))


def training_csv(records: list[TrainingRecord]) -> str:
    return _csv([str(words) for words in TRAINING_COLUMNS], (
        [r.held_on, r.field.value, r.audience.value, r.participants,
         "" if r.women is None else r.women, "" if r.men is None else r.men,
         r.place, r.language, r.trainer.display_name, r.status.value] for r in records))


def report_csv(report: ProgrammeReport) -> str:
    keys = list(WORDS)
    rows = [[_("period"), pgettext("first day of a period", "from"),
             pgettext("last day of a period", "to"), *[str(WORDS[k]) for k in keys]],
            [_("whole period"), report.start, report.end, *[report.totals[k] for k in keys]]]
    rows += [[half_year_name(p.starts_on), "", "", *[p.figures[k] for k in keys]]
             for p in report.periods]
    rows.append([_("pledges"), "", "", _("%(used)d of %(pledged)d pledged working days given",
                                         used=report.pledge_used_days,
                                         pledged=report.pledged_days)])
    return _csv(rows[0], rows[1:])
