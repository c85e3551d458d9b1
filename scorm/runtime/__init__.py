"""SCORM run-time environment, pure: the data models of SCORM 1.2 and SCORM 2004 4th edition.

Public face
-----------
- :class:`RuntimeSession` ``(version, initial_state=None, *, launch=LaunchContext(), on_commit=None)``
  with ``initialize``, ``get_value``, ``set_value``, ``commit``, ``terminate``,
  ``get_last_error``, ``get_error_string``, ``get_diagnostic`` returning exactly the strings the
  SCORM API returns; ``state`` (stored values), ``changed_elements()`` (writes since the last
  commit), ``outcome`` (after terminate).
- :func:`apply_commit` ``(version, state, changes, *, launch=None) -> CommitResult``: server-side
  re-validation of a commit.
- :func:`finish_session` ``(version, state, launch) -> SessionOutcome``: what the LMS does at
  Terminate (total time, status rules, next entry, shared data).
- :func:`export_rules` ``(version) -> dict``: the rules below as JSON for the browser adapter.
- Helpers in :mod:`scorm.runtime.timing` and :mod:`scorm.runtime.status`.

Rules as data
-------------
Every element is an ``ElementRule``: ``pattern`` (indices written ``n``:
``cmi.objectives.n.score.raw``), ``access`` (``rw``, ``ro``, ``wo``), ``type`` (below), and
optional ``spm``, ``vocab``, ``minimum``/``maximum``, ``empty_ok``, ``default`` (GetValue's
answer before anything is stored; absent means "not initialized": 2004 error 403, 1.2 "").
Collections (``CollectionRule``) give ``children`` (the ``_children`` answer, or None when the
collection has only ``_count``), ``key`` (the child that creates a record; in 2004 any other
child of a new record is error 408), ``unique_key``, ``write_once_key``, ``limit_by_type`` and
``unique_by_type`` (correct responses per interaction type). ``containers`` are non-indexed
parents with a ``_children`` answer (``cmi.core``, ``cmi.score``...). ``errors`` maps each
failure kind (``scorm.runtime.codes.Failure``) to the version's error code. ``patterns`` are the
regexes of the value types below, as text that Python and JavaScript read alike
(:mod:`scorm.runtime.lexical`): the browser adapter compiles them instead of keeping its own.

Type names
----------
SCORM 1.2 (length limits enforced, over-length is error 405):

- ``CMIString255`` / ``CMIString4096``: any text up to ``spm`` characters.
- ``CMIIdentifier``: 1-255 characters, no whitespace.
- ``CMIDecimal``: ``[-+]?(digits[.digits]|.digits)``, no exponent; ``minimum``/``maximum``;
  ``empty_ok`` admits "" (CMIBlank, the score elements).
- ``CMISInteger``: ``[-+]?digits`` within ``minimum``/``maximum``.
- ``CMITimespan``: ``HHHH:MM:SS[.S[S]]`` (2-4 hour digits). ``CMITime``: ``HH:MM:SS[.S[S]]``.
- ``CMIVocabulary``: one of ``vocab``. ``CMIResult``: one of ``vocab`` or a CMIDecimal.
- ``CMIFeedback``: at most 255 characters; "true-false" interactions take 0, 1, t, f, true or
  false, "numeric" ones a CMIDecimal; other types are free text (real 1.2 content writes it).

SCORM 2004 (``spm`` is a smallest permitted maximum: longer values are stored, up to
``max_stored_length`` characters):

- ``characterstring``: any text.
- ``localized_string``: text with an optional ``{lang=<language>}`` prefix.
- ``language``: ISO 639-1 (2 letters) or ISO 639-2 (3 letters, ``qaa``-``qtz`` too) code, or
  ``i``/``x``, then ``-`` subtags of 1-8 letters/digits; case-insensitive; "" if ``empty_ok``.
- ``long_identifier``: a URI: non-empty, no whitespace or ``"<>\\^`{|}[]``, ``%`` only as
  ``%XX``; ``urn:`` values need ``urn:<NID>:<NSS>``.
- ``real(10,7)``: a decimal as above, within ``minimum``/``maximum`` else error 407.
- ``time``: ``YYYY[-MM[-DD[Thh[:mm[:ss[.s[s][Z|(+|-)hh[:mm]]]]]]]]``, years 1970-2038; a zone
  only after fractional seconds (as ADL's test requires).
- ``time_interval``: ``P[nY][nM][nD][T[nH][nM][n[.n[n]]S]]``, not ``P`` alone, not ending in ``T``.
- ``state``: one of ``vocab``. ``interaction_result``: one of ``vocab`` or a real(10,7).
- ``nav_request``: one of ``nav_requests`` or ``{target=<id>}choice`` / ``{target=<id>}jump``.
- ``correct_response`` / ``learner_response``: the format of the interaction's ``type``
  (:mod:`scorm.runtime.patterns`); the type must be set first (408).

Check order of SetValue: see :mod:`scorm.runtime.writing`; GetValue: empty name (301/201),
unknown (401/201), ``_children``/``_count`` on the wrong element (301/202/203), write-only
(405/404), index at or past ``_count`` (301/201), not initialized (403 / "").

Errors (below ``scorm.errors.ScormError``): see :mod:`scorm.runtime.errors`.
"""
from scorm.runtime.codes import Failure, ScormVersion, parse_version
from scorm.runtime.commit import CommitRejection, CommitResult, apply_commit, commit_order
from scorm.runtime.errors import (
    DurationFormatError,
    ElementError,
    LaunchContextError,
    RuntimeModelError,
    UnsupportedVersionError,
)
from scorm.runtime.export import export_rules
from scorm.runtime.finish import SessionOutcome, finish_session
from scorm.runtime.launch import (
    Credit,
    Entry,
    LaunchContext,
    LmsComment,
    Mode,
    SharedDataMap,
    TimeLimitAction,
)
from scorm.runtime.session import RuntimeSession, SessionStatus
from scorm.runtime.status import CompletionStatus, LessonStatus, SuccessStatus

__all__ = [
    "CommitRejection", "CommitResult", "CompletionStatus", "Credit", "DurationFormatError",
    "ElementError", "Entry", "Failure", "LaunchContext", "LaunchContextError", "LessonStatus",
    "LmsComment", "Mode", "RuntimeModelError", "RuntimeSession", "ScormVersion",
    "SessionOutcome", "SessionStatus", "SharedDataMap", "SuccessStatus", "TimeLimitAction",
    "UnsupportedVersionError", "apply_commit", "commit_order", "export_rules", "finish_session",
    "parse_version",
]
