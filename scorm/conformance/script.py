"""Read an ADL test script (``<name>.properties``) as ADL's own reader does (FORMAT.md §2):
line by line, Windows-1252, ``\\`` continuations kept verbatim, duplicate keys kept in order."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

HEADER_KEYS = ("title", "UserInterAct", "start", "purpose", "RTDInit", "seqInfo", "TT", "end")
_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})")
KNOWN_METHODS = ("I", "C", "GET", "SET", "GES", "GeDi", "GLE", "COI")


@dataclass
class ScriptEntry:
    """One expected delivery: the ``act`` name, UI questions/answers, commands, instruction."""

    name: str
    uiq: str = ""
    uia: str = ""
    cui: str = ""
    commands: list[str] = field(default_factory=list)


@dataclass
class TestScript:
    header: dict[str, str]
    entries: list[ScriptEntry]

    @property
    def title(self) -> str:
        return self.header.get("title", "")

    @property
    def start(self) -> str:
        return self.header.get("start", ".")

    @property
    def test_type(self) -> str:
        return self.header.get("TT", "")


def _logical_lines(text: str) -> list[str]:
    lines, pending = [], ""
    for physical in re.split(r"\r\n|\r|\n", text):
        if physical.endswith("\\"):
            pending += physical[:-1]
            continue
        lines.append(pending + physical)
        pending = ""
    if pending:
        lines.append(pending)
    return lines


def _entry_field(entry: ScriptEntry, key: str, value: str) -> None:
    if "commands" in key:
        entry.commands.append(_UNICODE_ESCAPE.sub(lambda m: chr(int(m[1], 16)), value))
    elif "UIQ" in key:
        entry.uiq = value
    elif "UIA" in key:
        entry.uia = value
    elif "CUI" in key:
        entry.cui = value


def parse_script(text: str) -> TestScript:
    """Parse a script's text (already decoded)."""
    header = {key: "" for key in HEADER_KEYS}
    entries: list[ScriptEntry] = []
    previous_prefix = None
    for line in _logical_lines(text):
        if "####" in line or "=" not in line:
            continue
        key, _, value = line.partition("=")
        if key in HEADER_KEYS:
            header[key] = value
            continue
        if "Act" not in key:
            continue
        prefix = key.split(".", 1)[0]
        if prefix != previous_prefix:
            entries.append(ScriptEntry(prefix.split("Act", 1)[1].split("V", 1)[0]))
            previous_prefix = prefix
        _entry_field(entries[-1], key, value)
    return TestScript(header, entries)


def read_script_bytes(data: bytes) -> TestScript:
    """Parse a script file's bytes (Windows-1252)."""
    return parse_script(data.decode("cp1252"))


def known_commands(entry: ScriptEntry) -> list[str]:
    """The entry's commands ADL's decoder keeps (lines without a known method are dropped)."""
    return [raw for raw in entry.commands if raw.split("->", 1)[0] in KNOWN_METHODS]
