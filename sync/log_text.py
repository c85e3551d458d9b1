"""Remote text made safe for one log line or one error message.

What a remote server sends (Moodle error and warning messages, paths of links it hands us) is
written into log lines and stored run errors. Written as it is, a newline forges a second log
line and an escape sequence rewrites the terminal that shows the log. ``sync/`` cannot use the
app's ``lms_bridge.access_log.printable`` (it imports no app code), so it has this one, with the
same output: control characters (C0, DEL, C1, the Unicode line and paragraph separators) as
Python-style escapes, the backslash doubled so that an escape can only come from us.
"""
from __future__ import annotations

import re
from typing import Any

MAX_LOGGED_CHARACTERS = 2000
"""Longer remote text is cut (and says so): one answer must not flood the log."""

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\\]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def _escaped(match: re.Match[str]) -> str:
    character = match.group()
    code = ord(character)
    return _NAMED.get(character) or (f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")


def loggable(text: Any) -> str:
    """``text`` as one printable line: control characters escaped, length capped."""
    value = str(text)
    if len(value) > MAX_LOGGED_CHARACTERS:
        value = value[:MAX_LOGGED_CHARACTERS] + "...(cut)"
    return _UNPRINTABLE.sub(_escaped, value)
