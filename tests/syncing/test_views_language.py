"""Sync pages in the reader's language: run summaries worded from the counters, dates by the
locale, the progress script's words given by the page."""
from __future__ import annotations

import json
import re
from types import SimpleNamespace

import pytest
from babel.dates import format_datetime
from sync_world import add_moodle_source, configure_for_tests

from lms_bridge.accounts.models import User
from lms_bridge.db import db
from lms_bridge.syncing import labels
from lms_bridge.syncing.credentials import UNREADABLE
from lms_bridge.syncing.jobs import NO_REPORT_FILE
from lms_bridge.syncing.labels import health_detail, run_summary
from lms_bridge.syncing.models import SyncRun, SyncSource
from lms_bridge.syncing.runs import INTERRUPTED
from tests.conftest import csrf_token, login


def _synced(app, client, make_user, moodle, language="en"):
    user_id = make_user("admin", email="admin@example.org")
    for n in range(1, 3):
        make_user("learner", email=f"learner{n}@example.com")
    configure_for_tests(app)
    app.config["SYNC_NOW_INLINE"] = True
    with app.app_context():
        db.session.get(User, user_id).preferred_language = language
        db.session.commit()
        source_id = add_moodle_source(moodle)
    login(client, "admin@example.org")
    client.post(f"/admin/sync/{source_id}/run",
                data={"csrf_token": csrf_token(client, f"/admin/sync/{source_id}")})
    return source_id


def test_an_english_summary_is_the_stored_one(app, client, make_user, moodle):
    source_id = _synced(app, client, make_user, moodle)
    with app.test_request_context():
        run = db.session.query(SyncRun).one()
        source = db.session.get(SyncSource, source_id)
        assert run.message and run_summary(run) == run.message
        assert health_detail(source, run) == run.message
    progress = client.get(f"/admin/sync/{source_id}/progress").get_json()
    assert progress["summary"] == progress["message"]


def test_the_source_page_gives_its_words_and_dates_in_the_readers_language(app, client,
                                                                          make_user, moodle):
    source_id = _synced(app, client, make_user, moodle, language="fr")
    page = client.get(f"/admin/sync/{source_id}").get_data(as_text=True)
    assert '<html lang="fr"' in page
    words = json.loads(re.search(r'<script type="application/json" id="sync-progress-words">'
                                 r"(.*?)</script>", page, re.S).group(1))
    assert set(words) == {"none", "run", "records", "statuses", "phases"}
    assert "%(status)s" in words["run"] and words["statuses"]["needs_attention"]
    with app.app_context():
        started = db.session.query(SyncRun).one().started_at
    assert format_datetime(started, "medium", tzinfo=started.tzinfo, locale="fr") in page


def test_the_servers_own_diagnostics_are_worded_a_connectors_shown_as_recorded(app, monkeypatch):
    monkeypatch.setattr(labels, "_", lambda message: f"«{message}»")
    for recorded in (UNREADABLE, NO_REPORT_FILE, INTERRUPTED):
        source = SimpleNamespace(health_detail=recorded)
        assert labels.health_detail(source, None) == f"«{recorded}»"
    remote = SimpleNamespace(health_detail="Moodle said: invalidtoken")
    assert labels.health_detail(remote, None) == "Moodle said: invalidtoken"


@pytest.mark.parametrize("language", ["fr", "es", "ru", "ar"])
def test_every_sync_page_renders_in_every_language(app, client, make_user, moodle, language):
    source_id = _synced(app, client, make_user, moodle, language=language)
    with app.app_context():
        run_id = db.session.query(SyncRun).one().id
    for url in ("/admin/sync", f"/admin/sync/{source_id}", f"/admin/sync/runs/{run_id}",
                "/admin/sync/unmatched", "/admin/sync/upload", "/admin/sync/new"):
        response = client.get(url)
        assert response.status_code == 200, (url, response.get_data(as_text=True)[:500])
        assert f'<html lang="{language}"' in response.get_data(as_text=True)
    assert client.get(f"/admin/sync/{source_id}/progress").get_json()["summary"]
