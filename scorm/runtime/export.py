"""The rule tables as JSON for the browser adapter: one source of truth for both sides.

``export_rules(version)`` returns only JSON types (dict, list, str, int, float, bool, None).
The meaning of every key and type name is written in :mod:`scorm.runtime`'s docstring.
"""
from __future__ import annotations

from scorm.runtime.codes import ERROR_CODES, ERROR_STRINGS, ScormVersion, parse_version
from scorm.runtime.datamodel import rules_for
from scorm.runtime.datatypes import MAX_RECORDS, MAX_STORED_LENGTH, NAV_REQUESTS
from scorm.runtime.languages import ISO_639_1, ISO_639_2
from scorm.runtime.lexical import PORTABLE_PATTERNS
from scorm.runtime.patterns import INTERACTION_TYPES_12, INTERACTION_TYPES_2004

RULES_FORMAT = 2  # bump when the shape of the export changes


def export_rules(version: str | ScormVersion) -> dict[str, object]:
    """Return the data model of ``version`` as a JSON-serialisable dict.

    Raises UnsupportedVersionError for a version other than "1.2" or "2004".
    """
    scorm_version = parse_version(version)
    rules = rules_for(scorm_version)
    exported: dict[str, object] = {
        "format": RULES_FORMAT,
        "version": scorm_version.value,
        "data_model_version": rules.version_string,
        "elements": {rule.pattern: rule.to_json() for rule in rules.elements},
        "collections": {rule.pattern: rule.to_json() for rule in rules.collections},
        "containers": {pattern: list(children) for pattern, children in rules.containers.items()},
        "errors": {failure.value: code for failure, code in ERROR_CODES[scorm_version].items()},
        "error_strings": dict(ERROR_STRINGS[scorm_version]),
        "max_stored_length": MAX_STORED_LENGTH,
        # the value-type regexes themselves, for ``new RegExp(text, "u")`` (see lexical.py)
        "patterns": dict(PORTABLE_PATTERNS),
        "max_records": MAX_RECORDS,
    }
    if scorm_version is ScormVersion.SCORM_12:
        exported["interaction_types"] = list(INTERACTION_TYPES_12)
    else:
        exported["interaction_types"] = list(INTERACTION_TYPES_2004)
        exported["nav_requests"] = list(NAV_REQUESTS)
        exported["languages"] = {"iso_639_1": sorted(ISO_639_1), "iso_639_2": sorted(ISO_639_2)}
    return exported
