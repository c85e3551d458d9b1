"""Lexical checks shared by the value types and the interaction patterns: decimals,
language codes, identifiers (URIs) and localized strings of SCORM 2004.
"""
from __future__ import annotations

import re

from scorm.runtime.languages import ISO_639_1, ISO_639_2

DECIMAL = re.compile(r"^[-+]?(?:\d+\.?\d*|\.\d+)$")
_SUBTAG = re.compile(r"^[A-Za-z0-9]{1,8}$")
_URN = re.compile(r"^urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:\S+$", re.IGNORECASE)
_URI_FORBIDDEN = set(' "<>\\^`{|}[]')
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def is_decimal(value: str) -> bool:
    """Return whether ``value`` is a plain decimal number (no exponent, no spaces)."""
    return bool(DECIMAL.match(value))


def is_language(value: str) -> bool:
    """Return whether ``value`` is a SCORM 2004 language_type (ISO 639 code plus subtags)."""
    parts = value.split("-")
    primary = parts[0].lower()
    if not all(_SUBTAG.match(part) for part in parts):
        return False
    if primary in ("i", "x"):
        return len(parts) > 1
    if len(primary) == 2:
        return primary in ISO_639_1
    if len(primary) == 3:
        return primary in ISO_639_2 or "qaa" <= primary <= "qtz"
    return False


def is_control(ch: str) -> bool:
    """Return whether ``ch`` is a control character (C0, DEL or C1: Unicode category Cc)."""
    return ord(ch) < 32 or 127 <= ord(ch) <= 159


def is_cmi_identifier(value: str, spm: int = 255) -> bool:
    """Return whether ``value`` is a SCORM 1.2 CMIIdentifier: 1 to ``spm`` characters, no white
    space and nothing unprintable (the RTE's "no white space or unprintable characters")."""
    return 0 < len(value) <= spm and not any(ch.isspace() or is_control(ch) for ch in value)


def is_long_identifier(value: str) -> bool:
    """Return whether ``value`` is a SCORM 2004 identifier (a URI; URNs checked for their NID)."""
    if not value or any(ch in _URI_FORBIDDEN or ch.isspace() or is_control(ch) for ch in value):
        return False
    if _PERCENT.search(value):
        return False
    if value.lower().startswith("urn:"):
        return bool(_URN.match(value))
    return True


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
