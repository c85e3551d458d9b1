"""The value-type patterns the browser adapter receives: written in the subset of regex syntax
that Python and JavaScript read alike (tests/browser/test_adapter_rules.py runs them in Chromium)."""
from __future__ import annotations

import re
import sys

import pytest

from scorm.runtime import ScormVersion, export_rules, lexical, timing
from scorm.runtime.datamodel import rules_for
from scorm.runtime.datatypes import check_value

# Escapes whose meaning differs between the two languages (or that one lacks).
NOT_PORTABLE_ESCAPES = set("dDsSwWbBAZzGpPNk")


def non_portable_parts(pattern: str) -> list[str]:
    """What in ``pattern`` Python's re and JavaScript's RegExp (flag "u") would read differently."""
    found = []
    if not (pattern.startswith("^") and pattern.endswith("$")):
        found.append("not anchored ^...$")
    in_class, index = False, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            escaped = pattern[index + 1]
            if escaped in NOT_PORTABLE_ESCAPES or escaped.isdigit():
                found.append("\\" + escaped)
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == ".":
            found.append("unescaped .")
        elif char == "(" and pattern.startswith("(?", index) and pattern[index + 2] not in ":=!":
            found.append(pattern[index:index + 4])
        index += 1
    return found


@pytest.mark.parametrize("name", sorted(lexical.PORTABLE_PATTERNS))
def test_every_exported_pattern_is_written_in_the_portable_subset(name):
    pattern = lexical.PORTABLE_PATTERNS[name]
    assert non_portable_parts(pattern) == []
    re.compile(pattern)


@pytest.mark.parametrize("pattern, part", [(r"^\d+$", "\\d"), (r"^a.b$", "unescaped ."),
                                           (r"^(?i)a$", "(?i)"), ("a+", "not anchored ^...$"),
                                           (r"^(?P<x>a)$", "(?P<"), (r"^[.\s]$", "\\s")])
def test_the_subset_check_finds_what_javascript_reads_otherwise(pattern, part):
    assert part in non_portable_parts(pattern)


def test_the_whitespace_class_is_what_python_calls_whitespace():
    written = re.compile(f"[{lexical.WHITESPACE}]")
    mismatched = [hex(code) for code in range(sys.maxunicode + 1)
                  if bool(written.fullmatch(chr(code))) != chr(code).isspace()]
    assert mismatched == []


def test_the_rules_carry_the_patterns_for_both_versions():
    for version in ("1.2", "2004"):
        assert export_rules(version)["patterns"] == lexical.PORTABLE_PATTERNS


# Values the old checks accepted because Python's \d takes any Unicode digit and its $ accepts a
# trailing newline; the browser refused them, so a commit could be refused after SetValue said yes.
@pytest.mark.parametrize("version, element_type, value", [
    ("1.2", "CMIDecimal", "\u0663"),          # ARABIC-INDIC DIGIT THREE
    ("1.2", "CMIDecimal", "12\n"),
    ("1.2", "CMISInteger", "1\n"),
    ("1.2", "CMITimespan", "\u0660\u0661:00:00"),
    ("1.2", "CMITime", "10:00:00\n"),
    ("2004", "real(10,7)", "0.\u0665"),
    ("2004", "time_interval", "PT\u0661S"),
    ("2004", "time", "2020-01-01\n"),
    ("2004", "language", "en-GB\n"),
    ("2004", "nav_request", "{target=a}choice\n"),
])
def test_unicode_digits_and_a_trailing_newline_are_refused(version, element_type, value):
    rules = rules_for(ScormVersion(version))
    rule = next(rule for rule in rules.elements if rule.type == element_type)
    assert check_value(value, rule) is not None


@pytest.mark.parametrize("value, valid", [
    ("2038-12-31T23:59:59.9+23:59", True), ("2000-02-29", True), ("2001-02-29", False),
    ("2020-04-31", False), ("2039", False), ("1969", False), ("2020-01-01T24", False),
    ("2020-01-01T10:00:00.5+24:00", False), ("2020-01-01T10:00:00Z", False),
])
def test_timestamps_keep_their_ranges(value, valid):
    assert timing.is_timestamp(value) is valid


@pytest.mark.parametrize("value, valid", [
    ("P", False), ("PT", False), ("P1YT", False), ("PT1H", True), ("P1Y2M3DT4H5M6.75S", True),
    ("PT.5S", False), ("P1D", True),
])
def test_durations_refuse_an_empty_designator(value, valid):
    assert timing.is_duration(value) is valid
