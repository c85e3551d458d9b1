"""Sync admin pages and API: health, needs attention, progress, people to link, no secret shown."""
from __future__ import annotations

import logging

import pytest
from moodle_server import TOKEN
from sync_world import add_moodle_source, configure_for_tests

from lms_bridge.db import db
from lms_bridge.syncing.models import SyncSource
from tests.conftest import csrf_token, login


@pytest.fixture
def admin(app, client, make_user, token_for):
    user_id = make_user("admin", email="admin@example.org")
    for n in range(1, 3):
        make_user("learner", email=f"learner{n}@example.com")
    configure_for_tests(app)
    app.config["SYNC_NOW_INLINE"] = True
    assert login(client, "admin@example.org").status_code == 302
    return {"Authorization": f"Bearer {token_for(user_id)}"}


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_data(as_text=True)


def test_adding_a_source_by_the_form_never_shows_the_token_back(app, client, admin, moodle, caplog):
    caplog.set_level(logging.DEBUG)
    response = client.post("/admin/sync/new", data={
        "csrf_token": csrf_token(client, "/admin/sync/new"), "kind": "moodle", "name": "CLiKC!",
        "url": moodle.base_url, "secret": TOKEN, "allow_private": "y", "match_by": "email",
        "schedule_minutes": "60", "mappings": "HSCLASS-PRE=hs-classification\nCUSTVAL-PRE=customs-valuation"})
    assert response.status_code == 302
    with app.app_context():
        source = db.session.query(SyncSource).one()
        assert TOKEN not in source.secret_encrypted and TOKEN not in repr(source)
        source_id = source.id
    client.post(f"/admin/sync/{source_id}/run",
                data={"csrf_token": csrf_token(client, f"/admin/sync/{source_id}")})
    moodle.token = "revoked"
    client.post(f"/admin/sync/{source_id}/run",
                data={"csrf_token": csrf_token(client, f"/admin/sync/{source_id}")})
    run_ids = [r["id"] for r in client.get(f"/api/v1/sync/sources/{source_id}/runs",
                                           headers=admin).get_json()]
    assert len(run_ids) == 2
    pages = [_page(client, url) for url in (
        "/admin/sync", f"/admin/sync/{source_id}", "/admin/sync/unmatched",
        *(f"/admin/sync/runs/{run_id}" for run_id in run_ids))]
    api = [client.get(url, headers=admin).get_data(as_text=True) for url in (
        "/api/v1/sync/sources", f"/api/v1/sync/sources/{source_id}/runs",
        *(f"/api/v1/sync/runs/{run_id}" for run_id in run_ids))]
    for text in pages + api + [caplog.text]:
        assert TOKEN not in text
    assert "Needs attention" in pages[0] and "Needs attention" in pages[1]


def test_a_source_whose_token_is_revoked_is_shown_needing_attention(app, client, admin, moodle):
    with app.app_context():
        source_id = add_moodle_source(moodle, token="not-the-token")
    response = client.post(f"/api/v1/sync/sources/{source_id}/runs", json={}, headers=admin)
    assert response.status_code == 202
    source = client.get("/api/v1/sync/sources", headers=admin).get_json()[0]
    assert source["needs_attention"] and source["health"] == "needs_attention"
    assert "secret" not in source and source["has_secret"]
    assert "Needs attention" in _page(client, "/admin/sync")
    progress = client.get(f"/admin/sync/{source_id}/progress").get_json()
    assert progress["finished"] and progress["status"] == "needs_attention"


def test_unmatched_people_are_listed_and_linked_from_the_page(app, client, admin, moodle):
    with app.app_context():
        source_id = add_moodle_source(moodle)
    client.post(f"/api/v1/sync/sources/{source_id}/runs", json={"full": True}, headers=admin)
    page = _page(client, "/admin/sync/unmatched")
    for n in (3, 4, 5):
        assert f"learner{n}@example.com" in page
    people = client.get("/api/v1/sync/unmatched", headers=admin).get_json()
    learner3 = next(p for p in people if p["email"] == "learner3@example.com")
    response = client.post(f"/admin/sync/unmatched/{learner3['id']}/link", data={
        "csrf_token": csrf_token(client, "/admin/sync/unmatched"), "email": "learner1@example.com"})
    assert response.status_code == 302
    rows = client.get("/api/v1/completions", headers=admin).get_json()
    assert {r["module"] for r in rows} == {"hs-classification", "customs-valuation",
                                          "hs-classification-scorm"}
    assert {r["source"] for r in rows} == {"CLiKC!"}
    assert len([p for p in client.get("/api/v1/sync/unmatched", headers=admin).get_json()]) == 2


@pytest.mark.parametrize("url, problem", [
    ("ftp://moodle.example.org", "http or https"),
    ("http://127.0.0.1:8080", "internal address"),
    ("https://user:pw@moodle.example.org", "credentials"),
])
def test_unsafe_source_urls_are_refused(client, admin, url, problem):
    response = client.post("/api/v1/sync/sources", headers=admin, json={
        "name": "Bad", "kind": "moodle", "url": url, "secret": "t"})
    assert response.status_code == 400
    assert problem in response.get_json()["error"]["message"]


def test_the_page_after_sync_now_hands_the_last_run_to_the_progress_script(app, client, admin,
                                                                           moodle):
    with app.app_context():
        source_id = add_moodle_source(moodle)
    response = client.post(f"/admin/sync/{source_id}/run",
                           data={"csrf_token": csrf_token(client, f"/admin/sync/{source_id}")})
    assert response.headers["Location"].endswith(f"/admin/sync/{source_id}?after=0")
    page = _page(client, response.headers["Location"])
    assert 'data-after="0"' in page and f'data-done-url="/admin/sync/{source_id}"' in page
    assert "data-after" not in _page(client, f"/admin/sync/{source_id}")
