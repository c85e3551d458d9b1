"""A module's results as CSV, safe to open in a spreadsheet: every cell goes through the
matrix export's ``neutralise`` (a leading apostrophe before a cell a spreadsheet would run).
The column headers are in the language of the person downloading; the values are data (the
status as the player records it, numbers with a dot, times as YYYY-MM-DD HH:MM in UTC)."""
from __future__ import annotations

import csv
import io

from flask_babel import lazy_gettext as _l

from ..spreadsheets import neutralise
from .queries import LearnerResult

HEADER = [_l("learner"), _l("email"), _l("administration"), _l("attempts"), _l("status"),
          _l("score (%)"), _l("time spent (minutes)"), _l("last activity (UTC)"),
          _l("package versions"), _l("editions")]


def results_csv(rows: list[LearnerResult]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(str(words)) for words in HEADER])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in (
            row.name, row.email, row.administration, row.attempts, row.status,
            "" if row.score is None else f"{row.score:.1f}", f"{row.seconds / 60:.1f}",
            row.last_activity.strftime("%Y-%m-%d %H:%M"),
            " ".join(str(n) for n in row.versions), " ".join(row.editions))])
    return out.getvalue()
