"""The command mini-language of ADL's SCORM 2004 LMS conformance scripts: decoding with the
abbreviation table, running a command against a :class:`RuntimeSession` as ADL's SCO applet does
(``&id&`` placeholders included) and judging the result in ADL's decision order (FORMAT.md
sections 5, 6 and 7)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from scorm.runtime import RuntimeSession
from scorm.runtime.errors import DurationFormatError
from scorm.runtime.lexical import split_language_prefix
from scorm.runtime.rules import split_element
from scorm.runtime.rules_2004 import RULES_2004
from scorm.runtime.timing import parse_duration


@dataclass(frozen=True)
class Command:
    method: str
    element: str
    value: str
    expected: str
    expected_error: str
    interaction_type: str | None = None


def read_codebook(path: Path) -> dict[str, str]:
    table = {}
    for line in path.read_text(encoding="cp1252").splitlines():
        if line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        table[key] = value
    return table


def _lookup(table: dict[str, str], token: str) -> str:
    return table.get(token, token)


def _decode_get_element(table: dict[str, str], text: str) -> tuple[str, str | None]:
    interaction_type = None
    parts: list[str] = []
    segments = text.split("~")
    position = 0
    while position < len(segments):
        segment = segments[position]
        if "!" in segment:
            segment, _, type_key = segment.partition("!")
            interaction_type = _lookup(table, type_key)
        if segment == "tar":
            parts.append("{target=%s}" % segments[position + 1])
            position += 2
            continue
        parts.append(_lookup(table, segment))
        position += 1
    return ".".join(parts), interaction_type


def _decode_set(table: dict[str, str], text: str) -> tuple[str, str]:
    element_text, _, value = text.partition("!")
    segments = element_text.split("~")
    if element_text == "a~n~r" and value.startswith("tar~"):
        _tar, target, kind = value.split("~")
        return "adl.nav.request", "{target=%s}%s" % (target, _lookup(table, kind))
    if len(segments) == 5:
        value = value.split("!", 1)[0]
    decoded = [
        segment if (len(segments) == 4 and index == 2) else _lookup(table, segment)
        for index, segment in enumerate(segments)
    ]
    return ".".join(decoded), _lookup(table, value) if value else ""


def decode(table: dict[str, str], raw: str, learner: tuple[str, str]) -> Command:
    fields = raw.split("->")
    while fields and fields[-1] == "":
        fields.pop()
    method = fields[0]
    if method == "COI":
        return Command(method, "", "", fields[1], "")
    param, expected_error = fields[1], fields[-1]
    expected = fields[-2] if len(fields) > 3 else ""
    if method == "SET":
        element, value = _decode_set(table, param)
        return Command(method, element, value, _lookup(table, expected), expected_error)
    if method == "GET":
        element, interaction_type = _decode_get_element(table, param)
        expected = _lookup(table, expected) if expected else ""
        if "LN" in param or "LI" in param:
            expected = learner[1] if "LN" in param else learner[0]
        return Command(method, element, "", expected, expected_error, interaction_type)
    if method in ("I", "C"):
        return Command(method, param, "", _lookup(table, expected), expected_error)
    return Command(method, param, "", expected, expected_error)  # GES, GeDi, GLE


@dataclass
class Verdict:
    command: Command
    returned: str
    error: str
    passed: bool


def _resolve_placeholder(session: RuntimeSession, element: str) -> str:
    match = re.search(r"&([^&]*)&", element)
    if not match:
        return element
    collection = "adl.data" if element.startswith("adl.data") else "cmi.objectives"
    count = int(session.get_value(f"{collection}._count") or 0)
    for index in range(count):
        if session.get_value(f"{collection}.{index}.id") == match[1]:
            return element.replace(match[0], str(index))
    return element.replace(match[0], "-1")


def run_command(session: RuntimeSession, command: Command) -> Verdict:
    element = _resolve_placeholder(session, command.element)
    if ".-1." in element or element.endswith(".-1"):
        return Verdict(command, "", "", False)
    if command.method == "COI":
        count = int(session.get_value("cmi.objectives._count"))
        ids = [session.get_value(f"cmi.objectives.{i}.id") for i in range(count)]
        expected = command.expected.split(",")
        return Verdict(command, ",".join(ids), "", len(ids) == len(expected) and set(ids) <= set(expected))
    calls = {
        "I": lambda: session.initialize(element), "C": lambda: session.commit(element),
        "GET": lambda: session.get_value(element),
        "SET": lambda: session.set_value(element, command.value),
        "GES": lambda: session.get_error_string(element),
        "GeDi": lambda: session.get_diagnostic(element), "GLE": session.get_last_error,
    }
    returned = calls[command.method]()
    error = session.get_last_error()
    return Verdict(command, returned, error, judge(command, element, returned, error))


def judge(command: Command, element: str, returned: str, error: str) -> bool:
    """ADL's decision order (FORMAT.md section 7)."""
    code_ok = error == command.expected_error
    if command.method == "GET":
        return _judge_get(command, element, returned, error, code_ok)
    if command.method == "GES":
        if command.expected == "less255":
            return len(returned) < 255 and code_ok
        if command.expected == "emptyCS":
            return returned == "" and code_ok
        return returned == command.expected and code_ok
    if command.method == "GeDi":
        return len(returned) < 255 and code_ok
    return returned == command.expected and code_ok


def _judge_get(command: Command, element: str, returned: str, error: str, code_ok: bool) -> bool:
    if "learner_name" in element:
        return code_ok
    if "request_valid.choice" in element or "request_valid.jump" in element:
        return returned in ("true", "false", "unknown")
    if "comments_from_lms" in element and "_children" not in element:
        return error in ("0", "301", "403") or (error == "401" and element == "cmi.comments_from_lms")
    if command.expected and "_count" not in element:
        if "request_valid" in element:
            return returned in ("true", "false", "unknown") and code_ok
        return typed_equal(element, command.expected, returned, command.interaction_type) and code_ok
    if not command.expected and re.search(r"&[^&]*&", command.element) and element.endswith(".id"):
        return returned == re.search(r"&([^&]*)&", command.element)[1] and code_ok
    if not command.expected and returned.startswith("{") and "_count" not in element:
        return typed_equal(element, command.expected, returned, command.interaction_type) and code_ok
    return returned == command.expected and code_ok


def _localized(text: str) -> tuple[str, str]:
    parts = split_language_prefix(text)
    if parts is None:
        return "en", text
    return (parts[0] or "en").lower(), parts[1]


def typed_equal(element: str, expected: str, returned: str, interaction_type: str | None) -> bool:
    if expected == returned:
        return True
    if element.endswith("._children"):
        return set(expected.split(",")) == set(returned.split(","))
    path = split_element(element, RULES_2004)
    rule = RULES_2004.by_pattern.get(path.pattern) if path else None
    kind = rule.type if rule else ""
    try:
        if kind == "real(10,7)":
            return round(float(expected), 6) == round(float(returned), 6)
        if kind == "time_interval":
            return parse_duration(expected) == parse_duration(returned)
    except (ValueError, DurationFormatError):
        return False
    if kind == "language":
        return expected.lower() == returned.lower()
    if kind == "localized_string":
        return _localized(expected) == _localized(returned)
    if kind in ("correct_response", "learner_response"):
        return _normal_pattern(expected) == _normal_pattern(returned)
    return False


_DELIMITER = re.compile(r"^\{(case_matters|order_matters|lang)=([^}]*)\}")
_DEFAULTS = {"case_matters": "false", "order_matters": "true", "lang": "en"}


def _normal_pattern(text: str) -> tuple[dict[str, str], list[str]]:
    """Leading delimiters (any order, defaults filled in) and the items of a pattern."""
    delimiters = dict(_DEFAULTS)
    while match := _DELIMITER.match(text):
        delimiters[match[1]] = match[2].lower()
        text = text[match.end():]
    items = [re.sub(r"^\{lang=[^}]*\}", "", item) for item in text.split("[,]")]
    return delimiters, items
