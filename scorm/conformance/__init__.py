"""A headless runner for ADL's SCORM 2004 4th edition LMS conformance scripts, pure.

It plays both the test SCO and the tester: it reads a script (:mod:`script`), delivers through
:class:`scorm.sequencing.Sequencer`, runs each entry's API commands on a
:class:`scorm.runtime.RuntimeSession` and judges them as ADL's driver does (:mod:`commands`),
answers the UI questions from the navigation state (:mod:`ui`), carries out the tester's
instructions (:mod:`actions`) and reports PASS or the first divergence (:mod:`driver`).
:mod:`suite` runs a whole corpus folder in dependency order.

Errors: see :mod:`scorm.conformance.errors`.
"""
from scorm.conformance.driver import RunResult
from scorm.conformance.errors import ConformanceError
from scorm.conformance.suite import find_codebook, package_paths, run_all, run_script

__all__ = ["ConformanceError", "RunResult", "find_codebook", "package_paths", "run_all",
           "run_script"]
