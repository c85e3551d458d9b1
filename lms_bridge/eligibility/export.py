"""The prerequisite matrix as CSV, safe to open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) would be read
as a formula by Excel or LibreOffice; such cells get a leading apostrophe, which spreadsheets
show as text and do not evaluate (OWASP's advice on CSV injection). Names are user-supplied,
so every text cell goes through ``neutralise``.
"""
from __future__ import annotations

import csv
import io

from ..spreadsheets import neutralise
from .models import Workshop
from .queries import MatrixRow

def matrix_csv(workshop: Workshop, rows: list[MatrixRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header = ["candidate", "email", "administration", "region", "status", "verdict",
              "prerequisites met", "pre-selection score"]
    for prerequisite in workshop.prerequisites:
        header += [f"{prerequisite.label}: {part}"
                   for part in ("met", "status", "score", "source", "date")]
    writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in _line(row, len(workshop.prerequisites))])
    return out.getvalue()


def _line(row: MatrixRow, count: int) -> list[object]:
    application = row.application
    line: list[object] = [
        application.user.display_name, application.user.email, application.administration.name,
        application.administration.region.value, application.status.value,
        application.outcome.value if application.outcome else "", f"{row.met}/{count}",
        "" if row.score is None else f"{row.score:g}"]
    for cell in row.cells:
        if cell is None:
            line += ["", "", "", "", ""]
        else:
            line += ["yes" if cell["met"] else "no", cell["status"] or "", cell["score"] or "",
                     cell["source"] or "", (cell["completed_at"] or "")[:10]]
    return line
