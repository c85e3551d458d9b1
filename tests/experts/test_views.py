"""Experts pages answer, escape what people typed, and refuse what they must refuse."""
import pytest

from tests.conftest import csrf_token, login
from tests.experts import world


@pytest.fixture
def ids(app, make_user, administrations):
    return world.everything(app, make_user, administrations)


PAGES = ["/experts", "/experts.csv", "/experts/{expert_id}", "/experts/workshops/{workshop_id}",
         "/missions", "/missions/new", "/missions/{mission_id}", "/missions/{held_mission_id}",
         "/reports/programme", "/reports/programme.csv", "/monitoring",
         "/monitoring/template.csv", "/monitoring.csv",
         "/reports/programme?from=2020-01-01&to=2030-12-31&region=ASIA_PACIFIC"]


@pytest.mark.parametrize("path", PAGES)
def test_coordinator_pages(app, client, make_user, ids, path):
    make_user("coordinator", email="c@example.org")
    login(client, "c@example.org")
    response = client.get(path.format(**ids))
    assert response.status_code == 200, response.get_data(as_text=True)[:500]


def test_national_coordinator_pages(client, ids):
    login(client, "world-nc@example.org")
    for path in ["/releases", "/monitoring/validation", "/experts", f"/experts/{ids['expert_id']}"]:
        assert client.get(path).status_code == 200, path
    assert "Hye-jin Choi" in client.get("/releases").get_data(as_text=True)


def test_another_administrations_nc_sees_no_expert_and_cannot_release(app, client, make_user, ids):
    from lms_bridge.db import db
    from lms_bridge.experts.models import Assignment
    from lms_bridge.experts.states import AssignmentStatus

    make_user("national_coordinator", country="KE", email="nc.ke@example.org")
    login(client, "nc.ke@example.org")
    assert "Hye-jin Choi" not in client.get("/experts").get_data(as_text=True)
    assert client.get(f"/experts/{ids['expert_id']}").status_code == 403
    token = csrf_token(client, "/releases")
    response = client.post(f"/missions/assignments/{ids['assignment_id']}/release",
                           data={"decision": "release", "csrf_token": token})
    assert response.status_code == 403
    with app.app_context():
        assert db.session.get(Assignment, ids["assignment_id"]).status is AssignmentStatus.PROPOSED


def test_the_resource_person_assesses_through_the_page(client, ids):
    login(client, "world-assessor@example.org")
    page = client.get(f"/experts/workshops/{ids['workshop_id']}").get_data(as_text=True)
    assert "Assess " in page
    url = f"/experts/participants/{ids['pending_application_id']}/assessment"
    token = csrf_token(client, url)
    response = client.post(url, data={"csrf_token": token, "technical": "4", "training": "3",
                                      "international": "5",
                                      "technical_note": "<script>alert(1)</script>"})
    assert response.status_code == 302
    page = client.get(f"/experts/workshops/{ids['workshop_id']}").get_data(as_text=True)
    assert "expertise 4/5" in page


SCRIPT = "<script>alert('x')</script>"


def test_script_in_every_free_text_field_is_escaped(app, client, make_user, administrations):
    """Titles, notes, reasons, places and guidance typed by people come back as text."""
    from datetime import date, timedelta

    from lms_bridge.experts import operations
    from lms_bridge.experts.sheets import Session
    from lms_bridge.experts.vocabulary import Audience, Evaluation, Field, ParticipantOutcome
    from tests.experts.world import user

    coordinator = make_user("coordinator", email="c@example.org", name=SCRIPT)
    ids = world.everything(app, make_user, administrations, coordinator=coordinator)
    with app.app_context():
        setup = operations.set_subjects(user(coordinator), ids["workshop_id"], [SCRIPT])
        operations.draw_subjects(user(coordinator), ids["workshop_id"], seed=SCRIPT)
        operations.assess(user(ids["assessor_id"]), ids["pending_application_id"],
                          operations.Scores(2, 2, 2, SCRIPT, SCRIPT, SCRIPT))
        operations.decide_outcome(user(coordinator), ids["pending_application_id"],
                                  ParticipantOutcome.NOT_SUCCESSFUL, SCRIPT)
        mission = world.mission(coordinator, administrations["TH"],
                                date.today() + timedelta(days=200), title=SCRIPT)
        operations.record_training(user(ids["expert_id"]), Session(
            date.today(), Field.RISK_MANAGEMENT, Audience.PRIVATE_SECTOR, 5, None, None, SCRIPT,
            "en"))
        assert setup
        nc = user(db_user_id("world-nc@example.org"))
        past = world.mission(coordinator, administrations["TH"],
                             date.today() - timedelta(days=45), title="Past")
        row = operations.propose_expert(user(coordinator), past, ids["expert_id"])
        operations.release_expert(nc, row.id, True, "")
        operations.mark_held(user(coordinator), past, 12, SCRIPT)
        operations.record_result(user(coordinator), row.id, 4, Evaluation.POSITIVE, SCRIPT)
        later = world.mission(coordinator, administrations["TH"],
                              date.today() + timedelta(days=300), title="Later")
        refused = operations.propose_expert(user(coordinator), later, ids["expert_id"])
        operations.release_expert(nc, refused.id, False, SCRIPT)
        operations.validate_training(nc, ids["record_id"], False, SCRIPT)
        operations.change_accreditation(user(coordinator), ids["accreditation_id"],
                                        operations.accreditation.AccreditationStatus.LAPSED, SCRIPT)
    login(client, "c@example.org")
    for path in [f"/experts/{ids['expert_id']}", f"/experts/workshops/{ids['workshop_id']}",
                 "/missions", f"/missions/{mission}", f"/missions/{past}", f"/missions/{later}"]:
        body = client.get(path).get_data(as_text=True)
        assert SCRIPT not in body, path
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in body, path
    record = client.get(f"/experts/{ids['expert_id']}").get_data(as_text=True)
    assert record.count("&lt;script&gt;") >= 6  # notes, reasons, place, evaluation


def test_a_bad_report_date_is_a_clear_400(client, ids):
    login(client, "world-coordinator@example.org")
    response = client.get("/reports/programme?from=31/12/2026")
    assert response.status_code == 400 and "not a date" in response.get_data(as_text=True)


def db_user_id(email):
    from sqlalchemy import select

    from lms_bridge.accounts.models import User
    from lms_bridge.db import db
    return db.session.scalar(select(User.id).where(User.email == email))


def test_workshop_outcomes_list_for_coordinators_and_assigned_resource_persons(
        client, make_user, ids):
    login(client, "world-coordinator@example.org")
    assert "HS accreditation workshop" in client.get("/experts/workshops").get_data(as_text=True)
    client.post("/logout", data={"csrf_token": csrf_token(client, "/experts/workshops")})
    make_user("resource_person", email="other-rp@example.org")
    login(client, "other-rp@example.org")
    page = client.get("/experts/workshops").get_data(as_text=True)
    assert "HS accreditation workshop" not in page
    assert client.get(f"/experts/workshops/{ids['workshop_id']}").status_code == 403
    client.post("/logout", data={"csrf_token": csrf_token(client, "/experts/workshops")})
    login(client, "world-assessor@example.org")
    assert "HS accreditation workshop" in client.get("/experts/workshops").get_data(as_text=True)


def test_the_expert_sets_their_languages_and_the_register_finds_them(app, client, ids, make_user):
    from lms_bridge.errors import Forbidden, InvalidInput
    from lms_bridge.experts import operations
    from tests.experts.world import user

    stranger = make_user("learner", country="KR")
    with app.app_context():
        operations.set_languages(user(ids["expert_id"]), ids["expert_id"], ["fr", "en"])
        with pytest.raises(Forbidden):
            operations.set_languages(user(stranger), ids["expert_id"], ["ru"])
        with pytest.raises(InvalidInput, match="not xx"):
            operations.set_languages(user(ids["expert_id"]), ids["expert_id"], ["xx"])
    login(client, "world-coordinator@example.org")
    assert "Hye-jin Choi" in client.get("/experts?language=fr").get_data(as_text=True)
    assert "Hye-jin Choi" not in client.get("/experts?language=ru").get_data(as_text=True)
