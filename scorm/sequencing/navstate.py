"""The navigation state a player shows: enabled controls (look-ahead, minus ``hideLMSUI``),
the activities a choice can reach, and those the TOC shows."""
from __future__ import annotations

from typing import TYPE_CHECKING

from scorm.manifest.sequencing import RuleAction
from scorm.sequencing.rules import sequencing_rules_check_process

if TYPE_CHECKING:
    from scorm.sequencing.sequencer import NavigationState, Sequencer
    from scorm.sequencing.tree import Activity


def is_visible_in_toc(sequencer: Sequencer, activity: Activity) -> bool:
    """Visible: selected for the current attempts (SR.1), ``isvisible`` is not false and no
    hidden-from-choice rule fires on the path."""
    if not activity.is_visible or not activity.is_available:
        return False
    store = sequencer.context.store
    return all(sequencing_rules_check_process(node, RuleAction.HIDDEN_FROM_CHOICE, store) is None
               for node in activity.path_to_root())


def navigation_state(sequencer: Sequencer) -> NavigationState:
    from scorm.sequencing.sequencer import NavigationState

    current = sequencer.current
    hidden = frozenset(current.hide_lms_ui) if current is not None else frozenset()
    valid = sequencer.request_valid(with_targets=True)
    choosable = frozenset(activity.identifier for activity in sequencer.tree
                          if valid.get(f"choice.{{target={activity.identifier}}}") == "true")
    return NavigationState(
        current=current.identifier if current is not None else None,
        session_active=sequencer.session_active,
        continue_enabled=valid["continue"] == "true" and "continue" not in hidden,
        previous_enabled=valid["previous"] == "true" and "previous" not in hidden,
        hidden_controls=hidden,
        choosable=choosable,
        visible=frozenset(a.identifier for a in sequencer.tree if is_visible_in_toc(sequencer, a)),
        request_valid=valid,
    )
