"""Lexical checks shared by the value types and the interaction patterns: decimals, times,
language codes, identifiers (URIs) and localized strings.

Portable patterns
-----------------
``PORTABLE_PATTERNS`` holds the text of every value-type regex, and the browser adapter
compiles the very same text (``export_rules``'s ``patterns``, ``new RegExp(text, "u")``), so a
value is judged alike on both sides. The text therefore stays in the subset that Python's ``re``
and JavaScript's ``RegExp`` read identically:

- anchored ``^...$`` and matched here with ``fullmatch`` (Python's ``$`` alone would also accept
  a trailing newline; JavaScript's never does);
- classes written out: ``[0-9]`` (Python's ``\\d`` also takes Arabic-Indic and other digits),
  the whitespace class below instead of ``\\s`` (the two languages disagree on it), no ``\\w``,
  ``\\b`` or ``.``;
- no flags (case-insensitive parts are spelled ``[Uu]``: ``re.IGNORECASE`` folds the Kelvin sign
  into ``k``, JavaScript does not), no named groups, lookahead only.

``tests/scorm/runtime/test_runtime_lexical.py`` keeps the texts in that subset, and
``tests/browser/test_adapter_rules.py`` runs one table of values through both sides.
"""
from __future__ import annotations

import re

from scorm.runtime.languages import ISO_639_1, ISO_639_2

#: What ``str.isspace`` calls whitespace, written out so that JavaScript reads the same set.
WHITESPACE = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"

_DIGITS = "[0-9]"
#: Control characters (Unicode category Cc: C0, DEL and C1), never part of an identifier.
CONTROLS = r"\x00-\x1f\x7f-\x9f"
_URI_CHARACTER = (  # no control, whitespace or "<>\^`{|}[], and "%" only as %XX
    r'(?:[^' + CONTROLS + r'"<>\\^`{|}\[\]%' + WHITESPACE + r"]|%[0-9A-Fa-f]{2})"
)
_URN = "[Uu][Rr][Nn]:"
_YEAR = "(19[7-9][0-9]|20[0-2][0-9]|203[0-8])"  # 1970-2038
_MONTH = "(0[1-9]|1[0-2])"
_DAY = "(0[1-9]|[12][0-9]|3[01])"  # the month's own length is checked in is_timestamp
_HOUR = "([01][0-9]|2[0-3])"
_SIXTY = "([0-5][0-9])"
_ZONE = "(Z|[+-](?:[01][0-9]|2[0-3])(?::[0-5][0-9])?)"

PORTABLE_PATTERNS: dict[str, str] = {
    # plain decimal number, no exponent, no spaces (CMIDecimal, real(10,7))
    "decimal": r"^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)$",
    "integer": r"^[-+]?[0-9]+$",
    # SCORM 1.2 CMITimespan HHHH:MM:SS.SS (groups: hours, minutes, seconds, hundredths)
    "timespan": r"^([0-9]{2,4}):([0-5][0-9]):([0-5][0-9])(?:\.([0-9]{1,2}))?$",
    # SCORM 1.2 CMITime HH:MM:SS.SS
    "time_of_day": r"^([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])(?:\.[0-9]{1,2})?$",
    # SCORM 2004 timeinterval: not "P" alone, not ending in "T" (the two lookaheads)
    "duration": (
        r"^P(?=[0-9T])(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)D)?"
        r"(?:T(?=[0-9])(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+)(?:\.([0-9]{1,2}))?S)?)?$"
    ),
    # SCORM 2004 time; a zone only after fractional seconds, as ADL's test requires
    # (groups: year, month, day, hour, minute, second, zone)
    "timestamp": (
        f"^{_YEAR}(?:-{_MONTH}(?:-{_DAY}(?:T{_HOUR}(?::{_SIXTY}(?::{_SIXTY}"
        rf"(?:\.{_DIGITS}{{1,2}}{_ZONE}?)?)?)?)?)?)?$"
    ),
    # SCORM 1.2 CMIIdentifier: no white space or unprintable character (its length is the
    # rule's spm)
    "cmi_identifier": f"^[^{WHITESPACE}{CONTROLS}]+$",
    # SCORM 2004 long_identifier: a URI; a URN needs urn:<NID>:<NSS>
    "long_identifier": (
        f"^(?:(?!{_URN}){_URI_CHARACTER}+|{_URN}[A-Za-z0-9][A-Za-z0-9-]{{0,31}}:{_URI_CHARACTER}+)$"
    ),
    # language_type's shape (groups: primary code, last subtag); the code is looked up below
    "language": r"^([A-Za-z0-9]{1,8})(-[A-Za-z0-9]{1,8})*$",
    # {target=<id>}choice / {target=<id>}jump (groups: target, request)
    "targeted_nav_request": r"^\{target=([^{}]+)\}(choice|jump)$",
}

DECIMAL = re.compile(PORTABLE_PATTERNS["decimal"])
INTEGER = re.compile(PORTABLE_PATTERNS["integer"])
TIMESPAN = re.compile(PORTABLE_PATTERNS["timespan"])
TIME_OF_DAY = re.compile(PORTABLE_PATTERNS["time_of_day"])
DURATION = re.compile(PORTABLE_PATTERNS["duration"])
TIMESTAMP = re.compile(PORTABLE_PATTERNS["timestamp"])
TARGETED_NAV_REQUEST = re.compile(PORTABLE_PATTERNS["targeted_nav_request"])
_CMI_IDENTIFIER = re.compile(PORTABLE_PATTERNS["cmi_identifier"])
_LONG_IDENTIFIER = re.compile(PORTABLE_PATTERNS["long_identifier"])
_LANGUAGE = re.compile(PORTABLE_PATTERNS["language"])


def is_decimal(value: str) -> bool:
    """Return whether ``value`` is a plain decimal number (no exponent, no spaces)."""
    return DECIMAL.fullmatch(value) is not None


def is_integer(value: str) -> bool:
    """Return whether ``value`` is a signed integer of ASCII digits."""
    return INTEGER.fullmatch(value) is not None


def is_cmi_identifier(value: str) -> bool:
    """Return whether ``value`` is a SCORM 1.2 CMIIdentifier (non-empty, no white space or
    control character)."""
    return _CMI_IDENTIFIER.fullmatch(value) is not None


def is_language(value: str) -> bool:
    """Return whether ``value`` is a SCORM 2004 language_type (ISO 639 code plus subtags)."""
    match = _LANGUAGE.fullmatch(value)
    if match is None:
        return False
    primary, subtag = match.group(1).lower(), match.group(2)
    if primary in ("i", "x"):
        return subtag is not None
    if len(primary) == 2:
        return primary in ISO_639_1
    if len(primary) == 3:
        return primary in ISO_639_2 or "qaa" <= primary <= "qtz"
    return False


def is_long_identifier(value: str) -> bool:
    """Return whether ``value`` is a SCORM 2004 identifier (a URI; URNs checked for their NID)."""
    return _LONG_IDENTIFIER.fullmatch(value) is not None


def split_language_prefix(value: str) -> tuple[str | None, str] | None:
    """Split ``{lang=xx}text`` into ``("xx", "text")``; None when the delimiter is malformed."""
    if not value.startswith("{lang="):
        return None, value
    end = value.find("}")
    if end < 0:
        return None
    return value[6:end], value[end + 1:]


def is_localized_string(value: str) -> bool:
    """Return whether ``value`` is a localized string (an optional valid ``{lang=..}`` prefix)."""
    parts = split_language_prefix(value)
    return parts is not None and (parts[0] is None or is_language(parts[0]))
