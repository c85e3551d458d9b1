"""What the catalog's enum values are called on pages, in the reader's language.

Pages never show a raw enum value: the ``catalog_label`` Jinja filter (registered by the
catalog's ``init_app``) looks a value up here, by its enum class.
"""
from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l

from scorm.manifest.model import ScormType
from scorm.source import CompletionRule

from .models import AttemptsCount, ForceNewAttempt, GradingMethod, VersionState

LABELS: dict[enum.Enum, object] = {
    VersionState.DRAFT: _l("draft"),
    VersionState.PUBLISHED: _l("published"),
    VersionState.RETIRED: _l("retired"),
    CompletionRule.COMPLETED: _l("Completed"),
    CompletionRule.PASSED: _l("Passed"),
    CompletionRule.COMPLETED_AND_PASSED: _l("Completed and passed"),
    CompletionRule.COMPLETED_OR_PASSED: _l("Completed or passed"),
    CompletionRule.NOT_APPLICABLE: _l("Not applicable"),
    ForceNewAttempt.NEVER: _l("never"),
    ForceNewAttempt.WHEN_COMPLETED: _l("when the previous attempt is completed"),
    ForceNewAttempt.ALWAYS: _l("always"),
    GradingMethod.LEARNING_OBJECTS: _l("learning objects"),
    GradingMethod.HIGHEST: _l("highest score"),
    GradingMethod.AVERAGE: _l("average score"),
    GradingMethod.SUM: _l("sum of the scores"),
    AttemptsCount.HIGHEST: _l("highest attempt"),
    AttemptsCount.AVERAGE: _l("average of all attempts"),
    AttemptsCount.FIRST: _l("first attempt"),
    AttemptsCount.LAST_COMPLETED: _l("last completed attempt"),
    ScormType.SCO: _l("SCO"),
    ScormType.ASSET: _l("asset"),
}


def catalog_label(value: enum.Enum) -> str:
    """The name of ``value`` on a page; its raw value only for an enum member not listed."""
    label = LABELS.get(value)
    return str(label) if label is not None else str(value.value)
