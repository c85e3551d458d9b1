"""A module's results as CSV, safe to open in a spreadsheet: every cell goes through the
matrix export's ``neutralise`` (a leading apostrophe before a cell a spreadsheet would run)."""
from __future__ import annotations

import csv
import io

from ..spreadsheets import neutralise
from .queries import LearnerResult

HEADER = ["learner", "email", "administration", "attempts", "status", "score (%)",
          "time spent (minutes)", "last activity (UTC)", "package versions", "editions"]


def results_csv(rows: list[LearnerResult]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in (
            row.name, row.email, row.administration, row.attempts, row.status,
            "" if row.score is None else f"{row.score:.1f}", f"{row.seconds / 60:.1f}",
            row.last_activity.strftime("%Y-%m-%d %H:%M"),
            " ".join(str(n) for n in row.versions), " ".join(row.editions))])
    return out.getvalue()
