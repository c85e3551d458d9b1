"""The words people read for the experts domain's enum values, in the interface's language.

The values themselves (``Field.HS_CLASSIFICATION.value`` ...) are data: stored, exchanged by the
API and written in CSV files, so they never change with the reader's language. Pages, flash
messages and notifications show ``label(value)`` instead. The statuses' words live beside their
state machines (``states.STATUS_LABELS``, whose refusals use them); a region's and an
application's words are the eligibility domain's (``eligibility.labels``), shown here too.
"""
from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l

from ..accounts.models import Region
from ..eligibility.labels import LABELS as ELIGIBILITY_LABELS
from ..eligibility.states import ApplicationStatus
from .states import STATUS_LABELS
from .vocabulary import Audience, Criterion, Evaluation, Field, MissionRole, ParticipantOutcome

LABELS: dict[enum.Enum, object] = {
    **STATUS_LABELS,
    **{member: ELIGIBILITY_LABELS[member]
       for kind in (Region, ApplicationStatus) for member in kind},
    Field.HS_CLASSIFICATION: _l("HS classification"),
    Field.CUSTOMS_VALUATION: _l("customs valuation"),
    Field.RULES_OF_ORIGIN: _l("rules of origin"),
    Field.POST_CLEARANCE_AUDIT: _l("post-clearance audit"),
    Field.RISK_MANAGEMENT: _l("risk management"),
    Field.MODERNIZATION_ADVISOR: _l("customs modernization advisor"),
    Criterion.TECHNICAL: _l("top-level technical expertise"),
    Criterion.TRAINING: _l("proven communication and training skills"),
    Criterion.INTERNATIONAL: _l("international background to represent the WCO"),
    Audience.CUSTOMS: _l("customs"),
    Audience.OTHER_AGENCIES: _l("other agencies"),
    Audience.PRIVATE_SECTOR: _l("private sector"),
    MissionRole.LEAD: _l("lead"),
    MissionRole.CO_FACILITATOR: _l("co-facilitator"),
    Evaluation.POSITIVE: _l("positive"),
    Evaluation.NEGATIVE: _l("negative"),
    ParticipantOutcome.SUCCESSFUL: _l("successful"),
    ParticipantOutcome.NOT_SUCCESSFUL: _l("not successful"),
}


def label(value: enum.Enum | None) -> str:
    """The words for ``value`` in the current language ("" for None)."""
    return "" if value is None else str(LABELS[value])
