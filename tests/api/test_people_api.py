"""People and designations through the API: filters, a person, changes with a reason, the
last admin kept, a national coordinator limited to their own administration, read-only."""
import pytest

from tests.accounts.people_helpers import events, person
from tests.conftest import PASSWORD


def _auth(token):
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def admin(make_user, token_for):
    user_id = make_user("admin", email="admin@example.org")
    return user_id, _auth(token_for(user_id))


def test_the_list_filters_and_pages(client, admin, make_user):
    _, headers = admin
    make_user("coordinator", country="KR", email="trainer@example.org")
    make_user("learner", country="FR", email="fr@example.org", status="pending")
    body = client.get("/api/v1/users?role=coordinator&administration=kr", headers=headers).get_json()
    assert [u["email"] for u in body["items"]] == ["trainer@example.org"]
    assert body["total"] == 1 and body["per_page"] == 50 and body["items"][0]["state"] == "active"
    pending = client.get("/api/v1/users?state=pending&region=Europe", headers=headers).get_json()
    assert [u["email"] for u in pending["items"]] == ["fr@example.org"]


@pytest.mark.parametrize("query, field", [("administration=KOR", "administration"),
                                          ("state=sleeping", "state"), ("role=boss", "role"),
                                          ("administration=ZZ", "administration")])
def test_bad_filters_are_named(client, admin, query, field):
    answer = client.get(f"/api/v1/users?{query}", headers=admin[1])
    assert answer.status_code == 400
    assert answer.get_json()["error"]["details"][0]["field"] == field


def test_deactivate_reactivate_and_the_last_admin(app, client, admin, make_user):
    admin_id, headers = admin
    learner = make_user("learner")
    done = client.post(f"/api/v1/users/{learner}/deactivate", json={"reason": "left"},
                       headers=headers)
    assert done.status_code == 200 and done.get_json()["state"] == "deactivated"
    assert client.post(f"/api/v1/users/{learner}/reactivate", json={"reason": "back"},
                       headers=headers).get_json()["state"] == "active"
    last = client.post(f"/api/v1/users/{admin_id}/deactivate", json={"reason": "x"},
                       headers=headers)
    assert last.status_code == 409 and "last active administrator" in last.get_json()["error"]["message"]
    no_reason = client.post(f"/api/v1/users/{learner}/deactivate", json={"reason": ""},
                            headers=headers)
    assert no_reason.status_code == 400
    assert person(app, admin_id)["active"] is True


def test_roles_and_administration(app, client, admin, make_user):
    _, headers = admin
    learner = make_user("learner", country="KR")
    roles = client.put(f"/api/v1/users/{learner}/roles", headers=headers,
                       json={"roles": ["learner", "coordinator"], "reason": "trainer"})
    assert sorted(roles.get_json()["roles"]) == ["coordinator", "learner"]
    moved = client.put(f"/api/v1/users/{learner}/administration", headers=headers,
                       json={"administration": "FR", "reason": "transferred"})
    assert moved.get_json()["administration"]["country_code"] == "FR"
    detail = client.get(f"/api/v1/users/{learner}", headers=headers).get_json()
    assert {e["action"] for e in detail["recent_events"]} == {"user.roles_changed",
                                                              "user.administration_changed"}
    assert events(app, "user.administration_changed")[0].details == {"old": "KR", "new": "FR"}


def test_a_national_coordinator_reads_only_their_administration(app, client, make_user, token_for):
    headers = _auth(token_for(make_user("national_coordinator", country="KR")))
    own = make_user("learner", country="KR", email="own@example.org")
    other = make_user("learner", country="FR", email="other@example.org")
    listing = client.get("/api/v1/users?administration=FR", headers=headers).get_json()
    emails = {u["email"] for u in listing["items"]}
    assert "own@example.org" in emails and "other@example.org" not in emails
    assert client.get(f"/api/v1/users/{own}", headers=headers).status_code == 200
    assert client.get(f"/api/v1/users/{other}", headers=headers).status_code == 403
    for target in (own, other):
        before = person(app, target)
        refused = client.post(f"/api/v1/users/{target}/deactivate", json={"reason": "x"},
                              headers=headers)
        assert refused.status_code == 403 and person(app, target) == before


def test_designations_through_the_api(app, client, admin, make_user, token_for):
    _, headers = admin
    official = make_user("learner", country="KR", email="official@example.org")
    successor = make_user("learner", country="KR", email="successor@example.org")
    created = client.post("/api/v1/designations", headers=headers, json={
        "user_id": official, "administration": "KR", "reference": "WCO/KR/14",
        "letter_date": "2026-03-02"})
    assert created.status_code == 201, created.get_json()
    designation = created.get_json()
    learner_headers = _auth(token_for(make_user("learner", country="KR")))
    mine = client.get("/api/v1/me/coordinators", headers=learner_headers).get_json()
    assert [c["email"] for c in mine] == ["official@example.org"]
    replaced = client.post(f"/api/v1/designations/{designation['id']}/replace", headers=headers,
                           json={"user_id": successor, "reference": "WCO/KR/15",
                                 "letter_date": "2026-04-01", "reason": "retired"})
    assert replaced.status_code == 201
    assert "national_coordinator" not in person(app, official)["roles"]
    ended = client.post(f"/api/v1/designations/{replaced.get_json()['id']}/end", headers=headers,
                        json={"reason": "post abolished"}).get_json()
    assert ended["role_removed"] is True and ended["designation"]["is_active"] is False
    history = client.get("/api/v1/designations?state=all&administration=KR", headers=headers)
    assert [d["reference"] for d in history.get_json()] == ["WCO/KR/15", "WCO/KR/14"]


@pytest.mark.parametrize("body, field", [
    ({"user_id": 1, "administration": "KR", "reference": "", "letter_date": "2026-01-01"},
     "reference"),
    ({"user_id": 1, "administration": "KR", "reference": "r", "letter_date": "2999-01-01"},
     "letter_date"),
    ({"user_id": 0, "administration": "KR", "reference": "r", "letter_date": "2026-01-01"},
     "user_id")])
def test_a_bad_designation_names_the_field(client, admin, body, field):
    answer = client.post("/api/v1/designations", headers=admin[1], json=body)
    assert answer.status_code == 400
    assert answer.get_json()["error"]["details"][0]["field"] == field


def test_changing_the_password_through_the_api(app, client, make_user, token_for):
    headers = _auth(token_for(make_user("learner", email="l@example.org")))
    wrong = client.put("/api/v1/me/password", headers=headers,
                       json={"current_password": "nope", "new_password": "long enough now"})
    assert wrong.status_code == 400
    assert wrong.get_json()["error"]["details"][0]["field"] == "current_password"
    done = client.put("/api/v1/me/password", headers=headers,
                      json={"current_password": PASSWORD, "new_password": "long enough now"})
    assert done.status_code == 204
