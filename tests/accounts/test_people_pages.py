"""The people and designation pages: admins change accounts with a reason, refusals keep what
was typed beside the field, national coordinators see their own administration's people only,
and names are escaped everywhere."""
import pytest

from tests.accounts.people_helpers import events, person
from tests.conftest import csrf_token, login

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def admin(client, make_user):
    user_id = make_user("admin", email="admin@example.org")
    login(client, "admin@example.org")
    return user_id


def _post(client, url, **data):
    return client.post(url, data={**data, "csrf_token": csrf_token(client, "/")})


def test_an_admin_deactivates_with_a_reason(app, client, admin, make_user):
    learner = make_user("learner", country="KR")
    answer = _post(client, f"/admin/users/{learner}/deactivate", reason="left customs")
    assert answer.status_code == 302
    assert person(app, learner)["active"] is False
    page = client.get(f"/admin/users/{learner}").get_data(as_text=True)
    assert "Deactivated" in page and "left customs" in page


def test_no_reason_is_refused_beside_the_field(app, client, admin, make_user):
    learner = make_user("learner")
    answer = _post(client, f"/admin/users/{learner}/deactivate", reason="")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400 and 'id="reason-error"' in page
    assert "Give a reason for this change." in page
    assert person(app, learner)["active"] is True


def test_the_last_admin_refusal_keeps_the_typed_reason(app, client, admin):
    answer = _post(client, f"/admin/users/{admin}/deactivate", reason="my typed reason")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 409 and "last active administrator" in page
    assert "my typed reason</textarea>" in page
    assert person(app, admin)["active"] is True


def test_roles_and_administration_change_on_the_persons_page(app, client, admin, make_user,
                                                             administrations):
    learner = make_user("learner", country="KR")
    assert _post(client, f"/admin/users/{learner}/roles", roles=["learner", "coordinator"],
                 reason="trainer").status_code == 302
    assert _post(client, f"/admin/users/{learner}/administration",
                 administration=str(administrations["FR"]), reason="moved").status_code == 302
    assert person(app, learner)["roles"] == ["coordinator", "learner"]
    assert person(app, learner)["administration"] == "FR"
    refused = _post(client, f"/admin/users/{admin}/roles", roles=["learner"], reason="oops")
    assert refused.status_code == 409 and "last active administrator" in refused.get_data(as_text=True)


def test_the_list_filters_by_role_state_and_search(client, admin, make_user):
    make_user("coordinator", country="KR", email="trainer@example.org", name="Ana Trainer")
    make_user("learner", country="FR", email="pending@example.org", status="pending")
    coordinators = client.get("/admin/users?role=coordinator").get_data(as_text=True)
    assert "trainer@example.org" in coordinators and "pending@example.org" not in coordinators
    pending = client.get("/admin/users?state=pending").get_data(as_text=True)
    assert "pending@example.org" in pending and "trainer@example.org" not in pending
    search = client.get("/admin/users?q=ana+tr&region=ASIA_PACIFIC").get_data(as_text=True)
    assert "trainer@example.org" in search and "1 person" in search
    assert "trainer@example.org" not in client.get("/admin/users?administration=FR").get_data(
        as_text=True)


@pytest.fixture
def national_coordinator(app, make_user):
    make_user("national_coordinator", country="KR", email="nc@example.org")
    client = app.test_client()
    login(client, "nc@example.org")
    return client


def test_a_national_coordinator_sees_only_their_people(app, national_coordinator, make_user):
    own = make_user("learner", country="KR", email="own@example.org")
    other = make_user("learner", country="FR", email="other@example.org")
    listing = national_coordinator.get("/admin/users?administration=FR").get_data(as_text=True)
    assert "own@example.org" in listing and "other@example.org" not in listing
    assert national_coordinator.get(f"/admin/users/{own}").status_code == 200
    assert "Change this account" not in national_coordinator.get(f"/admin/users/{own}").get_data(
        as_text=True)
    assert national_coordinator.get(f"/admin/users/{other}").status_code == 403


@pytest.mark.parametrize("action, data", [("deactivate", {"reason": "x"}),
                                          ("roles", {"roles": ["admin"], "reason": "x"})])
def test_a_national_coordinator_cannot_act_on_anyone(app, national_coordinator, make_user,
                                                     action, data):
    for country in ("KR", "FR"):
        target = make_user("learner", country=country)
        before = person(app, target)
        assert _post(national_coordinator, f"/admin/users/{target}/{action}",
                     **data).status_code == 403
        assert person(app, target) == before
    assert events(app, "user.deactivated") == events(app, "user.roles_changed") == []


def test_a_national_coordinator_sees_the_requests_they_decided(app, national_coordinator):
    from lms_bridge.accounts import operations

    with app.app_context():
        request_id = operations.register("applicant@example.org", "Applicant", "long enough pw",
                                         _kr(app)).id
    _post(national_coordinator, f"/approvals/{request_id}", decision="reject",
          reason="not one of our officers")
    page = national_coordinator.get("/approvals").get_data(as_text=True)
    assert "Requests you decided" in page and "not one of our officers" in page


def _kr(app):
    from sqlalchemy import select

    from lms_bridge.accounts.models import Administration
    from lms_bridge.db import db
    return db.session.scalar(select(Administration.id).where(Administration.country_code == "KR"))


def test_designating_on_the_page_and_the_learner_sees_their_coordinator(
        app, client, admin, make_user, administrations):
    official = make_user("learner", country="KR", email="official@example.org", name=SCRIPT)
    learner = make_user("learner", country="KR", email="learner@example.org")
    missing = _post(client, "/admin/designations", email="official@example.org",
                    administration=str(administrations["KR"]), reference="", letter_date="2026-03-02")
    page = missing.get_data(as_text=True)
    assert missing.status_code == 400 and 'id="reference-error"' in page
    assert 'value="official@example.org"' in page  # what was typed is kept
    done = _post(client, "/admin/designations", email="official@example.org",
                 administration=str(administrations["KR"]), reference="WCO/KR/14",
                 letter_date="2026-03-02")
    assert done.status_code == 302
    assert "national_coordinator" in person(app, official)["roles"]
    listing = client.get("/admin/designations").get_data(as_text=True)
    assert SCRIPT not in listing and "&lt;script&gt;" in listing
    viewer = app.test_client()
    login(viewer, "learner@example.org")
    home = viewer.get("/").get_data(as_text=True)
    assert "Your national coordinator" in home and "official@example.org" in home
    assert SCRIPT not in home and learner


def test_ending_the_last_designation_says_the_role_goes(app, client, admin, make_user,
                                                       administrations):
    from lms_bridge.accounts.designations.operations import designate
    from lms_bridge.accounts.models import User
    from lms_bridge.db import db
    from datetime import date

    official = make_user("learner", country="KR")
    with app.app_context():
        designation_id = designate(db.session.get(User, admin), official, administrations["KR"],
                                   "ref", date(2026, 1, 5)).id
    page = client.get(f"/admin/designations/{designation_id}").get_data(as_text=True)
    assert "no longer be a national coordinator" in page
    ended = _post(client, f"/admin/designations/{designation_id}/end", reason="retired")
    assert ended.status_code == 302
    assert "no longer a national coordinator" in client.get(ended.headers["Location"]).get_data(
        as_text=True)
    assert person(app, official)["roles"] == ["learner"]


def test_names_with_script_are_escaped_on_the_people_pages(app, client, admin, make_user):
    target = make_user("learner", country="KR", name=SCRIPT)
    _post(client, f"/admin/users/{target}/deactivate", reason=SCRIPT)
    for url in ("/admin/users", f"/admin/users/{target}", "/admin/audit"):
        page = client.get(url).get_data(as_text=True)
        assert SCRIPT not in page and "&lt;script&gt;" in page, url
