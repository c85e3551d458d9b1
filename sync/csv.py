"""CSV completion reports: our template and Moodle's course-completion and grades exports.

The whole file is parsed before anything is returned; any problem refuses the whole report
with a :class:`~sync.errors.CsvReportError` naming the row (file line, header = 1) and the
column of up to ten problems. Text is UTF-8 (a BOM is fine); the delimiter is sniffed among
comma, semicolon and tab. Which shape a file has is told by its header:

- **template** (documented for coordinators): ``email, idnumber, username, module, status,
  score, completed_at``; ``module`` and ``status`` (completed / passed / failed /
  incomplete) are required and one of the three identifiers; ``score`` is blank, a number in
  0..1 or a percentage like ``85%``; ``completed_at`` ISO 8601 (a date or a time without
  offset is read in ``default_tz``). One row per person and module.
- **Moodle course completion** (report/completion, "Download in CSV"): ``ID, Name``, the
  identity fields shown (``Email address``, ``ID number``, ``Username``), then per activity
  ``<name>`` ("Not completed", "Completed", "Completed (achieved pass grade)", "Completed (did
  not achieve pass grade)") and ``<name> - Completion date``, other criteria, and ``Course
  complete`` (a date when complete). Dates as Moodle prints them (``22/11/26, 09:32``, read in
  ``default_tz``) or ISO. The file does not name its course: give ``course_key``.
- **Moodle grades export** (grade/export/txt): ``First name, Last name``, identity fields, one
  column per grade item titled ``<item> (Real)`` or ``<item> (Percentage)`` and ``Course total
  (...)``; ``-`` means not graded (no record). Real grades are scaled by ``grade_max``. A
  grade says nothing about completion, so ``pass_threshold`` (scaled) is required: at or above
  it PASSED, else FAILED. Give ``course_key`` too.

Records: ``course_key`` is the template's ``module`` or the given ``course_key``;
``activity_key`` is the activity or grade item name from a Moodle export (None for the course).
"""
from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from sync.base import PullCounters, PullResult, SourceHealth, SyncState
from sync.csv_shapes import ReportOptions, detect_shape, parse_rows
from sync.errors import CsvReportError
from sync.records import RemoteCompletion, SourceKind

STATE_FORMAT = 1


def read_report_text(data: bytes) -> str:
    """Decode a report (UTF-8, optional BOM); raises CsvReportError."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CsvReportError(f"not UTF-8 text (byte {exc.start})", row=line) from None


def parse_completion_report(text: str, options: ReportOptions) -> list[RemoteCompletion]:
    """Every record of a report, or CsvReportError for the first problems found."""
    rows = list(csv.reader(io.StringIO(text), _dialect(text)))
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise CsvReportError("the report is empty")
    header = [cell.strip() for cell in rows[0]]
    return parse_rows(detect_shape(header), header, rows[1:], options)


def _dialect(text: str) -> type[csv.Dialect]:
    """Excel's dialect with the header's delimiter: only the delimiter is sniffed, since a
    header has no quotes to learn quoting from (a sniffed dialect would not read ``""``)."""
    first_line = text.split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(first_line, delimiters=",;\t").delimiter
    except csv.Error:
        return csv.excel
    return type("ReportDialect", (csv.excel,), {"delimiter": delimiter})


@dataclass
class CsvReportSource:
    """A CSV report file: pulled again only when its content changed."""

    path: Path
    options: ReportOptions = field(default_factory=ReportOptions)
    now: Callable[[], datetime] = lambda: datetime.now(timezone.utc)
    kind: SourceKind = SourceKind.CSV

    def check(self) -> SourceHealth:
        """Readable, and the header is one of the known shapes; raises SyncError."""
        text = read_report_text(self._read())
        header = next(csv.reader(io.StringIO(text), _dialect(text)), [])
        shape = detect_shape([cell.strip() for cell in header])
        return SourceHealth(SourceKind.CSV, True, f"{shape.value} report", site_url=str(self.path))

    def pull_completions(self, state: SyncState | None, *, full: bool = False) -> PullResult:
        """All records of the file if it changed since ``state``; raises CsvReportError."""
        data = self._read()
        digest = hashlib.sha256(data).hexdigest()
        new_state = {"format": STATE_FORMAT, "sha256": digest}
        counters = PullCounters(scopes=1)
        if not full and state and state.get("format") == STATE_FORMAT and state.get("sha256") == digest:
            return PullResult([], new_state, counters)
        options = self.options if self.options.fetched_at else self.options.at(self.now())
        records = parse_completion_report(read_report_text(data), options)
        counters.items_seen = counters.records = len(records)
        return PullResult(records, new_state, counters)

    def _read(self) -> bytes:
        try:
            return Path(self.path).read_bytes()
        except OSError as exc:
            raise CsvReportError(f"cannot read {self.path}: {exc.strerror}") from None

