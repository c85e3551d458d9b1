"""Answer the UI inspection questions (``UIQ``) from the sequencer's state (FORMAT.md §8)."""
from __future__ import annotations

from scorm.conformance.errors import ConformanceError
from scorm.conformance.package import TestPackage
from scorm.sequencing import NavigationRequest, Sequencer
from scorm.sequencing.navstate import is_visible_in_toc


def _control_enabled(sequencer: Sequencer, control: str) -> bool:
    current = sequencer.current
    if current is not None and control in current.hide_lms_ui:
        return False
    if control == "continue" and current is not None and current.parent is not None:
        # ADL's LMS offers Continue whenever the current activity's cluster flows, without
        # trying the request (its validateRequests); Previous is tried
        return current.parent.definition.control_mode.flow
    return sequencer.is_request_valid(control)


def _selectable(sequencer: Sequencer, identifier: str | None) -> bool:
    return identifier is not None and sequencer.is_request_valid(NavigationRequest.CHOICE,
                                                                 identifier)


def answer_question(sequencer: Sequencer, package: TestPackage, question: str) -> bool:
    """One question's Yes (True) or No."""
    key, _, subject = question.partition("@")
    if key == "click.button":
        return True
    if key in ("continue.enabled", "previous.enabled"):
        return _control_enabled(sequencer, key.split(".")[0])
    if key in ("continue.disabled", "previous.disabled"):
        return not _control_enabled(sequencer, key.split(".")[0])
    if key == "toc.enabled":
        current = sequencer.current
        return any(_selectable(sequencer, activity.identifier) for activity in sequencer.tree
                   if activity is not current)
    if key == "toc.enabled.selectable":
        return _selectable(sequencer, package.by_title(subject))
    if key == "toc.visible":
        activity = sequencer.activity(package.by_title(subject) or "")
        return activity is not None and is_visible_in_toc(sequencer, activity)
    if key == "ui.visible":
        current = sequencer.current
        return current is None or subject not in current.hide_lms_ui
    raise ConformanceError(f"unknown UI question {question!r}")


def answer_questions(sequencer: Sequencer, package: TestPackage, uiq: str) -> str:
    """The answer string (``Y~N~...``) for an entry's ``UIQ``."""
    return "~".join("Y" if answer_question(sequencer, package, q) else "N"
                    for q in uiq.split("~"))
