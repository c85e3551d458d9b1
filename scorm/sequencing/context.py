"""The sequencing session state the processes share: tree, current and suspended activity,
the learner's global objective store and the random source for selection/randomization."""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from scorm.sequencing.objectives import GlobalStore
from scorm.sequencing.tree import Activity, ActivityTree


@dataclass
class SequencingContext:
    tree: ActivityTree
    store: GlobalStore
    rng: random.Random = field(default_factory=random.Random)
    current: Activity | None = None
    suspended: Activity | None = None
