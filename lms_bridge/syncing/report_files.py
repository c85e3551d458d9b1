"""Which file on the server a CSV sync source may read: only one inside the import folder.

A CSV source reads the reports uploaded on its page (or given to ``lms-bridge sync
import-csv`` by an operator on the server). It may also name a report by path, re-read on each
run, but only a file inside the folder ``LMS_BRIDGE_SYNC_CSV_IMPORT_DIR`` (unset: no path at
all). The path is resolved (``..`` collapsed, symbolic links followed) before the check, a
relative path is taken inside the folder, and the refusal has the same words whether the file
is missing or outside the folder, so that the answer never tells whether some server path
exists.
"""
from __future__ import annotations

from pathlib import Path

from sync.errors import CsvReportError

REFUSED = ("a CSV source reads the reports uploaded on its page, or a report file inside the "
           "import folder (LMS_BRIDGE_SYNC_CSV_IMPORT_DIR); this path is not one")


def report_file(path_text: str, folder: Path | None) -> Path:
    """The existing report file ``path_text`` names inside ``folder``; raises CsvReportError."""
    if folder is None or not path_text.strip() or "\x00" in path_text:
        raise CsvReportError(REFUSED)
    root = folder.resolve()
    try:
        path = (root / path_text.strip()).resolve()
    except (OSError, RuntimeError):  # a symlink loop, a name too long
        raise CsvReportError(REFUSED) from None
    if not path.is_relative_to(root) or not path.is_file():
        raise CsvReportError(REFUSED)
    return path
