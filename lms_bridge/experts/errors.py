"""The experts domain's errors; the web edge (``lms_bridge.errors``) turns them into replies.

Tree::

    ExpertsError (LmsBridgeError)
    ├── IllegalTransition   409  a status change the table in ``states.py`` refuses
    ├── PledgeExceeded      409  a mission that does not fit the expert's pledge (with numbers)
    ├── MissionOverlap      409  a mission on dates the expert already gives to another
    └── UploadRejected      400  a monitoring CSV with problems (details: row, column, problem)
"""
from __future__ import annotations

from ..errors import LmsBridgeError


class ExpertsError(LmsBridgeError):
    """Base of every error the experts domain raises."""


class IllegalTransition(ExpertsError):
    status, code = 409, "illegal_transition"


class PledgeExceeded(ExpertsError):
    status, code = 409, "pledge_exceeded"


class MissionOverlap(ExpertsError):
    status, code = 409, "mission_overlap"


class UploadRejected(ExpertsError):
    status, code = 400, "upload_rejected"
