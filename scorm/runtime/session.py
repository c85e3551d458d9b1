"""The SCORM API of one SCO session, in Python: :class:`RuntimeSession`.

Method for method it mirrors ``window.API_1484_11`` (2004) and ``window.API`` (1.2, where the
names carry an ``LMS`` prefix): every call returns the string the browser API returns and
records the error code that ``get_last_error`` reports afterwards.

State machine (2004 codes / 1.2 codes)::

    not initialized --initialize("")--> running --terminate("")--> terminated
    initialize while running 103/101, after terminate 104/101
    get/set/commit before initialize 122/132/142 (1.2: 301), after terminate 123/133/143 (1.2: 101)
    terminate before initialize 112/301, after terminate 113/101
    a non-empty parameter to initialize/commit/terminate 201/201
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum

from scorm.runtime.codes import ERROR_STRINGS, Failure, ScormVersion, error_code, parse_version
from scorm.runtime.datamodel import DataModel, read_element
from scorm.runtime.errors import ElementError
from scorm.runtime.finish import SessionOutcome, finish_session
from scorm.runtime.launch import LaunchContext
from scorm.runtime.writing import write_element

CommitHook = Callable[[dict[str, str]], bool]

_DIAGNOSTIC_LIMIT = 254  # ADL checks that a diagnostic stays under 255 characters


class SessionStatus(Enum):
    NOT_INITIALIZED = "not initialized"
    RUNNING = "running"
    TERMINATED = "terminated"


_BEFORE = {"get": Failure.GET_BEFORE_INIT, "set": Failure.SET_BEFORE_INIT,
           "commit": Failure.COMMIT_BEFORE_INIT, "terminate": Failure.TERMINATE_BEFORE_INIT}
_AFTER = {"get": Failure.GET_AFTER_TERMINATE, "set": Failure.SET_AFTER_TERMINATE,
          "commit": Failure.COMMIT_AFTER_TERMINATE, "terminate": Failure.TERMINATE_AFTER_TERMINATE}


class RuntimeSession:
    """One SCO session: the SCORM API calls, the data model behind them, the changes to commit.

    ``on_commit`` receives the elements changed since the last commit at every Commit and at
    Terminate; returning False makes the call fail (2004: 391 / 111, 1.2: 101).
    Raises UnsupportedVersionError for a version other than "1.2" or "2004".
    """

    def __init__(
        self,
        version: str | ScormVersion,
        initial_state: Mapping[str, str] | None = None,
        *,
        launch: LaunchContext | None = None,
        on_commit: CommitHook | None = None,
    ) -> None:
        self.version = parse_version(version)
        self.launch = launch or LaunchContext()
        self._model = DataModel.build(self.version, dict(initial_state or {}), self.launch)
        self._on_commit = on_commit
        self._changed: set[str] = set()
        self._status = SessionStatus.NOT_INITIALIZED
        self._error = "0"
        self._diagnostic = ""
        self.outcome: SessionOutcome | None = None

    @property
    def status(self) -> SessionStatus:
        return self._status

    @property
    def state(self) -> dict[str, str]:
        """The stored values (what the server keeps), as a new plain dict."""
        return dict(self._model.state)

    def changed_elements(self) -> dict[str, str]:
        """Return the elements set since the last successful Commit (or Terminate)."""
        return {name: self._model.state[name] for name in sorted(self._changed)}

    # -- bookkeeping -------------------------------------------------------------------------

    def _succeed(self, result: str = "true") -> str:
        self._error, self._diagnostic = "0", ""
        return result

    def _failed(self, failure: Failure, detail: str, result: str = "false") -> str:
        self._error = error_code(self.version, failure)
        self._diagnostic = detail[:_DIAGNOSTIC_LIMIT]
        return result

    def _state_failure(self, call: str) -> Failure | None:
        if self._status is SessionStatus.NOT_INITIALIZED:
            return _BEFORE[call]
        if self._status is SessionStatus.TERMINATED:
            return _AFTER[call]
        return None

    def _flush(self, general_failure: str) -> str | None:
        """Hand the pending changes to ``on_commit``; return an error detail if it refused."""
        changes = self.changed_elements()
        if self._on_commit is not None and not self._on_commit(changes):
            return general_failure
        self._changed.clear()
        return None

    # -- the SCORM API -----------------------------------------------------------------------

    def initialize(self, param: str = "") -> str:
        """Initialize("") / LMSInitialize("")."""
        if self._status is SessionStatus.RUNNING:
            return self._failed(Failure.ALREADY_INITIALIZED, "Initialize was already called")
        if self._status is SessionStatus.TERMINATED:
            return self._failed(Failure.CONTENT_TERMINATED, "the session has been terminated")
        if param != "":
            return self._failed(Failure.ARGUMENT, f"Initialize takes an empty string, got {param!r}")
        self._status = SessionStatus.RUNNING
        return self._succeed()

    def terminate(self, param: str = "") -> str:
        """Terminate("") / LMSFinish(""): commit, then apply the LMS's end-of-session rules.

        The pending SCO writes go to ``on_commit`` as at Commit; afterwards ``state`` holds the
        finished state and ``outcome`` the :class:`SessionOutcome` (see ``finish_session``).
        """
        failure = self._state_failure("terminate")
        if failure is not None:
            return self._failed(failure, f"Terminate called while {self._status.value}")
        if param != "":
            return self._failed(Failure.ARGUMENT, f"Terminate takes an empty string, got {param!r}")
        refused = self._flush("the LMS could not store the data")
        if refused is not None:
            code = "111" if self.version is ScormVersion.SCORM_2004 else "101"
            self._error, self._diagnostic = code, refused
            return "false"
        self.outcome = finish_session(self.version, self._model.state, self.launch)
        self._model = DataModel.build(self.version, self.outcome.state, self.launch)
        self._status = SessionStatus.TERMINATED
        return self._succeed()

    def get_value(self, element: str) -> str:
        """GetValue(element) / LMSGetValue(element)."""
        failure = self._state_failure("get")
        if failure is not None:
            return self._failed(failure, f"GetValue called while {self._status.value}", "")
        try:
            return self._succeed(read_element(self._model, element))
        except ElementError as error:
            if error.failure is Failure.NOT_INITIALIZED and self.version is ScormVersion.SCORM_12:
                return self._succeed("")
            return self._failed(error.failure, str(error), "")

    def set_value(self, element: str, value: str) -> str:
        """SetValue(element, value) / LMSSetValue(element, value)."""
        failure = self._state_failure("set")
        if failure is not None:
            return self._failed(failure, f"SetValue called while {self._status.value}")
        try:
            write_element(self._model, element, str(value))
        except ElementError as error:
            return self._failed(error.failure, str(error))
        self._changed.add(element)
        return self._succeed()

    def commit(self, param: str = "") -> str:
        """Commit("") / LMSCommit("")."""
        failure = self._state_failure("commit")
        if failure is not None:
            return self._failed(failure, f"Commit called while {self._status.value}")
        if param != "":
            return self._failed(Failure.ARGUMENT, f"Commit takes an empty string, got {param!r}")
        refused = self._flush("the LMS could not store the data")
        if refused is not None:
            code = "391" if self.version is ScormVersion.SCORM_2004 else "101"
            self._error, self._diagnostic = code, refused
            return "false"
        return self._succeed()

    def get_last_error(self) -> str:
        """GetLastError() / LMSGetLastError(): the code of the last call, "0" if it succeeded."""
        return self._error

    def get_error_string(self, code: str) -> str:
        """GetErrorString(code): the version's text for ``code``, "" for an unknown code."""
        return ERROR_STRINGS[self.version].get(str(code), "")

    def get_diagnostic(self, code: str = "") -> str:
        """GetDiagnostic(code): details of the last error ("" or its code), else the code's text."""
        if str(code) in ("", self._error):
            return self._diagnostic or self.get_error_string(self._error)
        return self.get_error_string(code)
