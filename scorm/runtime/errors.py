"""Exceptions of ``scorm.runtime``.

Tree (below :class:`scorm.errors.ScormError`)::

    ScormError
    └── RuntimeModelError            anything wrong in the run-time data model package
        ├── UnsupportedVersionError  a version other than "1.2" / "2004"
        ├── LaunchContextError       an LMS-side launch value that is not valid for its element
        ├── DurationFormatError      a CMITimespan / ISO 8601 duration that cannot be parsed
        └── ElementError             one element access refused; carries the failure kind
                                     (caught by RuntimeSession and turned into an error code)

The SCORM API itself never raises: ``RuntimeSession`` returns "false" and records the error
code exactly like a browser API object, so SCOs and conformance scripts see SCORM behaviour.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from scorm.errors import ScormError

if TYPE_CHECKING:
    from scorm.runtime.codes import Failure


class RuntimeModelError(ScormError):
    """Root of the errors raised by ``scorm.runtime``."""


class UnsupportedVersionError(RuntimeModelError):
    """The SCORM version string is neither "1.2" nor "2004"."""


class LaunchContextError(RuntimeModelError):
    """A value the LMS passes in :class:`LaunchContext` is not valid for its element."""


class DurationFormatError(RuntimeModelError):
    """A time interval is not a valid CMITimespan (1.2) or ISO 8601 duration (2004)."""


class ElementError(RuntimeModelError):
    """An element access failed; ``failure`` says why, ``element`` where."""

    def __init__(self, failure: Failure, element: str, detail: str) -> None:
        super().__init__(f"{element}: {detail}")
        self.failure = failure
        self.element = element
        self.detail = detail
