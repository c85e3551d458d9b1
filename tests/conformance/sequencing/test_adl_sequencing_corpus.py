"""Every scripted ADL SCORM 2004 4th edition LMS test package, run headlessly through the
sequencer and the runtime (scorm.conformance), and the ``lms-bridge conformance`` commands.

The whole folder runs once (global objectives persist between packages for one learner, so
the order matters); each script is then one parametrized case. ``KNOWN_FAILURES`` lists the
scripts that still fail, each with the reason, so a fix or a regression shows.
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from lms_bridge.conformance_cli import conformance
from scorm.conformance import run_all
from scorm.conformance.suite import scripts_in_order

pytestmark = pytest.mark.corpus

#: script -> why it still fails (the first divergence the runner reports)
KNOWN_FAILURES: dict[str, str] = {}


@pytest.fixture(scope="module")
def adl_folder(scorm_corpus):
    return scorm_corpus / "adl-cts-2004-4th"


@pytest.fixture(scope="module")
def results(adl_folder):
    return {result.title: result for result in run_all(adl_folder)}


def _script_names():
    from tests.conftest import SCORM_CORPUS
    folder = SCORM_CORPUS / "adl-cts-2004-4th"
    if not folder.is_dir():
        return ["<corpus missing>"]
    return [path.stem for path in scripts_in_order(folder)]


@pytest.mark.parametrize("name", _script_names())
def test_script_verdict(results, name):
    result = results[name]
    if name in KNOWN_FAILURES:
        assert not result.passed, f"{name} passes now: drop it from KNOWN_FAILURES"
    else:
        assert result.passed, result.message


def test_every_scripted_package_ran(results):
    assert len(results) >= 142
    assert sum(result.passed for result in results.values()) == len(results) - len(KNOWN_FAILURES)


def test_cli_run_passes_one_package(adl_folder):
    runner = CliRunner()
    outcome = runner.invoke(conformance, [
        "run", str(adl_folder / "LMSTestPackage_CM-01.zip"),
        str(adl_folder / "_TestCases_properties" / "CM-01.properties")])
    assert outcome.exit_code == 0, outcome.output
    assert outcome.output.startswith("PASS CM-01")


def test_cli_run_reports_the_first_divergence(adl_folder):
    runner = CliRunner()
    outcome = runner.invoke(conformance, [
        "run", str(adl_folder / "LMSTestPackage_CM-02a.zip"),
        str(adl_folder / "_TestCases_properties" / "CM-01.properties")])
    assert outcome.exit_code == 1
    assert outcome.output.startswith("FAIL CM-01")
    assert "LMS launched" in outcome.output


def test_cli_run_all_prints_the_summary(adl_folder, tmp_path):
    folder = tmp_path / "cts"
    (folder / "_TestCases_properties").mkdir(parents=True)
    (folder / "_codebook").symlink_to(adl_folder / "_codebook")
    for name in ("CM-01", "CM-02a"):
        (folder / f"LMSTestPackage_{name}.zip").symlink_to(
            adl_folder / f"LMSTestPackage_{name}.zip")
        (folder / "_TestCases_properties" / f"{name}.properties").symlink_to(
            adl_folder / "_TestCases_properties" / f"{name}.properties")
    (folder / "_TestCases_properties" / "CM-02b.properties").symlink_to(
        adl_folder / "_TestCases_properties" / "CM-01.properties")  # no package: not run
    outcome = CliRunner().invoke(conformance, ["run-all", str(folder)])
    assert outcome.exit_code == 0, outcome.output
    assert outcome.output.splitlines()[-1] == "2 passed, 0 failed"
