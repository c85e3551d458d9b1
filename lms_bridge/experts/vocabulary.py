"""The experts domain's words: fields of expertise, assessment criteria, audiences, roles."""
from __future__ import annotations

import enum


class Field(enum.Enum):
    """A field in which a person can be accredited (and in which training is delivered)."""

    HS_CLASSIFICATION = "HS classification"
    CUSTOMS_VALUATION = "customs valuation"
    RULES_OF_ORIGIN = "rules of origin"
    POST_CLEARANCE_AUDIT = "post-clearance audit"
    RISK_MANAGEMENT = "risk management"
    MODERNIZATION_ADVISOR = "customs modernization advisor"


class Criterion(enum.Enum):
    """The three criteria of an accreditation workshop's final assessment."""

    TECHNICAL = "top-level technical expertise"
    TRAINING = "proven communication and training skills"
    INTERNATIONAL = "international background to represent the WCO"


SCALE = range(1, 6)
"""Each criterion is scored 1 (far from the level) to 5 (well above it)."""
PASS_MARK = 3
"""A participant is proposed as successful when every criterion averages at least this."""


class Audience(enum.Enum):
    CUSTOMS = "customs"
    OTHER_AGENCIES = "other agencies"
    PRIVATE_SECTOR = "private sector"


class MissionRole(enum.Enum):
    LEAD = "lead"
    CO_FACILITATOR = "co-facilitator"


class Evaluation(enum.Enum):
    """The lead's or the beneficiary's evaluation of an expert's work on a mission."""

    POSITIVE = "positive"
    NEGATIVE = "negative"


class ParticipantOutcome(enum.Enum):
    """A workshop participant's outcome."""

    SUCCESSFUL = "successful"
    NOT_SUCCESSFUL = "not successful"
