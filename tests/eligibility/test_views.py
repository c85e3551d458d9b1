"""Pages and API of eligibility: scope, escaping, CSV, illegal moves, learners' gaps."""
import csv
import io
import re

import pytest
from sqlalchemy import func, select

from lms_bridge.accounts.models import AuditEvent
from lms_bridge.db import db
from lms_bridge.spreadsheets import neutralise
from lms_bridge.eligibility.models import Application, ApplicationEvent
from lms_bridge.eligibility.states import ApplicationStatus as S
from lms_bridge.tracking.vocabulary import CompletionStatus
from tests.conftest import csrf_token, login
from tests.eligibility import world

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def setup(app, make_user):
    ids = {
        "admin": make_user("admin", email="admin@example.org"),
        "coordinator": make_user("coordinator", email="coordinator@example.org"),
        "nc_kr": make_user("national_coordinator", country="KR", email="nc.kr@example.org"),
        "nc_ke": make_user("national_coordinator", country="KE", email="nc.ke@example.org"),
        "kr": make_user("learner", country="KR", email="kr@example.org", name=f"Kim {SCRIPT}"),
        "ke": make_user("learner", country="KE", email="ke@example.org", name="=HYPERLINK(1)"),
    }
    with app.app_context():
        modules = world.modules()
        workshop = world.workshop(ids["coordinator"], title=f"Workshop {SCRIPT}")
        ids["workshop"] = workshop
        ids["app_kr"] = world.apply(ids["kr"], workshop)
        ids["app_ke"] = world.apply(ids["ke"], workshop)
        world.complete(ids["ke"], modules["hs-classification"], CompletionStatus.FAILED,
                       score=0.2, label="@SUM(A1)", key="sync:x")
        db.session.commit()
    return ids


def _counts():
    return (db.session.scalar(select(func.count(ApplicationEvent.id))),
            db.session.scalar(select(func.count(AuditEvent.id))))


def test_national_coordinator_cannot_touch_another_administration(app, client, setup, token_for):
    with app.app_context():
        before = _counts()
    login(client, "nc.ke@example.org")
    assert SCRIPT not in client.get("/nominations").get_data(as_text=True)
    nominations = re.sub(r'name="csrf_token" value="[^"]*"', "",  # a random token could say "Kim"
                         client.get("/nominations").get_data(as_text=True))
    assert "Kim" not in nominations
    page = client.post(f"/applications/{setup['app_kr']}/nomination",
                       data={"decision": "nominate", "reason": "mine now",
                             "csrf_token": csrf_token(client, "/nominations")})
    assert page.status_code == 403
    assert client.get(f"/applications/{setup['app_kr']}").status_code == 403
    api = client.post(f"/api/v1/applications/{setup['app_kr']}/nomination",
                      json={"decision": "decline", "reason": "x"},
                      headers={"Authorization": f"Bearer {token_for(setup['nc_ke'])}"})
    assert api.status_code == 403
    with app.app_context():
        assert world.status_of(setup["app_kr"]) is S.AWAITING_NOMINATION
        assert _counts()[0] == before[0]
    queue = client.get("/api/v1/nominations",
                       headers={"Authorization": f"Bearer {token_for(setup['nc_ke'])}"}).get_json()
    assert [a["id"] for a in queue] == [setup["app_ke"]]


def test_nominating_twice_is_refused_with_a_clear_409(app, client, setup, token_for):
    headers = {"Authorization": f"Bearer {token_for(setup['nc_kr'])}"}
    url = f"/api/v1/applications/{setup['app_kr']}/nomination"
    assert client.post(url, json={"decision": "nominate", "reason": "ok"},
                       headers=headers).status_code == 200
    again = client.post(url, json={"decision": "decline", "reason": "changed my mind"},
                        headers=headers)
    assert again.status_code == 409
    message = again.get_json()["error"]["message"]
    assert "cannot move an application from 'not yet eligible' to 'not nominated'" in message
    login(client, "nc.kr@example.org")
    page = client.post(f"/applications/{setup['app_kr']}/nomination",
                       data={"decision": "nominate", "reason": "again",
                             "csrf_token": csrf_token(client, "/nominations")})
    assert page.status_code == 409 and "cannot move an application" in page.get_data(as_text=True)


@pytest.mark.parametrize("decision", ["selected", "waitlisted", "not selected"])
def test_selection_before_eligibility_is_refused(app, client, setup, token_for, decision):
    response = client.post(f"/api/v1/applications/{setup['app_kr']}/selection",
                           json={"decision": decision, "reason": "good"},
                           headers={"Authorization": f"Bearer {token_for(setup['coordinator'])}"})
    assert response.status_code == 409
    assert f"from 'awaiting nomination' to '{decision}'" in response.get_json()["error"]["message"]


def _pages(setup):
    w, a = setup["workshop"], setup["app_kr"]
    return {"admin@example.org": ["/workshops", f"/workshops/{w}", f"/workshops/{w}/matrix",
                                  f"/applications/{a}", "/nominations", "/admin/outbox"],
            "kr@example.org": ["/my/applications", f"/workshops/{w}/apply", f"/workshops/{w}"]}


def test_script_in_names_is_escaped_on_every_page(app, client, setup):
    with app.app_context():
        world.nominate(setup["nc_kr"], setup["app_kr"])
    for email, urls in _pages(setup).items():
        client.get("/logout")
        login(client, email)
        for url in urls:
            body = client.get(url).get_data(as_text=True)
            assert SCRIPT not in body, url
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body, url
        client.post("/logout", data={"csrf_token": csrf_token(client, "/workshops")})


@pytest.mark.parametrize("raw, safe", [
    ("=1+2", "'=1+2"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("Kim", "Kim"), ("", ""), (None, ""), ("a=b", "a=b")])
def test_neutralise(raw, safe):
    assert neutralise(raw) == safe


def test_csv_export_neutralises_formula_cells(app, client, setup):
    login(client, "coordinator@example.org")
    response = client.get(f"/workshops/{setup['workshop']}/matrix.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    cells = [cell for row in rows for cell in row]
    assert "'=HYPERLINK(1)" in cells and "'@SUM(A1)" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_matrix_filters_by_administration(app, client, setup, administrations):
    login(client, "coordinator@example.org")
    body = client.get(f"/workshops/{setup['workshop']}/matrix?administration="
                      f"{administrations['KE']}").get_data(as_text=True)
    assert "HYPERLINK" in body and "Kim" not in body


def test_submitting_without_the_availability_commitment_is_refused(app, client, setup,
                                                                   make_user, token_for):
    learner = make_user("learner", country="KR")
    response = client.post(f"/api/v1/workshops/{setup['workshop']}/application",
                           json={"criteria": {c: {"rating": 2} for c in world.RATED},
                                 "availability_committed": False, "submit": True},
                           headers={"Authorization": f"Bearer {token_for(learner)}"})
    assert response.status_code == 400
    assert response.get_json()["error"]["details"][0]["field"] == "availability_committed"
    with app.app_context():
        assert db.session.scalar(select(func.count(Application.id)).where(
            Application.user_id == learner)) == 0


def test_my_applications_names_modules_not_taken_here(app, client, setup):
    login(client, "kr@example.org")
    body = client.get("/my/applications").get_data(as_text=True)
    assert "Customs valuation" in body and "not yet available to take in LMS Bridge" in body
    assert "/modules/customs-valuation/launch" not in body


def test_my_applications_links_to_the_player_for_published_modules(app, client, setup):
    from lms_bridge.catalog.models import Module, PackageVersion, VersionState

    with app.app_context():
        module = db.session.scalar(select(Module).where(Module.slug == "customs-valuation"))
        db.session.add(PackageVersion(module_id=module.id, number=1, sha256="0" * 64,
                                      scorm_version="1.2", title="t", state=VersionState.PUBLISHED,
                                      report={}, size_bytes=1, unpacked_bytes=1, file_count=1,
                                      original_filename="x.zip"))
        db.session.commit()
    login(client, "kr@example.org")
    body = client.get("/my/applications").get_data(as_text=True)
    assert 'href="/modules/customs-valuation/launch"' in body
