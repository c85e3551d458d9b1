"""The experts API: monitoring uploads (all or nothing, twice changes nothing), absurd counts,
releases scoped to the own administration, the report, and the OpenAPI document."""
import io

import pytest
from sqlalchemy import func, select

from lms_bridge.db import db
from lms_bridge.experts.models import Assignment, TrainingRecord
from lms_bridge.experts.states import AssignmentStatus
from tests.experts import world

HEADER = "date,field,audience,participants,women,men,place,language\n"
ROWS = ("2026-03-02,HS classification,customs,25,10,15,Seoul,en\n"
        "2026-03-09,customs valuation,private sector,40,,,=HYPERLINK(\"http://x\"),en\n")


@pytest.fixture
def ids(app, make_user, administrations):
    return world.everything(app, make_user, administrations)


def _auth(token):
    return {"Authorization": f"Bearer {token}"}


def _upload(client, token, text, confirm=False):
    data = {"sheet": (io.BytesIO(text.encode()), "sheet.csv", "text/csv")}
    if confirm:
        data["confirm"] = "yes"
    return client.post("/api/v1/training/sheets", headers=_auth(token), data=data,
                       content_type="multipart/form-data")


def _count(app):
    with app.app_context():
        return db.session.scalar(select(func.count(TrainingRecord.id)))


def test_the_same_upload_twice_changes_nothing(app, client, ids, token_for):
    token = token_for(ids["expert_id"])
    before = _count(app)
    first = _upload(client, token, HEADER + ROWS)
    assert first.status_code == 201 and first.json == {"added": 2, "already_recorded": 0}
    second = _upload(client, token, HEADER + ROWS)
    assert second.json == {"added": 0, "already_recorded": 2}
    assert _count(app) == before + 2


def test_a_bad_upload_stores_nothing_and_names_row_and_column(app, client, ids, token_for):
    token = token_for(ids["expert_id"])
    before = _count(app)
    bad = HEADER + ROWS + "2026-02-30,HS classification,customs,10,,,Busan,en\n" \
        + "2026-03-02,HS classification,customs,25,10,15,Seoul,en\n"
    response = _upload(client, token, bad)
    assert response.status_code == 400
    details = response.json["error"]["details"]
    assert {"row": 4, "column": "date", "problem": "'2026-02-30' is not a date like 2026-03-31"} \
        in details
    assert {"row": 5, "column": "(row)", "problem": "repeats row 2"} in details
    assert _count(app) == before


def test_formula_cells_come_out_neutralised(app, client, ids, token_for, make_user):
    from tests.conftest import login

    token = token_for(ids["expert_id"])
    _upload(client, token, HEADER + ROWS)
    page = app.test_client()
    with app.app_context():
        from lms_bridge.accounts.models import User
        email = db.session.get(User, ids["expert_id"]).email
    login(page, email)
    body = page.get("/monitoring.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in body and "\n=HYPERLINK" not in body and ",=HYPERLINK" not in body


@pytest.mark.parametrize("participants, confirm, status", [
    (100_000, True, 400), (100_000, False, 400), (5_000, False, 400), (5_000, True, 201),
    (-4, False, 400), (0, False, 400)])
def test_absurd_counts(client, ids, token_for, participants, confirm, status):
    body = {"held_on": "2026-01-05", "field": "HS classification", "audience": "customs",
            "participants": participants, "place": "Seoul", "confirm": confirm}
    response = client.post("/api/v1/training", headers=_auth(token_for(ids["expert_id"])),
                           json=body)
    assert response.status_code == status, response.json
    if status == 400:
        assert response.json["error"]["details"][0]["field"] == "participants"


def test_releasing_another_administrations_expert_is_403(app, client, ids, make_user, token_for):
    other = make_user("national_coordinator", country="KE")
    response = client.post(f"/api/v1/mission-assignments/{ids['assignment_id']}/release",
                           headers=_auth(token_for(other)), json={"decision": "release"})
    assert response.status_code == 403
    with app.app_context():
        assert db.session.get(Assignment, ids["assignment_id"]).status is AssignmentStatus.PROPOSED


def test_overlap_through_the_api_is_409_with_the_dates(app, client, ids, token_for,
                                                       administrations):
    from lms_bridge.experts.models import Mission

    token = token_for(ids["coordinator_id"])
    with app.app_context():
        planned = db.session.get(Mission, ids["mission_id"])
        first, last = planned.starts_on, planned.ends_on
    created = client.post("/api/v1/missions", headers=_auth(token), json={
        "title": "Clash", "host_administration_id": administrations["JM"],
        "field": "HS classification", "starts_on": str(first), "ends_on": str(last)})
    response = client.post(f"/api/v1/missions/{created.json['id']}/proposals",
                           headers=_auth(token), json={"expert_id": ids["expert_id"]})
    assert response.status_code == 409 and response.json["error"]["code"] == "mission_overlap"
    assert response.json["error"]["details"][0]["starts_on"] == str(first)


def test_report_and_openapi(client, ids, token_for):
    token = token_for(ids["coordinator_id"])
    report = client.get("/api/v1/reports/programme?start=2020-01-01&end=2030-12-31",
                        headers=_auth(token)).json
    assert report["totals"]["pre_accredited"] == 1 and report["totals"]["missions_held"] == 1
    assert report["totals"]["days_given"] == 5 and report["totals"]["trained_on_missions"] == 40
    assert report["totals"]["trained_at_home"] == 0  # the session is not validated yet
    document = client.get("/api/v1/openapi.json").json
    for path in ["/api/v1/experts", "/api/v1/missions/{mission_id}/proposals",
                 "/api/v1/training/sheets", "/api/v1/reports/programme",
                 "/api/v1/participants/{application_id}/assessment"]:
        assert path in document["paths"], path
