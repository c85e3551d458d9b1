"""Replay the run-time API commands of ADL's SCORM 2004 4th edition LMS conformance scripts
through RuntimeSession and judge them as ADL's test driver does (see adl_cts.py).

Each scripted activity is delivered in file order with the launch values its manifest item
gives (data from LMS, completion threshold, passing score, shared data maps); a suspended
activity is resumed on its next delivery, as ADL's LMS would. Navigation between activities is
the sequencer's job and is not judged here.
"""
from __future__ import annotations

import pytest

from adl_replay import replay

pytestmark = pytest.mark.corpus

LEARNER = ("learner2", "Learner Two")

#: Scripts whose objective values come from global objectives written by another activity or
#: package (a sequencing-level store the data model alone does not have).
NEEDS_GLOBAL_OBJECTIVES = {"CM-11", "CO-10", "OB-01b", "OB-06", "SX-11a", "SX-11b", "SX-11c"}


def _replay(corpus, name):
    base = corpus / "adl-cts-2004-4th"
    return replay(
        base / "_TestCases_properties" / f"{name}.properties",
        base / f"LMSTestPackage_{name}.zip",
        base / "_codebook" / "Commands.properties",
        LEARNER,
    )


def _describe(verdicts):
    return "\n".join(
        f"{v.command.method} {v.command.element[:80]} value={v.command.value[:40]!r} "
        f"expected={v.command.expected[:40]!r}/{v.command.expected_error} "
        f"got={v.returned[:40]!r}/{v.error}"
        for v in verdicts[:20]
    )


@pytest.mark.parametrize(("name", "minimum_commands"), [("API", 28), ("DMI", 8000), ("DMB", 200)])
def test_api_and_data_model_scripts_pass(scorm_corpus, name, minimum_commands):
    verdicts = _replay(scorm_corpus, name)
    failed = [verdict for verdict in verdicts if not verdict.passed]
    assert len(verdicts) >= minimum_commands
    assert not failed, _describe(failed)


def test_data_model_commands_of_every_script(scorm_corpus):
    scripts = sorted((scorm_corpus / "adl-cts-2004-4th" / "_TestCases_properties").glob("*.properties"))
    replayed = 0
    for script in scripts:
        if not (scorm_corpus / "adl-cts-2004-4th" / f"LMSTestPackage_{script.stem}.zip").exists():
            continue  # DDM drives two packages not in this corpus
        failed = [v for v in _replay(scorm_corpus, script.stem) if not v.passed]
        replayed += 1
        if script.stem in NEEDS_GLOBAL_OBJECTIVES:
            assert failed, f"{script.stem} passes now: drop it from NEEDS_GLOBAL_OBJECTIVES"
            assert all(v.command.element.startswith("cmi.objectives.&") for v in failed), (
                _describe(failed)
            )
        else:
            assert not failed, f"{script.stem}:\n{_describe(failed)}"
    assert replayed >= 140
