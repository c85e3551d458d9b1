"""The results API: the same figures and the same rule of who sees whom as the pages."""
from sqlalchemy import select

from tests.reports.world import SLUG


def _get(client, token, url, **params):
    return client.get(url, headers={"Authorization": f"Bearer {token}"}, query_string=params)


def test_module_results_for_a_coordinator(client, world, token_for):
    body = _get(client, token_for(world.coordinator), f"/api/v1/modules/{SLUG}/results").get_json()
    assert (body["total"], body["page"], body["pages"]) == (3, 1, 1)
    kim = next(item for item in body["items"] if item["email"] == "kim@example.org")
    assert (kim["attempts"], kim["status"], kim["score"], kim["versions"]) == (
        2, "passed", 90.0, [1])
    assert kim["editions"] == ["en"]
    attempt = _get(client, token_for(world.coordinator),
                   f"/api/v1/attempts/{kim['last_attempt_id']}/results").get_json()
    assert (attempt["package_version"], attempt["edition"]) == (1, "en")


def test_filters_are_validated(client, world, token_for):
    token = token_for(world.coordinator)
    failed = _get(client, token, f"/api/v1/modules/{SLUG}/results", status="failed").get_json()
    assert [item["email"] for item in failed["items"]] == ["bo@example.org"]
    bad = _get(client, token, f"/api/v1/modules/{SLUG}/results", status="excellent")
    assert bad.status_code == 400 and bad.get_json()["error"]["details"][0]["field"] == "status"


def test_a_national_coordinator_gets_only_their_administration(client, world, token_for,
                                                               administrations):
    token = token_for(world.nc_kr)
    body = _get(client, token, f"/api/v1/modules/{SLUG}/results").get_json()
    assert {item["email"] for item in body["items"]} == {"kim@example.org", "lee@example.org"}
    refused = _get(client, token, f"/api/v1/modules/{SLUG}/results",
                   administration=administrations["FR"])
    assert refused.status_code == 403 and "bo@example.org" not in refused.get_data(as_text=True)


def test_questions(client, world, token_for):
    body = _get(client, token_for(world.coordinator), f"/api/v1/modules/{SLUG}/questions",
                attempts="all").get_json()
    assert (body["attempts"], body["counted_only"]) == (4, False)
    q2 = next(q for q in body["questions"] if q["question"] == "q2")
    assert q2["share_right"] == 0.25
    assert q2["wrong_answers"] == [{"response": "b", "count": 2}, {"response": "c", "count": 1}]


def test_attempt_results(app, client, world, token_for):
    from lms_bridge.db import db
    from lms_bridge.player.models import Attempt

    with app.app_context():
        attempt_id = db.session.scalar(select(Attempt.id).where(Attempt.user_id == world.bo))
    own = _get(client, token_for(world.bo), f"/api/v1/attempts/{attempt_id}/results").get_json()
    assert (own["number"], own["is_passed"], own["grade"]) == (1, False, 20.0)
    assert [a["is_correct"] for a in own["parts"][0]["answers"]] == [False, False, None]
    assert _get(client, token_for(world.nc_kr),
                f"/api/v1/attempts/{attempt_id}/results").status_code == 403
    assert _get(client, token_for(world.nc_fr),
                f"/api/v1/attempts/{attempt_id}/results").status_code == 200
