"""Exceptions of ``scorm.sequencing``.

Tree (below :class:`scorm.errors.ScormError`)::

    ScormError
    └── SequencingError              anything wrong in the sequencing package
        ├── SequencingException      one SN-book process refused a request; ``code`` is the
        │                            book's exception code (``NB.2.1-1``, ``SB.2.9-3``...).
        │                            The sequencer catches it and returns it in the outcome.
        ├── SuspendedStateError      a serialised suspend-all state that does not fit the tree
        └── SequencerStateError      a process failed unexpectedly (a bug, or tracking state
                                     that contradicts the tree); the cause is chained
"""
from __future__ import annotations

from scorm.errors import ScormError


class SequencingError(ScormError):
    """Root of the errors raised by ``scorm.sequencing``."""


class SequencingException(SequencingError):
    """A sequencing process ended with one of the SN book's exception codes."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code


class SuspendedStateError(SequencingError):
    """A saved sequencing state names activities the tree does not have."""


class SequencerStateError(SequencingError):
    """A sequencing process failed in a way the SN book has no exception code for."""
