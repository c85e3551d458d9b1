"""The completion vocabulary every domain shares: what a Completion says and where it came from.

Tracking owns ``CompletionStatus`` and ``SourceKind`` because ``Completion`` is the single
currency between the runtime, sync and eligibility: every other domain reads these two from
here, never defines its own. The module's completion rule (cmi5 ``moveOn``) is defined once by
``scorm``'s source model (a module's rule is written in its source); the app reads it through
this module only, so that its one import of it is here.

Pure: standard library and ``scorm`` only (a test walks the imports).
"""
from __future__ import annotations

import enum

from scorm.source.model import CompletionRule

__all__ = ["CompletionRule", "CompletionStatus", "SourceKind"]


class CompletionStatus(enum.Enum):
    """Status of one completion record, whatever its source.

    ``failed`` means finished and not passed; an unfinished attempt is ``incomplete``.
    """

    COMPLETED = "completed"
    PASSED = "passed"
    FAILED = "failed"
    INCOMPLETE = "incomplete"


class SourceKind(enum.Enum):
    """Where a completion record came from: the local player or a kind of sync connector."""

    LOCAL = "local"
    MOODLE = "moodle"
    XAPI = "xapi"
    CSV = "csv"
