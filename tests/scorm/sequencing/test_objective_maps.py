"""Objective maps (SN book 4th ed.): a read map lets the global decide, unknown included; a
write map carries only the value just set; a new attempt resets the local objective and
leaves the globals; a non-primary objective's read never reaches the primary objective."""
from __future__ import annotations

import pytest

from scorm.sequencing import GlobalObjective
from scorm.sequencing.objectives import (
    read_primary,
    set_completion,
    set_primary_measure,
    set_primary_satisfaction,
)
from tests.scorm.sequencing.trees import seq_rule, tree


def objectives(primary_map: str = "", other_map: str = "") -> str:
    other = (f'<imsss:objective objectiveID="o2">{other_map}</imsss:objective>'
             if other_map else "")
    return (f'<imsss:objectives><imsss:primaryObjective objectiveID="p">{primary_map}'
            f'</imsss:primaryObjective>{other}</imsss:objectives>')


def map_to(target: str, **flags: bool) -> str:
    attributes = " ".join(f'{name}="{str(value).lower()}"' for name, value in flags.items())
    return f'<imsss:mapInfo targetObjectiveID="{target}" {attributes}/>'


WRITES_ALL = dict(readSatisfiedStatus=False, readNormalizedMeasure=False,
                  writeSatisfiedStatus=True, writeNormalizedMeasure=True)


@pytest.mark.parametrize("setter", [
    lambda a, store: set_primary_measure(a, store, known=True, measure=0.5),
    lambda a, store: set_primary_measure(a, store, known=False),
    lambda a, store: set_completion(a, store, progress=True, completed=True),
], ids=["measure", "unknown measure", "completion"])
def test_setting_one_value_writes_only_that_value(setter):
    """Another activity changed g's status since a wrote it: a's measure or completion must
    not put a's older status back."""
    seq = tree(("a", objectives(map_to("g", **WRITES_ALL))))
    a, store = seq.activity("a"), seq.context.store
    set_primary_satisfaction(a, store, progress=True, satisfied=True)
    assert store["g"].satisfied_known and store["g"].satisfied
    store["g"] = GlobalObjective()  # written unknown by someone else
    setter(a, store)
    assert not store["g"].satisfied_known


def test_a_sco_reporting_only_a_score_leaves_the_shared_status():
    seq = tree(("a", objectives(other_map=map_to("g2", **WRITES_ALL))), ("b", ""))
    store = seq.context.store
    store["g2"] = GlobalObjective(satisfied_known=True, satisfied=True)
    assert seq.navigate("start").delivered == "a"
    seq.record_runtime_data({"cmi.objectives.0.id": "o2", "cmi.objectives.0.score.scaled": "0.5"})
    assert store["g2"].satisfied_known and store["g2"].satisfied
    assert store["g2"].measure_known and store["g2"].measure == 0.5


@pytest.mark.parametrize(("shared", "local", "seen"), [
    (GlobalObjective(), True, None),                                  # unknown global wins
    (GlobalObjective(satisfied_known=True, satisfied=False), True, False),
    (None, True, None),                                               # never written: unknown
])
def test_a_read_map_reads_the_global_status_unknown_included(shared, local, seen):
    seq = tree(("a", objectives(map_to("g"))))
    a, store = seq.activity("a"), seq.context.store
    if shared is not None:
        store["g"] = shared
    a.primary_objective.progress_status, a.primary_objective.satisfied_status = True, local
    view = read_primary(a, store)
    assert (view.satisfied_status if view.progress_status else None) == seen


def test_a_non_primary_read_does_not_reach_the_primary_objective():
    skip_if_satisfied = seq_rule("preConditionRule", "skip", "satisfied")
    seq = tree(("a", ""), ("b", skip_if_satisfied + objectives(map_to("g1"), map_to("g2"))),
               ("z", ""))
    store = seq.context.store
    store["g2"] = GlobalObjective(satisfied_known=True, satisfied=True)
    assert seq.navigate("start").delivered == "a"
    assert seq.navigate("continue").delivered == "b"  # b's primary (g1) is unknown
    state = seq.launch_values().initial_state
    ids = {value: key[:-3] for key, value in state.items() if key.endswith(".id")}
    assert f"{ids['p']}.success_status" not in state
    assert state[f"{ids['o2']}.success_status"] == "passed"


def test_a_new_attempt_resets_the_local_objective_and_keeps_the_global():
    seq = tree(("a", objectives(map_to("g", **WRITES_ALL))), ("b", ""))
    store = seq.context.store
    assert seq.navigate("start").delivered == "a"
    seq.record_runtime_data({"cmi.success_status": "passed", "cmi.score.scaled": "0.9"})
    assert seq.navigate("continue").delivered == "b"
    assert seq.navigate("previous").delivered == "a"
    primary = seq.activity("a").primary_objective
    assert not primary.progress_status and not primary.measure_status
    assert store["g"].satisfied_known and store["g"].satisfied and store["g"].measure == 0.9
    assert "cmi.objectives.0.success_status" not in seq.launch_values().initial_state


@pytest.mark.parametrize(("shared", "after"), [
    (GlobalObjective(satisfied_known=True, satisfied=False), (True, False)),  # read: known
    (GlobalObjective(), (True, True)),  # unknown: UP.4's default applies
])
def test_the_end_attempt_default_sees_the_status_read_through_the_map(shared, after):
    """UP.4 sets "satisfied" only when the objective's progress status is unknown, and that
    status is the one read through the map: a known global is not overwritten."""
    seq = tree(("a", objectives(map_to("g", writeSatisfiedStatus=True))), ("b", ""))
    store = seq.context.store
    store["g"] = shared
    assert seq.navigate("start").delivered == "a"
    seq.record_runtime_data({"cmi.completion_status": "completed"})
    assert seq.navigate("continue").delivered == "b"
    assert (store["g"].satisfied_known, store["g"].satisfied) == after


def test_no_default_status_for_an_objective_satisfied_by_measure():
    """Only its measure decides a satisfied-by-measure objective (RB.1.2 a): UP.4's default
    "satisfied" does not apply to it, so nothing reaches the global it writes and a later
    reader still sees unknown."""
    by_measure = ('<imsss:objectives><imsss:primaryObjective objectiveID="p" '
                  'satisfiedByMeasure="true"><imsss:minNormalizedMeasure>0.6'
                  '</imsss:minNormalizedMeasure>'
                  f'{map_to("g", writeSatisfiedStatus=True)}</imsss:primaryObjective>'
                  '</imsss:objectives>')
    skip_if_satisfied = seq_rule("preConditionRule", "skip", "satisfied")
    seq = tree(("a", by_measure), ("b", skip_if_satisfied + objectives(map_to("g"))), ("z", ""))
    assert seq.navigate("start").delivered == "a"
    seq.record_runtime_data({"cmi.completion_status": "completed"})
    assert seq.navigate("continue").delivered == "b"
    assert not seq.context.store.get("g", GlobalObjective()).satisfied_known
    assert "cmi.objectives.0.success_status" not in seq.launch_values().initial_state
