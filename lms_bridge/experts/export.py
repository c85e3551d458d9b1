"""Experts CSV files, safe to open in a spreadsheet (every text cell through ``neutralise``)."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from ..spreadsheets import neutralise
from .models import TrainingRecord
from .pledge import weeks
from .queries import RegisterRow
from .report import LABELS, ProgrammeReport


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


def register_csv(rows: list[RegisterRow]) -> str:
    dicts = register_rows(rows)
    header = ["name", "email", "administration", "field", "status", "languages", "weeks_left"]
    return _csv(header, ([d[h] if d[h] is not None else "" for h in header] for d in dicts))


def training_csv(records: list[TrainingRecord]) -> str:
    header = ["date", "field", "audience", "participants", "women", "men", "place", "language",
              "trainer", "status"]
    return _csv(header, ([r.held_on, r.field.value, r.audience.value, r.participants,
                          "" if r.women is None else r.women, "" if r.men is None else r.men,
                          r.place, r.language, r.trainer.display_name, r.status.value]
                         for r in records))


def report_csv(report: ProgrammeReport) -> str:
    keys = list(LABELS)
    rows = [["period", "from", "to", *[LABELS[k] for k in keys]],
            ["whole period", report.start, report.end, *[report.totals[k] for k in keys]]]
    rows += [[p.label, "", "", *[p.figures[k] for k in keys]] for p in report.periods]
    rows.append(["pledges", "", "", f"{report.pledge_used_days} of {report.pledged_days} "
                 "pledged working days given"])
    return _csv(rows[0], rows[1:])
