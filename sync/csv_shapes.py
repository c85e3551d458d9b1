"""The three report shapes of :mod:`sync.csv` and their row parsers (pure)."""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass, replace
from datetime import datetime, timezone, tzinfo
from typing import Callable, Sequence

from sync.errors import CsvReportError
from sync.records import CompletionStatus, Provenance, RemoteCompletion, RemotePerson, SourceKind

TEMPLATE_COLUMNS = ("email", "idnumber", "username", "module", "status", "score", "completed_at")
MOODLE_ACTIVITY_STATES = {
    "not completed": CompletionStatus.INCOMPLETE, "completed": CompletionStatus.COMPLETED,
    "completed (achieved pass grade)": CompletionStatus.PASSED,
    "completed (did not achieve pass grade)": CompletionStatus.FAILED}
IDENTITY_COLUMNS = {"Email address": "email", "ID number": "idnumber", "Username": "username"}
GRADE_COLUMN = re.compile(r"^(?P<item>.+) \((?P<kind>Real|Percentage)\)$")
MOODLE_SHORT_DATETIME = "%d/%m/%y, %H:%M"
MAX_LISTED_PROBLEMS = 10


class ReportShape(enum.Enum):
    TEMPLATE = "template"
    MOODLE_COMPLETION = "Moodle course completion"
    MOODLE_GRADES = "Moodle grades"


@dataclass(frozen=True)
class ReportOptions:
    """How to read a report: see :mod:`sync.csv`."""

    course_key: str | None = None
    pass_threshold: float | None = None
    grade_max: float = 100.0
    default_tz: tzinfo = timezone.utc
    source_name: str = "report"
    fetched_at: datetime | None = None

    def at(self, when: datetime) -> "ReportOptions":
        return replace(self, fetched_at=when)


def detect_shape(header: Sequence[str]) -> ReportShape:
    """Which shape a header row belongs to; raises CsvReportError naming what is missing."""
    lowered = [h.lower() for h in header]
    if {"module", "status"} <= set(lowered):
        return ReportShape.TEMPLATE
    if header[:2] == ["ID", "Name"] and "Course complete" in header:
        return ReportShape.MOODLE_COMPLETION
    if {"First name", "Last name"} <= set(header) and any(GRADE_COLUMN.match(h) for h in header):
        return ReportShape.MOODLE_GRADES
    raise CsvReportError("unknown report shape: expected the template columns "
                         f"({', '.join(TEMPLATE_COLUMNS)}), a Moodle course completion export "
                         "or a Moodle grades export", row=1)


class Problems:
    """Collects row/column problems so that a report is refused with all of them at once."""

    def __init__(self) -> None:
        self.found: list[tuple[int, str | None, str]] = []

    def add(self, row: int, column: str | None, message: str) -> None:
        self.found.append((row, column, message))

    def raise_if_any(self) -> None:
        if not self.found:
            return
        row, column, message = self.found[0]
        more = [f"row {r}" + (f", column {c!r}" if c else "") + f": {m}"
                for r, c, m in self.found[1:MAX_LISTED_PROBLEMS]]
        extra = len(self.found) - MAX_LISTED_PROBLEMS
        tail = ("; also " + "; ".join(more) if more else "") + (
            f"; and {extra} more problems" if extra > 0 else "")
        raise CsvReportError(message + tail, row=row, column=column,
                             problems=tuple(self.found))


def parse_rows(shape: ReportShape, header: list[str], rows: list[list[str]],
               options: ReportOptions) -> list[RemoteCompletion]:
    """Records of all data rows; raises CsvReportError listing the problems."""
    if shape is not ReportShape.TEMPLATE and not options.course_key:
        raise CsvReportError(f"a {shape.value} export does not name its course: give course_key")
    if shape is ReportShape.MOODLE_GRADES and options.pass_threshold is None:
        raise CsvReportError("a grades export needs pass_threshold to tell passed from failed")
    problems = Problems()
    parser = {ReportShape.TEMPLATE: _template_row, ReportShape.MOODLE_COMPLETION: _completion_row,
              ReportShape.MOODLE_GRADES: _grades_row}[shape]
    records: list[RemoteCompletion] = []
    seen: dict[tuple, int] = {}
    for line, cells in enumerate(rows, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.add(line, None, f"{len(cells)} cells where the header has {len(header)}")
            continue
        row = dict(zip(header, (c.strip() for c in cells)))
        for record in parser(row, line, options, problems):
            key = (record.person, record.course_key, record.activity_key)
            if key in seen:
                problems.add(line, None, f"same person and module as row {seen[key]}")
            seen[key] = line
            records.append(record)
    problems.raise_if_any()
    return records


def _provenance(options: ReportOptions, line: int, row: dict[str, str]) -> Provenance:
    return Provenance(SourceKind.CSV, {"file": options.source_name, "row": str(line)},
                      options.fetched_at or datetime.now(timezone.utc), dict(row))


def _person(row: dict[str, str], columns: dict[str, str], line: int, problems: Problems,
            **extra: str | None) -> RemotePerson | None:
    found = {field: row.get(column) or None for column, field in columns.items()}
    try:
        return RemotePerson(**found, **extra)
    except ValueError:
        problems.add(line, None, "no identifier: give an email, idnumber or username")
        return None


def _guard(problems: Problems, line: int, column: str, parse: Callable, value: str):
    try:
        return parse(value), True
    except ValueError as exc:
        problems.add(line, column, str(exc))
        return None, False


def parse_status(value: str) -> CompletionStatus:
    try:
        return CompletionStatus(value.strip().lower())
    except ValueError:
        raise ValueError(f"status {value!r} is not one of completed, passed, failed, "
                         "incomplete") from None


def parse_score(value: str) -> float | None:
    """Blank, a number in 0..1, or a percentage (``85%``, ``85.00 %``)."""
    text = value.strip()
    if not text or text == "-":
        return None
    percent = text.endswith("%")
    try:
        number = float(text.rstrip("%").strip())
    except ValueError:
        raise ValueError(f"score {value!r} is not a number") from None
    scaled = number / 100 if percent else number
    if not 0.0 <= scaled <= 1.0:
        raise ValueError(f"score {value!r} is outside 0..1 (write a percentage as 85%)")
    return scaled


def parse_real_grade(value: str, grade_max: float) -> float:
    """A grade in points (``92.00``) scaled by the item's maximum."""
    try:
        points = float(value)
    except ValueError:
        raise ValueError(f"grade {value!r} is not a number") from None
    if not 0.0 <= points <= grade_max:
        raise ValueError(f"grade {value!r} is outside 0..{grade_max:g}")
    return points / grade_max


def parse_when(value: str, tz: tzinfo) -> datetime | None:
    """ISO 8601, or Moodle's short date-time; a time without offset is read in ``tz``."""
    text = value.strip()
    if not text:
        return None
    for parse in (datetime.fromisoformat,
                  lambda t: datetime.strptime(t, MOODLE_SHORT_DATETIME)):
        try:
            when = parse(text.replace("Z", "+00:00"))
        except ValueError:
            continue
        return when if when.tzinfo else when.replace(tzinfo=tz)
    raise ValueError(f"date {value!r} is neither ISO 8601 nor like 22/11/26, 09:32")


def _template_row(row, line, options, problems):
    person = _person(row, {"email": "email", "idnumber": "idnumber", "username": "username"},
                     line, problems)
    module = row.get("module", "")
    if not module:
        problems.add(line, "module", "module is empty")
    status, ok1 = _guard(problems, line, "status", parse_status, row.get("status", ""))
    score, ok2 = _guard(problems, line, "score", parse_score, row.get("score", ""))
    when, ok3 = _guard(problems, line, "completed_at",
                       lambda v: parse_when(v, options.default_tz), row.get("completed_at", ""))
    if person is None or not module or not (ok1 and ok2 and ok3):
        return []
    return [RemoteCompletion(person, module, None, status, score, when,
                             _provenance(options, line, row))]


def _completion_row(row, line, options, problems):
    person = _person(row, IDENTITY_COLUMNS, line, problems, remote_user_id=row.get("ID") or None,
                     full_name=row.get("Name") or None)
    if person is None:
        return []
    records = []
    for column in row:
        if f"{column} - Completion date" not in row:
            continue
        state = MOODLE_ACTIVITY_STATES.get(row[column].lower())
        if state is None:
            problems.add(line, column, f"unknown completion state {row[column]!r}")
            continue
        when, ok = _guard(problems, line, f"{column} - Completion date",
                          lambda v: parse_when(v, options.default_tz),
                          row[f"{column} - Completion date"])
        if ok:
            records.append(RemoteCompletion(person, options.course_key, column, state, None,
                                            when if state.is_finished else None,
                                            _provenance(options, line, row)))
    when, ok = _guard(problems, line, "Course complete",
                      lambda v: parse_when(v, options.default_tz), row["Course complete"])
    if ok:
        status = CompletionStatus.COMPLETED if when else CompletionStatus.INCOMPLETE
        records.append(RemoteCompletion(person, options.course_key, None, status, None, when,
                                        _provenance(options, line, row)))
    return records


def _grades_row(row, line, options, problems):
    full_name = f"{row.get('First name', '')} {row.get('Last name', '')}".strip() or None
    person = _person(row, IDENTITY_COLUMNS, line, problems, full_name=full_name)
    if person is None:
        return []
    records = []
    for column, value in row.items():
        match = GRADE_COLUMN.match(column)
        if not match or value in ("", "-"):
            continue
        if match["kind"] == "Real":
            score, ok = _guard(problems, line, column,
                               lambda v: parse_real_grade(v, options.grade_max), value)
        else:
            score, ok = _guard(problems, line, column, parse_score, value)
        if not ok or score is None:
            continue
        status = (CompletionStatus.PASSED if score >= options.pass_threshold
                  else CompletionStatus.FAILED)
        item = None if match["item"] == "Course total" else match["item"]
        records.append(RemoteCompletion(person, options.course_key, item, status, score, None,
                                        _provenance(options, line, row)))
    return records
