"""A refused form comes back as the same form, the problem beside its field, what was typed kept."""
import pytest
from sqlalchemy import select

from lms_bridge.db import db
from lms_bridge.eligibility.models import Application
from lms_bridge.eligibility.scoring import Criterion
from lms_bridge.eligibility.states import ApplicationStatus as S
from tests.conftest import csrf_token, login
from tests.eligibility import world


@pytest.fixture
def workshop(app, make_user):
    coordinator = make_user("coordinator", email="coordinator@example.org")
    with app.app_context():
        world.modules()
        workshop_id = world.workshop(coordinator, prerequisites=False)
        db.session.commit()
    return workshop_id


def test_an_unticked_availability_box_keeps_the_ratings_notes_and_motivation(
        app, client, make_user, workshop):
    make_user("learner", country="KR", email="kr@example.org")
    login(client, "kr@example.org")
    url = f"/workshops/{workshop}/apply"
    data = {"csrf_token": csrf_token(client, url), "motivation": "Keen on tariff work",
            "submit": "Submit the application"}
    for n, criterion in enumerate(Criterion):
        data[f"rating_{criterion.name}"] = str(n % 5)
        data[f"note_{criterion.name}"] = f"note about {criterion.name}"
    page = client.post(url, data=data)
    body = page.get_data(as_text=True)
    assert page.status_code == 400
    assert "<form" in body and "Keen on tariff work" in body
    for n, criterion in enumerate(Criterion):
        assert f"note about {criterion.name}" in body
        assert f'<option selected value="{n % 5}">' in body or \
            f'value="{n % 5}" selected' in body
    assert "availability_committed" not in body  # the operation's field name stays inside
    assert "Tick this box to submit" in body
    with app.app_context():
        assert db.session.scalar(select(Application)) is None


def test_a_private_sync_address_is_refused_beside_the_address(app, client, make_user):
    make_user("admin", email="admin@example.org")
    with app.app_context():
        world.modules()
        db.session.commit()
    login(client, "admin@example.org")
    page = client.post("/admin/sync/new", data={
        "csrf_token": csrf_token(client, "/admin/sync/new"), "kind": "moodle",
        "name": "Campus Moodle", "url": "http://127.0.0.1:8080", "secret": "t0ken",
        "match_by": "email", "schedule_minutes": "60", "mappings": "12=hs-classification"})
    body = page.get_data(as_text=True)
    assert page.status_code == 400
    assert 'value="Campus Moodle"' in body and 'value="http://127.0.0.1:8080"' in body
    assert 'id="url-error"' in body and "internal address" in body


def test_a_selection_beyond_capacity_offers_the_waiting_list(app, client, make_user, workshop):
    make_user("admin", email="admin@example.org")
    with app.app_context():
        learners = [make_user("learner", country="KR", email=f"l{n}@example.org")
                    for n in range(2)]
        ids = [world.apply(learner, workshop) for learner in learners]
        for application_id in ids:
            db.session.get(Application, application_id).status = S.ELIGIBLE
        db.session.get(Application, ids[0]).workshop.capacity = 1
        db.session.get(Application, ids[0]).status = S.SELECTED
        db.session.commit()
    login(client, "admin@example.org")
    url = f"/applications/{ids[1]}"
    page = client.post(f"{url}/selection", data={
        "csrf_token": csrf_token(client, url), "decision": "SELECTED",
        "reason": "Strong customs valuation profile"})
    body = page.get_data(as_text=True)
    assert page.status_code == 409
    assert "Strong customs valuation profile" in body
    assert "waiting list" in body and '<option selected value="WAITLISTED">' in body
