"""What persists for one learner across packages and relaunches: global objectives and shared
data stores (FORMAT.md §12), scoped per package when the organization says so."""
from __future__ import annotations

from dataclasses import dataclass, field

from scorm.sequencing import GlobalObjective

LEARNER_ONE = ("learner1", "Learner One")
LEARNER_TWO = ("learner2", "Learner Two")


@dataclass
class Learner:
    identity: tuple[str, str]
    objectives: dict[str, GlobalObjective] = field(default_factory=dict)
    shared_data: dict[str, str] = field(default_factory=dict)
    package_objectives: dict[str, dict[str, GlobalObjective]] = field(default_factory=dict)
    package_data: dict[str, dict[str, str]] = field(default_factory=dict)

    def objective_store(self, package: str, global_to_system: bool) -> dict[str, GlobalObjective]:
        if global_to_system:
            return self.objectives
        return self.package_objectives.setdefault(package, {})

    def data_store(self, package: str, global_to_system: bool) -> dict[str, str]:
        if global_to_system:
            return self.shared_data
        return self.package_data.setdefault(package, {})


@dataclass
class Learners:
    """Learner 1 takes package API, learner 2 every other package."""

    one: Learner = field(default_factory=lambda: Learner(LEARNER_ONE))
    two: Learner = field(default_factory=lambda: Learner(LEARNER_TWO))

    def for_script(self, title: str) -> Learner:
        return self.one if title == "API" else self.two
