"""`lms-bridge sync …` and `lms-bridge completions export` on the loopback Moodle."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from flask.cli import ScriptInfo
from moodle_server import TOKEN
from sync_world import configure_for_tests

from lms_bridge.cli import cli


class Runner:
    def __init__(self, app) -> None:
        self.app = app

    def invoke(self, args):
        return CliRunner().invoke(cli, args, obj=ScriptInfo(create_app=lambda: self.app))


@pytest.fixture
def runner(app):
    return Runner(app)


def test_add_run_status_and_export(app, runner, make_user, moodle):
    configure_for_tests(app)
    make_user("learner", email="learner1@example.com")
    added = runner.invoke(args=["sync", "add-moodle", "CLiKC!", "--url", moodle.base_url,
                                "--token", TOKEN, "--course", "HSCLASS-PRE=hs-classification",
                                "--course", "CUSTVAL-PRE=customs-valuation", "--allow-private",
                                "--every", "30"])
    assert added.exit_code == 0, added.output
    first = runner.invoke(args=["sync", "run", "CLiKC!", "--full"])
    assert first.exit_code == 0, first.output
    assert "succeeded" in first.output and "2 created" in first.output
    second = runner.invoke(args=["sync", "run", "CLiKC!"])
    assert "0 created, 0 updated" in second.output
    status = runner.invoke(args=["sync", "status"])
    assert "CLiKC! [moodle] healthy" in status.output and "people to link: 4" in status.output
    exported = runner.invoke(args=["completions", "export", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(exported.output)))
    assert {(r["email"], r["module"], r["status"], r["source"]) for r in rows} == {
        ("learner1@example.com", "hs-classification", "completed", "CLiKC!"),
        ("learner1@example.com", "customs-valuation", "completed", "CLiKC!")}
    as_json = json.loads(runner.invoke(args=["completions", "export", "--format", "json"]).output)
    assert len(as_json) == 2 and as_json[0]["completed_at"]
    for result in (added, first, second, status):
        assert TOKEN not in result.output


def test_a_failing_run_exits_non_zero(app, runner, moodle):
    configure_for_tests(app)
    runner.invoke(args=["sync", "add-moodle", "M", "--url", moodle.base_url, "--token", "wrong",
                        "--course", "HSCLASS-PRE=hs", "--allow-private"])
    result = runner.invoke(args=["sync", "run", "M"])
    assert result.exit_code == 1 and "needs_attention" in result.output


def test_import_csv_is_a_one_off_run(app, runner, make_user, tmp_path):
    make_user("learner", email="ana@example.org")
    report = tmp_path / "report.csv"
    report.write_text("email,idnumber,username,module,status,score,completed_at\n"
                      "ANA@example.org,,,customs-valuation,passed,85%,2026-11-02\n"
                      "nobody@example.org,,,customs-valuation,completed,,2026-11-02\n")
    result = runner.invoke(args=["sync", "import-csv", "Regional report", str(report),
                                 "--course", "customs-valuation=customs-valuation"])
    assert result.exit_code == 0, result.output
    assert "1 created" in result.output and "1 people unmatched" in result.output
    again = runner.invoke(args=["sync", "import-csv", "Regional report", str(report)])
    assert "0 created" in again.output and "1 unchanged" in again.output


def test_bad_mapping_arguments_are_refused(app, runner, moodle):
    result = runner.invoke(args=["sync", "add-moodle", "M", "--url", moodle.base_url,
                                 "--token", "t", "--course", "no-equals-sign", "--allow-private"])
    assert result.exit_code != 0 and "REMOTE=MODULE_SLUG" in result.output


def test_the_completions_export_writes_formula_looking_text_as_text(app, runner, make_user,
                                                                   tmp_path):
    make_user("learner", email="ana@example.org")
    report = tmp_path / "report.csv"
    report.write_text("email,idnumber,username,module,status,score,completed_at\n"
                      "ana@example.org,,,customs-valuation,passed,85%,2026-11-02\n")
    assert runner.invoke(args=["sync", "import-csv", "--course", "customs-valuation=customs-valuation",
                               "--", "-Regional report", str(report)]).exit_code == 0
    exported = runner.invoke(args=["completions", "export"]).output.splitlines()
    assert exported[1].startswith("ana@example.org,customs-valuation,passed,0.85,")
    assert exported[1].endswith(",'-Regional report,csv," + exported[1].rsplit(",", 1)[1])


def test_import_csv_with_a_bad_source_name_says_why(app, runner, tmp_path):
    report = tmp_path / "report.csv"
    report.write_text("email,module,status\nana@example.org,customs-valuation,passed\n")
    result = runner.invoke(args=["sync", "import-csv", "a/b", str(report)])
    assert result.exit_code == 1 and "Error: name: 1-100 letters" in result.output
