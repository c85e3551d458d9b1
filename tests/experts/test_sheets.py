"""Monitoring CSV parsing: all-or-nothing with the row and column of every problem."""
from datetime import date

import pytest

from lms_bridge.experts.sheets import parse_sheet

TODAY = date(2026, 6, 30)
HEADER = "date,field,audience,participants,women,men,place,language\n"
GOOD = "2026-03-02,HS classification,customs,25,10,15,Seoul,en\n"


def test_a_good_sheet():
    sheet = parse_sheet((HEADER + GOOD).encode(), TODAY)
    assert sheet.problems == [] and sheet.sessions[0].participants == 25


@pytest.mark.parametrize("row, column, problem", [
    ("2026-13-02,HS classification,customs,25,,,Seoul,en", "date", "not a date"),
    ("02/03/2026,HS classification,customs,25,,,Seoul,en", "date", "not a date"),
    ("2027-03-02,HS classification,customs,25,,,Seoul,en", "date", "in the future"),
    ("2026-03-02,astrology,customs,25,,,Seoul,en", "field", "not one of"),
    ("2026-03-02,HS classification,aliens,25,,,Seoul,en", "audience", "not one of"),
    ("2026-03-02,HS classification,customs,-3,,,Seoul,en", "participants", "at least 1"),
    ("2026-03-02,HS classification,customs,100000,,,Seoul,en", "participants", "more than one"),
    ("2026-03-02,HS classification,customs,5000,,,Seoul,en", "participants", "confirm"),
    ("2026-03-02,HS classification,customs,ten,,,Seoul,en", "participants", "whole number"),
    ("2026-03-02,HS classification,customs,10,8,5,Seoul,en", "men", "add up"),
    ("2026-03-02,HS classification,customs,10,-1,,Seoul,en", "women", "negative"),
    ("2026-03-02,HS classification,customs,10,,,Seoul,xx", "language", "not one of"),
    ("2026-03-02,HS classification,customs,10,,,,en", "place", "empty"),
])
def test_each_problem_names_row_and_column(row, column, problem):
    sheet = parse_sheet((HEADER + GOOD + row + "\n").encode(), TODAY)
    assert sheet.problems and sheet.problems[0]["row"] == 3
    assert sheet.problems[0]["column"] == column and problem in sheet.problems[0]["problem"]


def test_large_sessions_pass_when_confirmed():
    row = "2026-03-02,HS classification,customs,5000,,,Seoul,en,yes\n"
    sheet = parse_sheet((HEADER.strip() + ",confirm\n" + row).encode(), TODAY)
    assert sheet.problems == [] and sheet.sessions[0].participants == 5000


def test_unknown_and_missing_columns():
    sheet = parse_sheet(b"date,field,colour\n2026-03-02,x,y\n", TODAY)
    columns = {(p["column"], p["problem"]) for p in sheet.problems}
    assert ("colour", "unknown column") in columns
    assert ("participants", "required column is missing") in columns


def test_a_repeated_row_is_a_problem():
    sheet = parse_sheet((HEADER + GOOD + GOOD).encode(), TODAY)
    assert sheet.problems == [{"row": 3, "column": "(row)", "problem": "repeats row 2"}]


def test_not_utf8():
    assert parse_sheet(b"\xff\xfe\x00d", TODAY).problems[0]["problem"] == "is not UTF-8 text"


@pytest.mark.parametrize("raw", [
    b"\r9')\r\n",                                   # a bare carriage return in the header
    (HEADER + '2026-03-02,"HS classification\n').encode(),  # a quote never closed
    (HEADER + "2026-03-02,HS\rclassification,customs,25,10,15,Seoul,en\n").encode(),
])
def test_a_broken_csv_is_a_problem_not_a_crash(raw):
    sheet = parse_sheet(raw, TODAY)
    assert sheet.sessions == [] and sheet.problems
    assert all({"row", "column", "problem"} <= set(p) for p in sheet.problems)
