"""Experts writes, the only place in the domain that commits.

Each operation checks access with ``require`` (and, for a national coordinator, that the
expert is of their own administration), moves statuses only through the tables in
``states.py``, writes an ``AuditEvent`` and commits once; a refused request changes nothing.
Split by part: ``outcome`` (workshop assessment and outcome), ``accreditation``, ``missions``
(with the pledge and overlap checks), ``monitoring`` (training delivered).
"""
from .accreditation import change_accreditation, set_languages  # noqa: F401
from .missions import (MissionSpec, create_mission, indicate_interest, mark_held,  # noqa: F401
                       propose_expert, record_result, release_expert)
from .monitoring import record_training, upload_training, validate_training  # noqa: F401
from .outcome import (ASSESSABLE, Scores, assess, decide_outcome, draw_subjects,  # noqa: F401
                      record_attendance, set_subjects, setup_outcome)
