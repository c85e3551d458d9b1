"""The activity tree (SN book 1.2): one :class:`Activity` per item, the organization as root.

An activity joins its static definition (item, sequencing definition) with its tracking state
(:class:`scorm.sequencing.tracking.ActivityState`), which the tree can export and replace as
a whole.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from scorm.manifest.model import CompletionThreshold, Item, Manifest, Organization
from scorm.manifest.sequencing import Objective, SequencingDefinition
from scorm.sequencing.tracking import ActivityState, ObjectiveState


@dataclass(eq=False)
class Activity:
    identifier: str
    title: str
    definition: SequencingDefinition
    item: Item | None = None
    parent: Activity | None = None
    children: list[Activity] = field(default_factory=list)
    state: ActivityState = field(default_factory=ActivityState)

    def __repr__(self) -> str:
        # the generated repr walks parent and children: the whole tree in every message
        return f"Activity({self.identifier!r})"

    # -- static facts ------------------------------------------------------------------------

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def is_root(self) -> bool:
        return self.parent is None

    @property
    def is_visible(self) -> bool:
        return self.item.is_visible if self.item is not None else True

    @property
    def hide_lms_ui(self) -> tuple[str, ...]:
        presentation = self.item.presentation if self.item is not None else None
        return presentation.hide_lms_ui if presentation is not None else ()

    @property
    def completion_threshold(self) -> CompletionThreshold | None:
        return self.item.completion_threshold if self.item is not None else None

    @property
    def is_tracked(self) -> bool:
        return self.definition.delivery_controls.tracked

    def objective_definitions(self) -> tuple[Objective, ...]:
        return self.definition.objectives.all()

    # -- tracking shortcuts ------------------------------------------------------------------

    @property
    def primary_objective(self) -> ObjectiveState:
        return self.state.objectives[0]

    def objective(self, objective_id: str | None) -> ObjectiveState | None:
        """The local objective with that id; None (or no id) means the primary objective."""
        if objective_id is None:
            return self.primary_objective
        return next((o for o in self.state.objectives if o.objective_id == objective_id), None)

    @property
    def available_children(self) -> list[Activity]:
        order = self.state.available_children
        if order is None:
            return list(self.children)
        by_id = {child.identifier: child for child in self.children}
        return [by_id[identifier] for identifier in order if identifier in by_id]

    def path_to_root(self) -> list[Activity]:
        """This activity, its parent, ... the root."""
        path, node = [], self
        while node is not None:
            path.append(node)
            node = node.parent
        return path

    @property
    def is_available(self) -> bool:
        """In the tree of the current attempts: every activity on its path is among its
        parent's available children (SR.1/SR.2 left the others out)."""
        return all(node.is_root or node in node.parent.available_children
                   for node in self.path_to_root())

    def is_ancestor_of(self, other: Activity) -> bool:
        return other is not self and self in other.path_to_root()

    def walk(self) -> Iterator[Activity]:
        yield self
        for child in self.children:
            yield from child.walk()


class ActivityTree:
    """The activities of one organization, indexed by identifier."""

    def __init__(self, root: Activity) -> None:
        self.root = root
        self.by_id = {activity.identifier: activity for activity in root.walk()}

    def __iter__(self) -> Iterator[Activity]:
        return self.root.walk()

    def find(self, identifier: str | None) -> Activity | None:
        return self.by_id.get(identifier) if identifier is not None else None

    def preorder(self) -> list[Activity]:
        """Every activity in a preorder walk over the available children."""
        found: list[Activity] = []

        def visit(activity: Activity) -> None:
            found.append(activity)
            for child in activity.available_children:
                visit(child)

        visit(self.root)
        return found

    def export_state(self) -> dict[str, dict]:
        return {activity.identifier: activity.state.to_dict() for activity in self}

    def import_state(self, states: dict[str, dict]) -> None:
        for identifier, data in states.items():
            activity = self.by_id.get(identifier)
            if activity is not None:
                activity.state = ActivityState.from_dict(data)


def _new_state(definition: SequencingDefinition) -> ActivityState:
    objectives = [ObjectiveState(obj.objective_id) for obj in definition.objectives.all()]
    if definition.objectives.primary is None:
        objectives.insert(0, ObjectiveState(None))  # every activity has a primary objective
    return ActivityState(objectives=objectives)


def _definition(defn: SequencingDefinition | None) -> SequencingDefinition:
    return defn if defn is not None else SequencingDefinition()


def _activity_from_item(item: Item, parent: Activity) -> Activity:
    definition = _definition(item.sequencing)
    activity = Activity(item.identifier, item.title, definition, item, parent,
                        state=_new_state(definition))
    activity.children = [_activity_from_item(child, activity) for child in item.children]
    return activity


def build_activity_tree(manifest: Manifest, organization: Organization) -> ActivityTree:
    """Build the activity tree of ``organization`` (its items, with sequencing defaults)."""
    del manifest  # the effective sequencing is already resolved on each item
    definition = _definition(organization.sequencing)
    root = Activity(organization.identifier, organization.title, definition,
                    state=_new_state(definition))
    root.children = [_activity_from_item(item, root) for item in organization.items]
    return ActivityTree(root)


def primary_definition(activity: Activity) -> Objective | None:
    return activity.definition.objectives.primary


def common_ancestor(first: Activity, second: Activity) -> Activity:
    """The closest activity that is an ancestor of (or equal to) both."""
    ancestors = first.path_to_root()
    for node in second.path_to_root():
        if node in ancestors:
            return node
    return ancestors[-1]
