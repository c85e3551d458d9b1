"""The IMS Simple Sequencing / ADL sequencing definition model, with the SN book's defaults.

Every class mirrors one element of ``imsss:sequencing`` (or its ADL extensions) and every field
default is the value the Sequencing and Navigation book gives when the element or attribute is
absent, so a sequencer can read any field without checking for None.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class ConditionCombination(Enum):
    ALL = "all"
    ANY = "any"


class ConditionOperator(Enum):
    NO_OP = "noOp"
    NOT = "not"


class RuleConditionType(Enum):
    SATISFIED = "satisfied"
    OBJECTIVE_STATUS_KNOWN = "objectiveStatusKnown"
    OBJECTIVE_MEASURE_KNOWN = "objectiveMeasureKnown"
    OBJECTIVE_MEASURE_GREATER_THAN = "objectiveMeasureGreaterThan"
    OBJECTIVE_MEASURE_LESS_THAN = "objectiveMeasureLessThan"
    COMPLETED = "completed"
    ACTIVITY_PROGRESS_KNOWN = "activityProgressKnown"
    ATTEMPTED = "attempted"
    ATTEMPT_LIMIT_EXCEEDED = "attemptLimitExceeded"
    TIME_LIMIT_EXCEEDED = "timeLimitExceeded"
    OUTSIDE_AVAILABLE_TIME_RANGE = "outsideAvailableTimeRange"
    ALWAYS = "always"


class RuleAction(Enum):
    SKIP = "skip"
    DISABLED = "disabled"
    HIDDEN_FROM_CHOICE = "hiddenFromChoice"
    STOP_FORWARD_TRAVERSAL = "stopForwardTraversal"
    EXIT = "exit"
    EXIT_PARENT = "exitParent"
    EXIT_ALL = "exitAll"
    RETRY = "retry"
    RETRY_ALL = "retryAll"
    CONTINUE = "continue"
    PREVIOUS = "previous"


PRE_CONDITION_ACTIONS = frozenset({RuleAction.SKIP, RuleAction.DISABLED,
                                   RuleAction.HIDDEN_FROM_CHOICE,
                                   RuleAction.STOP_FORWARD_TRAVERSAL})
EXIT_CONDITION_ACTIONS = frozenset({RuleAction.EXIT})
POST_CONDITION_ACTIONS = frozenset({RuleAction.EXIT_PARENT, RuleAction.EXIT_ALL, RuleAction.RETRY,
                                    RuleAction.RETRY_ALL, RuleAction.CONTINUE,
                                    RuleAction.PREVIOUS})


class ChildActivitySet(Enum):
    ALL = "all"
    ANY = "any"
    NONE = "none"
    AT_LEAST_COUNT = "atLeastCount"
    AT_LEAST_PERCENT = "atLeastPercent"


class RollupConditionType(Enum):
    SATISFIED = "satisfied"
    OBJECTIVE_STATUS_KNOWN = "objectiveStatusKnown"
    OBJECTIVE_MEASURE_KNOWN = "objectiveMeasureKnown"
    COMPLETED = "completed"
    ACTIVITY_PROGRESS_KNOWN = "activityProgressKnown"
    ATTEMPTED = "attempted"
    ATTEMPT_LIMIT_EXCEEDED = "attemptLimitExceeded"
    TIME_LIMIT_EXCEEDED = "timeLimitExceeded"
    OUTSIDE_AVAILABLE_TIME_RANGE = "outsideAvailableTimeRange"


class RollupAction(Enum):
    SATISFIED = "satisfied"
    NOT_SATISFIED = "notSatisfied"
    COMPLETED = "completed"
    INCOMPLETE = "incomplete"


class RandomizationTiming(Enum):
    NEVER = "never"
    ONCE = "once"
    ON_EACH_NEW_ATTEMPT = "onEachNewAttempt"


class RollupConsideration(Enum):
    ALWAYS = "always"
    IF_ATTEMPTED = "ifAttempted"
    IF_NOT_SKIPPED = "ifNotSkipped"
    IF_NOT_SUSPENDED = "ifNotSuspended"


@dataclass(frozen=True)
class ControlMode:
    choice: bool = True
    choice_exit: bool = True
    flow: bool = False
    forward_only: bool = False
    use_current_attempt_objective_info: bool = True
    use_current_attempt_progress_info: bool = True


@dataclass(frozen=True)
class RuleCondition:
    condition: RuleConditionType
    referenced_objective: str | None = None
    measure_threshold: float = 0.0
    operator: ConditionOperator = ConditionOperator.NO_OP


@dataclass(frozen=True)
class SequencingRule:
    action: RuleAction
    conditions: tuple[RuleCondition, ...] = ()
    condition_combination: ConditionCombination = ConditionCombination.ALL


@dataclass(frozen=True)
class SequencingRules:
    pre_condition: tuple[SequencingRule, ...] = ()
    exit_condition: tuple[SequencingRule, ...] = ()
    post_condition: tuple[SequencingRule, ...] = ()


@dataclass(frozen=True)
class LimitConditions:
    attempt_limit: int | None = None
    """None (or an absent attribute) means no limit."""
    attempt_absolute_duration_limit: str | None = None
    """An xs:duration as written (e.g. ``PT1H30M``); None means no limit."""
    attempt_experienced_duration_limit: str | None = None
    activity_absolute_duration_limit: str | None = None
    activity_experienced_duration_limit: str | None = None
    begin_time_limit: str | None = None
    end_time_limit: str | None = None


@dataclass(frozen=True)
class AuxiliaryResource:
    auxiliary_resource_id: str
    purpose: str


@dataclass(frozen=True)
class RollupCondition:
    condition: RollupConditionType
    operator: ConditionOperator = ConditionOperator.NO_OP


@dataclass(frozen=True)
class RollupRule:
    action: RollupAction
    conditions: tuple[RollupCondition, ...] = ()
    condition_combination: ConditionCombination = ConditionCombination.ANY
    child_activity_set: ChildActivitySet = ChildActivitySet.ALL
    minimum_count: int = 0
    minimum_percent: float = 0.0


@dataclass(frozen=True)
class RollupRules:
    rollup_objective_satisfied: bool = True
    rollup_progress_completion: bool = True
    objective_measure_weight: float = 1.0
    rules: tuple[RollupRule, ...] = ()


@dataclass(frozen=True)
class MapInfo:
    """``imsss:mapInfo``: how a local objective reads/writes a global (shared) objective."""

    target_objective_id: str
    read_satisfied_status: bool = True
    read_normalized_measure: bool = True
    write_satisfied_status: bool = False
    write_normalized_measure: bool = False


@dataclass(frozen=True)
class ExtendedMapInfo:
    """``adlseq:mapInfo`` (SCORM 2004 4th ed.): the extra global objective fields."""

    target_objective_id: str
    read_raw_score: bool = True
    read_min_score: bool = True
    read_max_score: bool = True
    read_completion_status: bool = True
    read_progress_measure: bool = True
    write_raw_score: bool = False
    write_min_score: bool = False
    write_max_score: bool = False
    write_completion_status: bool = False
    write_progress_measure: bool = False


@dataclass(frozen=True)
class Objective:
    objective_id: str | None
    """Normalized (see ``normalize_objective_id``); None only for an unnamed primary objective."""
    is_primary: bool = False
    satisfied_by_measure: bool = False
    min_normalized_measure: float = 1.0
    map_info: tuple[MapInfo, ...] = ()
    extended_map_info: tuple[ExtendedMapInfo, ...] = ()


@dataclass(frozen=True)
class Objectives:
    primary: Objective | None = None
    others: tuple[Objective, ...] = ()

    def all(self) -> tuple[Objective, ...]:
        return ((self.primary,) if self.primary else ()) + self.others

    def find(self, objective_id: str) -> Objective | None:
        return next((obj for obj in self.all() if obj.objective_id == objective_id), None)


@dataclass(frozen=True)
class RandomizationControls:
    randomization_timing: RandomizationTiming = RandomizationTiming.NEVER
    select_count: int | None = None
    reorder_children: bool = False
    selection_timing: RandomizationTiming = RandomizationTiming.NEVER


@dataclass(frozen=True)
class DeliveryControls:
    tracked: bool = True
    completion_set_by_content: bool = False
    objective_set_by_content: bool = False


@dataclass(frozen=True)
class ConstrainedChoiceConsiderations:
    prevent_activation: bool = False
    constrain_choice: bool = False


@dataclass(frozen=True)
class RollupConsiderations:
    required_for_satisfied: RollupConsideration = RollupConsideration.ALWAYS
    required_for_not_satisfied: RollupConsideration = RollupConsideration.ALWAYS
    required_for_completed: RollupConsideration = RollupConsideration.ALWAYS
    required_for_incomplete: RollupConsideration = RollupConsideration.ALWAYS
    measure_satisfaction_if_active: bool = True


@dataclass(frozen=True)
class SequencingDefinition:
    """One activity's sequencing definition (every part filled with its default if absent)."""

    control_mode: ControlMode = ControlMode()
    sequencing_rules: SequencingRules = SequencingRules()
    limit_conditions: LimitConditions = LimitConditions()
    auxiliary_resources: tuple[AuxiliaryResource, ...] = ()
    rollup_rules: RollupRules = RollupRules()
    objectives: Objectives = Objectives()
    randomization_controls: RandomizationControls = RandomizationControls()
    delivery_controls: DeliveryControls = DeliveryControls()
    constrained_choice_considerations: ConstrainedChoiceConsiderations = (
        ConstrainedChoiceConsiderations())
    rollup_considerations: RollupConsiderations = RollupConsiderations()
