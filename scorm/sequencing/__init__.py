"""SCORM 2004 sequencing and navigation (the SN book), pure.

Modules follow the book's processes, named as the book names them so each can be checked
against its pseudocode:

- :mod:`tree` (activity tree), :mod:`tracking` (tracking model), :mod:`objectives` (local and
  global objectives with read/write maps, 4th-edition extended maps; the store interface);
- :mod:`navigation` NB.2.1; :mod:`termination` TB.2.1-TB.2.3, UP.3, UP.4;
  :mod:`requests` SB.2.5-SB.2.8, SB.2.10-SB.2.13; :mod:`flow` SB.2.1-SB.2.3;
  :mod:`choice` SB.2.4, SB.2.9; :mod:`delivery` DB.1.1, DB.2, DB.2.1;
  :mod:`rules` UP.1, UP.2, UP.5; :mod:`rollup` RB.1.1-RB.1.5; :mod:`selection` SR.1, SR.2;
- :mod:`sequencer` OP.1 and the public face, :mod:`runtime_bridge` (run-time data to and
  from tracking), :mod:`lookahead` and :mod:`navstate` (request validity, UI state).

Public face
-----------
``Sequencer(manifest, organization=None, *, global_store=None, rng=None)``:
``navigate(request, target=None) -> SequencingOutcome``; ``launch_values() -> LaunchValues``
for the delivered SCO; ``record_runtime_data(state, exit_value=, nav_request=)`` at its
Terminate; ``navigation_state() -> NavigationState``; ``request_valid()`` (the
``adl.nav.request_valid`` answers); ``is_request_valid(request, target)``;
``export_state()`` / ``import_state(dict)`` for suspend all and resume all.

Errors: see :mod:`scorm.sequencing.errors`.
"""
from scorm.sequencing.errors import (
    SequencerStateError,
    SequencingError,
    SequencingException,
    SuspendedStateError,
)
from scorm.sequencing.navigation import NavigationRequest
from scorm.sequencing.runtime_bridge import LaunchValues
from scorm.sequencing.sequencer import (
    NavigationState,
    Sequencer,
    SequencingOutcome,
    parse_navigation_request,
)
from scorm.sequencing.tracking import ActivityState, GlobalObjective, ObjectiveState

__all__ = [
    "ActivityState", "GlobalObjective", "LaunchValues", "NavigationRequest", "NavigationState",
    "ObjectiveState", "Sequencer", "SequencerStateError", "SequencingError", "SequencingException",
    "SequencingOutcome", "SuspendedStateError", "parse_navigation_request",
]
