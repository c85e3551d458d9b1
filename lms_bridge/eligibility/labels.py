"""The words people read for the eligibility domain's values, in the interface's language.

Enum values (``ApplicationStatus.NOT_YET_ELIGIBLE.value`` ...) are data: stored, given by the
API and written in the CSV export, so they never change with the reader's language. Pages,
flash messages and notifications show ``label(value)`` instead. Region, completion status,
source kind and rule belong to other domains but are shown by these pages; the engine's own
sentences are worded by ``words()`` (``wording.Words`` with Flask-Babel's functions).
"""
from __future__ import annotations

import enum
from datetime import datetime, tzinfo

from flask_babel import format_date, format_decimal, gettext, lazy_gettext as _l, ngettext

from ..accounts.models import REGION_LABELS
from ..tracking.vocabulary import CompletionStatus, SourceKind
from .models import WorkshopKind
from .scoring import Criterion
from .states import ApplicationStatus
from .vocabulary import NominationState, Outcome
from .wording import Words

LABELS: dict[enum.Enum, object] = {
    ApplicationStatus.DRAFT: _l("draft"),
    ApplicationStatus.SUBMITTED: _l("submitted"),
    ApplicationStatus.AWAITING_NOMINATION: _l("awaiting nomination"),
    ApplicationStatus.NOMINATED: _l("nominated"),
    ApplicationStatus.NOT_NOMINATED: _l("not nominated"),
    ApplicationStatus.ELIGIBLE: _l("eligible"),
    ApplicationStatus.NOT_YET_ELIGIBLE: _l("not yet eligible"),
    ApplicationStatus.INELIGIBLE: _l("ineligible"),
    ApplicationStatus.SELECTED: _l("selected"),
    ApplicationStatus.WAITLISTED: _l("waitlisted"),
    ApplicationStatus.NOT_SELECTED: _l("not selected"),
    ApplicationStatus.WITHDRAWN: _l("withdrawn"),
    Outcome.ELIGIBLE: _l("eligible"),
    Outcome.NOT_YET: _l("not yet eligible"),
    Outcome.INELIGIBLE: _l("ineligible"),
    NominationState.PENDING: _l("pending"),
    NominationState.NOMINATED: _l("nominated"),
    NominationState.NOT_NOMINATED: _l("not nominated"),
    WorkshopKind.ACCREDITATION_WORKSHOP: _l("accreditation workshop"),
    WorkshopKind.NATIONAL_TRAINING: _l("national training"),
    WorkshopKind.REGIONAL_WORKSHOP: _l("regional workshop"),
    WorkshopKind.MASTER_TRAINER_PROGRAMME: _l("master trainer programme"),
    Criterion.SUBJECT_EXPERTISE: _l("expertise in the subject"),
    Criterion.INTERNATIONAL_INSTRUMENTS: _l("knowledge of the international instruments"),
    Criterion.TRAINING_EXPERIENCE: _l("training experience"),
    Criterion.MANAGEMENT_EXPERIENCE: _l("management experience"),
    Criterion.INTERNATIONAL_EXPERIENCE: _l("international experience"),
    Criterion.LANGUAGES: _l("languages"),
    CompletionStatus.COMPLETED: _l("completed"),
    CompletionStatus.PASSED: _l("passed"),
    CompletionStatus.FAILED: _l("failed"),
    CompletionStatus.INCOMPLETE: _l("incomplete"),
    SourceKind.LOCAL: "LMS Bridge",  # proper names, the same in every language
    SourceKind.MOODLE: "Moodle",
    SourceKind.XAPI: _l("xAPI store"),
    SourceKind.CSV: _l("CSV report"),
    **REGION_LABELS,  # the accounts' words for the WCO regions
}

# Stored values (the matrix cells keep a record's status as its value) back to their members.
_BY_VALUE = {type(member).__name__ + ":" + str(member.value): member for member in LABELS}


def label(value: enum.Enum | None) -> str:
    """The words for ``value`` in the current language ("" for None)."""
    return "" if value is None else str(LABELS[value])


def status_label(value: str | None) -> str:
    """A completion status stored as its value ("passed"), in the current language."""
    if not value:
        return ""
    member = _BY_VALUE.get(f"CompletionStatus:{value}")
    return label(member) if member is not None else value


def source_name(value: str) -> str:
    """An allowed source as stored: a source kind's value ("moodle") in words, else a name."""
    member = _BY_VALUE.get(f"SourceKind:{value}")
    return label(member) if member is not None else value


def criterion_name(name: str) -> str:
    """A vocational criterion stored by name ("SUBJECT_EXPERTISE") in words."""
    member = Criterion.__members__.get(name)
    return label(member) if member is not None else name.replace("_", " ").lower()


def completion_day(iso: str | None) -> str:
    """A record's completion moment as the matrix cells keep it (ISO text) as a day."""
    if not iso:
        return ""
    moment = datetime.fromisoformat(iso)
    return format_date(moment.date(), "medium")


def _local_date(moment: datetime, zone: tzinfo | None) -> str:
    # A date, not a datetime: Flask-Babel would move a datetime to the interface's time zone,
    # and the engine's dates are read in the workshop deadline's zone.
    day = moment.astimezone(zone) if zone is not None else moment
    return format_date(day.date(), "long")


def _score(score_scaled: float | None) -> str:
    if score_scaled is None:
        return gettext("no score")
    return format_decimal(round(score_scaled * 100, 1), format="#,##0.#")


def words() -> Words:
    """The engine's sentences in the current request's language (dates and numbers too)."""
    return Words(gettext=gettext, ngettext=ngettext, date=_local_date, score=_score)

