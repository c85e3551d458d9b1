"""What a sync source may point at: well-formed URLs, and CSV reports only from the import folder."""
from __future__ import annotations

import pytest
from moodle_server import TOKEN
from sync_world import configure_for_tests

from lms_bridge.db import db
from lms_bridge.errors import InvalidInput
from lms_bridge.syncing import operations
from lms_bridge.syncing.jobs import run_sync
from lms_bridge.syncing.models import RunStatus, RunTrigger, SyncSource
from lms_bridge.syncing.report_files import REFUSED
from sync.records import SourceKind
from tests.conftest import csrf_token, login

REPORT = ("email,idnumber,username,module,status,score,completed_at\n"
          "learner1@example.com,,,customs-valuation,passed,0.8,2026-11-02T09:30:00Z\n")


@pytest.fixture
def admin(app, client, make_user, token_for):
    user_id = make_user("admin", email="admin@example.org")
    make_user("learner", email="learner1@example.com")
    configure_for_tests(app)
    assert login(client, "admin@example.org").status_code == 302
    return {"Authorization": f"Bearer {token_for(user_id)}"}


@pytest.fixture
def import_folder(app, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "regional.csv").write_text(REPORT)
    (tmp_path / "outside.csv").write_text(REPORT)
    app.config["SYNC_CSV_IMPORT_DIR"] = folder
    return folder


@pytest.mark.parametrize("path", [
    "/etc/passwd", "../../../../etc/passwd", "/nonexistent/report.csv", "missing.csv",
    "../outside.csv", "regional.csv/..", ".", "a\x00b"])
def test_a_csv_source_reads_no_file_outside_the_import_folder_nor_says_which_exist(
        app, admin, import_folder, path):
    with app.app_context():
        with pytest.raises(InvalidInput) as refused:
            operations.create_source(None, "Reports", SourceKind.CSV, path)
        assert refused.value.details == [{"field": "url", "problem": REFUSED}]


def test_without_an_import_folder_a_csv_source_takes_uploads_only(app, admin, import_folder):
    app.config["SYNC_CSV_IMPORT_DIR"] = None
    with app.app_context():
        with pytest.raises(InvalidInput, match="import folder"):
            operations.create_source(None, "Reports", SourceKind.CSV, str(import_folder / "regional.csv"))
        assert operations.create_source(None, "Reports", SourceKind.CSV, "").url == ""


def test_a_report_in_the_import_folder_is_read_on_each_run(app, admin, import_folder):
    with app.app_context():
        source = operations.create_source(None, "Reports", SourceKind.CSV, "regional.csv",
                                          mappings=[("customs-valuation", "customs-valuation")])
        assert source.url == str(import_folder / "regional.csv")
        assert run_sync(source.id, trigger=RunTrigger.CLI).created == 1
        app.config["SYNC_CSV_IMPORT_DIR"] = import_folder / "elsewhere"  # the setting changed
        run = run_sync(source.id, trigger=RunTrigger.CLI)
        assert run.status is RunStatus.FAILED and run.message == REFUSED


def test_the_api_answers_the_same_for_a_missing_and_a_forbidden_path(app, client, admin,
                                                                      import_folder):
    answers = [client.post("/api/v1/sync/sources", headers=admin,
                           json={"name": "Reports", "kind": "csv", "url": path})
               for path in ("/etc/passwd", "/etc/no-such-file", "no-such-report.csv")]
    assert {a.status_code for a in answers} == {400}
    assert len({a.get_data(as_text=True) for a in answers}) == 1


@pytest.mark.parametrize("url", ["http://lms.example.org:99999/", "http://[::1/",
                                 "http://lms.example.org:port/"])
def test_a_broken_url_is_a_400_on_the_url_field_of_the_api(client, admin, url):
    answer = client.post("/api/v1/sync/sources", headers=admin, json={
        "name": "CLiKC!", "kind": "moodle", "url": url, "secret": TOKEN,
        "mappings": {"HSCLASS-PRE": "hs-classification"}})
    assert answer.status_code == 400
    assert [d["field"] for d in answer.get_json()["error"]["details"]] == ["url"]
    assert "not a valid URL" in answer.get_json()["error"]["details"][0]["problem"]


def test_a_broken_url_on_the_page_is_shown_beside_the_field_with_what_was_typed(app, client,
                                                                                admin):
    typed = {"kind": "moodle", "name": "CLiKC!", "url": "http://lms.example.org:99999/",
             "secret": TOKEN, "match_by": "email", "schedule_minutes": "60",
             "mappings": "HSCLASS-PRE=hs-classification"}
    answer = client.post("/admin/sync/new",
                         data={"csrf_token": csrf_token(client, "/admin/sync/new"), **typed})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert 'id="url-error"' in page and "not a valid URL" in page
    for value in ("CLiKC!", "http://lms.example.org:99999/", "HSCLASS-PRE=hs-classification"):
        assert value in page
    with app.app_context():
        assert db.session.query(SyncSource).count() == 0
