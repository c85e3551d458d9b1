"""Selection and randomization: the Select Children Process (SR.1) and the Randomize Children
Process (SR.2), which fill an activity's available children."""
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
    """At tree load (``once``) and at each new attempt on a cluster (``onEachNewAttempt``)."""
    controls = activity.definition.randomization_controls
    each = RandomizationTiming.ON_EACH_NEW_ATTEMPT
    if not new_attempt or controls.selection_timing is each:
        select_children_process(activity, rng)
    if not new_attempt or controls.randomization_timing is each:
        randomize_children_process(activity, rng)
