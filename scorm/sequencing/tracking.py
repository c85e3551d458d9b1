"""The SN book's tracking model: objective, attempt and activity progress information.

Plain mutable dataclasses, one :class:`ActivityState` per activity, so the whole tracking state
of a tree can be copied (look-ahead) or turned into a JSON-able dict (suspend all).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class ObjectiveState:
    """Objective progress information of one local objective (SN book 4.2.1.2)."""

    objective_id: str | None
    progress_status: bool = False
    satisfied_status: bool = False
    measure_status: bool = False
    normalized_measure: float = 0.0
    # 4th edition extras, only meaningful through adlseq:mapInfo (None: unknown)
    raw_score: str | None = None
    min_score: str | None = None
    max_score: str | None = None
    completion_status: str | None = None
    progress_measure: float | None = None

    def reset(self) -> None:
        """Initialise for a new attempt: everything unknown."""
        keep = self.objective_id
        self.__init__(keep)  # type: ignore[misc]


@dataclass
class ActivityState:
    """Activity and attempt progress information plus the activity state flags."""

    activity_progress_status: bool = False
    attempt_count: int = 0
    attempt_progress_status: bool = False
    attempt_completion_status: bool = False
    attempt_completion_amount_status: bool = False
    attempt_completion_amount: float = 0.0
    attempt_absolute_duration: float = 0.0
    attempt_experienced_duration: float = 0.0
    activity_absolute_duration: float = 0.0
    activity_experienced_duration: float = 0.0
    is_active: bool = False
    is_suspended: bool = False
    available_children: list[str] | None = None
    """Identifiers after selection and randomization; None: all children in manifest order."""
    objectives: list[ObjectiveState] = field(default_factory=list)
    runtime_state: dict[str, str] | None = None
    """The SCO's run-time data kept while its attempt is suspended (or not yet ended)."""
    completion_reported: bool = False
    """The SCO reported the attempt's completion status itself, possibly as unknown."""
    success_reported: bool = False
    """The SCO reported the primary objective's success status itself, possibly as unknown."""
    progress_from_earlier_attempt: bool = False
    objectives_from_earlier_attempt: bool = False
    """The parent began a new attempt since this data was recorded (useCurrentAttempt*Info):
    rollup ignores it until this activity's own new attempt."""

    def reset_attempt(self) -> None:
        """Initialise attempt progress and objective progress for a new attempt."""
        self.attempt_progress_status = False
        self.attempt_completion_status = False
        self.attempt_completion_amount_status = False
        self.attempt_completion_amount = 0.0
        self.attempt_absolute_duration = 0.0
        self.attempt_experienced_duration = 0.0
        self.runtime_state = None
        self.completion_reported = self.success_reported = False
        self.progress_from_earlier_attempt = self.objectives_from_earlier_attempt = False
        for objective in self.objectives:
            objective.reset()

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> ActivityState:
        values = dict(data)
        values["objectives"] = [ObjectiveState(**obj) for obj in data.get("objectives", [])]
        return cls(**values)


@dataclass
class GlobalObjective:
    """One shared (global) objective of a learner: what read/write maps exchange."""

    satisfied_known: bool = False
    satisfied: bool = False
    measure_known: bool = False
    measure: float = 0.0
    raw_score: str | None = None
    min_score: str | None = None
    max_score: str | None = None
    completion_status: str | None = None
    progress_measure: float | None = None

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> GlobalObjective:
        return cls(**data)
