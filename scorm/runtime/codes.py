"""SCORM versions, the version-neutral failure kinds, and each version's error codes and texts.

The data-model checks report a :class:`Failure` (what went wrong, whatever the version); the
tables here turn it into the number the SCO sees. SCORM 1.2 has fewer codes than 2004, so
several kinds share one 1.2 code (e.g. every index problem is ``201``).
"""
from __future__ import annotations

from enum import Enum

from scorm.runtime.errors import UnsupportedVersionError


class ScormVersion(Enum):
    """The two run-time API generations this package implements."""

    SCORM_12 = "1.2"
    SCORM_2004 = "2004"

    # Members are singletons compared by identity, so identity hashing is consistent; Enum's
    # own __hash__ is Python code and every cached element-name lookup hashes the version.
    __hash__ = object.__hash__


def parse_version(version: str | ScormVersion) -> ScormVersion:
    """Return the :class:`ScormVersion` for ``"1.2"`` or ``"2004"``; raise UnsupportedVersionError."""
    if isinstance(version, ScormVersion):
        return version
    for candidate in ScormVersion:
        if candidate.value == version:
            return candidate
    raise UnsupportedVersionError(f"SCORM version {version!r} is not one of '1.2', '2004'")


class Failure(Enum):
    """Why an API call failed, independent of the SCORM version."""

    GENERAL = "general"                      # anything unforeseen
    ALREADY_INITIALIZED = "already_initialized"
    CONTENT_TERMINATED = "content_terminated"  # Initialize after Terminate
    TERMINATE_BEFORE_INIT = "terminate_before_init"
    TERMINATE_AFTER_TERMINATE = "terminate_after_terminate"
    GET_BEFORE_INIT = "get_before_init"
    GET_AFTER_TERMINATE = "get_after_terminate"
    SET_BEFORE_INIT = "set_before_init"
    SET_AFTER_TERMINATE = "set_after_terminate"
    COMMIT_BEFORE_INIT = "commit_before_init"
    COMMIT_AFTER_TERMINATE = "commit_after_terminate"
    ARGUMENT = "argument"                    # a non-empty parameter where "" is required
    GET_FAILURE = "get_failure"              # empty element, index past _count
    SET_FAILURE = "set_failure"              # out-of-order index, duplicate or changed id
    NO_CHILDREN = "no_children"              # _children on an element without children
    NO_COUNT = "no_count"                    # _count on an element that is not a collection
    UNDEFINED = "undefined"                  # not an element of this data model
    KEYWORD_WRITE = "keyword_write"          # SetValue on _children, _count or _version
    READ_ONLY = "read_only"
    WRITE_ONLY = "write_only"
    NOT_INITIALIZED = "not_initialized"      # element defined but has no value yet (2004 only)
    TYPE_MISMATCH = "type_mismatch"
    OUT_OF_RANGE = "out_of_range"
    DEPENDENCY = "dependency"                # e.g. objectives.n.id not set first


#: Failure kind -> error code, per version. Exported as JSON for the browser adapter.
ERROR_CODES: dict[ScormVersion, dict[Failure, str]] = {
    ScormVersion.SCORM_2004: {
        Failure.GENERAL: "101",
        Failure.ALREADY_INITIALIZED: "103",
        Failure.CONTENT_TERMINATED: "104",
        Failure.TERMINATE_BEFORE_INIT: "112",
        Failure.TERMINATE_AFTER_TERMINATE: "113",
        Failure.GET_BEFORE_INIT: "122",
        Failure.GET_AFTER_TERMINATE: "123",
        Failure.SET_BEFORE_INIT: "132",
        Failure.SET_AFTER_TERMINATE: "133",
        Failure.COMMIT_BEFORE_INIT: "142",
        Failure.COMMIT_AFTER_TERMINATE: "143",
        Failure.ARGUMENT: "201",
        Failure.GET_FAILURE: "301",
        Failure.SET_FAILURE: "351",
        Failure.NO_CHILDREN: "301",
        Failure.NO_COUNT: "301",
        Failure.UNDEFINED: "401",
        Failure.KEYWORD_WRITE: "404",
        Failure.READ_ONLY: "404",
        Failure.WRITE_ONLY: "405",
        Failure.NOT_INITIALIZED: "403",
        Failure.TYPE_MISMATCH: "406",
        Failure.OUT_OF_RANGE: "407",
        Failure.DEPENDENCY: "408",
    },
    ScormVersion.SCORM_12: {
        Failure.GENERAL: "101",
        Failure.ALREADY_INITIALIZED: "101",
        Failure.CONTENT_TERMINATED: "101",
        Failure.TERMINATE_BEFORE_INIT: "301",
        Failure.TERMINATE_AFTER_TERMINATE: "101",
        Failure.GET_BEFORE_INIT: "301",
        Failure.GET_AFTER_TERMINATE: "101",
        Failure.SET_BEFORE_INIT: "301",
        Failure.SET_AFTER_TERMINATE: "101",
        Failure.COMMIT_BEFORE_INIT: "301",
        Failure.COMMIT_AFTER_TERMINATE: "101",
        Failure.ARGUMENT: "201",
        Failure.GET_FAILURE: "201",
        Failure.SET_FAILURE: "201",
        Failure.NO_CHILDREN: "202",
        Failure.NO_COUNT: "203",
        Failure.UNDEFINED: "201",
        Failure.KEYWORD_WRITE: "402",
        Failure.READ_ONLY: "403",
        Failure.WRITE_ONLY: "404",
        Failure.NOT_INITIALIZED: "0",  # 1.2 returns "" without an error
        Failure.TYPE_MISMATCH: "405",
        Failure.OUT_OF_RANGE: "405",
        Failure.DEPENDENCY: "201",
    },
}

#: Error code -> the text GetErrorString returns, per version.
ERROR_STRINGS: dict[ScormVersion, dict[str, str]] = {
    ScormVersion.SCORM_2004: {
        "0": "No Error",
        "101": "General Exception",
        "102": "General Initialization Failure",
        "103": "Already Initialized",
        "104": "Content Instance Terminated",
        "111": "General Termination Failure",
        "112": "Termination Before Initialization",
        "113": "Termination After Termination",
        "122": "Retrieve Data Before Initialization",
        "123": "Retrieve Data After Termination",
        "132": "Store Data Before Initialization",
        "133": "Store Data After Termination",
        "142": "Commit Before Initialization",
        "143": "Commit After Termination",
        "201": "General Argument Error",
        "301": "General Get Failure",
        "351": "General Set Failure",
        "391": "General Commit Failure",
        "401": "Undefined Data Model Element",
        "402": "Unimplemented Data Model Element",
        "403": "Data Model Element Value Not Initialized",
        "404": "Data Model Element Is Read Only",
        "405": "Data Model Element Is Write Only",
        "406": "Data Model Element Type Mismatch",
        "407": "Data Model Element Value Out Of Range",
        "408": "Data Model Dependency Not Established",
    },
    ScormVersion.SCORM_12: {
        "0": "No error",
        "101": "General exception",
        "201": "Invalid argument error",
        "202": "Element cannot have children",
        "203": "Element not an array - cannot have count",
        "301": "Not initialized",
        "401": "Not implemented error",
        "402": "Invalid set value, element is a keyword",
        "403": "Element is read only",
        "404": "Element is write only",
        "405": "Incorrect data type",
    },
}


def error_code(version: ScormVersion, failure: Failure) -> str:
    """Return the error code string ``version`` uses for ``failure``."""
    return ERROR_CODES[version][failure]
