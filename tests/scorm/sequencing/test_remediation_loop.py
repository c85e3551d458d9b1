"""Rustici's simple remediation sample, headless: the loop's last quiz comes back once more
after a remediated quiz is passed, because its own sequencingRules replace the collection's
(so it has no skip rule) and its exitParent post condition is what closes the loop."""
from __future__ import annotations

import random
import zipfile

import pytest

from scorm.manifest import parse_manifest
from scorm.sequencing import Sequencer

PACKAGE = "rustici-golf/SequencingSimpleRemediation_SCORM20043rdEdition.zip"


@pytest.fixture
def remediation(scorm_corpus) -> Sequencer:
    with zipfile.ZipFile(scorm_corpus / PACKAGE) as archive:
        manifest = parse_manifest(archive.read("imsmanifest.xml"))
    return Sequencer(manifest, rng=random.Random(0))


def play(seq: Sequencer, outcome, passes: dict[str, list[bool]]) -> list[str]:
    delivered = []
    while outcome.delivered:
        delivered.append(outcome.delivered)
        data = {"cmi.completion_status": "completed"}
        if outcome.delivered.startswith("test_"):
            results = passes.get(outcome.delivered, [])
            passed = results.pop(0) if results else True
            data |= {"cmi.success_status": "passed" if passed else "failed",
                     "cmi.score.scaled": "0.9" if passed else "0.2"}
        seq.record_runtime_data(data)
        outcome = seq.navigate("continue")
    assert outcome.session_ended
    return delivered


@pytest.mark.parametrize(("failed", "content"), [
    ("test_1", "playing_item"), ("test_2", "etuqiette_item"), ("test_3", "handicapping_item"),
])
def test_the_last_quiz_closes_the_loop_even_when_already_passed(remediation, failed, content):
    first_pass = ["playing_item", "etuqiette_item", "handicapping_item", "havingfun_item",
                  "test_1", "test_2", "test_3", "test_4"]
    delivered = play(remediation, remediation.navigate("start"), {failed: [False, True]})
    assert delivered == first_pass + [content, failed, "test_4"]


def test_the_last_quiz_has_no_skip_rule_of_its_own(remediation):
    last, other = remediation.activity("test_4"), remediation.activity("test_3")
    assert last.definition.sequencing_rules.pre_condition == ()
    assert other.definition.sequencing_rules.pre_condition != ()
