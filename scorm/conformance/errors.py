"""Exceptions of ``scorm.conformance``.

Tree (below :class:`scorm.errors.ScormError`)::

    ScormError
    └── ConformanceError         a script or test folder the runner cannot use (unknown UI
                                 question, missing package or codebook)
"""
from __future__ import annotations

from scorm.errors import ScormError


class ConformanceError(ScormError):
    """Root of the errors raised by ``scorm.conformance``."""
