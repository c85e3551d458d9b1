"""Results pages in the reader's language: every page renders in fr, es, ru and ar, and the CSV
headers are the downloader's while the values stay data."""
from __future__ import annotations

import pytest

from lms_bridge.accounts.models import User
from lms_bridge.db import db
from tests.conftest import login
from tests.reports.world import SLUG


def _reads(app, user_id: int, language: str) -> None:
    with app.app_context():
        db.session.get(User, user_id).preferred_language = language
        db.session.commit()


@pytest.mark.parametrize("language", ["fr", "es", "ru", "ar"])
def test_every_results_page_renders_in_every_language(app, world, language):
    _reads(app, world.coordinator, language)
    browser = app.test_client()
    login(browser, "coord@example.org")
    for path in ("/reports/modules", f"/reports/modules/{SLUG}",
                 f"/reports/modules/{SLUG}?status=passed", f"/reports/modules/{SLUG}/questions",
                 f"/reports/modules/{SLUG}/questions?attempts=all"):
        response = browser.get(path)
        assert response.status_code == 200, (path, response.get_data(as_text=True)[:500])
        assert f'<html lang="{language}"' in response.get_data(as_text=True), path


def test_the_csv_keeps_its_values_as_data_in_any_language(app, world):
    _reads(app, world.coordinator, "fr")
    browser = app.test_client()
    login(browser, "coord@example.org")
    lines = browser.get(f"/reports/modules/{SLUG}/results.csv").get_data(as_text=True).splitlines()
    lee = next(line for line in lines if line.startswith("Lee,"))
    assert ",passed," in lee  # the status as the player records it, whatever the reader
