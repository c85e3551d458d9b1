"""CSV reports: the template and Moodle's completion and grades exports, all or nothing."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from sync.base import CompletionSource
from sync.csv import CsvReportSource, parse_completion_report, read_report_text
from sync.csv_shapes import ReportOptions
from sync.errors import CsvReportError
from sync.records import CompletionStatus

P, F, C, I = (CompletionStatus.PASSED, CompletionStatus.FAILED, CompletionStatus.COMPLETED,
              CompletionStatus.INCOMPLETE)
UTC = timezone.utc

TEMPLATE = """email,idnumber,username,module,status,score,completed_at
learner1@example.com,EMP-001,learner1,HS-PRE,passed,0.92,2026-11-20T10:00:00+01:00
,EMP-002,,HS-PRE,failed,55%,2026-11-20
,,learner3,VAL-PRE,incomplete,,
"""

MOODLE_COMPLETION = (
    "ID,Name,Email address,HS Classification pre-learning - SCORM module,"
    "HS Classification pre-learning - SCORM module - Completion date,"
    "Briefing,Briefing - Completion date,Course complete\n"
    "4,Amina Diallo,learner1@example.com,Completed (achieved pass grade),\"22/11/26, 09:32\","
    "Completed,\"22/11/26, 09:33\",\"22/11/26, 09:33\"\n"
    "5,Ben Okafor,learner2@example.com,Completed (did not achieve pass grade),\"22/11/26, 09:32\","
    "Not completed,,\n")

MOODLE_GRADES = (
    "First name\tLast name\tID number\tEmail address\t"
    "SCORM package: HS Classification pre-learning - SCORM module (Real)\tCourse total (Percentage)\t"
    "Last downloaded from this course\n"
    "Amina\tDiallo\tEMP-001\tlearner1@example.com\t92.00\t92.00 %\t1795339927\n"
    "Eli\tNovak\tEMP-005\tlearner5@example.com\t-\t-\t1795339927\n"
    "Dana\tSchmidt\tEMP-004\tlearner4@example.com\t0.00\t0.00 %\t1795339927\n")


def test_template_rows():
    records = parse_completion_report(TEMPLATE, ReportOptions())
    got = [(r.person.email or r.person.idnumber or r.person.username, r.course_key, r.status,
            r.score_scaled, r.completed_at) for r in records]
    assert got == [
        ("learner1@example.com", "HS-PRE", P, 0.92, datetime(2026, 11, 20, 9, tzinfo=UTC)),
        ("EMP-002", "HS-PRE", F, 0.55, datetime(2026, 11, 20, tzinfo=UTC)),
        ("learner3", "VAL-PRE", I, None, None)]
    assert records[0].provenance.remote_ids == {"file": "report", "row": "2"}


def test_moodle_course_completion_export():
    records = parse_completion_report(MOODLE_COMPLETION, ReportOptions(course_key="HSCLASS-PRE"))
    got = {(r.person.remote_user_id, r.activity_key): (r.status, r.completed_at) for r in records}
    when = datetime(2026, 11, 22, 9, 32, tzinfo=UTC)
    assert got[("4", "HS Classification pre-learning - SCORM module")] == (P, when)
    assert got[("4", None)] == (C, when + timedelta(minutes=1))
    assert got[("5", "HS Classification pre-learning - SCORM module")] == (F, when)
    assert got[("5", "Briefing")] == (I, None) and got[("5", None)] == (I, None)
    assert records[0].person.email == "learner1@example.com"


def test_moodle_grades_export_needs_and_uses_a_pass_threshold():
    with pytest.raises(CsvReportError, match="pass_threshold"):
        parse_completion_report(MOODLE_GRADES, ReportOptions(course_key="HSCLASS-PRE"))
    records = parse_completion_report(
        MOODLE_GRADES, ReportOptions(course_key="HSCLASS-PRE", pass_threshold=0.7))
    got = {(r.person.idnumber, r.activity_key): (r.status, r.score_scaled) for r in records}
    assert got == {
        ("EMP-001", "SCORM package: HS Classification pre-learning - SCORM module"): (P, 0.92),
        ("EMP-001", None): (P, 0.92),
        ("EMP-004", "SCORM package: HS Classification pre-learning - SCORM module"): (F, 0.0),
        ("EMP-004", None): (F, 0.0)}


@pytest.mark.parametrize("text, row, column, message", [
    ("module,status\nHS,passed\n", 2, None, "no identifier"),
    ("email,module,status\na@x.org,,passed\n", 2, "module", "module is empty"),
    ("email,module,status\na@x.org,HS,done\n", 2, "status", "not one of"),
    ("email,module,status,score\na@x.org,HS,passed,92\n", 2, "score", "outside 0..1"),
    ("email,module,status,score\na@x.org,HS,passed,lots\n", 2, "score", "not a number"),
    ("email,module,status,completed_at\na@x.org,HS,passed,yesterday\n", 2, "completed_at",
     "neither ISO"),
    ("email,module,status\na@x.org,HS,passed\nb@x.org,HS\n", 3, None, "2 cells"),
    ("email,module,status\na@x.org,HS,passed\na@x.org,HS,failed\n", 3, None, "as row 2"),
    ("name,grade\nA,1\n", 1, None, "unknown report shape"),
    ("", None, None, "empty"),
])
def test_errors_name_row_and_column(text, row, column, message):
    with pytest.raises(CsvReportError, match=message) as raised:
        parse_completion_report(text, ReportOptions())
    assert (raised.value.row, raised.value.column) == (row, column)


def test_one_bad_row_refuses_the_whole_report_and_lists_every_problem():
    text = TEMPLATE + "x@example.com,,,HS-PRE,maybe,,\ny@example.com,,,HS-PRE,passed,2,\n"
    with pytest.raises(CsvReportError) as raised:
        parse_completion_report(text, ReportOptions())
    assert "row 5" in str(raised.value) and "row 6, column 'score'" in str(raised.value)


def test_moodle_exports_need_the_course():
    with pytest.raises(CsvReportError, match="course_key"):
        parse_completion_report(MOODLE_COMPLETION, ReportOptions())


def test_semicolons_bom_and_non_utf8():
    text = read_report_text("\ufeffemail;module;status\na@x.org;HS;completed\n".encode())
    assert parse_completion_report(text, ReportOptions())[0].status is C
    with pytest.raises(CsvReportError, match="not UTF-8") as raised:
        read_report_text(b"email,module,status\n\xe9t\xe9,HS,passed\n")
    assert raised.value.row == 2


def test_file_source_pulls_only_when_the_file_changed(tmp_path):
    report = tmp_path / "completions.csv"
    report.write_text(TEMPLATE)
    source = CsvReportSource(report)
    assert isinstance(source, CompletionSource)
    assert source.check().detail == "template report"
    first = source.pull_completions(None)
    assert first.counters.records == 3
    assert source.pull_completions(first.state).records == []
    assert source.pull_completions(first.state, full=True).counters.records == 3
    report.write_text(TEMPLATE + "z@example.com,,,HS-PRE,completed,,\n")
    assert source.pull_completions(first.state).counters.records == 4


def test_missing_file_is_a_csv_error(tmp_path):
    with pytest.raises(CsvReportError, match="cannot read"):
        CsvReportSource(tmp_path / "nope.csv").pull_completions(None)
