"""Run one ADL test script headlessly (FORMAT.md §13): play the tester and the test SCO,
drive the sequencer and the runtime, and judge every delivery, UI answer and API result.

The run stops at the first divergence; :class:`RunResult` says where and why.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from scorm.conformance.commands import decode, run_command
from scorm.conformance.learner import Learner
from scorm.conformance.package import TestPackage, shared_data_maps
from scorm.conformance.script import ScriptEntry, TestScript, known_commands
from scorm.conformance.ui import answer_questions
from scorm.runtime import LaunchContext, RuntimeSession, TimeLimitAction
from scorm.sequencing import Sequencer, SequencingOutcome

_UNLOAD_REQUESTS = {"tarAct4OnUnload.htm": "{target=activity_4}choice",
                    "exitAllOnUnload.htm": "exitAll", "suspendAllOnUnload.htm": "suspendAll"}
_STAYS_ACTIVE = {"SequencingTestSingleDoTerminate.htm", *_UNLOAD_REQUESTS}
_FINAL_NOTHING = {"HasEnded", "AutoTest"}


class Divergence(Exception):
    """The first point where the LMS's behaviour differs from the script."""


@dataclass
class RunResult:
    title: str
    passed: bool
    message: str = ""
    deliveries: int = 0
    commands: int = 0
    log: list[str] = field(default_factory=list)


class ScriptRun:
    """One test case: its script, its package(s) and the learner's persistent stores."""

    def __init__(self, script: TestScript, packages: dict[str, TestPackage],
                 table: dict[str, str], learner: Learner) -> None:
        self.script, self.packages, self.table, self.learner = script, packages, table, learner
        self.sequencers: dict[str, Sequencer] = {}
        self.pointer = 0
        self.result = RunResult(script.title, False)
        self.active: tuple[RuntimeSession, str] | None = None

    # -- plumbing ------------------------------------------------------------------------------

    def _note(self, text: str) -> None:
        self.result.log.append(text)

    def _sequencer(self, name: str) -> Sequencer:
        if name not in self.sequencers:
            package = self.packages[name]
            store = self.learner.objective_store(name, package.shares_objectives_globally)
            self.sequencers[name] = Sequencer(package.manifest, global_store=store)
        self.package_name = name
        return self.sequencers[name]

    @property
    def sequencer(self) -> Sequencer:
        return self.sequencers[self.package_name]

    @property
    def package(self) -> TestPackage:
        return self.packages[self.package_name]

    def _navigate(self, request: str, target: str | None = None) -> SequencingOutcome:
        outcome = self.sequencer.navigate(request, target)
        self._note(f"{request}{'(' + target + ')' if target else ''} -> {outcome}")
        return outcome

    # -- the run -------------------------------------------------------------------------------

    def run(self) -> RunResult:
        try:
            self._run()
            self.result.passed = True
            self.result.message = "PASS"
        except Divergence as divergence:
            self.result.message = str(divergence)
        return self.result

    def _run(self) -> None:
        first = self.script.start
        name = first if first in self.packages else next(iter(self.packages))
        outcome = self._launch(name, None if first in (".", name) else first)
        while True:
            if outcome.delivered is None:
                self._stalled(outcome)
            cui = self._deliver(outcome)
            if self.pointer >= len(self.script.entries):
                self._finish(cui)
                return
            outcome = self._act(cui)

    def _launch(self, name: str, choose_title: str | None) -> SequencingOutcome:
        if name in self.sequencers:
            if self._sequencer(name).session_active:
                self._navigate("exitAll")
            if self.sequencers[name].suspended is None:
                # nothing to resume: a new attempt on the course starts from a fresh activity
                # tree, only the learner's global objectives carry over (as in ADL's LMS);
                # shared data not global to the system belongs to the ended attempt
                del self.sequencers[name]
                if not self.packages[name].shares_data_globally:
                    self.learner.package_data.pop(name, None)
        sequencer = self._sequencer(name)
        if choose_title is not None:
            return self._navigate("choice", self._target(choose_title))
        outcome = self._navigate("resumeAll" if sequencer.suspended is not None else "start")
        leaves = [activity for activity in sequencer.tree if activity.is_leaf]
        if outcome.exception is not None and len(leaves) == 1:
            # a flow-less tree with a single leaf: the LMS launches it as its TOC's only entry
            outcome = self._navigate("choice", leaves[0].identifier)
        return outcome

    def _target(self, title: str) -> str:
        identifier = self.package.by_title(title)
        if identifier is None:
            raise Divergence(f"no item titled {title!r} in package {self.package.name}")
        return identifier

    def _stalled(self, outcome: SequencingOutcome) -> None:
        entry = self.script.entries[self.pointer]
        raise Divergence(
            f"stalled before entry {self.pointer + 1}: expected activity {entry.name} to be "
            f"delivered, the LMS answered {outcome}\n  trace: " + "\n  trace: ".join(self.result.log[-6:]))

    # -- one delivery --------------------------------------------------------------------------

    def _deliver(self, outcome: SequencingOutcome) -> str:
        launch = self.package.items.get(outcome.delivered)
        act = launch.act if launch is not None else f"<{outcome.delivered}>"
        if self.pointer >= len(self.script.entries):
            raise Divergence(f"the LMS launched activity {act} after the last entry")
        entry = self.script.entries[self.pointer]
        if launch is None or act != entry.name or launch.tc != self.script.title:
            raise Divergence(f"entry {self.pointer + 1}: expected activity {entry.name} - LMS "
                             f"launched activity {act} ({outcome.delivered})\n  trace: "
                             + "\n  trace: ".join(self.result.log[-6:]))
        self.result.deliveries += 1
        self._note(f"deliver act {act}")
        if entry.uiq:
            answers = answer_questions(self.sequencer, self.package, entry.uiq)
            if answers != entry.uia:
                raise Divergence(f"entry {self.pointer + 1} (act {act}): UI answers {answers} "
                                 f"differ from {entry.uia} for {entry.uiq}")
        if launch.is_sco:
            self._run_sco(entry, launch)
        self.pointer += 1
        return entry.cui

    def _launch_context(self, launch) -> LaunchContext:
        values = self.sequencer.launch_values()
        stores = self.learner.data_store(self.package_name, self.package.shares_data_globally)
        return LaunchContext(
            learner_id=self.learner.identity[0], learner_name=self.learner.identity[1],
            entry=values.entry, launch_data=values.launch_data,
            completion_threshold=values.completion_threshold,
            scaled_passing_score=values.scaled_passing_score,
            max_time_allowed=values.max_time_allowed,
            time_limit_action=TimeLimitAction(values.time_limit_action or "continue,no message"),
            shared_data=shared_data_maps(launch.shared_data, stores),
            nav_request_valid=self.sequencer.request_valid(with_targets=False),
        )

    def _run_sco(self, entry: ScriptEntry, launch) -> None:
        values = self.sequencer.launch_values()
        session = RuntimeSession("2004", values.initial_state, launch=self._launch_context(launch))
        for raw in known_commands(entry):
            verdict = run_command(session, decode(self.table, raw, self.learner.identity))
            self.result.commands += 1
            if not verdict.passed:
                raise Divergence(
                    f"entry {self.pointer + 1} (act {entry.name}): command {raw!r} returned "
                    f"{verdict.returned[:80]!r} with error {verdict.error}; expected "
                    f"{verdict.command.expected[:80]!r} with error {verdict.command.expected_error}")
        self.active = (session, launch.page)

    def _unload(self, unload_request: bool = True) -> str:
        """Terminate the active SCO (page profile), record its data; return its nav request."""
        if self.active is None:
            return "_none_"
        session, page = self.active
        self.active = None
        if unload_request and page in _UNLOAD_REQUESTS:
            session.set_value("adl.nav.request", _UNLOAD_REQUESTS[page])
        session.terminate()
        outcome = session.outcome
        if outcome is None:
            return "_none_"
        self.sequencer.record_runtime_data(outcome.state, exit_value=outcome.exit,
                                           nav_request=outcome.nav_request)
        stores = self.learner.data_store(self.package_name, self.package.shares_data_globally)
        stores.update(outcome.shared_data)
        return outcome.nav_request

    # -- after a delivery: the SCO's request or the tester's action ----------------------------

    def _act(self, cui: str) -> SequencingOutcome:
        from scorm.conformance.actions import perform_instruction
        return perform_instruction(self, cui)

    def _finish(self, cui: str) -> None:
        from scorm.conformance.actions import perform_final_instruction
        perform_final_instruction(self, cui)
