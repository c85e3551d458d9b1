"""Deactivating, reactivating, changing roles and administration: a reason, an audit event with
the old and new values, and the last active administrator kept."""
import pytest

from lms_bridge.accounts.people import operations as people
from lms_bridge.db import db
from lms_bridge.errors import Conflict, Forbidden, InvalidInput
from tests.accounts.people_helpers import call, events, person
from tests.conftest import login


@pytest.fixture
def admin(make_user):
    return make_user("admin", email="admin@example.org")


def test_deactivating_records_the_reason_and_refuses_sessions_and_tokens(app, client, admin,
                                                                        make_user, token_for):
    learner = make_user("learner", country="KR", email="l@example.org")
    token = token_for(learner)
    login(client, "l@example.org")
    assert client.get("/").status_code == 200
    before = person(app, learner)["session_version"]

    call(app, people.deactivate, admin, learner, "left the administration")

    assert person(app, learner)["active"] is False
    assert person(app, learner)["session_version"] == before + 1
    assert client.get("/").status_code == 302  # the open session is refused at once
    api = app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 401
    [event] = events(app, "user.deactivated")
    assert event.reason == "left the administration"
    assert event.details["old"] == {"active": True} and event.details["new"] == {"active": False}


def test_reactivating_does_not_revive_old_tokens(app, admin, make_user, token_for):
    learner = make_user("learner", email="l@example.org")
    token = token_for(learner)
    call(app, people.deactivate, admin, learner, "on leave")
    call(app, people.reactivate, admin, learner, "back from leave")
    assert person(app, learner)["active"] is True
    api = app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 401
    assert events(app, "user.reactivated")[0].reason == "back from leave"


@pytest.mark.parametrize("reason", ["", "   "])
def test_every_change_needs_a_reason(app, admin, make_user, reason):
    learner = make_user("learner")
    with pytest.raises(InvalidInput, match="reason"):
        call(app, people.deactivate, admin, learner, reason)
    assert person(app, learner)["active"] is True


def test_the_last_active_admin_cannot_be_deactivated(app, admin):
    with pytest.raises(Conflict, match="last active administrator"):
        call(app, people.deactivate, admin, admin, "testing")
    assert person(app, admin)["active"] is True


def test_the_last_active_admin_keeps_the_role(app, admin):
    with pytest.raises(Conflict, match="last active administrator"):
        call(app, people.set_roles, admin, admin, [people.Role.LEARNER], "testing")
    assert person(app, admin)["roles"] == ["admin"]


def test_an_admin_can_be_deactivated_while_another_is_active(app, admin, make_user):
    second = make_user("admin", email="second@example.org")
    call(app, people.deactivate, admin, second, "duplicate account")
    with pytest.raises(Conflict, match="last active"):
        call(app, people.deactivate, admin, admin, "now the last")


def test_changing_roles_keeps_old_and_new_in_the_audit_event(app, admin, make_user):
    learner = make_user("learner")
    call(app, people.set_roles, admin, learner, [people.Role.LEARNER, people.Role.COORDINATOR],
         "runs the valuation workshop")
    assert person(app, learner)["roles"] == ["coordinator", "learner"]
    [event] = events(app, "user.roles_changed")
    assert event.details == {"old": ["learner"], "new": ["coordinator", "learner"]}


def test_changing_the_administration(app, admin, make_user):
    learner = make_user("learner", country="KR")
    call(app, people.set_administration, admin, learner,
         _administration_id(app, "FR"), "transferred")
    assert person(app, learner)["administration"] == "FR"
    [event] = events(app, "user.administration_changed")
    assert (event.details["old"], event.details["new"]) == ("KR", "FR")


def _administration_id(app, code):
    from sqlalchemy import select

    from lms_bridge.accounts.models import Administration
    with app.app_context():
        return db.session.scalar(select(Administration.id).where(Administration.country_code == code))


@pytest.mark.parametrize("role", ["national_coordinator", "coordinator", "learner"])
def test_only_admins_change_people(app, make_user, role):
    actor = make_user(role, country="KR", email="actor@example.org")
    learner = make_user("learner", country="KR")
    with pytest.raises(Forbidden):
        call(app, people.deactivate, actor, learner, "no")
    assert person(app, learner)["active"] is True


def test_a_national_coordinator_sees_only_their_administrations_people(app, make_user):
    coordinator = make_user("national_coordinator", country="KR", email="nc@example.org")
    own, other = make_user("learner", country="KR"), make_user("learner", country="FR")
    assert call(app, people.get_person, coordinator, own).id == own
    with pytest.raises(Forbidden):
        call(app, people.get_person, coordinator, other)
