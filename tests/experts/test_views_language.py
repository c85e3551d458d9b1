"""Experts pages in the reader's language: every page renders in fr, es, ru and ar (dates,
numbers and percentages by the locale), and the programme report's dates are the locale's."""
from __future__ import annotations

from datetime import date

import pytest
from babel.dates import format_date

from lms_bridge.accounts.models import User
from lms_bridge.db import db
from tests.conftest import login
from tests.experts import world

PAGES = {
    "world-coordinator@example.org": [
        "/experts", "/experts.csv", "/experts/{expert_id}", "/experts/workshops",
        "/experts/workshops/{workshop_id}", "/missions", "/missions/new", "/missions/{mission_id}",
        "/missions/{held_mission_id}", "/reports/programme?from=2020-01-01&to=2030-12-31",
        "/reports/programme.csv?from=2020-01-01&to=2030-12-31"],
    "world-nc@example.org": ["/releases", "/monitoring/validation", "/experts/{expert_id}"],
    "world-expert@example.org": ["/monitoring", "/monitoring.csv", "/missions/{mission_id}"],
    "world-assessor@example.org": ["/experts/workshops/{workshop_id}",
                                   "/experts/participants/{pending_application_id}/assessment"]}


def _everyone_reads(app, language: str) -> None:
    with app.app_context():
        for user in db.session.query(User):
            user.preferred_language = language
        db.session.commit()


@pytest.mark.parametrize("language", ["fr", "es", "ru", "ar"])
def test_every_experts_page_renders_in_every_language(app, make_user, administrations, language):
    ids = world.everything(app, make_user, administrations)
    _everyone_reads(app, language)
    for email, paths in PAGES.items():
        browser = app.test_client()
        login(browser, email)
        for path in paths:
            response = browser.get(path.format(**ids))
            assert response.status_code == 200, (path, response.get_data(as_text=True)[:500])
            if not path.split("?")[0].endswith(".csv"):
                assert f'<html lang="{language}"' in response.get_data(as_text=True), path


def test_the_report_gives_its_period_in_the_readers_words(app, make_user, administrations):
    world.everything(app, make_user, administrations)
    _everyone_reads(app, "fr")
    browser = app.test_client()
    login(browser, "world-coordinator@example.org")
    page = browser.get("/reports/programme?from=2020-01-01&to=2030-12-31").get_data(as_text=True)
    assert format_date(date(2020, 1, 1), "long", locale="fr") in page  # 1 janvier 2020
    assert "January" not in page and '<time datetime="2020-01-01">' in page
