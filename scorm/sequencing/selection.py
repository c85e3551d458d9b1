"""Selection and randomization: the Select Children Process (SR.1) and the Randomize Children
Process (SR.2), which fill an activity's available children.

When: the SN book (4.7) leaves the moment to the LMS but requires it to come before the
cluster's children "can be considered during any sequencing behavior process". Flow (SB.2.1)
and choice consider a cluster's children before the Content Delivery Environment Process
(DB.2) begins the cluster's new attempt, so selecting there would change the children after
one of them was picked. Hence: every timing at tree load (the first attempt's children), and
``onEachNewAttempt`` again as soon as an attempt on the cluster ends (UP.4) or is abandoned,
never while it is active or suspended (SR.1/SR.2 step 2). The available children of an
inactive cluster are thus always those its next attempt will use, for look-ahead too.
"""
from __future__ import annotations

import random

from scorm.manifest.sequencing import RandomizationTiming
from scorm.sequencing.tree import Activity


def _may_change(activity: Activity) -> bool:
    state = activity.state
    return not activity.is_leaf and not state.is_active and not state.is_suspended


def select_children_process(activity: Activity, rng: random.Random) -> None:
    """SR.1: keep ``selectCount`` children, chosen at random, in manifest order."""
    controls = activity.definition.randomization_controls
    if not _may_change(activity) or controls.selection_timing is RandomizationTiming.NEVER:
        return
    if controls.selection_timing is RandomizationTiming.ONCE and activity.state.activity_progress_status:
        return
    count = controls.select_count
    if count is None or count >= len(activity.children):
        return
    chosen = set(rng.sample(range(len(activity.children)), count))
    activity.state.available_children = [
        child.identifier for index, child in enumerate(activity.children) if index in chosen]


def randomize_children_process(activity: Activity, rng: random.Random) -> None:
    """SR.2: shuffle the available children when ``reorderChildren`` asks for it."""
    controls = activity.definition.randomization_controls
    if not _may_change(activity) or not controls.reorder_children:
        return
    timing = controls.randomization_timing
    if timing is RandomizationTiming.NEVER:
        return
    if timing is RandomizationTiming.ONCE and activity.state.activity_progress_status:
        return
    order = [child.identifier for child in activity.available_children]
    rng.shuffle(order)
    activity.state.available_children = order


def apply_selection_and_randomization(activity: Activity, rng: random.Random, *,
                                      new_attempt: bool) -> None:
    """Every timing at tree load (``new_attempt=False``); only ``onEachNewAttempt`` when the
    children for a cluster's next attempt are chosen (``new_attempt=True``)."""
    controls = activity.definition.randomization_controls
    each = RandomizationTiming.ON_EACH_NEW_ATTEMPT
    if not new_attempt or controls.selection_timing is each:
        select_children_process(activity, rng)
    if not new_attempt or controls.randomization_timing is each:
        randomize_children_process(activity, rng)


def select_for_next_attempt(activity: Activity, rng: random.Random) -> None:
    """After an attempt on a cluster ended: SR.1 and SR.2 for ``onEachNewAttempt`` timings."""
    if not activity.is_leaf:
        apply_selection_and_randomization(activity, rng, new_attempt=True)
