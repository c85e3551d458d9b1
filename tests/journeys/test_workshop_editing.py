"""Workshops and prerequisites can be changed and removed; each change re-evaluates the
candidates and is audited; the module chooser is a list of checkboxes in plain words."""
import re

import pytest
from sqlalchemy import select

from lms_bridge.accounts.models import AuditEvent
from lms_bridge.db import db
from lms_bridge.eligibility.models import Application, Workshop, WorkshopPrerequisite
from lms_bridge.tracking.vocabulary import CompletionStatus
from tests.conftest import csrf_token, login
from tests.eligibility import world


@pytest.fixture
def setup(app, client, make_user):
    coordinator = make_user("coordinator", email="coordinator@example.org")
    learner = make_user("learner", country="KR", email="kr@example.org")
    with app.app_context():
        modules = world.modules()
        workshop_id = world.workshop(coordinator)
        world.complete(learner, modules["customs-valuation"], CompletionStatus.COMPLETED,
                       key="sync:v")
        application_id = world.apply(learner, workshop_id)
        prerequisites = {p.label: p.id for p in db.session.get(Workshop, workshop_id).prerequisites}
        db.session.commit()
    login(client, "coordinator@example.org")
    return {"workshop": workshop_id, "application": application_id, **prerequisites}


def _met(app, application_id) -> dict[str, bool]:
    """What the last evaluation found, prerequisite by prerequisite."""
    with app.app_context():
        return {r["label"]: r["met"] for r in db.session.get(Application, application_id).results}


def _audit(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_the_chooser_is_checkboxes_with_full_titles_and_plain_rule_words(client, setup):
    page = client.get(f"/workshops/{setup['workshop']}").get_data(as_text=True)
    assert "<select multiple" not in page
    assert re.search(r'<input [^>]*type="checkbox" value="hs-classification"> Hs classification', page)
    assert "cmi5" not in page and "CompletedAndPassed" not in page
    for words in ("Completed:", "Passed:", "Completed and passed:", "Completed or passed:"):
        assert words in page


def test_removing_a_prerequisite_re_evaluates_and_is_audited(app, client, setup):
    assert _met(app, setup["application"]) == {"HS classification": False,
                                                "Valuation or blended": True}
    url = f"/workshops/{setup['workshop']}/prerequisites/{setup['HS classification']}"
    response = client.post(f"{url}/remove", data={"csrf_token": csrf_token(client, f"{url}/edit")})
    assert response.status_code == 302
    assert _met(app, setup["application"]) == {"Valuation or blended": True}
    assert "workshop.prerequisite_removed" in _audit(app)
    with app.app_context():
        assert db.session.get(WorkshopPrerequisite, setup["HS classification"]) is None


def test_changing_a_prerequisite_re_evaluates_and_is_audited(app, client, setup):
    url = f"/workshops/{setup['workshop']}/prerequisites/{setup['HS classification']}/edit"
    page = client.get(url).get_data(as_text=True)
    assert 'value="HS classification"' in page
    assert re.search(r'<input checked [^>]*value="hs-classification"', page)
    response = client.post(url, data={
        "csrf_token": csrf_token(client, url), "label": "Valuation again",
        "modules": ["customs-valuation"], "rule": "COMPLETED"})
    assert response.status_code == 302
    assert _met(app, setup["application"]) == {"Valuation again": True,
                                                "Valuation or blended": True}
    assert "workshop.prerequisite_changed" in _audit(app)


def test_a_prerequisite_without_a_module_is_refused_on_its_form(client, setup):
    url = f"/workshops/{setup['workshop']}/prerequisites/{setup['HS classification']}/edit"
    response = client.post(url, data={"csrf_token": csrf_token(client, url),
                                      "label": "Typed label", "rule": "PASSED"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'value="Typed label"' in page and "Tick at least one module." in page


def test_changing_a_workshop_is_audited_and_removing_one_with_candidates_is_refused(
        app, client, setup):
    url = f"/workshops/{setup['workshop']}/edit"
    page = client.get(url).get_data(as_text=True)
    assert 'value="HS workshop"' in page
    form = {"csrf_token": csrf_token(client, url), "title": "HS workshop (Seoul)",
            "kind": "ACCREDITATION_WORKSHOP", "region": "ASIA_PACIFIC", "language": "en",
            "capacity": "5"}
    with app.app_context():
        workshop = db.session.get(Workshop, setup["workshop"])
        for name, attribute in (("starts_on", "starts_at"), ("ends_on", "ends_at"),
                                ("applications_open_on", "applications_open_at"),
                                ("applications_close_on", "applications_close_at")):
            form[name] = getattr(workshop, attribute).date().isoformat()
    assert client.post(url, data=form).status_code == 302
    assert "workshop.updated" in _audit(app)
    response = client.post(f"/workshops/{setup['workshop']}/remove",
                           data={"csrf_token": csrf_token(client, url)})
    assert response.status_code == 409 and "1 person applied" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Workshop, setup["workshop"]).title == "HS workshop (Seoul)"


def test_a_workshop_nobody_applied_to_can_be_removed(app, client, setup, make_user):
    with app.app_context():
        empty = world.workshop(make_user("coordinator"), title="Empty", prerequisites=False)
        db.session.commit()
    response = client.post(f"/workshops/{empty}/remove",
                           data={"csrf_token": csrf_token(client, "/workshops")})
    assert response.status_code == 302 and "workshop.removed" in _audit(app)
    with app.app_context():
        assert db.session.get(Workshop, empty) is None
