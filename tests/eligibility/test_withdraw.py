"""Withdrawing an application: the applicant (page and API), an admin, nobody else, not twice."""
import pytest
from sqlalchemy import select

from lms_bridge.accounts.models import User
from lms_bridge.db import db
from lms_bridge.eligibility import operations
from lms_bridge.eligibility.evaluation import evaluate_workshop
from lms_bridge.eligibility.models import Application, ApplicationEvent, Workshop
from lms_bridge.eligibility.states import ApplicationStatus as S
from tests.conftest import csrf_token, login
from tests.eligibility import world


@pytest.fixture
def setup(app, make_user):
    ids = {
        "coordinator": make_user("coordinator", email="coordinator@example.org"),
        "nc_kr": make_user("national_coordinator", country="KR", email="nc.kr@example.org"),
        "kr": make_user("learner", country="KR", email="kr@example.org"),
        "other": make_user("learner", country="KR", email="other@example.org"),
    }
    with app.app_context():
        world.modules()
        ids["workshop"] = world.workshop(ids["coordinator"])
        ids["application"] = world.apply(ids["kr"], ids["workshop"])
    return ids


def _status(app, application_id):
    with app.app_context():
        return db.session.get(Application, application_id).status


def test_the_applicant_withdraws_from_the_page_with_a_reason_in_the_history(app, client, setup):
    login(client, "kr@example.org")
    page = client.get("/my/applications").get_data(as_text=True)
    assert "Withdraw my application" in page
    response = client.post(f"/my/applications/{setup['application']}/withdraw",
                           data={"reason": "my director needs me in March",
                                 "csrf_token": csrf_token(client, "/my/applications")})
    assert response.status_code == 302
    assert _status(app, setup["application"]) is S.WITHDRAWN
    with app.app_context():
        event = db.session.scalars(select(ApplicationEvent).where(
            ApplicationEvent.application_id == setup["application"])
            .order_by(ApplicationEvent.id.desc())).first()
        assert (event.from_status, event.to_status, event.actor_id) == (
            S.AWAITING_NOMINATION, S.WITHDRAWN, setup["kr"])
        assert event.reason == "withdrawn by the applicant: my director needs me in March"
    assert "Withdraw my application" not in client.get("/my/applications").get_data(as_text=True)


@pytest.mark.parametrize("actor, expected", [
    ("kr", 200),       # the applicant
    ("other", 403),    # another learner
    ("nc_kr", 403),    # their national coordinator: may nominate, not withdraw
])
def test_only_the_applicant_withdraws_through_the_api(app, client, setup, token_for, actor,
                                                      expected):
    response = client.post(f"/api/v1/applications/{setup['application']}/withdraw",
                           json={"reason": ""},
                           headers={"Authorization": f"Bearer {token_for(setup[actor])}"})
    assert response.status_code == expected, response.get_json()
    assert _status(app, setup["application"]) is (S.WITHDRAWN if expected == 200
                                                  else S.AWAITING_NOMINATION)


def test_a_withdrawn_application_cannot_be_withdrawn_again(app, client, setup, token_for):
    headers = {"Authorization": f"Bearer {token_for(setup['kr'])}"}
    url = f"/api/v1/applications/{setup['application']}/withdraw"
    assert client.post(url, json={}, headers=headers).status_code == 200
    again = client.post(url, json={}, headers=headers)
    assert again.status_code == 409
    assert "final" in again.get_json()["error"]["message"]


def test_a_withdrawn_application_is_left_out_of_re_evaluation(app, setup):
    with app.app_context():
        world.nominate(setup["nc_kr"], setup["application"])
        operations.withdraw_application(db.session.get(User, setup["kr"]), setup["application"])
        assert evaluate_workshop(db.session.get(Workshop, setup["workshop"]), "test") == []
        assert db.session.get(Application, setup["application"]).status is S.WITHDRAWN
