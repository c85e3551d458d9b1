"""One table of values, judged by the Python rules (scorm.runtime) and by the browser adapter in
Chromium: both must give the same SCORM error code for every value, and the code the table
expects. The adapter receives the value patterns from the server (scorm/runtime/lexical.py), so
a disagreement here means a check written twice, or a pattern the two regex engines read apart.

Response formats (correct_response, learner_response, CMIFeedback) are not in the table: the
adapter leaves them to the server by design."""
from __future__ import annotations

import re

import pytest

from scorm.runtime import RuntimeSession, ScormVersion
from scorm.runtime.lexical import PORTABLE_PATTERNS
from tests.browser.course_learner import eventually
from tests.browser.test_player import _sign_in
from tests.player.conftest import publish  # noqa: F401

pytestmark = pytest.mark.browser

OK = True
BAD = False

# data type: (SCORM version, element written, elements written first), then (value, valid)
ELEMENTS = {
    "CMITimespan": ("1.2", "cmi.core.session_time"),
    "CMITime": ("1.2", "cmi.interactions.0.time"),
    "CMIDecimal": ("1.2", "cmi.core.score.raw"),              # 0..100, "" allowed
    "CMISInteger": ("1.2", "cmi.student_preference.audio"),   # -1..100
    "CMIIdentifier": ("1.2", "cmi.interactions.0.objectives.0.id"),
    "CMIVocabulary": ("1.2", "cmi.core.lesson_status"),
    "CMIResult": ("1.2", "cmi.interactions.0.result"),
    "CMIString255": ("1.2", "cmi.core.lesson_location"),
    "CMIString4096": ("1.2", "cmi.suspend_data"),
    "time_interval": ("2004", "cmi.session_time"),
    "time": ("2004", "cmi.interactions.0.timestamp"),
    "real(10,7)": ("2004", "cmi.score.scaled"),               # -1..1
    "long_identifier": ("2004", "cmi.interactions.0.id"),
    "language": ("2004", "cmi.learner_preference.language"),  # "" allowed
    "localized_string": ("2004", "cmi.comments_from_learner.0.comment"),
    "state": ("2004", "cmi.completion_status"),
    "interaction_result": ("2004", "cmi.interactions.0.result"),
    "nav_request": ("2004", "adl.nav.request"),
    "characterstring": ("2004", "cmi.suspend_data"),          # up to max_stored_length
}
SETUP = {"1.2": [], "2004": [("cmi.interactions.0.id", "q1")]}
EMOJI = "\U0001F600"  # one code point, two UTF-16 units

VALUES = {
    "CMITimespan": [("0000:00:00.00", OK), ("99:59:59", OK), ("9999:59:59.9", OK),
                    ("0:00:00", BAD), ("12345:00:00", BAD), ("00:60:00", BAD), ("00:00:00.123", BAD),
                    ("\u0660\u0661:00:00", BAD), ("01:00:00\n", BAD), ("", BAD)],
    "CMITime": [("00:00:00", OK), ("23:59:59.99", OK), ("24:00:00", BAD), ("9:00:00", BAD),
                ("10:00:00.123", BAD), ("10:00:00\n", BAD), ("10:00", BAD)],
    "CMIDecimal": [("0", OK), ("100", OK), ("55.5", OK), (".5", OK), ("5.", OK), ("+1", OK), ("", OK),
                   ("100.01", BAD), ("-1", BAD), ("1e2", BAD), (" 1", BAD), ("\u0663", BAD),
                   ("12\n", BAD), ("NaN", BAD), ("Infinity", BAD), ("0x10", BAD), (".", BAD)],
    "CMISInteger": [("-1", OK), ("100", OK), ("+5", OK), ("007", OK), ("101", BAD), ("-2", BAD),
                    ("1.0", BAD), ("\u0663", BAD), ("1\n", BAD), ("", BAD)],
    "CMIIdentifier": [("q1", OK), ("\u00e9t\u00e9", OK), ("x" * 255, OK), (EMOJI * 255, OK),
                      ("a\ufeffb", OK), ("", BAD), ("a b", BAD), ("a\u00a0b", BAD), ("a\x85b", BAD),
                      ("a\u2028b", BAD), ("a\x1cb", BAD), ("a\tb", BAD), ("x" * 256, BAD),
                      ("a\x00b", BAD), ("a\x07b", BAD), ("a\x7fb", BAD), ("a\x9bb", BAD),
                      (EMOJI * 256, BAD)],
    "CMIVocabulary": [("passed", OK), ("browsed", OK), ("Passed", BAD), ("not attempted", BAD),
                      ("passed ", BAD)],
    "CMIResult": [("correct", OK), ("wrong", OK), ("neutral", OK), ("50", OK), ("-3.5", OK),
                  ("incorrect", BAD), ("5e1", BAD), ("", BAD)],
    "CMIString255": [("", OK), ("x" * 255, OK), (EMOJI * 255, OK), ("x" * 256, BAD),
                     (EMOJI * 256, BAD)],
    "CMIString4096": [("x" * 4096, OK), (EMOJI * 4096, OK), ("x" * 4097, BAD)],
    "time_interval": [("PT1H", OK), ("P1Y2M3DT4H5M6.78S", OK), ("PT0.5S", OK), ("P1D", OK),
                      ("P", BAD), ("PT", BAD), ("P1YT", BAD), ("PT1.123S", BAD), ("pt1h", BAD),
                      ("-PT1H", BAD), ("PT.5S", BAD), ("PT\u0661S", BAD), ("PT1S\n", BAD)],
    "time": [("2020", OK), ("2020-01", OK), ("2020-01-01T10", OK), ("2020-01-01T10:30:00.5Z", OK),
             ("2038-12-31T23:59:59.99-05:30", OK), ("2000-02-29", OK), ("1970-01-01T00:00:00.0+00", OK),
             ("2020-1", BAD), ("2020-01-01T10:30:00Z", BAD), ("1969-12-31", BAD), ("2039", BAD),
             ("2020-02-30", BAD), ("2001-02-29", BAD), ("2020-04-31", BAD), ("2020-13", BAD),
             ("2020-01-01T24", BAD), ("2020-01-01T10:30:00.5+24:00", BAD),
             ("2020-01-01T10:30:00.5+05:60", BAD), ("2020-01-01\n", BAD)],
    "real(10,7)": [("1", OK), ("-1", OK), ("0.1234567", OK), ("-.5", OK), ("1.0000001", BAD),
                   ("-2", BAD), ("1e-1", BAD), ("0.\u0665", BAD), ("0.5\n", BAD), ("", BAD)],
    "long_identifier": [("q2", OK), ("urn:ADL:interaction-1", OK), ("URN:x:y", OK),
                        ("http://example.org/a%20b?c=d#e", OK), ("a\x7fb", BAD), ("a\x00b", BAD),
                        ("a\x9fb", BAD), ("a\ufeffb", OK),
                        (EMOJI, OK), ("urn:x", BAD), ("urn:-x:y", BAD), ("urn:\u212a:y", BAD),
                        ("urn:" + "a" * 33 + ":y", BAD), ("a%2", BAD), ("a%zz", BAD), ("a b", BAD),
                        ("a{b", BAD), ("a\x85b", BAD), ("a\u3000b", BAD), ("a\nb", BAD), ("", BAD)],
    "language": [("en", OK), ("EN-gb", OK), ("eng", OK), ("i-klingon", OK), ("x-private", OK),
                 ("qaa", OK), ("qtz-abc", OK), ("", OK), ("zz", BAD), ("qua", BAD), ("i", BAD),
                 ("english", BAD), ("en-", BAD), ("en--gb", BAD), ("en-toolongsub", BAD),
                 ("en-GB\n", BAD), ("\u212aa", BAD), ("en_GB", BAD)],
    "localized_string": [("plain", OK), ("{lang=en}Hello", OK), ("{lang=en-GB}", OK), ("", OK),
                         ("{lang=zz}x", BAD), ("{lang=en", BAD), ("{lang=}x", BAD)],
    "state": [("completed", OK), ("not attempted", OK), ("unknown", OK), ("done", BAD),
              ("Completed", BAD)],
    "interaction_result": [("correct", OK), ("incorrect", OK), ("0.5", OK), ("-3", OK),
                           ("wrong", BAD), ("1e3", BAD)],
    "nav_request": [("continue", OK), ("_none_", OK), ("suspendAll", OK), ("{target=a}choice", OK),
                    ("{target=a-b.c}jump", OK), ("Continue", BAD), ("{target=}choice", BAD),
                    ("{target=a}choose", BAD), ("{target=a{b}choice", BAD),
                    ("{target=a}choice\n", BAD)],
    "characterstring": [("x" * 262144, OK), ("x" * 262145, BAD)],
}

ROWS = [(type_name, *ELEMENTS[type_name], value, valid)
        for type_name, values in VALUES.items() for value, valid in values]


def python_codes(version: str) -> list[str]:
    """The error code of every SetValue of ``version``'s rows, by scorm.runtime."""
    session = RuntimeSession(ScormVersion(version))
    assert session.initialize("") == "true"
    for element, value in SETUP[version]:
        assert session.set_value(element, value) == "true"
    codes = []
    for _type, row_version, element, value, _valid in ROWS:
        if row_version == version:
            session.set_value(element, value)
            codes.append(session.get_last_error())
    return codes


RUN_IN_ADAPTER = """([version, setup, calls]) => {
    const api = version === "1.2" ? window.API : window.API_1484_11;
    const [init, set, last] = version === "1.2" ? ["LMSInitialize", "LMSSetValue", "LMSGetLastError"]
                                                : ["Initialize", "SetValue", "GetLastError"];
    if (api[init]("") !== "true") { return "Initialize failed"; }
    for (const [element, value] of setup) {
        if (api[set](element, value) !== "true") { return "setup failed: " + element; }
    }
    return calls.map(([element, value]) => { api[set](element, value); return api[last](); });
}"""


def adapter_codes(page, base: str, version: str) -> list[str]:
    """The error code of every SetValue of ``version``'s rows, by the adapter in Chromium."""
    page.goto(f"{base}/modules/rules-{version.replace('.', '')}/launch")
    api = "window.API" if version == "1.2" else "window.API_1484_11"
    assert eventually(lambda: page.evaluate(f"{api} !== undefined"))
    calls = [(element, value) for _type, row_version, element, value, _valid in ROWS
             if row_version == version]
    codes = page.evaluate(RUN_IN_ADAPTER, [version, SETUP[version], calls])
    assert isinstance(codes, list), codes
    return codes


def test_the_table_has_valid_and_invalid_values_of_every_type():
    for type_name, values in VALUES.items():
        assert {valid for _value, valid in values} == {OK, BAD}, type_name


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_python_rules_and_the_adapter_agree_value_by_value(live_server, page, make_user, publish,
                                                           version):
    publish(f"rules-{version.replace('.', '')}", version)
    make_user("learner", email="golfer@example.org")
    _sign_in(page, live_server)
    rows = [row for row in ROWS if row[1] == version]
    by_python = python_codes(version)
    by_adapter = adapter_codes(page, live_server, version)
    table = [(type_name, value[:40], valid, python, adapter)
             for (type_name, _v, _e, value, valid), python, adapter in zip(rows, by_python, by_adapter)]
    expected_wrong = [row for row in table if (row[3] == "0") != row[2]]
    assert expected_wrong == [], "Python does not judge these as the table says"
    disagreeing = [row for row in table if row[3] != row[4]]
    assert disagreeing == [], "Python and the adapter disagree"
    assert len(by_adapter) == len(rows)


COMPARE_PATTERNS = """([patterns, values]) => Object.keys(patterns).map((name) => {
    const pattern = new RegExp(patterns[name], "u");
    return values.map((value) => {
        const match = pattern.exec(value);
        return match ? match.slice(1).map((group) => (group === undefined ? null : group)) : false;
    });
})"""


def test_each_pattern_matches_and_captures_alike_in_both_engines(page):
    values = sorted({value for _t, _v, _e, value, _ok in ROWS if len(value) < 300})
    page.set_content("<!doctype html><title>patterns</title>")
    by_javascript = page.evaluate(COMPARE_PATTERNS, [PORTABLE_PATTERNS, values])
    for name, javascript in zip(PORTABLE_PATTERNS, by_javascript):
        compiled = re.compile(PORTABLE_PATTERNS[name])
        python = [list(match.groups()) if (match := compiled.fullmatch(value)) else False
                  for value in values]
        differing = [(value, p, j) for value, p, j in zip(values, python, javascript) if p != j]
        assert differing == [], name
